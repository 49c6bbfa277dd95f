//! Generated model types keep what they do not know.

use docs2rs_sdk::models::{
    AnyDeviceAndAppManagementAssignmentTarget as Target,
    DeviceAndAppManagementAssignmentSource as Source, TargetedManagedAppPolicyAssignment,
};
use docs2rs_sdk::runtime::Nullable;
use serde_json::{json, Value};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|error| panic!("{error}"));
    let again = serde_json::to_value(&typed).unwrap_or_else(|error| panic!("{error}"));
    (typed, again)
}

#[test]
fn derived_types_are_chosen_by_odata_type() {
    let json = json!({ "@odata.type": "#microsoft.graph.scopeTagGroupAssignmentTarget", "targetType": "user" });
    let (typed, again) = round_trip::<Target>(&json);
    match typed {
        Target::ScopeTagGroupAssignmentTarget(target) => {
            assert_eq!(target.target_type.value().map(String::as_str), Some("user"))
        }
        other => panic!("expected the derived type, got {other:?}"),
    }
    assert_eq!(again, json);
}

#[test]
fn unknown_derived_types_keep_their_json() {
    let json = json!({ "@odata.type": "#microsoft.graph.notYetDocumentedTarget", "groupId": "g", "nested": { "a": [1, 2] } });
    let (typed, again) = round_trip::<Target>(&json);
    match typed {
        Target::DeviceAndAppManagementAssignmentTarget(base) => {
            assert_eq!(
                base.odata_type.as_deref(),
                Some("#microsoft.graph.notYetDocumentedTarget")
            );
            assert_eq!(base.additional_properties.get("groupId"), Some(&json!("g")));
        }
        other => panic!("expected the base type, got {other:?}"),
    }
    assert_eq!(again, json);
}

#[test]
fn enums_keep_values_the_docs_do_not_list() {
    let (known, _) = round_trip::<Source>(&json!("policySets"));
    assert_eq!(known, Source::PolicySets);
    let (unknown, again) = round_trip::<Source>(&json!("somethingNew"));
    assert_eq!(unknown, Source::Other("somethingNew".to_owned()));
    assert_eq!(again, json!("somethingNew"));
}

#[test]
fn unknown_properties_survive_a_round_trip() {
    let json = json!({ "id": "1", "source": "direct", "addedNextYear": { "deep": true } });
    let (typed, again) = round_trip::<TargetedManagedAppPolicyAssignment>(&json);
    assert_eq!(typed.source, Nullable::Value(Source::Direct));
    assert_eq!(again, json);
}

#[test]
fn a_non_object_where_an_object_belongs_is_an_error_not_a_panic() {
    assert!(serde_json::from_value::<Target>(json!("text")).is_err());
    assert!(
        serde_json::from_value::<TargetedManagedAppPolicyAssignment>(json!({ "target": 5 }))
            .is_err()
    );
}

#[test]
fn explicit_nulls_stay_apart_from_absent_properties() {
    let json = json!({ "id": "1", "sourceId": null });
    let (typed, again) = round_trip::<TargetedManagedAppPolicyAssignment>(&json);
    assert!(typed.source_id.is_null());
    assert!(typed.source.is_absent());
    assert_eq!(again, json);
}
