//! Generating an SDK from another crate's build script, the way prost-build
//! does for protobufs: a [`Config`] names the docs and a few choices, and
//! [`Config::generate`] writes the files into `OUT_DIR` and prints precise
//! `cargo:rerun-if-changed` lines.

use crate::diag::{Diagnostic, Severity};
use crate::emit::{EmitError, EmitOptions, Layout};
use crate::incremental::{self, CacheUse, Plan};
use crate::output::{write_tree, Foreign, WriteError, MANIFEST};
use crate::source::LoadError;
use crate::timings::Timings;
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

/// The environment variable that points a build at another docs folder
/// than the one its [`Config`] names.
pub const DOCS_ENV: &str = "DOCS2RS_DOCS";

/// How many diagnostics an error lists before it only counts them.
const LISTED: usize = 5;

/// What to generate, for a build script.
///
/// ```no_run
/// // build.rs of a crate whose src/lib.rs says:
/// //     include!(concat!(env!("OUT_DIR"), "/lib.rs"));
/// fn main() -> Result<(), docs2rs::Error> {
///     docs2rs::Config::new()
///         .docs("docs/api-reference/beta")
///         .crate_name("my_graph")
///         .areas(["users", "groups"])
///         .generate()
/// }
/// ```
///
/// Relative docs paths are taken from the crate's folder
/// (`CARGO_MANIFEST_DIR`, read when the script runs, so a script binary
/// reused from another checkout reads its own crate's docs), and the files
/// go to `OUT_DIR` unless [`Config::out_dir`] says otherwise. The crate
/// depends on `docs2rs-runtime` (and `serde`, `serde_json`) itself.
#[derive(Debug, Clone)]
pub struct Config {
    docs: Vec<PathBuf>,
    /// `None`: the building package's name (`CARGO_PKG_NAME`).
    crate_ident: Option<String>,
    out_dir: Option<PathBuf>,
    areas: Option<BTreeSet<String>>,
    example_tests: bool,
    fail_on_errors: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs: Vec::new(),
            crate_ident: None,
            out_dir: None,
            areas: None,
            example_tests: true,
            fail_on_errors: false,
        }
    }
}

impl Config {
    /// A configuration with no docs yet, example tests on, and docs
    /// errors reported as warnings.
    pub fn new() -> Self {
        Config::default()
    }

    /// Adds a docs folder (searched for `*.md`) or page. `DOCS2RS_DOCS`,
    /// when set, replaces them all.
    pub fn docs(mut self, path: impl Into<PathBuf>) -> Self {
        self.docs.push(path.into());
        self
    }

    /// The name the generated example tests import the SDK by; by
    /// default the building package's (`my-graph` is imported as
    /// `my_graph`).
    pub fn crate_name(mut self, name: &str) -> Self {
        self.crate_ident = Some(name.replace('-', "_"));
        self
    }

    /// Where to write, instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates only the endpoints of these API areas (a path's first
    /// segment as a module name: `users`, `device_management`); every
    /// type is still generated.
    pub fn areas<S: AsRef<str>>(mut self, areas: impl IntoIterator<Item = S>) -> Self {
        let areas = areas
            .into_iter()
            .map(|area| area.as_ref().replace('-', "_"))
            .collect();
        self.areas = Some(areas);
        self
    }

    /// Whether to write `examples.rs`, the tests that replay each
    /// documented example against a local server.
    pub fn example_tests(mut self, emit: bool) -> Self {
        self.example_tests = emit;
        self
    }

    /// Fails the build when the docs hold errors (diagnostics of severity
    /// error), instead of printing a warning.
    pub fn fail_on_errors(mut self, fail: bool) -> Self {
        self.fail_on_errors = fail;
        self
    }

