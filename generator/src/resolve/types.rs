//! The type table: types and enumerations from resource and enum pages,
//! from request-body tables, and inferred from references and examples.
//! Every type reference in the model is resolved against it to the
//! defining page's spelling.

use super::bodies::{name_bodies, Wanted};
use super::urls::TypeKind;
use crate::diag::{Code, Diagnostic, Position};
use crate::matching::OperationIndex;
use crate::model::{
    ComplexType, EnumDoc, EnumType, HttpMethod, Origin, Page, PageKind, Property, TypeRef,
};
use crate::primitive::Primitive;
use docs2rs_runtime::wire::declared_type;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// Where a reference was made, for diagnostics.
pub type At<'a> = (&'a str, u32);

/// Types and enumerations by canonical name, with case-insensitive indexes.
#[derive(Default)]
pub struct TypeTable {
    types: BTreeMap<String, ComplexType>,
    enums: BTreeMap<String, EnumType>,
    /// Lower-case name (without `microsoft.graph.`) to canonical name.
    by_name: HashMap<String, String>,
    /// Lower-case name without any namespace to the canonical names of
    /// the types of namespaces below `microsoft.graph` it names.
    by_short: HashMap<String, std::collections::BTreeSet<String>>,
    /// Page file to the namespace below `microsoft.graph` it documents.
    namespace_of: HashMap<String, String>,
    /// Lower-case page file stem to the canonical name the page documents.
    by_page: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

use crate::model::graph_type_name as bare;

fn lower(name: &str) -> String {
    bare(name).to_ascii_lowercase()
}

/// The lower-case name without any namespace (`session` for
/// `callRecords.session`).
fn short(name: &str) -> String {
    let name = bare(name);
    name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase()
}

/// The lower-case file stem of a page (`resources/user.md` gives `user`).
pub(super) fn page_stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.trim_end_matches(".md").to_ascii_lowercase()
}

fn is_primitive(ty: &TypeRef) -> bool {
    Primitive::parse(&ty.name).is_some()
}

/// A page's table rows, each named as its JSON representation spells the
/// name where the two differ only in case (`printerID`, shown as
/// `printerId`): the representation shows what the service sends. The
/// difference is reported with the representation's other findings (D511).
fn spelt_as_shown(properties: &[Property], page: &Page) -> Vec<Property> {
    let shown = page
        .representation
        .iter()
        .flat_map(|representation| &representation.properties);
    let mut properties = properties.to_vec();
    for shown in shown {
        let exact = properties
            .iter()
            .any(|property| property.name == shown.name);
        let differing = properties
            .iter_mut()
            .find(|property| property.name.eq_ignore_ascii_case(&shown.name));
        if let (false, Some(property)) = (exact, differing) {
            property.name = shown.name.clone();
        }
    }
    properties
}

/// Bit-flag enumerations: every member has a value, and the non-zero values
/// are at least three distinct powers of two.
fn looks_like_flags(doc: &EnumDoc) -> bool {
    let values: Vec<i64> = doc
        .members
        .iter()
        .filter_map(|member| member.value)
        .collect();
    let nonzero: Vec<i64> = values.iter().copied().filter(|value| *value != 0).collect();
    values.len() == doc.members.len()
        && nonzero.len() >= 3
        && nonzero
            .iter()
            .all(|value| *value > 0 && (value & (value - 1)) == 0)
}

