//! Model types: a serde struct per complex type, a polymorphic enum per
//! base type with derived types, and an enum per enumeration; each type in
//! a file of its own.

use super::code::{macro_list, string_literal, Piece};
use super::docs::LinkTargets;
use super::MODELS_FOLDER;
use crate::model::{Api, ComplexType, EnumType, Operation, Property, TypeRef};
use crate::names::{self, Scope};
use crate::primitive::Primitive;
use crate::prose::Prose;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, HashMap};

/// Field names every struct uses for itself.
const ODATA_TYPE_FIELD: &str = "odata_type";
const EXTRA_FIELD: &str = "additional_properties";

/// Where a model type lives: its identifier, within the module of its
/// namespace below `microsoft.graph` (`call_records`) if it has one.
#[derive(Clone)]
pub struct RustName {
    namespace: Option<Ident>,
    ident: Ident,
}

impl RustName {
    /// The namespace part of a Graph name (`callRecords` of
    /// `callRecords.session`) as a module name, and the rest.
    fn split(graph_name: &str) -> (Option<String>, &str) {
        match graph_name.rsplit_once('.') {
            Some((namespace, name)) => (Some(names::snake(namespace)), name),
            None => (None, graph_name),
        }
    }

    /// Another item of the same module.
    fn sibling(&self, ident: Ident) -> RustName {
        RustName {
            namespace: self.namespace.clone(),
            ident,
        }
    }
}

/// Rust names of the model's types, decided once so that every file refers
/// to a type by the same name.
pub struct TypeNames<'a> {
    /// The path model types are reached through: `crate`, or the SDK crate's
    /// name from its tests.
    root: TokenStream,
    complex: BTreeMap<&'a str, (&'a ComplexType, RustName)>,
    enums: BTreeMap<&'a str, (&'a EnumType, RustName)>,
    /// Lower-case file stem of a documenting page to the Rust type it gave.
    by_page: HashMap<String, RustName>,
}

impl LinkTargets for TypeNames<'_> {
    fn rust_path(&self, destination: &str) -> Option<String> {
        let target = destination.split('#').next().unwrap_or_default();
        let stem = target
            .rsplit('/')
            .next()
            .unwrap_or(target)
            .strip_suffix(".md")?;
        let name = self.by_page.get(&stem.to_ascii_lowercase())?;
        Some(self.model_path(name).to_string().replace(' ', ""))
    }
}

impl<'a> TypeNames<'a> {
    pub fn new(api: &'a Api, root: TokenStream) -> Self {
        // Each namespace's module is a scope of its own.
        let mut scopes: HashMap<Option<String>, Scope> = HashMap::new();
        let mut claim = |graph_name: &str| {
            let (namespace, name) = RustName::split(graph_name);
            let scope = scopes.entry(namespace.clone()).or_default();
            let (ident, _) = scope.claim(&names::camel(name));
            RustName {
                namespace: namespace.map(|namespace| format_ident!("{}", namespace)),
                ident: format_ident!("{}", ident),
            }
        };
        let mut complex = BTreeMap::new();
        let mut enums = BTreeMap::new();
        for ty in &api.types {
            complex.insert(ty.name.as_str(), (ty, claim(&ty.name)));
        }
        for enumeration in &api.enums {
            enums.insert(
                enumeration.name.as_str(),
                (enumeration, claim(&enumeration.name)),
            );
        }
        let documented = |origin: &crate::model::Origin| {
            origin.is_documented().then(|| page_stem(origin.page()))
        };
        let mut by_page = HashMap::new();
        for (ty, name) in complex.values() {
            if let Some(stem) = documented(&ty.origin) {
                by_page.entry(stem).or_insert_with(|| name.clone());
            }
        }
        for (enumeration, name) in enums.values() {
            if let Some(stem) = documented(&enumeration.origin) {
                by_page.entry(stem).or_insert_with(|| name.clone());
            }
        }
        TypeNames {
            root,
            complex,
            enums,
            by_page,
        }
    }

