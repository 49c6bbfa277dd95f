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
    use serde_json::json;

    /// Absent is the model helpers' business: on its own, a `Nullable` reads
    /// `null` as `Null` and writes `Absent` and `Null` as `null`.
    #[test]
    fn null_and_values_read_and_write() {
        let null: Nullable<String> = serde_json::from_value(json!(null)).unwrap_or_default();
        assert!(null.is_null());
        let set: Nullable<i32> = serde_json::from_value(json!(3)).unwrap_or_default();
        assert_eq!(set, Nullable::Value(3));
        assert_eq!(serde_json::to_value(&set).ok(), Some(json!(3)));
        assert_eq!(
            serde_json::to_value(Nullable::<i32>::Absent).ok(),
            Some(json!(null))
        );
        assert!(serde_json::from_value::<Nullable<i32>>(json!("x")).is_err());
    }
}
