//! Whether an example's JSON fits the types the same docs give. A value the
//! documented type cannot hold (a string where the property table says
//! Boolean, `{}` for an enumeration), or a property the type's tables do
//! not list, is the docs contradicting themselves.

use crate::model::{ComplexType, EnumType, Example, Operation, Origin, Property, TypeRef};
use crate::primitive::Primitive;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

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

/// A property an example body holds that its type does not document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undocumented {
    /// A JSON pointer to the property (`/value/0/colour`).
    pub pointer: String,
    pub property: String,
    /// The type expected there (the `@odata.type` one where it names one).
    pub type_name: String,
    /// The property the type documents under this name in another case.
    pub documented_as: Option<String>,
}

impl std::fmt::Display for Undocumented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Undocumented {
            pointer,
            property,
            type_name,
            documented_as,
        } = self;
        match documented_as {
            Some(documented) => write!(
                f,
                "`{pointer}` holds `{property}`, which the `{type_name}` type documents as `{documented}`"
            ),
            None => write!(
                f,
                "`{pointer}` holds `{property}`, which the `{type_name}` type (with its base types) does not document"
            ),
        }
    }
}

/// What the walk over an example body meets.
enum Found {
    Misfit(Misfit),
    Undocumented(Undocumented),
}

/// The resolved types by name, for checking examples against them.
pub struct Types<'a> {
    complex: HashMap<&'a str, &'a ComplexType>,
    /// Lower-case names, to find the type a page names in another case.
    lower: HashMap<String, &'a ComplexType>,
    /// The lower-case file stem of a documenting page to its type.
    by_page: HashMap<String, &'a ComplexType>,
    enums: HashSet<&'a str>,
}

/// Types the docs do not mark open (`"openType": true`) that are open by
/// definition: an open extension holds whatever properties its app adds.
const OPEN_BY_DEFINITION: &[&str] = &["openTypeExtension"];

impl<'a> Types<'a> {
    pub fn new(types: &'a [ComplexType], enums: &'a [EnumType]) -> Self {
        let by_page = types.iter().filter_map(|ty| match &ty.origin {
            Origin::Page { page, .. } => {
                let file = page.rsplit('/').next().unwrap_or(page);
                let stem = file.strip_suffix(".md").unwrap_or(file);
                Some((stem.to_ascii_lowercase(), ty))
            }
            _ => None,
        });
        Types {
            complex: types.iter().map(|ty| (ty.name.as_str(), ty)).collect(),
            lower: types
                .iter()
                .map(|ty| (ty.name.to_ascii_lowercase(), ty))
                .collect(),
            by_page: by_page.collect(),
            enums: enums.iter().map(|e| e.name.as_str()).collect(),
        }
    }