    /// The Rust type a value of `ty` has in a signature.
    pub fn rust_type(&self, ty: &TypeRef) -> TokenStream {
        let single = self.single_type(&ty.name);
        if ty.collection {
            quote! { Vec<#single> }
        } else {
            single
        }
    }

    /// The Rust type an operation answers with: `()` for no body, raw
    /// content as [`Binary`](docs2rs_runtime::Binary), a collection in
    /// Graph's paged envelope, and one primitive or enumeration value in
    /// the `{"value": ...}` object OData sends it in (a `$count` comes as
    /// bare text).
    pub fn response_type(&self, operation: &Operation) -> TokenStream {
        let Some(ty) = operation.response.as_ref() else {
            return quote! { () };
        };
        if ty.is_stream() {
            return quote! { docs2rs_runtime::Binary };
        }
        let single = self.single_type(&ty.name);
        if ty.collection {
            quote! { docs2rs_runtime::Collection<#single> }
        } else if operation.answers_a_value(|name| self.enums.contains_key(name)) {
            quote! { docs2rs_runtime::ValueOf<#single> }
        } else {
            self.rust_type(ty)
        }
    }

    /// The Rust type of a field: a nested structured value is boxed, which
    /// keeps every struct small and makes recursive types possible.
    fn field_type(&self, ty: &TypeRef) -> TokenStream {
        let single = self.single_type(&ty.name);
        if ty.collection {
            quote! { Vec<#single> }
        } else if self.complex.contains_key(ty.name.as_str()) {
            quote! { Box<#single> }
        } else {
            single
        }
    }

    fn single_type(&self, name: &str) -> TokenStream {
        if let Some(primitive) = Primitive::parse(name) {
            return primitive_type(primitive);
        }
        if let Some((enumeration, rust)) = self.enums.get(name) {
            let path = self.model_path(rust);
            return if enumeration.flags {
                quote! { docs2rs_runtime::wire::Flags<#path> }
            } else {
                path
            };
        }
        match self.complex.get(name) {
            Some((ty, _)) if !ty.derived.is_empty() => {
                self.model_path(&self.polymorphic_name(name))
            }
            Some((_, rust)) => self.model_path(rust),
            None => quote! { serde_json::Value },
        }
    }

    /// The absolute path of a model type, valid from any module, since each
    /// model type has a module of its own.
    fn model_path(&self, name: &RustName) -> TokenStream {
        let root = &self.root;
        let ident = &name.ident;
        match &name.namespace {
            Some(namespace) => quote! { #root::models::#namespace::#ident },
            None => quote! { #root::models::#ident },
        }
    }

    /// `AnyBase`, beside the base type.
    fn polymorphic_name(&self, name: &str) -> RustName {
        match self.complex.get(name) {
            Some((_, rust)) => rust.sibling(format_ident!("Any{}", rust.ident)),
            None => RustName {
                namespace: None,
                ident: format_ident!("Any{}", names::camel(name)),
            },
        }
    }

    fn complex(&self, name: &str) -> Option<&'a ComplexType> {
        self.complex.get(name).map(|(ty, _)| *ty)
    }
}

fn page_stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.trim_end_matches(".md").to_ascii_lowercase()
}

fn primitive_type(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::Boolean => quote! { bool },
        Primitive::Byte => quote! { u8 },
        Primitive::SByte => quote! { i8 },
        Primitive::Int16 => quote! { i16 },
        Primitive::Int32 => quote! { i32 },
        Primitive::Int64 => quote! { i64 },
        // Docs examples give Single values more digits than f32 holds.
        Primitive::Single => quote! { f64 },
        Primitive::Double => quote! { f64 },
        Primitive::Decimal => quote! { docs2rs_runtime::wire::Decimal },
        Primitive::Json => quote! { serde_json::Value },
        Primitive::String
        | Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary
        | Primitive::Stream => quote! { String },
    }
}

/// One model type's file under `models/`: a complex type with its helper
/// items, or an enumeration. A file per type keeps a one-page docs change a
/// one-file diff. Plain data, so files can be emitted on any thread.
pub struct ModelFile<'a> {
    /// The Graph name, which decides the module's feature gate.
    pub graph_name: &'a str,
    /// The module of the type's namespace below `microsoft.graph`
    /// (`call_records`), if it has one.
    pub namespace: Option<String>,
    /// The private module (and file stem) the items live in.
    pub module: String,
    /// The type, then any helper type (a polymorphic enum), for `models.rs`
    /// to re-export.
    pub exports: Vec<String>,
    /// Whether the Graph name is an enumeration's.
    enumeration: bool,
}

impl ModelFile<'_> {
    /// The file's path within the crate's `src/`.
    pub fn path(&self) -> String {
        match &self.namespace {
            Some(namespace) => format!("{MODELS_FOLDER}{namespace}/{}.rs", self.module),
            None => format!("{MODELS_FOLDER}{}.rs", self.module),
        }
    }
}

/// Every model type's file, sorted by namespace and module name, without
/// its items. Module names are unique within their namespace's module, and
/// none of `models` itself is a namespace's.
pub fn model_files<'a>(names: &TypeNames<'a>) -> Vec<ModelFile<'a>> {
    let complex = names.complex.values().map(|(ty, rust)| {
        let polymorphic = (!descendants(ty, names).is_empty())
            .then(|| names.polymorphic_name(&ty.name).ident.to_string());
        let exports = std::iter::once(rust.ident.to_string()).chain(polymorphic);
        (ty.name.as_str(), rust, exports.collect::<Vec<_>>(), false)
    });
    let enums = names.enums.values().map(|(enumeration, rust)| {
        let exports = vec![rust.ident.to_string()];
        (enumeration.name.as_str(), rust, exports, true)
    });
    let mut by_namespace: BTreeMap<Option<String>, Vec<_>> = BTreeMap::new();
    for built in complex.chain(enums) {
        let namespace = built.1.namespace.as_ref().map(Ident::to_string);
        by_namespace.entry(namespace).or_default().push(built);
    }
    let namespaces: Vec<String> = by_namespace.keys().flatten().cloned().collect();
    let mut files = Vec::new();
    for (namespace, built) in by_namespace {
        let own: Vec<&str> = built
            .iter()
            .map(|(_, _, exports, _)| exports[0].as_str())
            .collect();
        // A module must not share its name with an item its parent
        // re-exports, nor with a namespace's module.
        let mut reserved: Vec<&str> = built
            .iter()
            .flat_map(|(_, _, exports, _)| exports)
            .map(String::as_str)
            .collect();
        if namespace.is_none() {
            reserved.extend(namespaces.iter().map(String::as_str));
        }
        let stems = names::file_stems(&own, &reserved);
        let mut group: Vec<ModelFile> = built
            .into_iter()
            .zip(stems)
            .map(
                |((graph_name, _, exports, enumeration), module)| ModelFile {
                    graph_name,
                    namespace: namespace.clone(),
                    module,
                    exports,
                    enumeration,
                },
            )
            .collect();
        group.sort_by(|a, b| a.module.cmp(&b.module));
        files.extend(group);
    }
    files
}

/// The items of one model type's file.
pub fn model_items(file: &ModelFile, names: &TypeNames, prose: &Prose) -> Vec<Piece> {
    if file.enumeration {
        if let Some((enumeration, rust)) = names.enums.get(file.graph_name) {
            return enum_type(enumeration, &rust.ident, names, prose);
        }
    } else if let Some((ty, rust)) = names.complex.get(file.graph_name) {
        return complex_type(ty, &rust.ident, names, prose);
    }
    Vec::new()
}

/// A type's properties with its bases' first. The docs often list inherited
/// properties again on a derived type; each name appears once, in the place
/// the base gives it, with the most derived type's description.
fn all_properties<'a>(ty: &'a ComplexType, names: &TypeNames<'a>) -> Vec<&'a Property> {
    let mut chain = vec![ty];
    while let Some(base) = chain
        .last()
        .and_then(|last| last.base.as_deref())
        .and_then(|base| names.complex(base))
    {
        if chain.len() > 64 || chain.iter().any(|seen| seen.name == base.name) {
            break;
        }
        chain.push(base);
    }
    let mut properties: Vec<&Property> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for property in chain
        .iter()
        .rev()
        .flat_map(|ty| ty.properties.iter().chain(&ty.relationships))
    {
        match position.get(property.name.as_str()) {
            Some(&at) => properties[at] = property,
            None => {
                position.insert(&property.name, properties.len());
                properties.push(property);
            }
        }
    }
    properties
}

/// A struct and, for a base type, its polymorphic enum.
/// The struct, the `impl_model!` call that lists its properties for the
/// runtime's shared serde, `Debug` and `PartialEq` code, and, for a base
/// type, its polymorphic enum.
fn complex_type(ty: &ComplexType, ident: &Ident, names: &TypeNames, prose: &Prose) -> Vec<Piece> {
    let mut scope = Scope::with_reserved(&[ODATA_TYPE_FIELD, EXTRA_FIELD]);
    let properties: Vec<&Property> = all_properties(ty, names)
        .into_iter()
        .filter(|property| !property.name.starts_with('@'))
        .collect();
    let fields: Vec<Ident> = properties
        .iter()
        .map(|property| format_ident!("{}", scope.claim(&names::snake(&property.name)).0))
        .collect();
    let declarations = properties
        .iter()
        .zip(&fields)
        .map(|(property, field)| field_declaration(property, field, names, prose));
    let listing: Vec<String> = properties
        .iter()
        .zip(&fields)
        .map(|(property, field)| format!("{} => {field}", string_literal(&property.name)))
        .collect();
    let doc = super::docs::doc_lines(&type_doc(ty, prose), names);
    let struct_tokens = quote! {
        #doc
        #[derive(Clone, Default)]
        pub struct #ident {
            /// The concrete type, as `@odata.type` names it.
            pub odata_type: Option<String>,
            #(#declarations)*
            /// Properties the docs do not list, kept as they came.
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }
    };
    let mut pieces = vec![
        Piece::Items(struct_tokens),
        macro_list("docs2rs_runtime::impl_model", &ident.to_string(), &listing),
    ];
    pieces.extend(polymorphic_enum(ty, ident, names).map(Piece::Items));
    pieces
}

