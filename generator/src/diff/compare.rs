//! Compares two resolved models item by item.

use super::{ApiDiff, Change, Kind, Side};
use crate::model::{Api, ComplexType, EnumType, HttpMethod, Operation, Property, Scopes, TypeRef};
use crate::primitive::Primitive;
use std::collections::{BTreeMap, BTreeSet};

/// The group types and enumerations are reported under: they belong to no
/// one API area.
pub const MODELS: &str = "models";

/// Everything that differs between `old` and `new`, sorted.
pub fn compare(old: &Api, new: &Api) -> ApiDiff {
    let mut changes = Vec::new();
    operations(old, new, &mut changes);
    complex_types(old, new, &mut changes);
    enums(old, new, &mut changes);
    changes.sort();
    ApiDiff {
        old: side(old),
        new: side(new),
        changes,
    }
}

fn side(api: &Api) -> Side {
    Side {
        pages: api.pages.len(),
        operations: api.operations.len(),
        types: api.types.len(),
        enums: api.enums.len(),
    }
}

/// Which side an unpaired item is on.
#[derive(Clone, Copy)]
enum Only {
    Added,
    Removed,
}

impl Only {
    /// The kind of the change: `added` or `removed`.
    fn kind(self, added: Kind, removed: Kind) -> Kind {
        match self {
            Only::Added => added,
            Only::Removed => removed,
        }
    }
}

/// An item on one side only, or on both.
enum Paired<'a, T> {
    Only(&'a T, Only),
    Both(&'a T, &'a T),
}

/// Pairs items of the two sides by key: new items in order, then the
/// removed ones in key order. Where a side repeats a key (a property
/// documented twice) its first item counts, as in the generated code.
fn pair<'a, T, K: Ord + Clone>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<Paired<'a, T>> {
    let mut old_by_key: BTreeMap<K, &T> = BTreeMap::new();
    for item in old {
        old_by_key.entry(key(item)).or_insert(item);
    }
    let mut seen = BTreeSet::new();
    let mut paired = Vec::new();
    for item in new {
        let item_key = key(item);
        if !seen.insert(item_key.clone()) {
            continue;
        }
        paired.push(match old_by_key.remove(&item_key) {
            Some(before) => Paired::Both(before, item),
            None => Paired::Only(item, Only::Added),
        });
    }
    paired.extend(
        old_by_key
            .into_values()
            .map(|item| Paired::Only(item, Only::Removed)),
    );
    paired
}

/// A change to an item both sides have, on the new side's page.
fn changed(area: &str, kind: Kind, subject: String, detail: String, page: &str) -> Change {
    Change {
        area: area.to_owned(),
        kind,
        subject,
        detail: Some(detail),
        page: page.to_owned(),
    }
}

fn operation_subject(operation: &Operation) -> String {
    format!("{} {}", operation.method.as_str(), operation.path.raw)
}

fn operations(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let key = |operation: &Operation| -> (HttpMethod, String) {
        (operation.method, operation.path.shape())
    };
    for paired in pair(&old.operations, &new.operations, key) {
        match paired {
            Paired::Only(operation, side) => changes.push(Change {
                area: operation.area.clone(),
                kind: side.kind(Kind::OperationAdded, Kind::OperationRemoved),
                subject: operation_subject(operation),
                detail: Some(format!("`{}::{}`", operation.area, operation.name)),
                page: operation.page.clone(),
            }),
            Paired::Both(before, after) => operation_changes(before, after, changes),
        }
    }
}

fn operation_changes(before: &Operation, after: &Operation, changes: &mut Vec<Change>) {
    let subject = operation_subject(after);
    let mut push = |kind: Kind, detail: String| {
        changes.push(changed(
            &after.area,
            kind,
            subject.clone(),
            detail,
            &after.page,
        ));
    };
    if before.name != after.name {
        push(
            Kind::OperationRenamed,
            format!(
                "function `{}::{}` renamed `{}`",
                before.area, before.name, after.name
            ),
        );
    }
    for (kind, what, old_type, new_type) in [
        (
            Kind::RequestBodyChanged,
            "request body",
            &before.request_body,
            &after.request_body,
        ),
        (
            Kind::ResponseChanged,
            "response",
            &before.response,
            &after.response,
        ),
    ] {
        let old_text = old_type.as_ref().map(type_text);
        let new_text = new_type.as_ref().map(type_text);
        if old_text != new_text {
            let shown = |text: Option<String>| text.unwrap_or_else(|| "none".to_owned());
            push(
                kind,
                format!("{what} {} → {}", shown(old_text), shown(new_text)),
            );
        }
    }
    for (caller, old_scopes, new_scopes) in [
        (
            "delegated (work or school account)",
            &before.permissions.delegated_work_or_school,
            &after.permissions.delegated_work_or_school,
        ),
        (
            "delegated (personal Microsoft account)",
            &before.permissions.delegated_personal,
            &after.permissions.delegated_personal,
        ),
        (
            "application",
            &before.permissions.application,
            &after.permissions.application,
        ),
    ] {
        for (kind, detail) in scope_changes(old_scopes, new_scopes) {
            changes.push(changed(
                &after.area,
                kind,
                format!("{subject}: {caller}"),
                detail,
                &after.page,
            ));
        }
    }
}

