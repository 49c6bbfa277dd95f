//! Turns the [`Api`] model into Rust source files with quote and
//! proc-macro2, formatted by prettyplease.

mod code;
mod docs;
mod endpoints;
mod examples;
mod features;
mod types;

use crate::digest::Digest;
use crate::model::Api;
use crate::prose::{Prose, ProseTable};
use code::Piece;
pub use features::feature_name;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the generated root module declares its submodules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A normal crate: `pub mod models;` next to `models.rs`.
    Crate,
    /// Files `include!`d from a build script's `OUT_DIR`: `pub mod models {
    /// include!("models.rs"); }` (and `mod widget {
    /// include!("models/widget.rs"); }` within), since `mod x;` cannot point
    /// there.
    Included,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The crate's name as Rust code names it (`docs2rs_sdk`); the example
    /// tests import through it.
    pub crate_ident: String,
    pub layout: Layout,
}

/// The generated source files, by path relative to the crate's `src/`, plus
/// the example tests under `examples.rs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sdk {
    pub files: BTreeMap<String, String>,
    /// The `[features]` table the crate's Cargo.toml needs (crate layout).
    pub cargo_features: Option<String>,
    /// For each file, the description markers it looked up (see
    /// [`crate::prose`]); empty for a model that was never split.
    pub prose_used: BTreeMap<String, Vec<String>>,
    /// For each file, a digest of its unformatted code, where asked for
    /// (see [`Partial::formatted`]).
    pub token_digests: BTreeMap<String, Digest>,
    /// How many files took their formatted text from an earlier run.
    pub formatting_reused: usize,
}

/// The formatted text an earlier run gave a file (by path) whose code,
/// unformatted, had this digest, where known.
pub type Formatted<'a> = &'a (dyn Fn(&str, Digest) -> Option<String> + Sync);

/// What a partial or repeated run of the emitter is given.
pub struct Partial<'a> {
    /// The descriptions a model holds as markers (see [`crate::prose`]).
    pub prose: &'a ProseTable,
    /// Which files to make, by path.
    pub keep: &'a (dyn Fn(&str) -> bool + Sync),
    /// Formatting is a function of the unformatted code alone, so a file
    /// whose code is unchanged takes its earlier text rather than being
    /// formatted again. `None`: format every file and digest none.
    pub formatted: Option<Formatted<'a>>,
}

/// Where the model types' files go within [`Sdk::files`], one per type.
pub const MODELS_FOLDER: &str = "models/";

/// The name of the generated example-test file within [`Sdk::files`].
pub const EXAMPLE_TESTS: &str = "examples.rs";

/// Generated code failed to parse back: a bug in docs2rs, reported rather
/// than panicking.
#[derive(Debug)]
pub struct EmitError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: generated {} is not valid Rust: {}",
            self.file, self.message
        )
    }
}

impl std::error::Error for EmitError {}

