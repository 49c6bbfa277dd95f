//! Serde, `Debug` and `PartialEq` for generated model structs, written once
//! here. A generated struct only lists its fields: by wire name, to read a
//! property into, and by position, to write, print and compare them. The
//! fields are reached as trait objects, so the code per struct is a `match`
//! of plain references; serde_derive's output for thousands of structs
//! (`flatten` above all) and the derived `Debug` and `PartialEq` made up
//! most of a generated crate's build time.

use crate::Nullable;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A struct read from a JSON object one property at a time, starting from
/// its default (every property absent).
pub trait PropertiesMut<'de>: Default {
    /// The field property `key` goes into; `None` for a property the type
    /// does not declare, which is kept in the additional properties.
    fn property_mut(&mut self, key: &str) -> Option<&mut dyn FieldMut<'de>>;
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value>;
}

/// A struct written as a JSON object, printed and compared field by field.
pub trait Properties {
    /// Each property's wire name and field, in declaration order.
    fn properties(&self) -> impl Iterator<Item = (&'static str, &dyn Field)>;
    fn additional_properties(&self) -> &Map<String, Value>;
}

/// Implements [`PropertiesMut`], [`Properties`], serde's `Serialize` and
/// `Deserialize`, `Debug` and `PartialEq` for a generated struct, given each
/// property's wire name and field. The struct also has the fields
/// `odata_type` (`@odata.type`) and `additional_properties` (everything
/// else), and derives `Default`.
///
/// ```
/// #[derive(Clone, Default)]
/// pub struct Room {
///     pub odata_type: Option<String>,
///     pub display_name: docs2rs_runtime::Nullable<String>,
///     pub additional_properties: serde_json::Map<String, serde_json::Value>,
/// }
///
/// docs2rs_runtime::impl_model!(Room { "displayName" => display_name });
///
/// let room: Room = serde_json::from_str(r#"{"displayName": "Lab"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&room).unwrap(), r#"{"displayName":"Lab"}"#);
/// ```
#[macro_export]
macro_rules! impl_model {
    ($name:ident { $($wire:literal => $field:ident),* $(,)? }) => {
        impl<'de> $crate::model::PropertiesMut<'de> for $name {
            fn property_mut(
                &mut self,
                key: &str,
            ) -> Option<&mut dyn $crate::model::FieldMut<'de>> {
                Some(match key {
                    "@odata.type" => &mut self.odata_type,
                    $($wire => &mut self.$field,)*
                    _ => return None,
                })
            }

            fn additional_properties_mut(
                &mut self,
            ) -> &mut $crate::__private::serde_json::Map<String, $crate::__private::serde_json::Value> {
                &mut self.additional_properties
            }
        }

        impl $crate::model::Properties for $name {
            fn properties(
                &self,
            ) -> impl Iterator<Item = (&'static str, &dyn $crate::model::Field)> {
                [
                    ("@odata.type", &self.odata_type as &dyn $crate::model::Field),
                    $(($wire, &self.$field as &dyn $crate::model::Field),)*
                ]
                .into_iter()
            }

            fn additional_properties(
                &self,
            ) -> &$crate::__private::serde_json::Map<String, $crate::__private::serde_json::Value> {
                &self.additional_properties
            }
        }

        $crate::impl_serde_through!($name, $crate::model::serialize, $crate::model::deserialize);

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::model::debug(self, formatter)
            }
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::model::eq(self, other)
            }
        }
    };
}

/// `Serialize` and `Deserialize` for `$name` through the given shared
/// functions.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_serde_through {
    ($name:ident, $serialize:path, $deserialize:path) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                $serialize(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $deserialize(deserializer)
            }
        }
    };
}

/// A field that a property's value is read into.
pub trait FieldMut<'de> {
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error>;
}

impl<'de, T: Deserialize<'de>> FieldMut<'de> for T {
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        *self = erased_serde::deserialize(deserializer)?;
        Ok(())
    }
}

/// A property's field as [`Properties`] lists it: a [`Nullable`] or an
/// `Option`, which is left out of the payload when absent.
pub trait Field {
    fn is_absent(&self) -> bool;
    fn as_serialize(&self) -> &dyn erased_serde::Serialize;
    fn as_debug(&self) -> &dyn fmt::Debug;
    /// Whether `other` is a field of the same type with an equal value.
    fn same(&self, other: &dyn Field) -> bool;
    fn as_any(&self) -> &dyn Any;
}

