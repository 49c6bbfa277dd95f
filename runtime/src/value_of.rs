//! The object OData answers a single primitive or enumeration value in.

use crate::model::{self, FieldMut, PropertiesMut};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// `{"@odata.context": ..., "value": x}`: how a function or action that
/// returns one primitive or enumeration value sends it
/// (`isManagedAppUserBlocked` answering a Boolean, `getFileVaultKey` a
/// String). Entities and complex values come bare, and
/// collections in a [`Collection`](crate::Collection); this is the third
/// shape. Annotations docs2rs does not name are kept, so the object
/// serialises back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueOf<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// `value`; `None` when it is absent or `null`.
    pub value: Option<T>,
    pub additional_properties: Map<String, Value>,
}

/// Written by hand since `T` needs no default.
impl<T> Default for ValueOf<T> {
    fn default() -> Self {
        ValueOf {
            context: None,
            value: None,
            additional_properties: Map::new(),
        }
    }
}

impl<'de, T: Deserialize<'de>> PropertiesMut<'de> for ValueOf<T> {
    fn property_mut(&mut self, key: &str) -> Option<&mut dyn FieldMut<'de>> {
        Some(match key {
            "@odata.context" => &mut self.context,
            "value" => &mut self.value,
            _ => return None,
        })
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl<T: Serialize> Serialize for ValueOf<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry("@odata.context", context)?;
        }
        map.serialize_entry("value", &self.value)?;
        for (key, value) in &self.additional_properties {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ValueOf<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        model::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::ValueOf;
    use serde_json::json;

    #[test]
    fn a_primitive_answer_round_trips() {
        let answer = json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.Boolean",
            "value": true
        });
        let typed: ValueOf<bool> = match serde_json::from_value(answer.clone()) {
            Ok(typed) => typed,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(typed.value, Some(true));
        assert_eq!(serde_json::to_value(&typed).ok(), Some(answer));
        let null: Result<ValueOf<String>, _> = serde_json::from_str(r#"{"value":null}"#);
        assert!(null.is_ok_and(|typed| typed.value.is_none()));
        let wrong: Result<ValueOf<bool>, _> = serde_json::from_str(r#"{"value":"yes"}"#);
        assert!(wrong.is_err());
    }
}