/// One generated file to make: plain data, so workers can share the list.
enum Job<'p> {
    Lib,
    Models,
    /// A namespace's module under `models/`, declaring its types' files.
    Namespace(&'p str),
    Model(&'p types::ModelFile<'p>),
    Endpoints,
    Area(&'p str),
    Examples,
}

/// Emits every file of the SDK for `api`.
pub fn emit(api: &Api, options: &EmitOptions) -> Result<Sdk, EmitError> {
    let partial = Partial {
        prose: &ProseTable::default(),
        keep: &|_| true,
        formatted: None,
    };
    emit_files(api, options, &partial)
}

/// Emits the files of the SDK for `api` that `partial` asks for. Files are
/// made and formatted on all cores; token streams cannot cross threads, so
/// each worker resolves type names for itself and takes the next file from
/// a shared counter.
pub fn emit_files(api: &Api, options: &EmitOptions, partial: &Partial) -> Result<Sdk, EmitError> {
    let planning_names = types::TypeNames::new(api, quote! { crate });
    let model_files = types::model_files(&planning_names);
    let namespaces = namespaces(&model_files);
    let area_names = endpoints::area_names(api);
    let gates = (options.layout == Layout::Crate).then(|| features::Gates::new(api));
    // The largest file first, so it does not finish last on its own.
    let mut jobs = vec![Job::Examples, Job::Lib, Job::Models, Job::Endpoints];
    jobs.extend(area_names.iter().map(|area| Job::Area(area)));
    jobs.extend(namespaces.iter().map(|namespace| Job::Namespace(namespace)));
    jobs.extend(model_files.iter().map(Job::Model));
    jobs.retain(|job| (partial.keep)(&job.path()));
    let next = AtomicUsize::new(0);
    let workers = rayon::current_num_threads();
    let made: Vec<Result<Made, EmitError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(jobs.len()))
            .map(|_| {
                scope.spawn(|| {
                    let worker = Worker::new(
                        api,
                        options,
                        gates.as_ref(),
                        &model_files,
                        &area_names,
                        Prose::new(partial.prose),
                        partial.formatted,
                    );
                    let mut made = Vec::new();
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        made.push(worker.make(job));
                    }
                    made
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    if made.len() != jobs.len() {
        return Err(EmitError {
            file: "(all)".to_owned(),
            message: "an emitter thread stopped before finishing its files".to_owned(),
        });
    }
    let cargo_features = gates.is_some().then(|| features::cargo_features(api));
    let mut sdk = Sdk {
        files: BTreeMap::new(),
        cargo_features,
        prose_used: BTreeMap::new(),
        token_digests: BTreeMap::new(),
        formatting_reused: 0,
    };
    for made in made {
        let made = made?;
        sdk.prose_used.insert(made.path.clone(), made.prose_used);
        if let Some((digest, reused)) = made.tokens {
            sdk.token_digests.insert(made.path.clone(), digest);
            sdk.formatting_reused += usize::from(reused);
        }
        sdk.files.insert(made.path, made.text);
    }
    Ok(sdk)
}

/// One made file.
struct Made {
    path: String,
    text: String,
    prose_used: Vec<String>,
    /// The digest of its unformatted code, and whether its formatted text
    /// came from an earlier run.
    tokens: Option<(Digest, bool)>,
}

impl Job<'_> {
    /// The file the job makes, relative to `src/`.
    fn path(&self) -> String {
        match self {
            Job::Lib => "lib.rs".to_owned(),
            Job::Models => "models.rs".to_owned(),
            Job::Namespace(namespace) => format!("{MODELS_FOLDER}{namespace}.rs"),
            Job::Model(file) => file.path(),
            Job::Endpoints => "endpoints.rs".to_owned(),
            Job::Area(area) => format!("endpoints/{area}.rs"),
            Job::Examples => EXAMPLE_TESTS.to_owned(),
        }
    }
}

/// What one emitting thread needs: its own type names (they hold tokens,
/// which stay on the thread that made them) and the shared plan.
struct Worker<'a> {
    api: &'a Api,
    options: &'a EmitOptions,
    gates: Option<&'a features::Gates>,
    model_files: &'a [types::ModelFile<'a>],
    area_names: &'a [String],
    names: types::TypeNames<'a>,
    prose: Prose<'a>,
    formatted: Option<Formatted<'a>>,
}