fn type_doc(ty: &ComplexType, prose: &Prose) -> String {
    let mut doc = format!("`{}`", ty.name);
    if let Some(base) = &ty.base {
        doc.push_str(&format!(", derived from `{base}`"));
    }
    doc.push('.');
    if let Some(description) = &ty.description {
        doc.push_str("\n\n");
        doc.push_str(prose.text(description));
    }
    doc
}

fn field_declaration(
    property: &Property,
    field: &Ident,
    names: &TypeNames,
    prose: &Prose,
) -> TokenStream {
    let ty = names.field_type(&property.ty);
    let doc = super::docs::doc_lines(prose.text(&property.description), names);
    quote! {
        #doc
        pub #field: docs2rs_runtime::Nullable<#ty>,
    }
}

/// `AnyBase`: the base type or any type derived from it, chosen by
/// `@odata.type` when reading and announced by it when writing. Derived
/// types live in other modules, so they are named by absolute path.
fn polymorphic_enum(
    ty: &ComplexType,
    base_ident: &Ident,
    names: &TypeNames,
) -> Option<TokenStream> {
    let descendants = descendants(ty, names);
    if descendants.is_empty() {
        return None;
    }
    let any = names.polymorphic_name(&ty.name).ident;
    let variants: Vec<(&str, &RustName)> = descendants
        .iter()
        .filter_map(|name| {
            names
                .complex
                .get(name.as_str())
                .map(|(derived, rust)| (derived.name.as_str(), rust))
        })
        .collect();
    // A derived type of another namespace is named with its namespace, so
    // two of one name cannot clash.
    let variant_idents: Vec<Ident> = variants
        .iter()
        .map(|(wire, rust)| match rust.namespace {
            Some(_) => format_ident!("{}", names::camel(wire)),
            None => rust.ident.clone(),
        })
        .collect();
    let variant_paths = variants.iter().map(|(_, rust)| names.model_path(rust));
    let wire_names: Vec<&str> = variants.iter().map(|(wire, _)| *wire).collect();
    let doc = format!(
        " `{}` or a type derived from it, chosen by `@odata.type`.",
        ty.name
    );
    let base_doc = format!(
        " `{}` itself, or a derived type these docs do not describe (its `@odata.type` and properties are kept).",
        ty.name
    );
    let tokens = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #any {
            #[doc = #base_doc]
            #base_ident(#base_ident),
            #(#variant_idents(Box<#variant_paths>),)*
        }

        impl Default for #any {
            fn default() -> Self {
                #any::#base_ident(#base_ident::default())
            }
        }

        impl serde::Serialize for #any {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #any::#base_ident(value) => value.serialize(serializer),
                    #(#any::#variant_idents(value) => docs2rs_runtime::wire::serialize_derived(value, #wire_names, serializer),)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #any {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use docs2rs_runtime::wire::decode;
                docs2rs_runtime::wire::deserialize_polymorphic(deserializer, |declared, value| match declared {
                    #(Some(name) if name.eq_ignore_ascii_case(#wire_names) => decode(value).map(|v| #any::#variant_idents(Box::new(v))),)*
                    _ => decode(value).map(#any::#base_ident),
                })
            }
        }
    };
    Some(tokens)
}