    /// Generates the SDK and prints the `cargo:` lines for it. A cache in
    /// `.docs2rs` beside the files lets a rebuild after a docs edit reuse
    /// what the edit left alone; its output is the same as without it.
    pub fn generate(&self) -> Result<(), Error> {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .ok_or(Error::NotABuildScript("CARGO_MANIFEST_DIR"))?;
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NotABuildScript("OUT_DIR"))?,
        };
        println!("cargo:rerun-if-env-changed={DOCS_ENV}");
        let docs: Vec<PathBuf> = match std::env::var_os(DOCS_ENV) {
            Some(docs) => vec![PathBuf::from(docs)],
            None if self.docs.is_empty() => return Err(Error::NoDocs),
            None => self
                .docs
                .iter()
                .map(|docs| manifest_dir.join(docs))
                .collect(),
        };
        for docs in &docs {
            println!("cargo:rerun-if-changed={}", docs.display());
        }
        let crate_ident = match &self.crate_ident {
            Some(ident) => ident.clone(),
            None => std::env::var("CARGO_PKG_NAME")
                .map_err(|_| Error::NotABuildScript("CARGO_PKG_NAME"))?
                .replace('-', "_"),
        };
        // The cache goes with the files into `OUT_DIR`, so a rebuild after a
        // docs edit costs about what the edited pages cost.
        let plan = Plan {
            inputs: &docs,
            base: &manifest_dir,
            emit: EmitOptions {
                crate_ident,
                layout: Layout::Included,
            },
            package: None,
            out: &out_dir,
            areas: self.areas.as_ref(),
            example_tests: self.example_tests,
            cache: CacheUse::ReadWrite,
        };
        let generated =
            incremental::generate(&plan, &mut Timings::default()).map_err(|error| match error {
                incremental::Error::Load(error) => Error::Load(error),
                incremental::Error::Emit(error) => Error::Emit(error),
            })?;
        let errors: Vec<&Diagnostic> = generated
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect();
        if self.fail_on_errors && !errors.is_empty() {
            return Err(Error::Docs {
                count: errors.len(),
                first: errors
                    .iter()
                    .take(LISTED)
                    .map(|d| format!("{}:{}: {} {}", d.file, d.line, d.code, d.message))
                    .collect(),
            });
        }
        let files = &generated.files;
        let stats = write_tree(&out_dir, files, Foreign::Refuse).map_err(Error::Write)?;
        if let Err(error) = generated.store_cache(&out_dir) {
            println!("cargo:warning=docs2rs: the regeneration cache was not written: {error}");
        }
        for ignored in &stats.ignored {
            println!(
                "cargo:warning=docs2rs: {MANIFEST} entry `{}` ignored: {}",
                ignored.entry, ignored.reason
            );
        }
        if !errors.is_empty() {
            println!(
                "cargo:warning=docs2rs: {} error(s) in the docs; run `docs2rs check {}` for details",
                errors.len(),
                display(&docs)
            );
        }
        Ok(())
    }
}

fn display(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    shown.join(" ")
}

/// Why a build-script generation failed.
#[derive(Debug)]
pub enum Error {
    /// A variable cargo sets for build scripts is missing.
    NotABuildScript(&'static str),
    /// No docs were named and `DOCS2RS_DOCS` is not set.
    NoDocs,
    Load(LoadError),
    /// The docs hold errors and [`Config::fail_on_errors`] is on: how
    /// many, and the first few as `file:line: code message`.
    Docs {
        count: usize,
        first: Vec<String>,
    },
    Emit(EmitError),
    Write(WriteError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotABuildScript(variable) => write!(
                f,
                "{variable} is not set: run docs2rs::Config::generate from a build script (or set out_dir)"
            ),
            Error::NoDocs => write!(
                f,
                "no docs to generate from: call Config::docs or set {DOCS_ENV}"
            ),
            Error::Load(error) => write!(f, "{error}"),
            Error::Docs { count, first } => {
                write!(f, "the docs hold {count} error(s):")?;
                for line in first {
                    write!(f, "\n  {line}")?;
                }
                if *count > first.len() {
                    write!(f, "\n  and {} more", count - first.len())?;
                }
                Ok(())
            }
            Error::Emit(error) => write!(f, "{error}"),
            Error::Write(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for Error {}