    /// The bodies of an example to check, each with the line of the block
    /// that holds it and its documented type: the request body, then the
    /// response body when the response is successful. Raw content is not
    /// checked: a file's bytes may well be JSON.
    fn bodies<'e>(
        &self,
        operation: &'e Operation,
        example: &'e Example,
    ) -> impl Iterator<Item = (u32, &'e TypeRef, &'e Value, bool)> {
        let request = example.request.as_ref().and_then(|request| {
            let ty = operation.request_body.as_ref()?;
            Some((request.line, ty, request.body.as_ref()?, false))
        });
        // One primitive or enumeration value comes in `{"value": ...}`.
        let wrapped = operation.answers_a_value(|name| self.enums.contains(name));
        let response = example.response.as_ref().and_then(|response| {
            let ty = operation.response.as_ref()?;
            let body = response.body.as_ref()?;
            let body = match body.get("value") {
                Some(value) if wrapped => value,
                _ => body,
            };
            (200..300)
                .contains(&response.status)
                .then_some((response.line, ty, body, true))
        });
        request
            .into_iter()
            .chain(response)
            .filter(|(_, ty, _, _)| !ty.is_stream())
    }

    /// The first misfit of an example against the operation it exercises:
    /// its request body, then its (successful) response body, with the line
    /// of the block that holds it.
    pub fn example_misfit(
        &self,
        operation: &Operation,
        example: &Example,
    ) -> Option<(u32, Misfit)> {
        self.bodies(operation, example)
            .find_map(|(line, ty, body, response)| Some((line, self.misfit(ty, body, response)?)))
    }

    /// The properties an example's bodies hold that their documented types
    /// do not list, each named once per body (a list repeats them). A
    /// single object a response wraps in `{"value": ...}` (as most Intune
    /// pages do) is checked inside the wrapper; a type the docs name
    /// ambiguously is not checked at all.
    pub fn example_undocumented(
        &self,
        operation: &Operation,
        example: &Example,
    ) -> Vec<(u32, Undocumented)> {
        let mut found: Vec<(u32, Undocumented)> = Vec::new();
        let bodies = self
            .bodies(operation, example)
            .filter(|(_, ty, _, _)| self.unambiguous(ty));
        for (line, ty, body, response) in bodies {
            let annotated = example
                .response
                .as_ref()
                .and_then(|answer| answer.odata_type.as_deref())
                .filter(|_| response);
            let ty = &*self.narrowed(ty, annotated);
            let (name, collection, body, at) = match self.envelope(ty, body) {
                Some(inner) if response => (&ty.name, inner.is_array(), inner, "/value"),
                _ if response && ty.collection => match body.get("value") {
                    Some(items) => (&ty.name, true, items, "/value"),
                    None => continue,
                },
                _ => (&ty.name, ty.collection, body, ""),
            };
            let _ = self.walk(name, collection, body, at, &mut |finding| {
                if let Found::Undocumented(undocumented) = finding {
                    let repeated = found.iter().any(|(seen_at, known)| {
                        *seen_at == line
                            && known.property == undocumented.property
                            && known.type_name == undocumented.type_name
                    });
                    if !repeated {
                        found.push((line, undocumented));
                    }
                }
                ControlFlow::<()>::Continue(())
            });
        }
        found
    }

    /// The first place where `body` does not fit `ty`. A response
    /// collection is checked inside Graph's `{"value": [...]}` envelope.
    pub fn misfit(&self, ty: &TypeRef, body: &Value, response: bool) -> Option<Misfit> {
        let mut first = |finding| match finding {
            Found::Misfit(misfit) => ControlFlow::Break(misfit),
            Found::Undocumented(_) => ControlFlow::Continue(()),
        };
        let walked = if response && ty.collection {
            match body.get("value") {
                Some(items) => self.walk(&ty.name, true, items, "/value", &mut first),
                None => ControlFlow::Break(misfit("", "a page of items (`value`)", body)),
            }
        } else {
            self.walk(&ty.name, ty.collection, body, "", &mut first)
        };
        match walked {
            ControlFlow::Break(misfit) => Some(misfit),
            ControlFlow::Continue(()) => None,
        }
    }

    /// The `value` of a single object's body that holds nothing else but
    /// annotations, for a type with no `value` property of its own.
    fn envelope<'v>(&self, ty: &TypeRef, body: &'v Value) -> Option<&'v Value> {
        if ty.collection {
            return None;
        }
        let object = body.as_object()?;
        let only_value = object.keys().all(|key| key == "value" || key.contains('@'));
        let inner = object.get("value")?;
        (only_value && !self.documents(&ty.name, "value")).then_some(inner)
    }

    /// The documented type, or the type an example's annotation names
    /// where that derives from it (a list of places annotated as rooms).
    fn narrowed<'t>(&self, ty: &'t TypeRef, annotated: Option<&str>) -> Cow<'t, TypeRef> {
        let derived = annotated
            .map(crate::model::graph_type_name)
            .and_then(|name| self.complex.get(name))
            .filter(|derived| self.lineage(derived).any(|base| base.name == ty.name));
        match derived {
            Some(derived) if derived.name != ty.name => Cow::Owned(TypeRef {
                name: derived.name.clone(),
                ..ty.clone()
            }),
            _ => Cow::Borrowed(ty),
        }
    }

    /// Whether the type a reference resolved to is the one its link's page
    /// documents (`[message](chatmessage.md)` names one type by its text
    /// and another by its page).
    fn unambiguous(&self, ty: &TypeRef) -> bool {
        let linked = ty.page.as_ref().and_then(|stem| self.by_page.get(stem));
        linked.is_none_or(|linked| linked.name == ty.name)
    }

    /// The type a page's own reference names, as this index spells it:
    /// a primitive as it is, a documented or inferred type by its name in
    /// any case (the way references are resolved). `None` for anything else.
    pub fn canonical(&self, ty: &TypeRef) -> Option<TypeRef> {
        let bare = crate::model::graph_type_name(&ty.name);
        let name = match Primitive::parse(bare) {
            Some(_) => bare,
            None => self.lower.get(&bare.to_ascii_lowercase())?.name.as_str(),
        };
        Some(TypeRef {
            name: name.to_owned(),
            ..ty.clone()
        })
    }

    /// Visits every misfit and undocumented property of `value` as type
    /// `name`, depth first, until `visit` breaks.
    fn walk<B>(
        &self,
        name: &str,
        collection: bool,
        value: &Value,
        at: &str,
        visit: &mut impl FnMut(Found) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        if value.is_null() {
            return ControlFlow::Continue(());
        }
        if collection {
            let Value::Array(items) = value else {
                return visit(Found::Misfit(misfit(
                    at,
                    &format!("a list of {name}"),
                    value,
                )));
            };
            for (index, item) in items.iter().enumerate() {
                self.walk(name, false, item, &format!("{at}/{index}"), visit)?;
            }
            return ControlFlow::Continue(());
        }
        if let Some(primitive) = Primitive::parse(name) {
            if fits_primitive(primitive, value) {
                return ControlFlow::Continue(());
            }
            return visit(Found::Misfit(misfit(at, name, value)));
        }
        if self.enums.contains(name) {
            if value.is_string() {
                return ControlFlow::Continue(());
            }
            return visit(Found::Misfit(misfit(
                at,
                &format!("a {name} member"),
                value,
            )));
        }
        let Some(ty) = self.complex.get(name) else {
            return ControlFlow::Continue(());
        };
        let Value::Object(object) = value else {
            return visit(Found::Misfit(misfit(
                at,
                &format!("a {name} object"),
                value,
            )));
        };
        // An `@odata.type` this index does not know leaves the object's
        // properties unknown: it is walked as the declared type, but none
        // of its properties is reported as undocumented.
        let (concrete, known) = match object.get("@odata.type").and_then(Value::as_str) {
            Some(tag) => match self.complex.get(crate::model::graph_type_name(tag)) {
                Some(derived) => (*derived, true),
                None => (*ty, false),
            },
            None => (*ty, true),
        };
        let closed = known && self.is_closed(concrete);
        for (key, value) in object {
            let here = || format!("{at}/{key}");
            match self.property(concrete, key) {
                Some(property) => {
                    let ty = &property.ty;
                    self.walk(&ty.name, ty.collection, value, &here(), visit)?
                }
                None if closed && !is_instance_specific(key) => {
                    visit(Found::Undocumented(Undocumented {
                        pointer: here(),
                        property: key.clone(),
                        type_name: concrete.name.clone(),
                        documented_as: self
                            .lineage(concrete)
                            .flat_map(|ty| ty.properties.iter().chain(&ty.relationships))
                            .find(|p| p.name.eq_ignore_ascii_case(key))
                            .map(|p| p.name.clone()),
                    }))?
                }
                None => {}
            }
        }
        ControlFlow::Continue(())
    }

    /// The names of a type and its bases in order, as [`Self::lineage`]
    /// walks them; just the name for a type this index does not hold.
    pub fn lineage_names(&self, name: &str) -> Vec<String> {
        match self.complex.get(name) {
            Some(&ty) => self.lineage(ty).map(|ty| ty.name.clone()).collect(),
            None => vec![name.to_owned()],
        }
    }

    /// The type and its bases in order, stopping at a cycle or a base
    /// this index does not hold.
    fn lineage(&self, ty: &'a ComplexType) -> impl Iterator<Item = &'a ComplexType> + '_ {
        let mut seen = HashSet::new();
        std::iter::successors(Some(ty), |ty| {
            ty.base
                .as_deref()
                .and_then(|base| self.complex.get(base).copied())
        })
        .take_while(move |ty| seen.insert(ty.name.as_str()))
    }

    /// Whether the docs list all a type may hold: it is not open, a page
    /// or table documents it and each of its bases, and they list at least
    /// one property (an inferred or merely referenced type lists none).
    fn is_closed(&self, ty: &'a ComplexType) -> bool {
        let mut any_property = false;
        for ty in self.lineage(ty) {
            let documented = matches!(
                ty.origin,
                Origin::Page { .. } | Origin::PropertyTable { .. } | Origin::Parameters { .. }
            );
            let base_unknown = ty
                .base
                .as_deref()
                .is_some_and(|base| !self.complex.contains_key(base));
            let open = ty.open || OPEN_BY_DEFINITION.contains(&ty.name.as_str());
            if open || !documented || base_unknown {
                return false;
            }
            any_property |= !ty.properties.is_empty() || !ty.relationships.is_empty();
        }
        any_property
    }

    /// A property of `ty` or of one of its bases, by its JSON name.
    fn property(&self, ty: &'a ComplexType, key: &str) -> Option<&'a Property> {
        self.lineage(ty)
            .flat_map(|ty| ty.properties.iter().chain(&ty.relationships))
            .find(|p| p.name == key)
    }

    /// Whether the type `name` (in any case) or one of its bases documents
    /// the property `key`.
    pub fn documents(&self, name: &str, key: &str) -> bool {
        self.lower
            .get(&name.to_ascii_lowercase())
            .is_some_and(|ty| self.property(ty, key).is_some())
    }
}

