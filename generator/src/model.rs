//! The intermediate model: what the docs say, independent of Markdown and of
//! Rust. Pages are parsed into [`Page`]s; the docs set as a whole becomes an
//! [`Api`] the emitter turns into code.

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An HTTP method as the docs write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.to_ascii_uppercase().as_str() {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathPart {
    /// Literal text, `/` included.
    Literal(String),
    /// A `{placeholder}`, by its name.
    Param(String),
}

/// A documented request path such as `/users/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathTemplate {
    pub raw: String,
    pub parts: Vec<PathPart>,
}

impl PathTemplate {
    /// Splits `raw` into literal text and `{placeholders}`.
    pub fn parse(raw: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|at| open + at) else {
                break;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            parts.push(PathPart::Param(rest[open + 1..close].trim().to_owned()));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        PathTemplate {
            raw: raw.to_owned(),
            parts,
        }
    }

    /// The placeholder names, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            PathPart::Param(name) => Some(name.as_str()),
            PathPart::Literal(_) => None,
        })
    }

    /// The path with every placeholder as `{}`, lower-cased: two templates
    /// with the same shape address the same resource.
    pub fn shape(&self) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => text.to_ascii_lowercase(),
                PathPart::Param(_) => "{}".to_owned(),
            })
            .collect()
    }

    /// The `/`-separated segments of the raw template.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.raw.split('/').filter(|segment| !segment.is_empty())
    }

    /// The path addresses raw content (`.../$value`, `.../content`): a
    /// photo, a file, an attachment's bytes rather than JSON.
    pub fn is_stream(&self) -> bool {
        self.segments()
            .last()
            .is_some_and(|last| last == "$value" || last.eq_ignore_ascii_case("content"))
    }
}

/// A reference to a type as a table cell or link states it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    /// The type's name as written: `String`, `Edm.Int32`, `user`.
    pub name: String,
    pub collection: bool,
    /// The docs name the type by a link (so it is a type even where no page
    /// in the input defines it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub linked: bool,
    /// The lower-case file stem of the page a link points at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The types a cell offers as a choice (`[a](a.md) or [b](b.md)`); the
    /// reference means their common base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<TypeRef>,
}

impl TypeRef {
    /// Raw content in a request or response body (`Edm.Stream`).
    pub fn stream() -> Self {
        TypeRef::named("Stream", false)
    }

    /// The reference names the stream primitive.
    pub fn is_stream(&self) -> bool {
        crate::primitive::Primitive::parse(&self.name) == Some(crate::primitive::Primitive::Stream)
    }

    /// A plain reference by name, as example bodies and annotations give.
    pub fn named(name: &str, collection: bool) -> Self {
        TypeRef {
            name: name.to_owned(),
            collection,
            linked: false,
            page: None,
            alternatives: Vec::new(),
        }
    }
}

/// Who may call an operation, for one kind of caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Scopes {
    AnyOf(Vec<String>),
    NotSupported,
    /// The docs give no usable answer: the placeholder or note, as written.
    Unknown(String),
}

/// A page's Permissions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub delegated_work_or_school: Scopes,
    pub delegated_personal: Scopes,
    pub application: Scopes,
}

impl Permissions {
    /// What an operation has when its page documents no permissions.
    pub fn unknown(reason: &str) -> Self {
        Permissions {
            delegated_work_or_school: Scopes::Unknown(reason.to_owned()),
            delegated_personal: Scopes::Unknown(reason.to_owned()),
            application: Scopes::Unknown(reason.to_owned()),
        }
    }
}

/// A row of a properties, request-body or parameters table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub description: String,
    /// Values from "Possible values are: `a`, `b`." in the description.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    pub line: u32,
}

/// A row of a Request headers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderDoc {
    pub name: String,
    pub value: String,
    pub required: bool,
}

/// One line of the HTTP request block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    pub method: HttpMethod,
    pub path: PathTemplate,
    /// The line shows query options (`GET /me?$expand=manager`): it is an
    /// example of the path's operation more than its definition.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub query: bool,
    pub line: u32,
}

/// What the Response section promises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseDoc {
    pub status: Option<u16>,
    #[serde(rename = "type")]
    pub ty: Option<TypeRef>,
}

/// A documented request example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: HttpMethod,
    /// The URL as written.
    pub url: String,
    /// The version segment (`beta`, `v1.0`), when the URL has a host.
    pub version: Option<String>,
    /// The path after the version segment, without the query.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    /// Why the body the docs show is no JSON, when it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_error: Option<String>,
    /// A body that is not meant to be JSON (its `Content-Type` says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_body: Option<String>,
    pub line: u32,
}

/// A documented response example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    /// Why the body the docs show is no JSON, when it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_error: Option<String>,
    /// A body that is not meant to be JSON (its `Content-Type` says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_body: Option<String>,
    /// The docs mark the body as shortened.
    pub truncated: bool,
    /// The type the block's annotation names (`@odata.type`), which the
    /// docs' own validator checks the body against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// Whether the annotation says the body is a collection page
    /// (`isCollection`), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_collection: Option<bool>,
    pub line: u32,
}

