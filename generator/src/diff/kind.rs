//! Every kind of change the diff reports, with a stable id and a level, so
//! CI can gate on them (`--fail-on`) and tools can match them by id across
//! docs2rs versions.

use super::semver::Bump;
use super::{Action, Item};
use serde::Serialize;

/// How much a change matters to code written against the old SDK, in
/// increasing order: `--fail-on warn` fails on warnings and breaking changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing written against the old SDK notices.
    Info,
    /// Code still compiles, but may see different behaviour.
    Warn,
    /// Code may stop compiling or stop working.
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Breaking => "breaking",
        }
    }
}

/// One kind of change. Ids never change meaning; a new kind gets a new id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    RequestBodyChanged,
    ResponseChanged,
    ScopeAdded,
    ScopeRemoved,
    CallerAdded,
    CallerRemoved,
    CallerUndocumented,
    CallerChanged,
    TypeAdded,
    TypeRemoved,
    BaseChanged,
    PropertyAdded,
    PropertyRemoved,
    PropertyTypeChanged,
    NullabilityChanged,
    EnumAdded,
    EnumRemoved,
    MemberAdded,
    MemberRemoved,
}

impl Kind {
    /// Every kind, in the README table's order.
    pub const ALL: [Kind; 22] = [
        Kind::OperationAdded,
        Kind::OperationRemoved,
        Kind::OperationRenamed,
        Kind::RequestBodyChanged,
        Kind::ResponseChanged,
        Kind::ScopeAdded,
        Kind::ScopeRemoved,
        Kind::CallerAdded,
        Kind::CallerRemoved,
        Kind::CallerUndocumented,
        Kind::CallerChanged,
        Kind::TypeAdded,
        Kind::TypeRemoved,
        Kind::BaseChanged,
        Kind::PropertyAdded,
        Kind::PropertyRemoved,
        Kind::PropertyTypeChanged,
        Kind::NullabilityChanged,
        Kind::EnumAdded,
        Kind::EnumRemoved,
        Kind::MemberAdded,
        Kind::MemberRemoved,
    ];

    /// The stable id the JSON report and the README use.
    pub fn id(self) -> &'static str {
        self.facts().0
    }

    pub fn item(self) -> Item {
        self.facts().1
    }

    pub fn action(self) -> Action {
        self.facts().2
    }

    pub fn level(self) -> Level {
        self.facts().3
    }

    /// What the change means for an SDK user, as the README states it.
    pub fn summary(self) -> &'static str {
        self.facts().4
    }

    /// The release the generated crate needs for this change alone:
    /// breaking changes need a major one, new public items a minor one.
    pub fn bump(self) -> Bump {
        match (self.level(), self.action()) {
            (Level::Breaking, _) => Bump::Major,
            (_, Action::Added) => Bump::Minor,
            _ => Bump::Patch,
        }
    }

    /// Id, item, action, level and summary in one table, so a kind's facts
    /// are read side by side.
    fn facts(self) -> (&'static str, Item, Action, Level, &'static str) {
        use Action::{Added, Changed, Removed};
        use Item::{Enum, EnumMember, Operation, Permission, Property, Type};
        use Level::{Breaking, Info, Warn};
        match self {
            Kind::OperationAdded => ("operation-added", Operation, Added, Info, "A new request line: a new function."),
            Kind::OperationRemoved => ("operation-removed", Operation, Removed, Breaking, "A request line is gone, and its function with it."),
            Kind::OperationRenamed => ("operation-renamed", Operation, Changed, Breaking, "The same request line gets a different function name."),
            Kind::RequestBodyChanged => ("operation-request-body-changed", Operation, Changed, Breaking, "An operation's request body type changed, was added or was dropped."),
            Kind::ResponseChanged => ("operation-response-changed", Operation, Changed, Breaking, "An operation's response type changed, was added or was dropped."),
            Kind::ScopeAdded => ("permission-scope-added", Permission, Changed, Info, "A caller kind accepts one more scope."),
            Kind::ScopeRemoved => ("permission-scope-removed", Permission, Changed, Breaking, "A scope is no longer accepted: apps holding only it lose access."),
            Kind::CallerAdded => ("permission-caller-added", Permission, Changed, Info, "A caller kind that was not supported or not documented now has scopes."),
            Kind::CallerRemoved => ("permission-caller-removed", Permission, Changed, Breaking, "A caller kind that had scopes is no longer supported."),
            Kind::CallerUndocumented => ("permission-caller-undocumented", Permission, Changed, Warn, "A caller kind's scopes are no longer documented; apps may or may not keep access."),
            Kind::CallerChanged => ("permission-caller-changed", Permission, Changed, Info, "A caller kind moved between not documented and not supported."),
            Kind::TypeAdded => ("type-added", Type, Added, Info, "A new type: a new struct."),
            Kind::TypeRemoved => ("type-removed", Type, Removed, Breaking, "A type is gone, and its struct with it."),
            Kind::BaseChanged => ("type-base-changed", Type, Changed, Breaking, "A type derives from a different base type, so it has different inherited fields."),
            Kind::PropertyAdded => ("property-added", Property, Added, Info, "A new property: a new field, filled in by `..Default::default()`."),
            Kind::PropertyRemoved => ("property-removed", Property, Removed, Breaking, "A property is gone, and its field with it."),
            Kind::PropertyTypeChanged => ("property-type-changed", Property, Changed, Breaking, "A property's type or collection-ness changed: its field has a different type."),
            Kind::NullabilityChanged => ("property-nullability-changed", Property, Changed, Warn, "The description now says a property is (not) nullable: the field is a `Nullable<T>` either way, but values may differ."),
            Kind::EnumAdded => ("enum-added", Enum, Added, Info, "A new enumeration: a new enum."),
            Kind::EnumRemoved => ("enum-removed", Enum, Removed, Breaking, "An enumeration is gone, and its enum with it."),
            Kind::MemberAdded => ("enum-member-added", EnumMember, Added, Info, "A new enum member: a new variant; older SDKs receive it as `Other`."),
            Kind::MemberRemoved => ("enum-member-removed", EnumMember, Removed, Breaking, "An enum member is gone, and its variant with it."),
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_kebab_case_and_start_with_their_item() {
        let ids: BTreeSet<&str> = Kind::ALL.iter().map(|kind| kind.id()).collect();
        assert_eq!(ids.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            let id = kind.id();
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            let stem = kind.item().singular().replace(' ', "-");
            let stem = stem.replace("enumeration", "enum");
            assert!(id.starts_with(&stem), "{id} vs {stem}");
        }
    }

    #[test]
    fn removals_break_and_additions_bump_minor() {
        for kind in Kind::ALL {
            match kind.action() {
                Action::Removed => assert_eq!(kind.level(), Level::Breaking, "{kind:?}"),
                Action::Added => assert_eq!(kind.bump(), Bump::Minor, "{kind:?}"),
                Action::Changed => {}
            }
        }
    }
}