/// [`Field`] for the field types of generated structs.
macro_rules! field {
    ($ty:ident, $absent:expr) => {
        impl<T: Serialize + fmt::Debug + PartialEq + 'static> Field for $ty<T> {
            fn is_absent(&self) -> bool {
                $absent(self)
            }

            fn as_serialize(&self) -> &dyn erased_serde::Serialize {
                self
            }

            fn as_debug(&self) -> &dyn fmt::Debug {
                self
            }

            fn same(&self, other: &dyn Field) -> bool {
                other
                    .as_any()
                    .downcast_ref::<Self>()
                    .is_some_and(|other| self == other)
            }

            fn as_any(&self) -> &dyn Any {
                self
            }
        }
    };
}

field!(Nullable, Nullable::is_absent);
field!(Option, Option::is_none);

/// `Deserialize::deserialize` of a generated struct.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: PropertiesMut<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// `Serialize::serialize` of a generated struct: its present properties,
/// then the additional ones.
pub fn serialize<S, T>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Properties + ?Sized,
{
    let mut map = serializer.serialize_map(None)?;
    for (key, field) in present(value) {
        map.serialize_entry(key, field.as_serialize())?;
    }
    for (key, value) in value.additional_properties() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// `Debug::fmt` of a generated struct: its present properties by wire name,
/// then the additional ones.
pub fn debug<T: Properties>(value: &T, formatter: &mut fmt::Formatter) -> fmt::Result {
    let full = std::any::type_name::<T>();
    let name = full.rsplit("::").next().unwrap_or(full);
    let mut out = formatter.debug_struct(name);
    for (key, field) in present(value) {
        out.field(key, field.as_debug());
    }
    if !value.additional_properties().is_empty() {
        out.field("additional_properties", value.additional_properties());
    }
    out.finish()
}

/// `PartialEq::eq` of a generated struct: field by field, as derived.
pub fn eq<T: Properties>(a: &T, b: &T) -> bool {
    a.additional_properties() == b.additional_properties()
        && a.properties()
            .zip(b.properties())
            .all(|((_, a), (_, b))| a.same(b))
}

/// The properties that are not absent, in declaration order.
fn present<T: Properties + ?Sized>(value: &T) -> impl Iterator<Item = (&'static str, &dyn Field)> {
    value.properties().filter(|(_, field)| !field.is_absent())
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: PropertiesMut<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(
            formatter,
            "a JSON object for {}",
            std::any::type_name::<T>()
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(Key(key)) = map.next_key()? {
            let named = |error: A::Error| in_property(&key, &error);
            match value.property_mut(&key) {
                Some(field) => map.next_value_seed(ReadInto(field)).map_err(named)?,
                None => {
                    let extra = map.next_value().map_err(named)?;
                    value
                        .additional_properties_mut()
                        .insert(key.into_owned(), extra);
                }
            }
        }
        Ok(value)
    }
}

/// Reads a property's value into its field, through erased_serde since the
/// field is a trait object.
struct ReadInto<'a, 'de>(&'a mut dyn FieldMut<'de>);

impl<'de> DeserializeSeed<'de> for ReadInto<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
        self.0.read(&mut erased).map_err(serde::de::Error::custom)
    }
}

/// An error about the value of property `key`, naming it: nested errors
/// read as a path (`target: groupId: invalid type: ...`).
fn in_property<E: serde::de::Error>(key: &str, error: &E) -> E {
    let message = error.to_string();
    E::custom(format_args!("{key}: {}", without_position(&message)))
}

/// serde_json ends a message with the error's position and gives the wrapping
/// error the same position again, so the inner one is dropped.
fn without_position(message: &str) -> &str {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match message.rsplit_once(" at line ") {
        Some((head, tail))
            if tail
                .split_once(" column ")
                .is_some_and(|(line, column)| digits(line) && digits(column)) =>
        {
            head
        }
        _ => message,
    }
}

/// An object's key, borrowed from the input where the deserializer allows.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

#[cfg(test)]
mod tests {
    use crate::Nullable;
    use serde_json::{json, Map, Value};

    /// A struct with the impls docs2rs generates.
    #[derive(Clone, Default)]
    struct Person {
        odata_type: Option<String>,
        name: Nullable<String>,
        age: Nullable<i32>,
        manager: Nullable<Box<Person>>,
        additional_properties: Map<String, Value>,
    }

    crate::impl_model!(Person {
        "name" => name,
        "age" => age,
        "manager" => manager,
    });

