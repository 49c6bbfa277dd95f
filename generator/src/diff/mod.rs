//! What changed between two versions of the docs, as SDK users see it:
//! operations, types, properties, enumeration members and permissions
//! added, removed or changed, each classified as breaking or not.
//!
//! A change is *breaking* when code written against the SDK generated from
//! the old docs may stop compiling or stop working against the new one: a
//! removed operation, type, property or enum member, a changed type, a
//! renamed function, a permission no longer accepted. Additions are not
//! breaking: generated structs are meant to be built with
//! `..Default::default()` and generated enums keep unknown values in
//! `Other`. Nullability changes are reported but not breaking, since every
//! generated field is a `Nullable<T>` either way.

pub mod comment;
mod compare;
mod kind;
mod md;
pub mod report;
pub mod semver;

use serde::Serialize;

pub use compare::compare;
pub use kind::{Kind, Level};

/// Whether a change can break code written against the old SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Breaking,
    NonBreaking,
}

/// What happened to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Added,
    Removed,
    Changed,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Removed => "removed",
            Action::Changed => "changed",
        }
    }
}

/// The kind of item a change is about, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Operation,
    Permission,
    Type,
    Property,
    Enum,
    EnumMember,
}

impl Item {
    /// Every kind, in report order.
    pub const ALL: [Item; 6] = [
        Item::Operation,
        Item::Permission,
        Item::Type,
        Item::Property,
        Item::Enum,
        Item::EnumMember,
    ];

    /// The name a change row uses.
    pub fn singular(self) -> &'static str {
        match self {
            Item::Operation => "operation",
            Item::Permission => "permission",
            Item::Type => "type",
            Item::Property => "property",
            Item::Enum => "enumeration",
            Item::EnumMember => "enum member",
        }
    }

    /// The plural heading the summary table uses.
    pub fn plural(self) -> &'static str {
        match self {
            Item::Operation => "operations",
            Item::Permission => "permissions",
            Item::Type => "types",
            Item::Property => "properties",
            Item::Enum => "enumerations",
            Item::EnumMember => "enum members",
        }
    }
}

/// One change between the old and the new docs. Its kind decides its item,
/// action, level and impact, so they can never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The API area (operations, permissions) or `models` (types, enums).
    pub area: String,
    pub kind: Kind,
    /// What changed: `GET /users/{id}`, `user`, `user.displayName`,
    /// `importance.high`, `GET /me/messages: application`.
    pub subject: String,
    /// How it changed, for `changed`: `type String → Int32`.
    pub detail: Option<String>,
    /// The page documenting the item: the new page, or the old one for a
    /// removal.
    pub page: String,
}

impl Change {
    pub fn item(&self) -> Item {
        self.kind.item()
    }

    pub fn action(&self) -> Action {
        self.kind.action()
    }

    pub fn level(&self) -> Level {
        self.kind.level()
    }

    pub fn impact(&self) -> Impact {
        match self.level() {
            Level::Breaking => Impact::Breaking,
            Level::Warn | Level::Info => Impact::NonBreaking,
        }
    }

    /// Report order: area, item kind, subject, action, breaking first,
    /// then the rest.
    fn order_key(
        &self,
    ) -> (
        &str,
        Item,
        &str,
        Action,
        Impact,
        &Option<String>,
        &str,
        Kind,
    ) {
        (
            &self.area,
            self.item(),
            &self.subject,
            self.action(),
            self.impact(),
            &self.detail,
            &self.page,
            self.kind,
        )
    }
}

impl Ord for Change {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Change {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The JSON shape of `docs2rs-diff/1` with `kind` and `level` added.
impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Change", 9)?;
        out.serialize_field("area", &self.area)?;
        out.serialize_field("item", &self.item())?;
        out.serialize_field("subject", &self.subject)?;
        out.serialize_field("action", &self.action())?;
        out.serialize_field("impact", &self.impact())?;
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("level", &self.level())?;
        if let Some(detail) = &self.detail {
            out.serialize_field("detail", detail)?;
        }
        out.serialize_field("page", &self.page)?;
        out.end()
    }
}

/// The size of one side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Side {
    pub pages: usize,
    pub operations: usize,
    pub types: usize,
    pub enums: usize,
}

/// Everything that changed, sorted by area, item kind, subject and action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiDiff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
}

/// Counts of one item kind's changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub breaking: usize,
}

impl Counts {
    fn add(&mut self, change: &Change) {
        match change.action() {
            Action::Added => self.added += 1,
            Action::Removed => self.removed += 1,
            Action::Changed => self.changed += 1,
        }
        if change.impact() == Impact::Breaking {
            self.breaking += 1;
        }
    }
}

impl ApiDiff {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes
            .iter()
            .filter(|change| change.impact() == Impact::Breaking)
            .count()
    }

    /// Counts per item kind, every kind listed, in report order.
    pub fn counts(&self) -> Vec<(Item, Counts)> {
        Item::ALL
            .iter()
            .map(|&item| {
                let mut counts = Counts::default();
                for change in self.changes.iter().filter(|change| change.item() == item) {
                    counts.add(change);
                }
                (item, counts)
            })
            .collect()
    }
}