/// How a caller kind's permissions changed. A scope no longer accepted
/// breaks apps that hold only that scope; a newly accepted one breaks no one.
fn scope_changes(before: &Scopes, after: &Scopes) -> Vec<(Kind, String)> {
    match (before, after) {
        (Scopes::AnyOf(old), Scopes::AnyOf(new)) => {
            let lower = |scopes: &[String]| -> Vec<String> {
                scopes
                    .iter()
                    .map(|scope| scope.to_ascii_lowercase())
                    .collect()
            };
            let (old_lower, new_lower) = (lower(old), lower(new));
            let removed = old
                .iter()
                .filter(|scope| !new_lower.contains(&scope.to_ascii_lowercase()))
                .map(|scope| (Kind::ScopeRemoved, format!("`{scope}` no longer accepted")));
            let added = new
                .iter()
                .filter(|scope| !old_lower.contains(&scope.to_ascii_lowercase()))
                .map(|scope| (Kind::ScopeAdded, format!("`{scope}` now accepted")));
            removed.chain(added).collect()
        }
        (Scopes::Unknown(_), Scopes::Unknown(_)) | (Scopes::NotSupported, Scopes::NotSupported) => {
            Vec::new()
        }
        _ => {
            // Only a caller kind that could call before can lose access.
            let kind = match (before, after) {
                (Scopes::AnyOf(_), Scopes::NotSupported) => Kind::CallerRemoved,
                (Scopes::AnyOf(_), _) => Kind::CallerUndocumented,
                (_, Scopes::AnyOf(_)) => Kind::CallerAdded,
                _ => Kind::CallerChanged,
            };
            vec![(
                kind,
                format!("{} → {}", scopes_text(before), scopes_text(after)),
            )]
        }
    }
}

fn scopes_text(scopes: &Scopes) -> String {
    match scopes {
        Scopes::AnyOf(list) => list.join(", "),
        Scopes::NotSupported => "not supported".to_owned(),
        Scopes::Unknown(_) => "not documented".to_owned(),
    }
}

/// A type reference as the report shows it: `String`, `Collection(user)`.
fn type_text(ty: &TypeRef) -> String {
    let name = match Primitive::parse(&ty.name) {
        Some(primitive) => format!("{primitive:?}"),
        None => ty.name.rsplit('.').next().unwrap_or(&ty.name).to_owned(),
    };
    if ty.collection {
        format!("Collection({name})")
    } else {
        name
    }
}

/// Two references name the same type: primitives by kind, others by name
/// without namespace and case.
fn same_type(a: &TypeRef, b: &TypeRef) -> bool {
    a.collection == b.collection && type_text(a).eq_ignore_ascii_case(&type_text(b))
}

fn complex_types(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    for paired in pair(&old.types, &new.types, |ty: &ComplexType| ty.name.clone()) {
        match paired {
            Paired::Only(ty, side) => changes.push(Change {
                area: MODELS.to_owned(),
                kind: side.kind(Kind::TypeAdded, Kind::TypeRemoved),
                subject: ty.name.clone(),
                detail: None,
                page: ty.origin.page().to_owned(),
            }),
            Paired::Both(before, after) => type_changes(before, after, changes),
        }
    }
}

fn type_changes(before: &ComplexType, after: &ComplexType, changes: &mut Vec<Change>) {
    let page = after.origin.page();
    if before.base != after.base {
        let shown = |base: &Option<String>| base.clone().unwrap_or_else(|| "none".to_owned());
        changes.push(changed(
            MODELS,
            Kind::BaseChanged,
            after.name.clone(),
            format!("base {} → {}", shown(&before.base), shown(&after.base)),
            page,
        ));
    }
    let fields = |ty: &ComplexType| -> Vec<Property> {
        ty.properties
            .iter()
            .chain(&ty.relationships)
            .cloned()
            .collect()
    };
    let (old_fields, new_fields) = (fields(before), fields(after));
    let subject = |property: &Property| format!("{}.{}", after.name, property.name);
    for paired in pair(&old_fields, &new_fields, |property: &Property| {
        property.name.clone()
    }) {
        match paired {
            Paired::Only(property, side) => changes.push(Change {
                area: MODELS.to_owned(),
                kind: side.kind(Kind::PropertyAdded, Kind::PropertyRemoved),
                subject: subject(property),
                detail: Some(type_text(&property.ty)),
                page: match side {
                    Only::Removed => before.origin.page(),
                    Only::Added => page,
                }
                .to_owned(),
            }),
            Paired::Both(old_property, new_property) => {
                for (kind, detail) in property_changes(old_property, new_property) {
                    changes.push(changed(MODELS, kind, subject(new_property), detail, page));
                }
            }
        }
    }
}