    fn parse(text: &str) -> Person {
        serde_json::from_str(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn absent_null_and_set_each_round_trip() {
        let person = parse(r#"{"manager": null, "name": "Ada"}"#);
        assert_eq!(person.name.value().map(String::as_str), Some("Ada"));
        assert!(person.manager.is_null());
        assert!(person.age.is_absent());
        let written = serde_json::to_string(&person).unwrap_or_default();
        assert_eq!(written, r#"{"name":"Ada","manager":null}"#);
        assert_eq!(
            serde_json::to_string(&Person::default()).ok(),
            Some("{}".into())
        );
    }

    #[test]
    fn unknown_properties_are_kept_and_written_after_the_declared_ones() {
        let document = json!({
            "@odata.type": "#microsoft.graph.person",
            "nickname": "A",
            "age": 36,
            "manager": { "name": "Charles", "extra": [1, { "deep": null }] }
        });
        let person: Person = serde_json::from_value(document.clone()).unwrap_or_default();
        assert_eq!(
            person.odata_type.as_deref(),
            Some("#microsoft.graph.person")
        );
        assert_eq!(
            person.additional_properties.get("nickname"),
            Some(&json!("A"))
        );
        let manager = person
            .manager
            .value()
            .map(|manager| &manager.additional_properties);
        assert_eq!(
            manager.and_then(|extra| extra.get("extra")),
            Some(&document["manager"]["extra"])
        );
        assert_eq!(serde_json::to_value(&person).ok(), Some(document));
        let text = serde_json::to_string(&person).unwrap_or_default();
        assert!(text.ends_with(r#""nickname":"A"}"#), "{text}");
    }

    #[test]
    fn keys_that_cannot_be_borrowed_are_read_too() {
        let text = r#"{"na\u006de": "Ada", "x": 1}"#;
        let person: Person = serde_json::from_reader(text.as_bytes()).unwrap_or_default();
        assert_eq!(person.name.value().map(String::as_str), Some("Ada"));
        assert_eq!(parse(text), person);
    }

    #[test]
    fn a_wrong_type_names_the_property_and_the_position_once() {
        let error = serde_json::from_str::<Person>(r#"{"name": "Ada", "age": "old"}"#)
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(r#"age: invalid type: string "old", expected i32 at line 1 column 29"#)
        );
        let nested = serde_json::from_str::<Person>("{\"manager\":\n{\"age\": true}}")
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            nested
                .starts_with("manager: age: invalid type: boolean `true`, expected i32 at line 2"),
            "{nested}"
        );
        assert_eq!(nested.matches(" at line ").count(), 1, "{nested}");
        let from_value = serde_json::from_value::<Person>(json!({ "manager": { "name": 3 } }));
        assert_eq!(
            from_value.err().map(|error| error.to_string()).as_deref(),
            Some("manager: name: invalid type: integer `3`, expected a string")
        );
    }

    #[test]
    fn only_an_object_is_a_model() {
        let error = serde_json::from_str::<Person>("[1]")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|error| error.contains("expected a JSON object for")),);
        assert!(serde_json::from_str::<Nullable<Person>>("null").is_ok_and(|p| p.is_null()));
    }

    #[test]
    fn only_a_trailing_position_is_dropped() {
        use super::without_position;
        assert_eq!(without_position("bad at line 3 column 14"), "bad");
        assert_eq!(without_position("bad at line 3"), "bad at line 3");
        assert_eq!(without_position("at line x column 2"), "at line x column 2");
        assert_eq!(
            without_position("bad at line  column 2"),
            "bad at line  column 2"
        );
    }

    #[test]
    fn debug_shows_the_present_properties_by_wire_name() {
        let person = parse(r#"{"name": "Ada", "manager": null, "x": 1}"#);
        assert_eq!(
            format!("{person:?}"),
            r#"Person { name: Value("Ada"), manager: Null, additional_properties: {"x": Number(1)} }"#
        );
    }

    #[test]
    fn equality_is_field_by_field() {
        let ada = parse(r#"{"name": "Ada", "manager": {"age": 40}}"#);
        assert_eq!(ada, ada.clone());
        let mut older = ada.clone();
        if let Nullable::Value(manager) = &mut older.manager {
            manager.age = Nullable::Value(41);
        }
        assert_ne!(ada, older);
        assert_ne!(parse(r#"{"age": null}"#), parse("{}"));
        assert_ne!(parse(r#"{"x": 1}"#), parse("{}"));
    }
}
