//! Requests built by the generated endpoint functions.

use docs2rs_sdk::endpoints::{device_app_management, device_management};
use docs2rs_sdk::models::{
    AnyDeviceAndAppManagementAssignmentTarget, DeviceConfigurationAssignment,
    TargetedManagedAppPolicyAssignment,
};
use docs2rs_sdk::runtime::{Body, Method, Nullable, Scopes};
use serde_json::json;

#[test]
fn ids_cannot_change_the_path() {
    let body = DeviceConfigurationAssignment::default();
    for (id, encoded) in [
        ("a/b", "a%2Fb"),
        ("what?x=1", "what%3Fx%3D1"),
        ("frag#ment", "frag%23ment"),
        ("100%", "100%25"),
        ("..", "%2E%2E"),
        ("with space", "with%20space"),
        ("naïve", "na%C3%AFve"),
    ] {
        let request =
            device_management::update_device_configurations_assignments_by_id(id, "fixed", &body);
        assert_eq!(
            request.path,
            format!("/deviceManagement/deviceConfigurations/{encoded}/assignments/fixed")
        );
        assert_eq!(request.path.matches('/').count(), 5, "{id} added a segment");
    }
}

#[test]
fn a_patch_sends_only_what_was_set() {
    let body = TargetedManagedAppPolicyAssignment {
        source_id: "abc".to_owned().into(),
        ..Default::default()
    };
    let request = device_app_management::update_ios_managed_app_protections_assignments_by_id(
        "p", "a", &body,
    );
    assert_eq!(request.method(), Method::Patch);
    assert_eq!(request.body, Body::Json(json!({ "sourceId": "abc" })));
    assert!(request
        .headers
        .contains(&("Content-Type".to_owned(), "application/json".to_owned())));
    assert!(
        request
            .headers
            .contains(&("Accept".to_owned(), "application/json".to_owned())),
        "seed 002 documents Accept"
    );
}

#[test]
fn permissions_are_data_and_todo_scopes_are_unknown() {
    let documented =
        device_app_management::UPDATE_IOS_MANAGED_APP_PROTECTIONS_ASSIGNMENTS_BY_ID.permissions;
    assert_eq!(
        documented.application,
        Scopes::AnyOf(&[
            "DeviceManagementConfiguration.ReadWrite.All",
            "DeviceManagementApps.ReadWrite.All"
        ])
    );
    assert_eq!(documented.delegated_personal, Scopes::NotSupported);
    let todo = device_management::UPDATE_DEVICE_CONFIGURATIONS_ASSIGNMENTS_BY_ID.permissions;
    assert_eq!(todo.delegated_work_or_school, Scopes::Unknown);
    assert_eq!(todo.application, Scopes::Unknown);
}

#[test]
fn a_patch_can_clear_a_property_with_null() {
    let body = TargetedManagedAppPolicyAssignment {
        source_id: Nullable::Null,
        ..Default::default()
    };
    let request = device_app_management::update_ios_managed_app_protections_assignments_by_id(
        "p", "a", &body,
    );
    assert_eq!(request.body, Body::Json(json!({ "sourceId": null })));
}

#[test]
fn a_derived_body_announces_its_type() {
    let target = AnyDeviceAndAppManagementAssignmentTarget::ScopeTagGroupAssignmentTarget(
        Default::default(),
    );
    let body = DeviceConfigurationAssignment {
        target: Box::new(target).into(),
        ..Default::default()
    };
    let request =
        device_management::update_device_configurations_assignments_by_id("c", "a", &body);
    assert_eq!(
        request.body,
        Body::Json(
            json!({ "target": { "@odata.type": "#microsoft.graph.scopeTagGroupAssignmentTarget" } })
        )
    );
}

#[test]
fn query_options_are_typed_builders() {
    let body = DeviceConfigurationAssignment::default();
    let request =
        device_management::update_device_configurations_assignments_by_id("c", "a", &body)
            .select(&["id", "target"])
            .expand(&["target"])
            .filter("id eq '1'")
            .order_by(&["id desc"])
            .top(5)
            .skip(10)
            .count(true)
            .search("\"x\"");
    let query: Vec<(&str, &str)> = request
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        query,
        [
            ("$select", "id,target"),
            ("$expand", "target"),
            ("$filter", "id eq '1'"),
            ("$orderby", "id desc"),
            ("$top", "5"),
            ("$skip", "10"),
            ("$count", "true"),
            ("$search", "\"x\""),
        ]
    );
}