impl TypeTable {
    /// Types from resource pages and enumerations from enum pages and
    /// `X values` sections.
    pub fn add_documented(&mut self, pages: &[Page]) {
        for page in pages {
            // A link to a resource page means its type, not an enumeration
            // one of its `X values` sections defines.
            let page_means_enum = page.kind == PageKind::Enum;
            if let Some(namespace) = page.sub_namespace() {
                self.namespace_of
                    .insert(page.file.clone(), namespace.to_owned());
            }
            for doc in &page.enums {
                let name = match bare(&doc.name).contains('.') {
                    true => bare(&doc.name).to_owned(),
                    false => page.qualify(bare(&doc.name)),
                };
                self.add_enum(&name, doc, &page.file, page_means_enum);
            }
            // A page with only a Relationships table (`educationRoot`)
            // still documents its type.
            let documents_nothing = page.properties.is_empty()
                && page.relationships.is_empty()
                && page.resource.is_none();
            if page.kind != PageKind::Resource || documents_nothing {
                continue;
            }
            let name = page.resource_name();
            // A page about a primitive (`Json`) documents no complex type.
            if Primitive::parse(&name).is_some() {
                continue;
            }
            let line = page.properties.first().map_or(1, |property| property.line);
            let resource = page.resource.clone().unwrap_or_default();
            let base = resource
                .base_type
                .as_deref()
                .map(bare)
                .map(str::to_owned)
                .or_else(|| page.inherits_from.clone());
            let ty = ComplexType {
                name: name.clone(),
                base,
                derived: Vec::new(),
                properties: spelt_as_shown(&page.properties, page),
                relationships: spelt_as_shown(&page.relationships, page),
                description: page.description.clone(),
                key: resource.key_property,
                is_abstract: resource.is_abstract,
                open: resource.open_type,
                origin: Origin::Page {
                    page: page.file.clone(),
                    line,
                },
            };
            self.by_page
                .entry(page_stem(&page.file))
                .or_insert_with(|| name.clone());
            match self.by_name.get(&lower(&name)).cloned() {
                Some(existing) => self.merge(&existing, ty),
                None => self.insert_type(ty),
            }
        }
    }

    fn add_enum(&mut self, name: &str, doc: &EnumDoc, file: &str, claims_page: bool) {
        if let Some(existing) = self.by_name.get(&lower(name)).cloned() {
            if let Some(known) = self.enums.get_mut(&existing) {
                for member in &doc.members {
                    if !known.members.iter().any(|m| m.name == member.name) {
                        known.members.push(member.clone());
                    }
                }
            }
            return;
        }
        let name = name.to_owned();
        let mut members = doc.members.clone();
        let mut seen = std::collections::HashSet::new();
        members.retain(|member| seen.insert(member.name.clone()));
        self.index_name(&name);
        if claims_page {
            self.by_page
                .entry(page_stem(file))
                .or_insert_with(|| name.clone());
        }
        self.enums.insert(
            name.clone(),
            EnumType {
                name,
                members,
                flags: looks_like_flags(doc),
                origin: Origin::Page {
                    page: file.to_owned(),
                    line: doc.line,
                },
            },
        );
    }

    fn insert_type(&mut self, ty: ComplexType) {
        self.index_name(&ty.name);
        self.types.insert(ty.name.clone(), ty);
    }

    /// Makes a new type or enumeration findable by its name in any case,
    /// and, in a namespace below `microsoft.graph`, by its name alone.
    fn index_name(&mut self, name: &str) {
        self.by_name.insert(lower(name), name.to_owned());
        if bare(name).contains('.') {
            self.by_short
                .entry(short(name))
                .or_default()
                .insert(name.to_owned());
        }
    }

    /// A second definition of a known type adds the properties the first lacks.
    fn merge(&mut self, existing: &str, other: ComplexType) {
        let Some(known) = self.types.get_mut(existing) else {
            return;
        };
        for property in other.properties {
            if !known.properties.iter().any(|p| p.name == property.name) {
                known.properties.push(property);
            }
        }
        for relationship in other.relationships {
            if !known
                .relationships
                .iter()
                .any(|p| p.name == relationship.name)
            {
                known.relationships.push(relationship);
            }
        }
        if known.base.is_none() {
            known.base = other.base;
        }
        known.open |= other.open;
    }

    /// Whether a page documents the namespace below `microsoft.graph`.
    fn documents_namespace(&self, namespace: &str) -> bool {
        self.namespace_of
            .values()
            .any(|known| known.eq_ignore_ascii_case(namespace))
    }

    /// The canonical spelling of a type or enumeration name, if known: a
    /// name without namespace is `microsoft.graph`'s type, else the one
    /// type of that name in a namespace below it.
    pub fn canonical(&self, name: &str) -> Option<String> {
        if let Some(known) = self.by_name.get(&lower(name)) {
            return Some(known.clone());
        }
        if bare(name).contains('.') {
            return None;
        }
        match self.by_short.get(&short(name))?.iter().collect::<Vec<_>>()[..] {
            [only] => Some(only.clone()),
            _ => None,
        }
    }