/// Every type derived from `ty`, directly or not, sorted by name.
fn descendants(ty: &ComplexType, names: &TypeNames) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut pending: Vec<&str> = ty.derived.iter().map(String::as_str).collect();
    while let Some(name) = pending.pop() {
        if name == ty.name || found.iter().any(|seen| seen == name) {
            continue;
        }
        found.push(name.to_owned());
        if let Some(derived) = names.complex(name) {
            pending.extend(derived.derived.iter().map(String::as_str));
        }
    }
    found.sort();
    found
}

/// The enum and the `impl_wire_enum!` call that gives each member its wire
/// spelling.
fn enum_type(
    enumeration: &EnumType,
    ident: &Ident,
    names: &TypeNames,
    prose: &Prose,
) -> Vec<Piece> {
    let mut scope = Scope::with_reserved(&["Other"]);
    let variants: Vec<Ident> = enumeration
        .members
        .iter()
        .map(|member| format_ident!("{}", scope.claim(&names::camel(&member.name)).0))
        .collect();
    let listing: Vec<String> = enumeration
        .members
        .iter()
        .zip(&variants)
        .map(|(member, variant)| format!("{variant} => {}", string_literal(&member.name)))
        .collect();
    let member_docs =
        enumeration
            .members
            .iter()
            .map(|member| match prose.text(&member.description) {
                "" => format!(" `{}`", member.name),
                description => format!(
                    " `{}`: {}",
                    member.name,
                    super::docs::rustdoc(description, names).replace('\n', " ")
                ),
            });
    let kind = if enumeration.flags {
        "flag enumeration (a set of members is written comma-separated)"
    } else {
        "enumeration"
    };
    let doc = format!(" The `{}` {kind}.", enumeration.name);
    let enum_tokens = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#[doc = #member_docs] #variants,)*
            /// A value these docs do not list yet.
            Other(String),
        }
    };
    vec![
        Piece::Items(enum_tokens),
        macro_list(
            "docs2rs_runtime::impl_wire_enum",
            &ident.to_string(),
            &listing,
        ),
    ]
}
