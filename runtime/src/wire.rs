//! Serde helpers shared by generated types, so each type carries no
//! hand-rolled (de)serialisation boilerplate of its own.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The key that names a value's concrete type in Graph JSON.
pub const ODATA_TYPE: &str = "@odata.type";

/// The type name a JSON object declares, without the leading `#` and the
/// `microsoft.graph.` namespace.
pub fn declared_type(object: &Map<String, Value>) -> Option<&str> {
    let raw = object.get(ODATA_TYPE)?.as_str()?;
    let raw = raw.strip_prefix('#').unwrap_or(raw);
    Some(raw.strip_prefix("microsoft.graph.").unwrap_or(raw))
}

/// Reads a JSON object and hands it, with its declared type, to `pick`, which
/// decodes it into the right variant of a polymorphic type.
pub fn deserialize_polymorphic<'de, D, T>(
    deserializer: D,
    pick: impl FnOnce(Option<&str>, Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value: Value = serde::Deserialize::deserialize(deserializer)?;
    let declared = match &value {
        Value::Object(object) => declared_type(object).map(str::to_owned),
        _ => return Err(D::Error::custom("expected a JSON object")),
    };
    pick(declared.as_deref(), value).map_err(D::Error::custom)
}

/// Decodes one variant of a polymorphic type.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

/// Serialises a derived type, adding `@odata.type` when the value lacks one so
/// the server knows which derived type it receives.
pub fn serialize_derived<S, T>(value: &T, type_name: &str, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Value::Object(object) = &mut json {
        if !object.contains_key(ODATA_TYPE) {
            object.insert(
                ODATA_TYPE.to_owned(),
                Value::String(format!("#microsoft.graph.{type_name}")),
            );
        }
    }
    json.serialize(serializer)
}

/// Deserialises an enumeration from its wire string; `from_wire` maps unknown
/// strings to the enumeration's fallback variant.
pub fn deserialize_enum<'de, D, T>(
    deserializer: D,
    from_wire: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text: String = serde::Deserialize::deserialize(deserializer)?;
    Ok(from_wire(text))
}

#[cfg(test)]
mod tests {
    use super::declared_type;
    use serde_json::json;

    #[test]
    fn declared_type_accepts_both_spellings() {
        for raw in ["#microsoft.graph.user", "microsoft.graph.user", "user"] {
            let value = json!({ "@odata.type": raw });
            assert_eq!(
                declared_type(value.as_object().unwrap_or(&Default::default())),
                Some("user")
            );
        }
        assert_eq!(
            declared_type(json!({}).as_object().unwrap_or(&Default::default())),
            None
        );
    }
}