    /// The type or enumeration a page (by lower-case file stem) documents.
    pub fn page_type(&self, stem: &str) -> Option<String> {
        self.by_page.get(stem).cloned()
    }

    /// A type's name and its bases' in order, stopping at a cycle or a
    /// base the table does not hold.
    pub fn lineage(&self, name: &str) -> Vec<String> {
        let mut names = vec![name.to_owned()];
        let mut current = self.types.get(name);
        while let Some(base) = current.and_then(|ty| ty.base.as_ref()) {
            if names.contains(base) {
                break;
            }
            names.push(base.clone());
            current = self.types.get(base);
        }
        names
    }

    /// The names of a type's properties and relationships, and its
    /// bases', as the tables write them (a remark after the name cut).
    pub fn property_names(&self, type_name: &str) -> Vec<&str> {
        self.lineage(type_name)
            .iter()
            .filter_map(|name| self.types.get(name))
            .flat_map(|ty| ty.properties.iter().chain(&ty.relationships))
            .map(|property| {
                let name = property.name.as_str();
                name.split([' ', '(']).next().unwrap_or(name)
            })
            .collect()
    }

    /// The canonical names of the complex types, sorted.
    pub fn complex_names(&self) -> impl Iterator<Item = &str> {
        self.types.keys().map(String::as_str)
    }

    /// Whether a name (any case, namespace or not) is a complex type or an
    /// enumeration of the table.
    pub fn kind_of(&self, name: &str) -> Option<TypeKind> {
        let name = self.canonical(name)?;
        if self.types.contains_key(&name) {
            Some(TypeKind::Complex)
        } else {
            self.enums
                .contains_key(&name)
                .then_some(TypeKind::Enumeration)
        }
    }

    /// The type of a navigation or structural property a path segment
    /// names, on a type or its bases: the exact name first, then in any
    /// case (paths are matched case-insensitively), ignoring a remark after
    /// a table's name (`autoAdmittedUsers (deprecated)`).
    pub fn navigation(&self, type_name: &str, segment: &str) -> Option<TypeRef> {
        self.property_type(type_name, segment).or_else(|| {
            self.find_property(type_name, |name| {
                let name = name.split([' ', '(']).next().unwrap_or(name);
                name.eq_ignore_ascii_case(segment)
            })
        })
    }