impl<'a> Worker<'a> {
    fn new(
        api: &'a Api,
        options: &'a EmitOptions,
        gates: Option<&'a features::Gates>,
        model_files: &'a [types::ModelFile<'a>],
        area_names: &'a [String],
        prose: Prose<'a>,
        formatted: Option<Formatted<'a>>,
    ) -> Self {
        Worker {
            api,
            options,
            gates,
            model_files,
            area_names,
            names: types::TypeNames::new(api, quote! { crate }),
            prose,
            formatted,
        }
    }

    /// One file's path and formatted text.
    fn make(&self, job: &Job) -> Result<Made, EmitError> {
        let layout = self.options.layout;
        let path = job.path();
        let items = |tokens: TokenStream| vec![Piece::Items(tokens)];
        let pieces = match job {
            Job::Lib => items(root(layout)),
            Job::Models => models_module(self.model_files, self.gates, layout),
            Job::Namespace(namespace) => model_declarations(
                self.model_files,
                Some(namespace),
                &format!("{namespace}/"),
                self.gates,
                layout,
            ),
            Job::Model(file) => types::model_items(file, &self.names, &self.prose),
            Job::Endpoints => items(declare_modules(self.area_names, "endpoints/", layout)),
            Job::Area(area) => items(endpoints::area(self.api, area, &self.names, &self.prose)),
            Job::Examples => {
                let sdk = quote::format_ident!("{}", self.options.crate_ident);
                let test_names = types::TypeNames::new(self.api, quote! { #sdk });
                let gated = layout == Layout::Crate;
                items(examples::tests(self.api, &test_names, &sdk, gated))
            }
        };
        let prose_used = self.prose.take_used();
        let Some(formatted) = self.formatted else {
            let text = format_file(&path, pieces)?;
            return Ok(Made {
                path,
                text,
                prose_used,
                tokens: None,
            });
        };
        let digest = code::digest(&pieces);
        let (text, reused) = match formatted(&path, digest) {
            Some(text) => (text, true),
            None => (format_file(&path, pieces)?, false),
        };
        Ok(Made {
            path,
            text,
            prose_used,
            tokens: Some((digest, reused)),
        })
    }
}

/// A file's text: the header, then each piece, a blank line apart.
fn format_file(path: &str, pieces: Vec<Piece>) -> Result<String, EmitError> {
    let mut text = String::from(
        "// @generated by docs2rs from the Microsoft Graph reference docs. Do not edit.\n",
    );
    for piece in pieces {
        let piece = match piece {
            Piece::Items(tokens) => {
                let file: syn::File = syn::parse2(tokens).map_err(|error| EmitError {
                    file: path.to_owned(),
                    message: error.to_string(),
                })?;
                separate_items(&prettyplease::unparse(&file))
            }
            Piece::Text(text) => text,
        };
        if !piece.is_empty() {
            text.push('\n');
            text.push_str(&piece);
        }
    }
    Ok(text)
}

/// Puts a blank line between top-level items, which prettyplease does not,
/// so the files read (and diff) item by item.
fn separate_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']);
        let follows_item = previous.is_some_and(|prev| {
            !prev.starts_with(' ') && (prev.ends_with('}') || prev.ends_with(';'))
        });
        let both_uses =
            previous.is_some_and(|prev| prev.starts_with("use ")) && line.starts_with("use ");
        if starts_item && follows_item && !both_uses {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn root(layout: Layout) -> TokenStream {
    let models = module_declaration(
        "models",
        "",
        layout,
        quote! { #[doc = " Model types: one per documented or inferred Graph type."] pub },
    );
    let endpoints = module_declaration(
        "endpoints",
        "",
        layout,
        quote! { #[doc = " Endpoint functions, one module per API area."] pub },
    );
    let docs = match layout {
        // The README (written beside `src/`) is the crate's front page, and
        // its example a doctest. The docs link a type's name to the type's
        // page; as intra-doc links some of those spell out a path rustdoc
        // would find anyway.
        Layout::Crate => quote! {
            #![doc = include_str!("../README.md")]
            #![allow(rustdoc::redundant_explicit_links)]
            /// The runtime the generated code builds on: `Request`, the
            /// client (feature `client`) and the wire helpers.
            pub use docs2rs_runtime as runtime;
        },
        Layout::Included => quote! {},
    };
    quote! { #docs #models #endpoints }
}

/// The area modules, each behind its feature in the crate layout.
fn declare_modules(names: &[String], folder: &str, layout: Layout) -> TokenStream {
    let declarations = names.iter().map(|name| {
        let doc = format!(" Endpoints of the `{name}` area.");
        let cfg = match layout {
            Layout::Crate => {
                let feature = features::feature_name(name);
                quote! { #[cfg(feature = #feature)] }
            }
            Layout::Included => quote! {},
        };
        module_declaration(name, folder, layout, quote! { #[doc = #doc] #cfg pub })
    });
    quote! { #(#declarations)* }
}

/// The modules of the namespaces below `microsoft.graph` that model files
/// are in, sorted.
fn namespaces<'a>(files: &'a [types::ModelFile]) -> Vec<&'a str> {
    let mut namespaces: Vec<&str> = files
        .iter()
        .filter_map(|file| file.namespace.as_deref())
        .collect();
    namespaces.dedup();
    namespaces
}

/// `models.rs`: the `microsoft.graph` types' modules (see
/// [`model_declarations`]) and a public module per namespace below it, so
/// `callRecords.session` is `crate::models::call_records::Session`. In a
/// crate, the modules are grouped by the features that need them, each
/// group one `gated!` call, which keeps each `cfg` list to one copy per
/// group (145 groups for 4,156 files on the whole docs tree).
fn models_module(
    files: &[types::ModelFile],
    gates: Option<&features::Gates>,
    layout: Layout,
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    if gates.is_some() {
        pieces.push(Piece::Items(quote! {
            /// Declares model modules and re-exports their types, all under one
            /// `cfg`.
            macro_rules! gated {
                (#[cfg($cfg:meta)] $($module:ident => $exports:tt,)*) => {
                    $(
                        #[cfg($cfg)]
                        mod $module;
                        #[cfg($cfg)]
                        pub use self::$module::$exports;
                    )*
                };
            }
        }));
    }
    let namespaces = namespaces(files).into_iter().map(|namespace| {
        let graph_namespace = files
            .iter()
            .find(|file| file.namespace.as_deref() == Some(namespace))
            .and_then(|file| file.graph_name.rsplit_once('.'))
            .map_or(namespace, |(graph_namespace, _)| graph_namespace);
        let doc = format!(" Types of the `microsoft.graph.{graph_namespace}` namespace.");
        module_declaration(
            namespace,
            MODELS_FOLDER,
            layout,
            quote! { #[doc = #doc] pub },
        )
    });
    pieces.push(Piece::Items(quote! { #(#namespaces)* }));
    pieces.extend(model_declarations(
        files,
        None,
        MODELS_FOLDER,
        gates,
        layout,
    ));
    pieces
}

/// A private module per model type of one namespace (`None`:
/// `microsoft.graph`) and a re-export of its items, so their paths stay
/// `crate::models::Name`. `folder` is where the files are, relative to the
/// declaring file (for `include!`).
fn model_declarations(
    files: &[types::ModelFile],
    namespace: Option<&str>,
    folder: &str,
    gates: Option<&features::Gates>,
    layout: Layout,
) -> Vec<Piece> {
    let files = files
        .iter()
        .filter(|file| file.namespace.as_deref() == namespace);
    let Some(gates) = gates else {
        let items = files.map(|file| {
            let declaration = module_declaration(&file.module, folder, layout, quote! {});
            let module = quote::format_ident!("{}", file.module);
            let exports = file
                .exports
                .iter()
                .map(|name| quote::format_ident!("{}", name));
            quote! { #declaration pub use self::#module::{#(#exports),*}; }
        });
        return vec![Piece::Items(quote! { #(#items)* })];
    };
    let mut groups: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for file in files {
        groups
            .entry(gates.features(file.graph_name))
            .or_default()
            .push(format!("{} => {}", file.module, export_list(file)));
    }
    groups
        .iter()
        .map(|(features, entries)| {
            let features: Vec<String> = features
                .iter()
                .map(|feature| format!("        feature = {}", code::string_literal(feature)))
                .collect();
            let cfg = format!("cfg(any(\n{}\n    ))", features.join(",\n"));
            code::attributed_list("gated", &cfg, entries)
        })
        .collect()
}

/// What `models.rs` re-exports from a model file: `Name` or `{Name, AnyName}`.
fn export_list(file: &types::ModelFile) -> String {
    match file.exports.as_slice() {
        [one] => one.clone(),
        many => format!("{{{}}}", many.join(", ")),
    }
}

/// `mod name;` or `mod name { include!("folder/name.rs"); }`, after
/// `prefix` (attributes and visibility).
fn module_declaration(
    name: &str,
    folder: &str,
    layout: Layout,
    prefix: TokenStream,
) -> TokenStream {
    let ident = quote::format_ident!("{}", name);
    match layout {
        Layout::Crate => quote! { #prefix mod #ident; },
        Layout::Included => {
            let file = format!("{folder}{name}.rs");
            quote! { #prefix mod #ident { include!(#file); } }
        }
    }
}