/// Keys no type table lists: instance annotations (`@odata.etag`,
/// `photo@odata.mediaEtag`, `@microsoft.graph.conflictBehavior`) and
/// directory extension properties (`extension_{appId}_{name}`), which an
/// app defines for its own tenant.
fn is_instance_specific(key: &str) -> bool {
    key.contains('@') || key.starts_with("extension_")
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
    use crate::model::{
        ComplexType, Example, ExampleResponse, HttpMethod, Operation, Origin, PathTemplate,
        Permissions, Property, TypeRef,
    };
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
        let derived =
            json!({ "value": [{ "@odata.type": "#microsoft.graph.clock", "pinned": "yes" }] });
        let misfit = index.misfit(&list, &derived, true).map(|m| m.to_string());
        assert_eq!(
            misfit.as_deref(),
            Some("`/value/0/pinned` is a string, where the docs' type wants Boolean")
        );
        let hands = json!({ "@odata.type": "#microsoft.graph.clock", "hands": 2.5 });
        let single = TypeRef::named("widget", false);
        assert!(index
            .misfit(&single, &hands, true)
            .is_some_and(|m| m.pointer == "/hands"));
        assert!(index
            .misfit(&list, &json!({ "pinned": true }), true)
            .is_some());
    }

    /// An operation answering with `response`, and an example of it whose
    /// response block shows `body` (annotated with `annotated`).
    fn exchange(
        response: TypeRef,
        body: serde_json::Value,
        annotated: Option<&str>,
    ) -> (Operation, Example) {
        let operation = Operation {
            name: "get".to_owned(),
            area: "things".to_owned(),
            method: HttpMethod::Get,
            path: PathTemplate::parse("/things/{id}"),
            page: "thing-get.md".to_owned(),
            line: 1,
            summary: None,
            description: None,
            permissions: Permissions::unknown("test"),
            headers: Vec::new(),
            request_body: None,
            response: Some(response),
            query_options: Vec::new(),
            call: false,
            body_properties: Vec::new(),
            resource: None,
        };
        let example = Example {
            name: None,
            request: None,
            response: Some(ExampleResponse {
                status: 200,
                headers: Vec::new(),
                body: Some(body),
                body_error: None,
                text_body: None,
                truncated: false,
                odata_type: annotated.map(str::to_owned),
                is_collection: None,
                line: 7,
            }),
        };
        (operation, example)
    }

    #[test]
    fn undocumented_properties_are_named_once_with_their_type_and_pointer() {
        let page = |name: &str| Origin::Page {
            page: format!("{name}.md"),
            line: 1,
        };
        let mut thing = ComplexType::empty("thing".to_owned(), page("thing"));
        thing.properties = vec![
            property("name", "String", false),
            property("part", "part", false),
        ];
        let mut gizmo = ComplexType::empty("gizmo".to_owned(), page("gizmo"));
        gizmo.base = Some("thing".to_owned());
        gizmo.properties = vec![property("gears", "Int32", false)];
        let mut part = ComplexType::empty("part".to_owned(), page("part"));
        part.properties = vec![property("size", "Int32", false)];
        part.open = true;
        let hinted = ComplexType::empty(
            "hinted".to_owned(),
            Origin::Reference {
                page: "thing.md".to_owned(),
                line: 1,
            },
        );
        let types = [thing, gizmo, part, hinted];
        let index = Types::new(&types, &[]);
        let found = |ty: TypeRef, body, annotated| {
            let (operation, example) = exchange(ty, body, annotated);
            let found = index.example_undocumented(&operation, &example);
            found
                .iter()
                .map(|(line, u)| format!("{line} {u}"))
                .collect::<Vec<_>>()
        };
        let list = json!({ "value": [
            { "name": "a", "colour": "red", "@odata.etag": "1", "name@odata.type": "x", "Part": {} },
            { "colour": "blue", "extension_0a1b_x": 1, "part": { "size": 1, "anything": 2 } },
            { "@odata.type": "#microsoft.graph.gizmo", "gears": 3, "teeth": 9 },
            { "@odata.type": "#microsoft.graph.unknown", "whatever": 1 },
        ] });
        assert_eq!(
            found(TypeRef::named("thing", true), list, None),
            [
                "7 `/value/0/colour` holds `colour`, which the `thing` type (with its base types) does not document",
                "7 `/value/0/Part` holds `Part`, which the `thing` type documents as `part`",
                "7 `/value/2/teeth` holds `teeth`, which the `gizmo` type (with its base types) does not document",
            ]
        );
        let wrapped = json!({ "value": { "gears": 1, "spin": true } });
        let narrowed = found(
            TypeRef::named("thing", false),
            wrapped,
            Some("microsoft.graph.gizmo"),
        );
        assert_eq!(narrowed.len(), 1, "{narrowed:?}");
        assert!(narrowed[0].contains("`/value/spin`") && narrowed[0].contains("`gizmo`"));
        let inferred = json!({ "anything": 1 });
        assert!(found(TypeRef::named("hinted", false), inferred, None).is_empty());
        // A file's bytes may be JSON; raw content is not checked.
        let file = json!({ "LocalizedStrings": [] });
        assert!(found(TypeRef::stream(), file.clone(), None).is_empty());
        let (operation, example) = exchange(TypeRef::stream(), file, None);
        assert!(index.example_misfit(&operation, &example).is_none());
    }
}