    /// An API page's request-body table describes its body type, where no
    /// resource page does.
    pub fn add_body_tables(&mut self, pages: &[Page]) {
        for page in pages.iter().filter(|page| page.kind == PageKind::Api) {
            let Some(body_type) = &page.request_body_type else {
                continue;
            };
            if page.request_body.is_empty() || is_primitive(body_type) {
                continue;
            }
            let name = self.canonical(&body_type.name).or_else(|| {
                body_type
                    .page
                    .as_ref()
                    .and_then(|stem| self.by_page.get(stem).cloned())
            });
            if name
                .as_ref()
                .is_some_and(|name| self.enums.contains_key(name))
            {
                continue;
            }
            let line = page
                .request_body
                .first()
                .map_or(1, |property| property.line);
            let name = match name {
                Some(name) => name,
                None => {
                    let name = bare(&body_type.name).to_owned();
                    let origin = Origin::PropertyTable {
                        page: page.file.clone(),
                        line,
                    };
                    self.insert_type(ComplexType::empty(name.clone(), origin));
                    name
                }
            };
            let Some(ty) = self.types.get_mut(&name) else {
                continue;
            };
            if ty.origin.is_documented() {
                continue;
            }
            for property in &page.request_body {
                match ty
                    .properties
                    .iter()
                    .find(|known| known.name == property.name)
                {
                    Some(known)
                        if known.ty.name != property.ty.name
                            || known.ty.collection != property.ty.collection =>
                    {
                        self.diagnostics.push(Diagnostic::new(
                            &page.file,
                            Position {
                                line: property.line,
                                column: 1,
                            },
                            Code::TypeConflict,
                            format!(
                                "`{}.{}` is `{}` here but `{}` elsewhere; keeping `{}`",
                                name, property.name, property.ty.name, known.ty.name, known.ty.name
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => ty.properties.push(property.clone()),
                }
            }
        }
    }

    /// An action's parameter table (the Request body table of a page in
    /// `parameter_pages`) becomes a type of its own, named after the
    /// action: `POST /users/{id}/assignLicense` gives `assignLicenseRequestBody`.
    /// A parameter stays nested under its own name, even where the page
    /// links its type as the body's (`addPassword`'s `passwordCredential`).
    /// Returns the type name for each such page.
    pub fn synthesize_bodies(
        &mut self,
        pages: &[Page],
        parameter_pages: &std::collections::BTreeSet<String>,
    ) -> HashMap<String, String> {
        let sends_body = |request: &&crate::model::RequestLine| {
            matches!(
                request.method,
                HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
            )
        };
        let wanted: Vec<(&Page, &crate::model::RequestLine)> = pages
            .iter()
            .filter(|page| page.kind == PageKind::Api && !page.request_body.is_empty())
            .filter(|page| parameter_pages.contains(&page.file))
            .filter_map(|page| Some((page, page.requests.iter().find(sends_body)?)))
            .collect();
        let requests: Vec<Wanted> = wanted
            .iter()
            .map(|(page, request)| Wanted {
                path: &request.path,
                page: &page.file,
            })
            .collect();
        let named = name_bodies(&requests, |name| self.canonical(name).is_some());
        let mut bodies = HashMap::new();
        for (page, request) in wanted {
            let Some(named) = named.get(&request.path.shape()) else {
                continue;
            };
            let line = page
                .request_body
                .first()
                .map_or(1, |property| property.line);
            let properties = self
                .nested_parameter(page, line)
                .unwrap_or_else(|| page.request_body.clone());
            if let Some(short) = named
                .qualified_from
                .as_ref()
                .filter(|_| self.canonical(&named.name).is_none())
            {
                self.diagnostics.push(Diagnostic::new(
                    &page.file,
                    Position {
                        line: request.line,
                        column: 1,
                    },
                    Code::NameCollision,
                    format!(
                        "`{short}` would name the parameters of actions at several paths (or another type); those of `{}` are `{}`",
                        request.path.raw, named.name
                    ),
                ));
            }
            match self.types.get_mut(&named.name) {
                // Another page documents the same path: one type, with the
                // parameters either lists.
                Some(known) => {
                    for property in properties {
                        if !known.properties.iter().any(|p| p.name == property.name) {
                            known.properties.push(property);
                        }
                    }
                }
                None => {
                    let origin = Origin::Parameters {
                        page: page.file.clone(),
                        line,
                    };
                    self.insert_type(ComplexType {
                        properties,
                        description: Some(format!(
                            "The parameters of `{} {}`.",
                            request.method.as_str(),
                            request.path.raw
                        )),
                        ..ComplexType::empty(named.name.clone(), origin)
                    });
                }
            }
            bodies.insert(page.file.clone(), named.name.clone());
        }
        bodies
    }

    /// The one parameter an action's table really describes the inside of:
    /// the table lists a type's properties (`displayName`, `endDateTime`)
    /// while every example body nests them under one member named after
    /// that type (`{"passwordCredential": {...}}`). The body is then that
    /// one member, of that type.
    fn nested_parameter(&self, page: &Page, line: u32) -> Option<Vec<Property>> {
        let bodies: Vec<&Map<String, Value>> = page
            .examples
            .iter()
            .filter_map(|example| example.request.as_ref()?.body.as_ref()?.as_object())
            .collect();
        let (key, _) = bodies.first()?.iter().next()?;
        let listed = |name: &str| page.request_body.iter().any(|p| p.name == *name);
        let nests = |body: &&Map<String, Value>| {
            body.len() == 1
                && body
                    .get(key)
                    .and_then(Value::as_object)
                    .is_some_and(|inner| !inner.is_empty() && inner.keys().all(|name| listed(name)))
        };
        if listed(key) || !bodies.iter().all(nests) {
            return None;
        }
        let name = self.canonical(key)?;
        self.types.contains_key(&name).then(|| {
            vec![Property {
                name: key.clone(),
                ty: TypeRef::named(&name, false),
                description: format!("The `{key}` the table's properties belong to."),
                possible_values: Vec::new(),
                line,
            }]
        })
    }

    /// Resolves a reference to the canonical name of a known type, infers a
    /// type for a linked name nothing defines, and reports an unknown
    /// plain-text name (which the emitter turns into a JSON value).
    pub fn resolve_ref(&mut self, ty: &mut TypeRef, possible_values: &[String], (page, line): At) {
        for alternative in &mut ty.alternatives {
            self.resolve_ref(alternative, &[], (page, line));
        }
        if is_primitive(ty) {
            return;
        }
        let linked = ty
            .page
            .as_ref()
            .and_then(|stem| self.by_page.get(stem).cloned());
        // A link's text names the type (`[user](directoryobject.md)` means
        // user); its page tells which namespace's type of that name it is
        // (`[probe](telemetry-probe.md)`).
        let same_name = linked
            .as_ref()
            .filter(|linked| short(linked) == short(&ty.name))
            .cloned();
        let found = same_name.or_else(|| self.canonical(&ty.name)).or(linked);
        if let Some(name) = found {
            ty.name = name;
            return;
        }
        let at = Position { line, column: 1 };
        let name = bare(&ty.name).to_owned();
        let plausible = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        let evidently_a_type = ty.linked || !possible_values.is_empty();
        if !plausible || !evidently_a_type {
            self.diagnostics.push(Diagnostic::new(
                page,
                at,
                Code::UnknownTypeName,
                format!(
                    "`{}` is no Graph primitive and no type in the input; it becomes a JSON value",
                    ty.name
                ),
            ));
            return;
        }
        // An undocumented type a namespace's page names is that namespace's.
        let name = match self.namespace_of.get(page) {
            Some(namespace) if !name.contains('.') => format!("{namespace}.{name}"),
            _ => name,
        };
        let origin = Origin::Reference {
            page: page.to_owned(),
            line,
        };
        self.index_name(&name);
        if possible_values.is_empty() {
            self.types
                .insert(name.clone(), ComplexType::empty(name.clone(), origin));
        } else {
            let members = possible_values
                .iter()
                .map(|value| crate::model::EnumMember {
                    name: value.clone(),
                    value: None,
                    description: String::new(),
                })
                .collect();
            self.enums.insert(
                name.clone(),
                EnumType {
                    name: name.clone(),
                    members,
                    flags: false,
                    origin,
                },
            );
        }
        ty.name = name;
    }

    /// Resolves every property type and base type, until no new inferred
    /// type appears (an inferred type brings no properties, so one pass
    /// after the first suffices).
    pub fn resolve_members(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for name in names {
            let Some(mut ty) = self.types.remove(&name) else {
                continue;
            };
            let page = ty.origin.page().to_owned();
            for property in ty.properties.iter_mut().chain(ty.relationships.iter_mut()) {
                let values = property.possible_values.clone();
                self.resolve_ref(&mut property.ty, &values, (&page, property.line));
            }
            if let Some(base) = ty.base.take() {
                let mut reference = TypeRef {
                    linked: true,
                    ..TypeRef::named(&base, false)
                };
                let line = ty.origin.line();
                self.resolve_ref(&mut reference, &[], (&page, line));
                let is_type = self.types.contains_key(&reference.name) || reference.name == name;
                ty.base = (is_type && reference.name != name).then_some(reference.name);
            }
            self.types.insert(name, ty);
        }
        self.settle_choices();
    }

    /// A property offering a choice of types (`[a](a.md) or [b](b.md)`) is
    /// of their nearest common base (never `entity`, which says nothing),
    /// else of the first.
    fn settle_choices(&mut self) {
        let choosing: Vec<String> = self
            .types
            .values()
            .filter(|ty| {
                ty.properties
                    .iter()
                    .chain(&ty.relationships)
                    .any(|property| !property.ty.alternatives.is_empty())
            })
            .map(|ty| ty.name.clone())
            .collect();
        for name in choosing {
            let Some(mut ty) = self.types.remove(&name) else {
                continue;
            };
            for property in ty.properties.iter_mut().chain(ty.relationships.iter_mut()) {
                let alternatives = std::mem::take(&mut property.ty.alternatives);
                if let Some(base) = self.common_base(&alternatives) {
                    property.ty.name = base;
                }
            }
            self.types.insert(name, ty);
        }
    }

    fn common_base(&self, alternatives: &[TypeRef]) -> Option<String> {
        let (first, rest) = alternatives.split_first()?;
        self.lineage(&first.name).into_iter().find(|candidate| {
            candidate != "entity"
                && self.types.contains_key(candidate)
                && rest
                    .iter()
                    .all(|other| self.lineage(&other.name).contains(candidate))
        })
    }

    /// Walks example bodies against their operation's types, learning
    /// derived types (an `@odata.type` other than the declared one) and the
    /// properties of types known only from examples.
    pub fn observe_examples(&mut self, page: &Page, matcher: &OperationIndex) {
        for example in &page.examples {
            let matched = example
                .request
                .as_ref()
                .and_then(|request| matcher.operation_for(&page.file, request));
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
                    let items = if ty.collection {
                        body.get("value").unwrap_or(body)
                    } else {
                        body
                    };
                    self.observe(items, &ty.name, &page.file, response.line);
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
        // A type of a namespace no page documents (`Microsoft.OutlookServices.
        // FileAttachment`, from services before Graph) is no Graph type.
        let declared = declared_type(object)
            .map(bare)
            .filter(|name| !name.is_empty() && !name.contains(' '))
            .filter(|name| match name.rsplit_once('.') {
                Some((namespace, _)) => self.documents_namespace(namespace),
                None => true,
            });
        let actual = match declared {
            Some(declared) if !declared.eq_ignore_ascii_case(expected) => {
                match self.canonical(declared) {
                    Some(known) if self.types.contains_key(&known) => known,
                    Some(_) => return,
                    None => {
                        let origin = Origin::Example {
                            page: page.to_owned(),
                            line,
                        };
                        self.insert_type(ComplexType {
                            base: Some(expected.to_owned()),
                            ..ComplexType::empty(declared.to_owned(), origin)
                        });
                        declared.to_owned()
                    }
                }
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
        self.find_property(type_name, |name| name == property)
    }

    /// The first property of a type or of one of its bases whose name
    /// `wanted` accepts.
    fn find_property(&self, type_name: &str, wanted: impl Fn(&str) -> bool) -> Option<TypeRef> {
        let mut current = self.types.get(type_name);
        let mut depth = 0;
        while let Some(ty) = current {
            let found = ty
                .properties
                .iter()
                .chain(&ty.relationships)
                .find(|known| wanted(&known.name));
            if let Some(found) = found {
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

    /// The resolved types and enumerations, with derived-type lists filled
    /// in and a note for every type no page documents.
    pub fn finish(
        mut self,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<ComplexType>, Vec<EnumType>) {
        // A page's stated types are resolved once per request line; each
        // finding is reported once.
        let mut seen = std::collections::HashSet::new();
        self.diagnostics
            .retain(|finding| seen.insert(finding.clone()));
        diagnostics.append(&mut self.diagnostics);
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
            if !ty.origin.is_documented() && !matches!(ty.origin, Origin::Parameters { .. }) {
                diagnostics.push(inferred(&ty.name, &ty.origin, "type"));
            }
        }
        for enumeration in self.enums.values().filter(|e| !e.origin.is_documented()) {
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

fn inferred(name: &str, origin: &Origin, what: &str) -> Diagnostic {
    let (page, line, how) = match origin {
        Origin::PropertyTable { page, line } => (page, *line, "from a request-body table"),
        Origin::Reference { page, line } => (page, *line, "from a reference alone"),
        Origin::Example { page, line } => (page, *line, "from an example body"),
        Origin::Page { page, line } => (page, *line, "from its page"),
        Origin::Parameters { page, line } => (page, *line, "from an action's parameter table"),
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
    match value {
        Value::String(_) => TypeRef::named("String", false),
        Value::Bool(_) => TypeRef::named("Boolean", false),
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            TypeRef::named("Int64", false)
        }
        Value::Number(_) => TypeRef::named("Double", false),
        Value::Array(items) => {
            let inner = items
                .first()
                .map_or_else(|| "Json".to_owned(), |item| json_type(item).name);
            TypeRef::named(&inner, true)
        }
        Value::Object(_) | Value::Null => TypeRef::named("Json", false),
    }
}
