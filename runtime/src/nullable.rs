//! A property that can be absent, explicitly `null`, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of a model property. Graph tells apart a property a payload
/// leaves out and one it sets to `null`: a PATCH with `"manager": null`
/// clears the manager, one without it leaves the manager alone. Generated
/// structs skip `Absent` properties when serialising and write `Null` as
/// `null`, so both survive a round trip.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not in the payload.
    #[default]
    Absent,
    /// `null` in the payload.
    Null,
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, if there is one (absent and `null` alike give `None`).
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Person {
        #[serde(skip_serializing_if = "Nullable::is_absent")]
        name: Nullable<String>,
        #[serde(skip_serializing_if = "Nullable::is_absent")]
        manager: Nullable<String>,
    }

    #[test]
    fn absent_null_and_set_each_round_trip() {
        let document = json!({ "manager": null, "name": "Ada" });
        let person: Person = match serde_json::from_value(document.clone()) {
            Ok(person) => person,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(person.name.value().map(String::as_str), Some("Ada"));
        assert!(person.manager.is_null());
        assert_eq!(serde_json::to_value(&person).ok(), Some(document));
        let empty: Person = serde_json::from_str("{}").unwrap_or_default();
        assert!(empty.name.is_absent());
        assert_eq!(serde_json::to_value(&empty).ok(), Some(json!({})));
    }
}