/// A request example with the response that answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

/// What kind of page this is, from `doc_type` or from its structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Conceptual,
}

/// A page's front matter: the keys docs2rs uses, typed; all others kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub doc_type: Option<String>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_yaml::Value>,
}

/// Everything docs2rs read from one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub file: String,
    pub kind: PageKind,
    pub front_matter: Option<FrontMatter>,
    /// The level-1 heading.
    pub title: Option<String>,
    pub namespace: Option<String>,
    /// The first paragraph of prose under the title.
    pub description: Option<String>,
    pub permissions: Option<Permissions>,
    pub requests: Vec<RequestLine>,
    pub request_headers: Vec<HeaderDoc>,
    /// The type the Request body section names.
    pub request_body_type: Option<TypeRef>,
    pub request_body: Vec<Property>,
    pub response: Option<ResponseDoc>,
    pub examples: Vec<Example>,
    /// A resource page's Properties table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// A resource page's Relationships table (navigation properties).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Property>,
    /// The annotation of a resource page's JSON representation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceDoc>,
    /// The type an "Inherits from `[x]`" sentence names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherits_from: Option<String>,
    /// Enumerations: an enum page's Members table, or "X values" sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumDoc>,
    /// OData query options the Optional query parameters section names
    /// (`select`, `top`, ...), lower-case, without `$`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// Links to other docs pages by relative path, checked against the
    /// input once every page is known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<PageLink>,
    /// The properties a resource page's JSON representation shows, when
    /// its block could be read (leniently).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representation: Option<Representation>,
}

/// A relative link to a `.md` page, where the page writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    /// The path as written, without `#fragment`.
    pub target: String,
    pub line: u32,
    pub column: u32,
    /// The characters of the link's Markdown (`[text](target)`).
    pub length: u32,
}

/// A resource page's JSON representation block, as far as its top-level
/// properties go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representation {
    /// The block's first line.
    pub line: u32,
    /// The top-level properties, instance annotations (`@odata.type`)
    /// left out.
    pub properties: Vec<Shown>,
    /// The block elides properties (`...`, or its annotation says
    /// truncated), so a property it leaves out is no finding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub elided: bool,
}

/// A property a JSON representation shows, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub name: String,
    pub line: u32,
}

/// A type name as Graph writes it, without `#` and the `microsoft.graph.`
/// namespace every type is in: `user`, or `callRecords.session` for a type
/// of a namespace below it.
pub fn graph_type_name(name: &str) -> &str {
    const ROOT: &str = "microsoft.graph.";
    let name = name.trim().trim_start_matches('#');
    match name.get(..ROOT.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(ROOT) => &name[ROOT.len()..],
        _ => name,
    }
}

impl Page {
    /// The namespace below `microsoft.graph` the page documents
    /// (`callRecords`): its `Namespace:` line, else the namespace of its
    /// resource annotation's type. `None` for `microsoft.graph` itself.
    pub fn sub_namespace(&self) -> Option<&str> {
        let stated = self.namespace.as_deref().map(|namespace| {
            let namespace = namespace.trim().trim_end_matches('.');
            namespace
                .strip_prefix("microsoft.graph")
                .map_or(namespace, |rest| rest.trim_start_matches('.'))
        });
        let annotated = || {
            let name = graph_type_name(self.resource.as_ref()?.odata_type.as_deref()?);
            Some(name.rsplit_once('.')?.0)
        };
        stated.or_else(annotated).filter(|namespace| {
            !namespace.is_empty() && namespace.split('.').all(is_simple_identifier)
        })
    }

    /// The type a resource page documents: its annotation's `@odata.type`,
    /// else the first word of its title, else its file name; qualified by
    /// the page's namespace where that is not `microsoft.graph`
    /// (`callRecords.session`).
    pub fn resource_name(&self) -> String {
        let annotated = self
            .resource
            .as_ref()
            .and_then(|resource| resource.odata_type.as_deref())
            .map(graph_type_name)
            .filter(|name| !name.is_empty());
        if let Some(name) = annotated.filter(|name| name.contains('.')) {
            return name.to_owned();
        }
        let titled = || {
            self.title
                .as_deref()
                .and_then(|title| title.split_whitespace().next())
                .filter(|word| word.split('.').all(is_simple_identifier))
                .map(|word| word.rsplit('.').next().unwrap_or(word))
        };
        let file = || {
            let stem = self.file.rsplit('/').next().unwrap_or(&self.file);
            stem.trim_end_matches(".md")
        };
        let name = annotated.or_else(titled).unwrap_or_else(file);
        self.qualify(name)
    }

