//! Whether an example's JSON fits the types the same docs give. A value the
//! documented type cannot hold (a string where the property table says
//! Boolean, `{}` for an enumeration) is the docs contradicting themselves.

use crate::model::{ComplexType, EnumType, Example, Operation, Property, TypeRef};
use crate::primitive::Primitive;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Where a value does not fit, and what the type wants there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// A JSON pointer into the example body (`/value/0/color`).
    pub pointer: String,
    pub wanted: String,
    pub found: &'static str,
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "`{at}` is {}, where the docs' type wants {}",
            self.found, self.wanted
        )
    }
}

/// The resolved types by name, for checking examples against them.
pub struct Types<'a> {
    complex: HashMap<&'a str, &'a ComplexType>,
    enums: HashSet<&'a str>,
}

impl<'a> Types<'a> {
    pub fn new(types: &'a [ComplexType], enums: &'a [EnumType]) -> Self {
        Types {
            complex: types.iter().map(|ty| (ty.name.as_str(), ty)).collect(),
            enums: enums.iter().map(|e| e.name.as_str()).collect(),
        }
    }

    /// The first misfit of an example against the operation it exercises:
    /// its request body, then its (successful) response body, with the line
    /// of the block that holds it.
    pub fn example_misfit(
        &self,
        operation: &Operation,
        example: &Example,
    ) -> Option<(u32, Misfit)> {
        let request = example.request.as_ref().and_then(|request| {
            let ty = operation.request_body.as_ref()?;
            let misfit = self.misfit(ty, request.body.as_ref()?, false)?;
            Some((request.line, misfit))
        });
        request.or_else(|| {
            let response = example.response.as_ref()?;
            let ty = operation.response.as_ref()?;
            let success = (200..300).contains(&response.status);
            let misfit = self.misfit(ty, response.body.as_ref().filter(|_| success)?, true)?;
            Some((response.line, misfit))
        })
    }

    /// The first place where `body` does not fit `ty`. A response
    /// collection is checked inside Graph's `{"value": [...]}` envelope.
    pub fn misfit(&self, ty: &TypeRef, body: &Value, response: bool) -> Option<Misfit> {
        if response && ty.collection {
            return match body.get("value") {
                Some(items) => self.check(&ty.name, true, items, "/value"),
                None => Some(misfit("", "a page of items (`value`)", body)),
            };
        }
        self.check(&ty.name, ty.collection, body, "")
    }

    fn check(&self, name: &str, collection: bool, value: &Value, at: &str) -> Option<Misfit> {
        if value.is_null() {
            return None;
        }
        if collection {
            let Value::Array(items) = value else {
                return Some(misfit(at, &format!("a list of {name}"), value));
            };
            return items
                .iter()
                .enumerate()
                .find_map(|(index, item)| self.check(name, false, item, &format!("{at}/{index}")));
        }
        if let Some(primitive) = Primitive::parse(name) {
            return (!fits_primitive(primitive, value)).then(|| misfit(at, name, value));
        }
        if self.enums.contains(name) {
            return (!value.is_string()).then(|| misfit(at, &format!("a {name} member"), value));
        }
        let ty = self.complex.get(name)?;
        let Value::Object(object) = value else {
            return Some(misfit(at, &format!("a {name} object"), value));
        };
        let concrete = object
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|tag| {
                tag.trim_start_matches('#')
                    .rsplit('.')
                    .next()
                    .unwrap_or(tag)
            })
            .and_then(|derived| self.complex.get(derived))
            .unwrap_or(ty);
        object.iter().find_map(|(key, value)| {
            let property = self.property(concrete, key)?;
            let here = format!("{at}/{key}");
            self.check(&property.ty.name, property.ty.collection, value, &here)
        })
    }

    /// A property of `ty` or of one of its bases, by its JSON name.
    fn property(&self, ty: &'a ComplexType, key: &str) -> Option<&'a Property> {
        let mut current = Some(ty);
        let mut seen = HashSet::new();
        while let Some(ty) = current.filter(|ty| seen.insert(ty.name.as_str())) {
            let found = ty.properties.iter().chain(&ty.relationships);
            if let Some(property) = found.into_iter().find(|p| p.name == key) {
                return Some(property);
            }
            current = ty
                .base
                .as_deref()
                .and_then(|base| self.complex.get(base).copied());
        }
        None
    }
}

fn fits_primitive(primitive: Primitive, value: &Value) -> bool {
    match primitive {
        Primitive::Boolean => value.is_boolean(),
        Primitive::Byte
        | Primitive::SByte
        | Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64 => value.is_i64() || value.is_u64(),
        Primitive::Single | Primitive::Double => value.is_number(),
        // `wire::Decimal` keeps a decimal's text, quoted or not.
        Primitive::Decimal => value.is_number() || value.is_string(),
        Primitive::Json => true,
        _ => value.is_string(),
    }
}

fn misfit(at: &str, wanted: &str, value: &Value) -> Misfit {
    Misfit {
        pointer: at.to_owned(),
        wanted: wanted.to_owned(),
        found: match value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Types;
    use crate::model::{ComplexType, Origin, Property, TypeRef};
    use serde_json::json;

    fn property(name: &str, ty: &str, collection: bool) -> Property {
        Property {
            name: name.to_owned(),
            ty: TypeRef::named(ty, collection),
            description: String::new(),
            possible_values: Vec::new(),
            line: 1,
        }
    }

    #[test]
    fn misfits_name_the_place_and_the_wanted_type() {
        let origin = Origin::Page {
            page: "widget.md".to_owned(),
            line: 1,
        };
        let mut widget = ComplexType::empty("widget".to_owned(), origin.clone());
        widget.properties = vec![
            property("pinned", "Boolean", false),
            property("tags", "String", true),
        ];
        let mut clock = ComplexType::empty("clock".to_owned(), origin);
        clock.base = Some("widget".to_owned());
        clock.properties = vec![property("hands", "Int32", false)];
        let types = [widget, clock];
        let index = Types::new(&types, &[]);
        let list = TypeRef::named("widget", true);
        let fits = json!({ "value": [{ "pinned": true, "tags": ["a"], "extra": {} }, { "pinned": null }] });
        assert_eq!(index.misfit(&list, &fits, true), None);
        let derived = json!({ "value": [{ "@odata.type": "#x.clock", "pinned": "yes" }] });
        let misfit = index.misfit(&list, &derived, true).map(|m| m.to_string());
        assert_eq!(
            misfit.as_deref(),
            Some("`/value/0/pinned` is a string, where the docs' type wants Boolean")
        );
        let hands = json!({ "@odata.type": "#x.clock", "hands": 2.5 });
        let single = TypeRef::named("widget", false);
        assert!(index
            .misfit(&single, &hands, true)
            .is_some_and(|m| m.pointer == "/hands"));
        assert!(index
            .misfit(&list, &json!({ "pinned": true }), true)
            .is_some());
    }
}