fn property_changes(before: &Property, after: &Property) -> Vec<(Kind, String)> {
    let mut found = Vec::new();
    if !same_type(&before.ty, &after.ty) {
        found.push((
            Kind::PropertyTypeChanged,
            format!("type {} → {}", type_text(&before.ty), type_text(&after.ty)),
        ));
    }
    let (old_nullable, new_nullable) = (
        nullability(&before.description),
        nullability(&after.description),
    );
    if old_nullable != new_nullable {
        found.push((
            Kind::NullabilityChanged,
            format!(
                "{} → {}",
                nullability_text(old_nullable),
                nullability_text(new_nullable)
            ),
        ));
    }
    found
}

/// What a description says about null: Graph tables write "Nullable." or
/// "Not nullable." in the description cell.
pub fn nullability(description: &str) -> Option<bool> {
    let lower = description.to_ascii_lowercase();
    if lower.contains("not nullable") || lower.contains("non-nullable") {
        Some(false)
    } else if lower.contains("nullable") {
        Some(true)
    } else {
        None
    }
}

fn nullability_text(nullable: Option<bool>) -> &'static str {
    match nullable {
        Some(true) => "nullable",
        Some(false) => "not nullable",
        None => "nullability not stated",
    }
}

fn enums(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let key = |enumeration: &EnumType| enumeration.name.clone();
    for paired in pair(&old.enums, &new.enums, key) {
        match paired {
            Paired::Only(enumeration, side) => changes.push(Change {
                area: MODELS.to_owned(),
                kind: side.kind(Kind::EnumAdded, Kind::EnumRemoved),
                subject: enumeration.name.clone(),
                detail: None,
                page: enumeration.origin.page().to_owned(),
            }),
            Paired::Both(before, after) => member_changes(before, after, changes),
        }
    }
}

fn member_changes(before: &EnumType, after: &EnumType, changes: &mut Vec<Change>) {
    for paired in pair(&before.members, &after.members, |member| {
        member.name.clone()
    }) {
        if let Paired::Only(member, side) = paired {
            let page = match side {
                Only::Removed => before.origin.page(),
                Only::Added => after.origin.page(),
            };
            changes.push(Change {
                area: MODELS.to_owned(),
                kind: side.kind(Kind::MemberAdded, Kind::MemberRemoved),
                subject: format!("{}.{}", after.name, member.name),
                detail: None,
                page: page.to_owned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullability_reads_the_usual_phrases() {
        assert_eq!(nullability("The name. Not nullable."), Some(false));
        assert_eq!(nullability("Read-only. Nullable."), Some(true));
        assert_eq!(nullability("A non-nullable id"), Some(false));
        assert_eq!(nullability("The name."), None);
    }

    #[test]
    fn removed_scopes_break_and_added_scopes_do_not() {
        let scopes = |list: &[&str]| Scopes::AnyOf(list.iter().map(|s| s.to_string()).collect());
        let found = scope_changes(
            &scopes(&["User.Read", "User.ReadWrite"]),
            &scopes(&["user.read", "Directory.Read.All"]),
        );
        assert_eq!(
            found,
            vec![
                (
                    Kind::ScopeRemoved,
                    "`User.ReadWrite` no longer accepted".to_owned()
                ),
                (
                    Kind::ScopeAdded,
                    "`Directory.Read.All` now accepted".to_owned()
                ),
            ]
        );
        assert_eq!(
            scope_changes(&scopes(&["A"]), &Scopes::NotSupported),
            vec![(Kind::CallerRemoved, "A → not supported".to_owned())]
        );
        assert_eq!(
            scope_changes(&scopes(&["A"]), &Scopes::Unknown("TODO".to_owned())),
            vec![(Kind::CallerUndocumented, "A → not documented".to_owned())]
        );
        assert_eq!(
            scope_changes(&Scopes::NotSupported, &scopes(&["A"])),
            vec![(Kind::CallerAdded, "not supported → A".to_owned())]
        );
        assert_eq!(
            scope_changes(&Scopes::Unknown("TODO".to_owned()), &Scopes::NotSupported),
            vec![(
                Kind::CallerChanged,
                "not documented → not supported".to_owned()
            )]
        );
    }

    #[test]
    fn primitives_compare_by_kind_and_names_without_namespace() {
        let named = |name: &str, collection| TypeRef::named(name, collection);
        assert!(same_type(
            &named("Edm.String", false),
            &named("string", false)
        ));
        assert!(same_type(
            &named("microsoft.graph.user", true),
            &named("User", true)
        ));
        assert!(!same_type(&named("String", true), &named("String", false)));
        assert!(!same_type(&named("Int32", false), &named("Int64", false)));
    }
}
