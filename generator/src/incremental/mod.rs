//! Regeneration that costs about what the changed pages cost.
//!
//! A run leaves a cache in the output folder (see [`store`]). The next run
//! reuses, by content alone:
//! - a page's parse, where the page's text is byte-identical;
//! - the resolved model, where every page's structure (its model with the
//!   descriptions taken out, see [`crate::prose`]) is unchanged;
//! - an output file, where the model, the options and every description
//!   the file used are unchanged and the file is on disk as written.
//!
//! Anything else is made again, so a warm run's output is the cold run's,
//! byte for byte.

mod files;
mod pages;
mod store;

pub use store::{is_inside as cache_is_inside, Counts, CACHE_DIR};

use crate::diag::Diagnostic;
use crate::digest::Digest;
use crate::emit::{EmitError, EmitOptions};
use crate::output::PackageInfo;
use crate::source::{LoadError, SourceFile};
use crate::timings::{Stage, Timings};
use files::{Kept, Made, Run};
use pages::{all_diagnostics, model_key, read_pages};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use store::Index;

/// What to generate, and where the last run's output is.
pub struct Plan<'a> {
    pub inputs: &'a [PathBuf],
    /// Pages are named relative to this folder.
    pub base: &'a Path,
    pub emit: EmitOptions,
    /// A standalone crate with these package files; `None` for the flat
    /// files a build script includes.
    pub package: Option<PackageInfo<'a>>,
    /// The output folder: the cache is in it, and files the cache says are
    /// current are read back from it.
    pub out: &'a Path,
    /// Only these API areas' endpoints; all for `None`.
    pub areas: Option<&'a BTreeSet<String>>,
    /// Whether to make `examples.rs`, the example tests.
    pub example_tests: bool,
    pub cache: CacheUse,
}

/// How a run uses the cache in the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Neither read nor write it.
    Off,
    /// Read it, write nothing (`generate --check`).
    Read,
    /// Read it, and leave one for the next run.
    ReadWrite,
}

impl Plan<'_> {
    /// What the files are made with besides the model.
    fn options_key(&self) -> Digest {
        let options = format!(
            "{:?}\n{:?}\n{:?}\n{}",
            self.emit, self.package, self.areas, self.example_tests
        );
        Digest::of_bytes(options.as_bytes())
    }
}

/// What a run made, and what it reused.
pub struct Generated {
    /// By path in the output folder.
    pub files: BTreeMap<String, String>,
    /// Every finding, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Counts,
    pub sources: Vec<SourceFile>,
    pub reuse: Reuse,
    /// The cache to leave for the next run.
    next: Option<NextCache>,
}

/// How much of the last run a run reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reuse {
    pub pages_parsed: usize,
    pub pages_reused: usize,
    pub model_reused: bool,
    pub files_made: usize,
    /// Of the files made, those formatted (the rest had the same code as
    /// last time, and took its text).
    pub files_formatted: usize,
    pub files_reused: usize,
}

impl fmt::Display for Reuse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pages parsed, {} reused; model {}; {} files made ({} formatted), {} reused",
            self.pages_parsed,
            self.pages_reused,
            if self.model_reused {
                "reused"
            } else {
                "resolved"
            },
            self.files_made,
            self.files_formatted,
            self.files_reused
        )
    }
}

