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

/// An enumeration with a wire spelling per member and a fallback for
/// values the docs do not list.
pub trait WireEnum: Sized {
    /// The member as Graph spells it.
    fn as_str(&self) -> &str;
    /// The member a wire value names; unknown values are kept.
    fn from_wire(value: String) -> Self;
}

/// Implements [`WireEnum`] and serde's `Serialize` and `Deserialize` for a
/// generated enumeration, given each member's variant and wire spelling. The
/// enum also has a variant `Other(String)` for values the docs do not list.
#[macro_export]
macro_rules! impl_wire_enum {
    ($name:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
        impl $crate::wire::WireEnum for $name {
            fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(value) => value,
                }
            }

            fn from_wire(value: String) -> Self {
                match value.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Other(value),
                }
            }
        }

        $crate::impl_serde_through!(
            $name,
            $crate::wire::serialize_enum,
            $crate::wire::deserialize_enum
        );
    };
}

/// Serialises an enumeration as its wire string.
pub fn serialize_enum<S: Serializer, E: WireEnum>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserialises an enumeration from its wire string.
pub fn deserialize_enum<'de, D: Deserializer<'de>, E: WireEnum>(
    deserializer: D,
) -> Result<E, D::Error> {
    let text: String = serde::Deserialize::deserialize(deserializer)?;
    Ok(E::from_wire(text))
}

/// A set of flag members, written comma-separated (`"x86,x64"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: WireEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = self.0.iter().map(WireEnum::as_str).collect();
        serializer.serialize_str(&names.join(","))
    }
}

impl<'de, E: WireEnum> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text: String = serde::Deserialize::deserialize(deserializer)?;
        let members = text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| E::from_wire(name.to_owned()))
            .collect();
        Ok(Flags(members))
    }
}

/// An `Edm.Decimal`, kept as its decimal text so that no precision is lost
/// where Graph sends it as a string (`IEEE754Compatible=true`), and written
/// back the way it came (string or number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    pub text: String,
    /// Whether the value came, and goes, as a JSON string.
    pub quoted: bool,
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.text.parse::<serde_json::Number>() {
            Ok(number) if !self.quoted => number.serialize(serializer),
            _ => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match <Value as serde::Deserialize>::deserialize(deserializer)? {
            Value::String(text) => Ok(Decimal { text, quoted: true }),
            Value::Number(number) => Ok(Decimal {
                text: number.to_string(),
                quoted: false,
            }),
            other => Err(D::Error::custom(format!(
                "expected a decimal, found {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::declared_type;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    enum Arch {
        X86,
        X64,
        Other(String),
    }

    crate::impl_wire_enum!(Arch {
        X86 => "x86",
        X64 => "x64",
    });

    #[test]
    fn members_keep_their_spelling_and_unknown_values_are_kept() {
        assert_eq!(
            serde_json::from_value::<Arch>(json!("x64")).ok(),
            Some(Arch::X64)
        );
        assert_eq!(
            serde_json::from_value::<Arch>(json!("arm")).ok(),
            Some(Arch::Other("arm".into()))
        );
        assert_eq!(serde_json::to_value(Arch::X86).ok(), Some(json!("x86")));
        assert_eq!(
            serde_json::to_value(Arch::Other("arm".into())).ok(),
            Some(json!("arm"))
        );
    }

    #[test]
    fn flags_are_comma_separated_and_keep_unknown_members() {
        let flags: super::Flags<Arch> =
            serde_json::from_value(json!("x86, x64,arm")).unwrap_or_default();
        assert_eq!(flags.0, [Arch::X86, Arch::X64, Arch::Other("arm".into())]);
        assert_eq!(
            serde_json::to_value(&flags).ok(),
            Some(json!("x86,x64,arm"))
        );
    }

    #[test]
    fn decimals_keep_their_text_and_their_quoting() {
        for value in [json!("123456789012345678901234.5"), json!(1.25), json!(7)] {
            let decimal: super::Decimal = serde_json::from_value(value.clone()).unwrap_or_default();
            assert_eq!(serde_json::to_value(&decimal).ok(), Some(value));
        }
        assert!(serde_json::from_value::<super::Decimal>(json!(true)).is_err());
    }

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
