//! Resolves parsed pages into one [`Api`]: operations with unique names,
//! and the types and enumerations the pages define or imply.

use crate::diag::{Code, Diagnostic, Position};
use crate::matching::operation_for;
use crate::model::{
    Api, ComplexType, EnumType, HttpMethod, Operation, Origin, Page, PageKind, Permissions,
    Property, TypeRef,
};
use crate::names;
use crate::primitive::Primitive;
use docs2rs_runtime::wire::declared_type;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Builds the API model. `diagnostics` are the pages' own; resolution adds
/// its findings and the result is sorted.
pub fn resolve(mut pages: Vec<Page>, mut diagnostics: Vec<Diagnostic>) -> Api {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let operations = operations(&pages, &mut diagnostics);
    let mut types = TypeTable::default();
    for page in pages.iter().filter(|page| page.kind == PageKind::Api) {
        types.learn_from_api_page(page);
    }
    for operation in &operations {
        let at = (&operation.page, operation.line);
        for ty in [&operation.request_body, &operation.response]
            .into_iter()
            .flatten()
        {
            types.ensure_referenced(ty, at);
        }
    }
    types.ensure_property_types();
    for page in &pages {
        types.observe_examples(page, &operations);
        diagnostics.extend(unmatched_examples(page, &operations));
    }
    let (types, enums) = types.finish(&mut diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Api {
        pages,
        operations,
        types,
        enums,
        diagnostics,
    }
}

/// One operation per documented request line, named uniquely per area.
fn operations(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<Operation> {
    let mut operations: Vec<Operation> = pages
        .iter()
        .filter(|page| page.kind == PageKind::Api)
        .flat_map(|page| {
            let mut seen = std::collections::BTreeSet::new();
            let distinct = page
                .requests
                .iter()
                .filter(move |request| seen.insert((request.method, request.path.raw.clone())));
            distinct.map(move |request| {
                let has_body = matches!(
                    request.method,
                    HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
                );
                Operation {
                    name: names::operation(request.method, &request.path),
                    area: names::area(&request.path),
                    method: request.method,
                    path: request.path.clone(),
                    page: page.file.clone(),
                    line: request.line,
                    summary: page.title.clone(),
                    description: page.description.clone(),
                    permissions: page.permissions.clone().unwrap_or_else(|| {
                        Permissions::unknown("the page has no Permissions table")
                    }),
                    headers: page.request_headers.clone(),
                    request_body: page.request_body_type.clone().filter(|_| has_body),
                    response: page
                        .response
                        .as_ref()
                        .and_then(|response| response.ty.clone()),
                }
            })
        })
        .collect();
    operations.sort_by(|a, b| {
        (&a.area, &a.name, &a.path, &a.page).cmp(&(&b.area, &b.name, &b.path, &b.page))
    });
    let mut scopes: BTreeMap<String, names::Scope> = BTreeMap::new();
    for operation in &mut operations {
        let (name, renamed) = scopes
            .entry(operation.area.clone())
            .or_default()
            .claim(&operation.name);
        if renamed {
            diagnostics.push(Diagnostic::new(
                &operation.page,
                Position {
                    line: operation.line,
                    column: 1,
                },
                Code::NameCollision,
                format!(
                    "`{}` is taken in `{}`; this path's function is `{name}`",
                    operation.name, operation.area
                ),
            ));
        }
        operation.name = name;
    }
    operations
}

/// Example requests whose URL fits none of their page's documented paths.
fn unmatched_examples(page: &Page, operations: &[Operation]) -> Vec<Diagnostic> {
    if page.kind != PageKind::Api {
        return Vec::new();
    }
    page.examples
        .iter()
        .filter_map(|example| example.request.as_ref())
        .filter(|request| operation_for(operations, &page.file, request).is_none())
        .map(|request| {
            Diagnostic::new(
                &page.file,
                Position {
                    line: request.line,
                    column: 1,
                },
                Code::ExampleUnmatched,
                format!(
                    "example `{} {}` matches none of the page's documented paths",
                    request.method.as_str(),
                    request.path
                ),
            )
        })
        .collect()
}

/// Types and enumerations by their documented name.
#[derive(Default)]
struct TypeTable {
    types: BTreeMap<String, ComplexType>,
    enums: BTreeMap<String, EnumType>,
    conflicts: Vec<Diagnostic>,
}

fn is_primitive(ty: &TypeRef) -> bool {
    Primitive::parse(&ty.name).is_some()
}

impl TypeTable {
    /// An API page's request-body table describes its body type's properties.
    fn learn_from_api_page(&mut self, page: &Page) {
        let Some(body_type) = &page.request_body_type else {
            return;
        };
        if page.request_body.is_empty() || is_primitive(body_type) {
            return;
        }
        let line = page
            .request_body
            .first()
            .map_or(1, |property| property.line);
        let origin = Origin::PropertyTable {
            page: page.file.clone(),
            line,
        };
        let ty = self.complex(&body_type.name, origin);
        let mut added = Vec::new();
        for property in &page.request_body {
            match ty
                .properties
                .iter()
                .find(|known| known.name == property.name)
            {
                Some(known) if known.ty != property.ty => added.push(Diagnostic::new(
                    &page.file,
                    Position {
                        line: property.line,
                        column: 1,
                    },
                    Code::TypeConflict,
                    format!(
                        "`{}.{}` is `{}` here but `{}` elsewhere; keeping `{}`",
                        body_type.name,
                        property.name,
                        property.ty.name,
                        known.ty.name,
                        known.ty.name
                    ),
                )),
                Some(_) => {}
                None => ty.properties.push(property.clone()),
            }
        }
        if matches!(ty.origin, Origin::Reference { .. }) {
            ty.origin = Origin::PropertyTable {
                page: page.file.clone(),
                line,
            };
        }
        self.conflicts.extend(added);
    }

    fn complex(&mut self, name: &str, origin: Origin) -> &mut ComplexType {
        self.types
            .entry(name.to_owned())
            .or_insert_with(|| ComplexType {
                name: name.to_owned(),
                base: None,
                derived: Vec::new(),
                properties: Vec::new(),
                origin,
            })
    }

    fn ensure_referenced(&mut self, ty: &TypeRef, (page, line): (&String, u32)) {
        if is_primitive(ty) || self.enums.contains_key(&ty.name) {
            return;
        }
        self.complex(
            &ty.name,
            Origin::Reference {
                page: page.clone(),
                line,
            },
        );
    }

    /// Every property type that is no primitive becomes a type: an enum when
    /// the description lists its possible values, a complex type otherwise.
    fn ensure_property_types(&mut self) {
        let mut wanted: Vec<(Property, String)> = Vec::new();
        for ty in self.types.values() {
            let page = origin_page(&ty.origin).to_owned();
            wanted.extend(
                ty.properties
                    .iter()
                    .map(|property| (property.clone(), page.clone())),
            );
        }
        for (property, page) in wanted {
            if is_primitive(&property.ty) {
                continue;
            }
            let origin = Origin::Reference {
                page: page.clone(),
                line: property.line,
            };
            if property.possible_values.is_empty() || self.types.contains_key(&property.ty.name) {
                self.ensure_referenced(&property.ty, (&page, property.line));
            } else {
                let entry = self
                    .enums
                    .entry(property.ty.name.clone())
                    .or_insert_with(|| EnumType {
                        name: property.ty.name.clone(),
                        members: Vec::new(),
                        origin,
                    });
                for value in &property.possible_values {
                    if !entry.members.contains(value) {
                        entry.members.push(value.clone());
                    }
                }
            }
        }
    }

    /// Walks example bodies against their operation's types, learning
    /// derived types (an `@odata.type` other than the declared one) and the
    /// properties of types known only from examples.
    fn observe_examples(&mut self, page: &Page, operations: &[Operation]) {
        for example in &page.examples {
            let matched = example
                .request
                .as_ref()
                .and_then(|request| operation_for(operations, &page.file, request));
            let Some((operation, _)) = matched else {
                continue;
            };
            if let (Some(request), Some(ty)) = (&example.request, &operation.request_body) {
                if let Some(body) = &request.body {
                    self.observe(body, &ty.name, &page.file, request.line);
                }
            }
            if let (Some(response), Some(ty)) = (&example.response, &operation.response) {
                if let Some(body) = &response.body {
                    self.observe(body, &ty.name, &page.file, response.line);
                }
            }
        }
    }

    fn observe(&mut self, value: &Value, expected: &str, page: &str, line: u32) {
        match value {
            Value::Array(items) => {
                for item in items {
                    self.observe(item, expected, page, line);
                }
            }
            Value::Object(object) => self.observe_object(object, expected, page, line),
            _ => {}
        }
    }

    fn observe_object(
        &mut self,
        object: &Map<String, Value>,
        expected: &str,
        page: &str,
        line: u32,
    ) {
        if !self.types.contains_key(expected) {
            return;
        }
        let declared = declared_type(object).filter(|name| !name.is_empty());
        let actual = match declared {
            Some(declared) if !declared.eq_ignore_ascii_case(expected) => {
                let origin = Origin::Example {
                    page: page.to_owned(),
                    line,
                };
                let derived = self.complex(declared, origin);
                if derived.base.is_none() && matches!(derived.origin, Origin::Example { .. }) {
                    derived.base = Some(expected.to_owned());
                }
                declared.to_owned()
            }
            _ => expected.to_owned(),
        };
        for (key, value) in object {
            if key.contains('@') {
                continue;
            }
            match self.property_type(&actual, key) {
                Some(ty) if !is_primitive(&ty) => self.observe(value, &ty.name, page, line),
                Some(_) => {}
                None => self.learn_property(&actual, key, value, line),
            }
        }
    }

    /// A property of a type or of one of its bases.
    fn property_type(&self, type_name: &str, property: &str) -> Option<TypeRef> {
        let mut current = self.types.get(type_name);
        let mut depth = 0;
        while let Some(ty) = current {
            if let Some(found) = ty.properties.iter().find(|known| known.name == property) {
                return Some(found.ty.clone());
            }
            depth += 1;
            current = ty
                .base
                .as_ref()
                .filter(|_| depth < 64)
                .and_then(|base| self.types.get(base));
        }
        None
    }

    /// Adds a property seen in an example to a type known only from examples.
    fn learn_property(&mut self, type_name: &str, key: &str, value: &Value, line: u32) {
        let Some(ty) = self.types.get_mut(type_name) else {
            return;
        };
        if !matches!(ty.origin, Origin::Example { .. }) {
            return;
        }
        ty.properties.push(Property {
            name: key.to_owned(),
            ty: json_type(value),
            description: String::new(),
            possible_values: Vec::new(),
            line,
        });
    }

    fn finish(mut self, diagnostics: &mut Vec<Diagnostic>) -> (Vec<ComplexType>, Vec<EnumType>) {
        diagnostics.append(&mut self.conflicts);
        let links: Vec<(String, String)> = self
            .types
            .values()
            .filter_map(|ty| ty.base.clone().map(|base| (base, ty.name.clone())))
            .collect();
        for (base, derived) in links {
            if let Some(base) = self.types.get_mut(&base) {
                base.derived.push(derived);
            }
        }
        for ty in self.types.values_mut() {
            ty.derived.sort();
            diagnostics.push(inferred(&ty.name, &ty.origin, "type"));
        }
        for enumeration in self.enums.values() {
            diagnostics.push(inferred(
                &enumeration.name,
                &enumeration.origin,
                "enumeration",
            ));
        }
        (
            self.types.into_values().collect(),
            self.enums.into_values().collect(),
        )
    }
}

fn origin_page(origin: &Origin) -> &str {
    match origin {
        Origin::PropertyTable { page, .. }
        | Origin::Reference { page, .. }
        | Origin::Example { page, .. } => page,
    }
}

fn inferred(name: &str, origin: &Origin, what: &str) -> Diagnostic {
    let (page, line, how) = match origin {
        Origin::PropertyTable { page, line } => (page, *line, "from a request-body table"),
        Origin::Reference { page, line } => (page, *line, "from a reference alone"),
        Origin::Example { page, line } => (page, *line, "from an example body"),
    };
    Diagnostic::new(
        page,
        Position { line, column: 1 },
        Code::TypeInferred,
        format!("{what} `{name}` has no resource page in the input; inferred {how}"),
    )
}

/// The type a JSON value suggests, for properties known only from examples.
fn json_type(value: &Value) -> TypeRef {
    let (name, collection) = match value {
        Value::String(_) => ("String", false),
        Value::Bool(_) => ("Boolean", false),
        Value::Number(number) if number.is_i64() || number.is_u64() => ("Int64", false),
        Value::Number(_) => ("Double", false),
        Value::Array(items) => {
            let inner = items.first().map(json_type);
            return TypeRef {
                name: inner.map_or_else(|| "Json".to_owned(), |inner| inner.name),
                collection: true,
            };
        }
        Value::Object(_) | Value::Null => ("Json", false),
    };
    TypeRef {
        name: name.to_owned(),
        collection,
    }
}