    /// `name` in the page's namespace: `callRecords.session` on a page of
    /// `microsoft.graph.callRecords`, `name` itself on one of
    /// `microsoft.graph`.
    pub fn qualify(&self, name: &str) -> String {
        match self.sub_namespace() {
            Some(namespace) => format!("{namespace}.{name}"),
            None => name.to_owned(),
        }
    }
}

/// A name of letters, digits and `_`, as a namespace or type name is.
fn is_simple_identifier(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a resource's JSON-representation annotation says about its type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResourceDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_property: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_properties: Vec<String>,
}

/// One member of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An enumeration as one page documents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumDoc {
    pub name: String,
    pub members: Vec<EnumMember>,
    pub line: u32,
}

/// One generated endpoint: a page's request line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// The Rust function name, unique within its area.
    pub name: String,
    /// The top-level API area (first path segment), which becomes a module.
    pub area: String,
    pub method: HttpMethod,
    pub path: PathTemplate,
    pub page: String,
    pub line: u32,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub permissions: Permissions,
    pub headers: Vec<HeaderDoc>,
    pub request_body: Option<TypeRef>,
    pub response: Option<TypeRef>,
    /// OData query options the page documents, lower-case, without `$`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
    /// The path's last segment calls a function or action, so the
    /// function is named after it rather than after a verb.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub call: bool,
    /// The properties the page's Request body table lists, where the body
    /// is an entity: which of its properties a create or update may set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_properties: Vec<String>,
    /// The resource the path addresses in Graph's URL space, where the
    /// docs let docs2rs resolve it: what a GET answers, and (its member)
    /// what a create or update sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<TypeRef>,
}

impl Operation {
    /// The operation answers one primitive or enumeration value, which
    /// OData wraps in `{"value": ...}` (a `$count` alone comes as bare
    /// text; raw content and JSON of any shape are not wrapped).
    pub fn answers_a_value(&self, is_enumeration: impl Fn(&str) -> bool) -> bool {
        let Some(ty) = self.response.as_ref().filter(|ty| !ty.collection) else {
            return false;
        };
        let counted = self.path.segments().last() == Some("$count");
        let value = match crate::primitive::Primitive::parse(&ty.name) {
            Some(primitive) => !matches!(
                primitive,
                crate::primitive::Primitive::Json | crate::primitive::Primitive::Stream
            ),
            None => is_enumeration(&ty.name),
        };
        value && !counted
    }
}

/// Where a type's definition came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum Origin {
    /// A request-body table describing the type, on the page named.
    PropertyTable { page: String, line: u32 },
    /// Only referenced (by a link or property type); inferred with no properties.
    Reference { page: String, line: u32 },
    /// Seen as `@odata.type` in an example.
    Example { page: String, line: u32 },
    /// A resource or enum page documents it.
    Page { page: String, line: u32 },
    /// An action's parameter table on an API page.
    Parameters { page: String, line: u32 },
}

impl Origin {
    /// The page the definition came from.
    pub fn page(&self) -> &str {
        match self {
            Origin::PropertyTable { page, .. }
            | Origin::Reference { page, .. }
            | Origin::Example { page, .. }
            | Origin::Page { page, .. }
            | Origin::Parameters { page, .. } => page,
        }
    }

    /// The line the definition starts on.
    pub fn line(&self) -> u32 {
        match self {
            Origin::PropertyTable { line, .. }
            | Origin::Reference { line, .. }
            | Origin::Example { line, .. }
            | Origin::Page { line, .. }
            | Origin::Parameters { line, .. } => *line,
        }
    }

    /// Whether a page documents the definition (it was not inferred).
    pub fn is_documented(&self) -> bool {
        matches!(self, Origin::Page { .. })
    }
}

/// A structured type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplexType {
    pub name: String,
    pub base: Option<String>,
    /// Types that name this one as their base, sorted.
    pub derived: Vec<String>,
    pub properties: Vec<Property>,
    /// Navigation properties (a resource page's Relationships table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Property>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_abstract: bool,
    /// An open type: instances may hold properties it does not declare.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    pub origin: Origin,
}

impl ComplexType {
    /// A type known by name only, with no base and no properties yet.
    pub fn empty(name: String, origin: Origin) -> Self {
        ComplexType {
            name,
            base: None,
            derived: Vec::new(),
            properties: Vec::new(),
            relationships: Vec::new(),
            description: None,
            key: None,
            is_abstract: false,
            open: false,
            origin,
        }
    }
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumType {
    pub name: String,
    pub members: Vec<EnumMember>,
    /// Members are bit flags, written as a comma-separated list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    pub origin: Origin,
}

/// The whole docs set, ready to emit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Api {
    pub pages: Vec<Page>,
    /// Sorted by area, then name.
    pub operations: Vec<Operation>,
    /// Sorted by name.
    pub types: Vec<ComplexType>,
    /// Sorted by name.
    pub enums: Vec<EnumType>,
    /// Sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
}