struct NextCache {
    fingerprint: String,
    index: Index,
    /// The model this run resolved, encoded while the files were made, or
    /// why it could not be.
    model: Option<std::io::Result<store::EncodedModel>>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    Load(LoadError),
    Emit(EmitError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(error) => write!(f, "{error}"),
            Error::Emit(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for Error {}

impl Generated {
    /// Leaves the cache for the next run. A cache that cannot be written
    /// only makes the next run a cold one; the error says why.
    pub fn store_cache(&self, out: &Path) -> std::io::Result<()> {
        let Some(next) = &self.next else {
            return Ok(());
        };
        let dir = store::cache_dir(out);
        match &next.model {
            Some(Ok(model)) => store::store_model(&dir, model)?,
            Some(Err(error)) => return Err(std::io::Error::new(error.kind(), error.to_string())),
            None => {}
        }
        store::store_index(&dir, &next.fingerprint, &next.index)
    }
}

/// Reads, parses, resolves and emits, reusing what the cache in
/// `plan.out` allows.
pub fn generate(plan: &Plan, timings: &mut Timings) -> Result<Generated, Error> {
    let (sources, skipped) = timings
        .measure(Stage::Read, || crate::read_sources(plan.inputs, plan.base))
        .map_err(Error::Load)?;
    timings.pages = sources.len();
    timings.bytes = sources.iter().map(|source| source.text.len()).sum();
    let fingerprint = (plan.cache != CacheUse::Off)
        .then(store::fingerprint)
        .flatten()
        .filter(|_| store::is_inside(plan.out));
    let writes = fingerprint
        .as_deref()
        .filter(|_| plan.cache == CacheUse::ReadWrite);
    let dir = store::cache_dir(plan.out);
    let (previous, mut states) = timings.measure(Stage::Parse, || {
        let previous = fingerprint
            .as_deref()
            .and_then(|fingerprint| store::load_index(&dir, fingerprint))
            .unwrap_or_default();
        let states = read_pages(&sources, &previous);
        (previous, states)
    });
    let run = Run {
        plan,
        sources: &sources,
        model_key: model_key(&sources, &states, &skipped),
        options_key: plan.options_key(),
    };
    let reusable = previous.model_key == Some(run.model_key);
    let mut model = None;
    let (resolve_diagnostics, counts) = if reusable {
        (previous.resolve_diagnostics.clone(), previous.counts)
    } else {
        let api = timings.measure(Stage::Model, || pages::resolve(&sources, &mut states));
        let found = (api.diagnostics.clone(), Counts::of(&api));
        model = Some(api);
        found
    };
    // Parsing a page again gives the same digests, so these stay true.
    let prose_digests: BTreeMap<&str, Vec<Digest>> = sources
        .iter()
        .zip(&states)
        .map(|(source, state)| (source.name.as_str(), state.entry.prose.clone()))
        .collect();
    let same_files = reusable && previous.options_key == Some(run.options_key);
    let kept = match same_files {
        true => timings.measure(Stage::Emit, || run.keep_current(&previous, &prose_digests)),
        false => Kept::default(),
    };
    let mut resolved = !reusable;
    if !kept.is_complete() && model.is_none() {
        model = timings.measure(Stage::Model, || {
            let loaded = fingerprint
                .as_deref()
                .and_then(|fingerprint| store::load_model(&dir, fingerprint, run.model_key));
            loaded.or_else(|| {
                // The index named a model the cache does not hold (the same
                // model, so the files kept stay current).
                resolved = true;
                Some(pages::resolve(&sources, &mut states))
            })
        });
    }
    let mut encoded = None;
    let made = match &model {
        Some(api) if !kept.is_complete() => std::thread::scope(|scope| {
            // A model resolved now is encoded for the cache while the files
            // are made; it is written with the index, after the output.
            let encoding = writes.filter(|_| resolved).map(|fingerprint| {
                scope.spawn(|| store::encode_model(fingerprint, run.model_key, api))
            });
            let made = timings.measure(Stage::Emit, || {
                run.make_rest(api, &mut states, &previous, kept, &prose_digests)
            });
            encoded = encoding.map(|encoding| {
                encoding
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("the model encoder stopped")))
            });
            made
        })?,
        _ => Made {
            made: 0,
            formatting_reused: 0,
            files: kept.files,
            entries: kept.entries,
        },
    };
    let reuse = Reuse {
        pages_parsed: states.iter().filter(|state| state.parsed).count(),
        pages_reused: states.iter().filter(|state| !state.parsed).count(),
        model_reused: !resolved,
        files_made: made.made,
        files_formatted: made.made - made.formatting_reused,
        files_reused: made.files.len() - made.made,
    };
    let next = writes.map(|fingerprint| NextCache {
        fingerprint: fingerprint.to_owned(),
        index: Index {
            pages: sources
                .iter()
                .zip(&states)
                .map(|(source, state)| (source.name.clone(), state.entry.clone()))
                .collect(),
            model_key: Some(run.model_key),
            options_key: Some(run.options_key),
            counts,
            resolve_diagnostics: resolve_diagnostics.clone(),
            files: made.entries,
        },
        model: encoded,
    });
    let diagnostics = all_diagnostics(skipped, &states, resolve_diagnostics);
    Ok(Generated {
        files: made.files,
        diagnostics,
        counts,
        sources,
        reuse,
        next,
    })
}
