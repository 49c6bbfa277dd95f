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

mod digest;
mod store;

pub use store::{is_inside as cache_is_inside, Counts, CACHE_DIR};

use crate::diag::Diagnostic;
use crate::emit::{emit_files, EmitError, EmitOptions, Sdk, EXAMPLE_TESTS};
use crate::model::{Api, Page};
use crate::output::{package_files, placed_in_crate, sdk_file_in_crate, Links, PackageInfo};
use crate::prose::{self, ProseTable};
use crate::source::{LoadError, SourceFile};
use crate::timings::{Stage, Timings};
use digest::Digest;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use store::{FileEntry, Index, PageEntry};

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
    /// Whether to use the cache.
    pub cache: bool,
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
    pub files_reused: usize,
}

impl fmt::Display for Reuse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pages parsed, {} reused; model {}; {} files made, {} reused",
            self.pages_parsed,
            self.pages_reused,
            if self.model_reused {
                "reused"
            } else {
                "resolved"
            },
            self.files_made,
            self.files_reused
        )
    }
}

struct NextCache {
    fingerprint: String,
    index: Index,
    /// The model, where this run resolved it.
    model: Option<(Digest, Api)>,
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
        let model = next.model.as_ref().map(|(key, api)| (*key, api));
        store::store(
            &store::cache_dir(out),
            &next.fingerprint,
            &next.index,
            model,
        )
    }
}

/// One page: what the cache or a fresh parse says of it and, where this
/// run parsed it, its model with the descriptions taken out and the
/// descriptions, until resolution and the emitter take them.
struct PageState {
    entry: PageEntry,
    parsed: bool,
    skeleton: Option<Page>,
    prose: Option<Vec<String>>,
}

/// Reads, parses, resolves and emits, reusing what the cache in
/// `plan.out` allows.
pub fn generate(plan: &Plan, timings: &mut Timings) -> Result<Generated, Error> {
    let (sources, skipped) = timings
        .measure(Stage::Read, || crate::read_sources(plan.inputs, plan.base))
        .map_err(Error::Load)?;
    timings.pages = sources.len();
    timings.bytes = sources.iter().map(|source| source.text.len()).sum();
    let fingerprint = plan
        .cache
        .then(store::fingerprint)
        .flatten()
        .filter(|_| store::is_inside(plan.out));
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
        let api = timings.measure(Stage::Model, || run.resolve(&mut states));
        let found = (api.diagnostics.clone(), Counts::of(&api));
        model = Some(api);
        found
    };
    let cache = fingerprint
        .as_deref()
        .map(|fingerprint| (dir.as_path(), fingerprint));
    let made = timings.measure(Stage::Emit, || {
        run.files(&mut states, &previous, &mut model, cache)
    })?;
    let resolved = !reusable || made.resolved;
    let reuse = Reuse {
        pages_parsed: states.iter().filter(|state| state.parsed).count(),
        pages_reused: states.iter().filter(|state| !state.parsed).count(),
        model_reused: !resolved,
        files_made: made.made,
        files_reused: made.files.len() - made.made,
    };
    let next = fingerprint.map(|fingerprint| NextCache {
        fingerprint,
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
        model: model.filter(|_| resolved).map(|api| (run.model_key, api)),
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

/// Each page from the cache where its text is unchanged, else parsed.
fn read_pages(sources: &[SourceFile], previous: &Index) -> Vec<PageState> {
    sources
        .par_iter()
        .map(|source| {
            let text = Digest::of_bytes(source.text.as_bytes());
            match previous.pages.get(&source.name) {
                Some(entry) if entry.text == text => PageState {
                    entry: entry.clone(),
                    parsed: false,
                    skeleton: None,
                    prose: None,
                },
                _ => parse(source, text),
            }
        })
        .collect()
}

/// Parses a page and takes its descriptions out.
fn parse(source: &SourceFile, text: Digest) -> PageState {
    let (mut skeleton, diagnostics) = crate::parse::parse_page(source);
    let prose = prose::split(&mut skeleton);
    let mut bytes = Vec::new();
    let encoded = serde::Serialize::serialize(
        &skeleton,
        &mut rmp_serde::Serializer::new(&mut bytes).with_struct_map(),
    );
    // A page that does not encode is keyed by its whole text, which is
    // never wrong, only less often reused.
    let skeleton_digest = match encoded {
        Ok(()) => Digest::of_bytes(&bytes),
        Err(_) => Digest::of([b"text".as_slice(), &text.bytes()]),
    };
    PageState {
        entry: PageEntry {
            text,
            skeleton: skeleton_digest,
            prose: prose
                .iter()
                .map(|text| Digest::of_bytes(text.as_bytes()))
                .collect(),
            diagnostics,
        },
        parsed: true,
        skeleton: Some(skeleton),
        prose: Some(prose),
    }
}

/// What the model follows from: every page's name and structure, in page
/// order, and the folder links left unfollowed.
fn model_key(sources: &[SourceFile], states: &[PageState], skipped: &[Diagnostic]) -> Digest {
    let skeletons: Vec<[u8; 16]> = states
        .iter()
        .map(|state| state.entry.skeleton.bytes())
        .collect();
    let skipped = format!("{skipped:?}");
    let parts = sources
        .iter()
        .zip(&skeletons)
        .flat_map(|(source, skeleton)| [source.name.as_bytes(), skeleton.as_slice()])
        .chain([skipped.as_bytes()]);
    Digest::of(parts)
}

/// The findings of the whole run, in the order [`crate::resolve`] gives
/// them.
fn all_diagnostics(
    skipped: Vec<Diagnostic>,
    states: &[PageState],
    resolved: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut all = skipped;
    for state in states {
        all.extend(state.entry.diagnostics.iter().cloned());
    }
    all.extend(resolved);
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

struct Run<'r> {
    plan: &'r Plan<'r>,
    sources: &'r [SourceFile],
    model_key: Digest,
    options_key: Digest,
}

/// The output files and the cache entries that describe them.
struct Made {
    files: BTreeMap<String, String>,
    entries: BTreeMap<String, FileEntry>,
    /// How many files were made rather than read back.
    made: usize,
    /// Whether the model had to be resolved after all.
    resolved: bool,
}

impl Run<'_> {
    /// Parses the pages the cache answered for and resolves every page's
    /// structure into the model.
    fn resolve(&self, states: &mut [PageState]) -> Api {
        self.parse_all(states);
        let skeletons = states
            .iter_mut()
            .filter_map(|state| state.skeleton.take())
            .collect();
        crate::resolve::resolve(skeletons, Vec::new())
    }

    fn parse_all(&self, states: &mut [PageState]) {
        states
            .par_iter_mut()
            .zip(self.sources)
            .filter(|(state, _)| state.skeleton.is_none())
            .for_each(|(state, source)| {
                let text = state.entry.text;
                *state = parse(source, text);
            });
    }

    /// Every output file: read back where the cache vouches for it, made
    /// otherwise. `model` is the resolved model where this run has one; it
    /// is loaded from the cache, or resolved, when a file must be made.
    fn files(
        &self,
        states: &mut [PageState],
        previous: &Index,
        model: &mut Option<Api>,
        cache: Option<(&Path, &str)>,
    ) -> Result<Made, Error> {
        // Parsing a page again gives the same digests, so these stay true.
        let prose_digests: BTreeMap<&str, Vec<Digest>> = self
            .sources
            .iter()
            .zip(states.iter())
            .map(|(source, state)| (source.name.as_str(), state.entry.prose.clone()))
            .collect();
        let mut files = BTreeMap::new();
        let mut entries = BTreeMap::new();
        let mut stale = BTreeSet::new();
        let same_files = model.is_none() && previous.options_key == Some(self.options_key);
        if same_files {
            let mut links = Links::new(self.plan.out);
            for (path, entry) in &previous.files {
                let key = self.file_key(path, &entry.prose_used, &prose_digests);
                // The index is untrusted: a path is read back only where
                // it stays inside the output folder.
                let text = (key == entry.key && links.check(path).is_ok())
                    .then(|| read_back(self.plan.out, path, entry.text))
                    .flatten();
                match text {
                    Some(text) => {
                        files.insert(path.clone(), text);
                        entries.insert(path.clone(), entry.clone());
                    }
                    None => {
                        stale.insert(path.clone());
                    }
                }
            }
            if stale.is_empty() && !previous.files.is_empty() {
                return Ok(Made {
                    files,
                    entries,
                    made: 0,
                    resolved: false,
                });
            }
        }
        if model.is_none() {
            *model = cache
                .and_then(|(dir, fingerprint)| store::load_model(dir, fingerprint, self.model_key));
        }
        let resolved = model.is_none();
        let api: &Api = model.get_or_insert_with(|| self.resolve(states));
        if resolved || !same_files {
            files.clear();
            entries.clear();
            stale.clear();
        }
        let only = (!stale.is_empty()).then_some(stale);
        let table = self.prose_table(states, only.as_ref(), previous);
        let (made, cargo_features) = self.make(api, &table, only.as_ref())?;
        let mut count = self.record(made, &mut files, &mut entries, &prose_digests)?;
        let package_wanted = only
            .as_ref()
            .is_none_or(|only| only.iter().any(|path| sdk_path(self.plan, path).is_none()));
        if let (Some(info), true) = (&self.plan.package, package_wanted) {
            let package = self.package(api, info, &files, cargo_features, only.as_ref());
            count += self.record(package, &mut files, &mut entries, &prose_digests)?;
        }
        Ok(Made {
            files,
            entries,
            made: count,
            resolved,
        })
    }

    /// Adds made files, with their cache entries; how many there were.
    fn record(
        &self,
        made: MadeFiles,
        files: &mut BTreeMap<String, String>,
        entries: &mut BTreeMap<String, FileEntry>,
        prose_digests: &BTreeMap<&str, Vec<Digest>>,
    ) -> Result<usize, Error> {
        if let Some((path, _)) = made.iter().find(|(_, (text, _))| prose::holds_marker(text)) {
            return Err(Error::Emit(EmitError {
                file: path.clone(),
                message: "a description was left as its marker".to_owned(),
            }));
        }
        let count = made.len();
        for (path, (text, prose_used)) in made {
            let key = self.file_key(&path, &prose_used, prose_digests);
            let entry = FileEntry {
                key,
                text: Digest::of_bytes(text.as_bytes()),
                prose_used,
            };
            entries.insert(path.clone(), entry);
            files.insert(path, text);
        }
        Ok(count)
    }

    /// `Cargo.toml`, `README.md` and `NOTICE.md`, those of them `only`
    /// names. The README shows a call read from the SDK's code (not its doc
    /// comments), so it is made from all of the SDK's files (`files`, read
    /// back or made now) and uses no description.
    fn package(
        &self,
        api: &Api,
        info: &PackageInfo,
        files: &BTreeMap<String, String>,
        cargo_features: Option<String>,
        only: Option<&BTreeSet<String>>,
    ) -> MadeFiles {
        let mut sdk = Sdk {
            files: BTreeMap::new(),
            cargo_features,
            prose_used: BTreeMap::new(),
        };
        for (path, text) in files {
            if let Some(inner) = sdk_path(self.plan, path) {
                sdk.files.insert(inner, text.clone());
            }
        }
        package_files(api, &sdk, info)
            .into_iter()
            .filter(|(path, _)| only.is_none_or(|only| only.contains(path)))
            .map(|(path, text)| (path, (text, Vec::new())))
            .collect()
    }

    /// The descriptions the files to make read: every page's for a full
    /// run, else those of the pages the files used last time (the model is
    /// the same, so they use the same ones).
    fn prose_table(
        &self,
        states: &mut [PageState],
        only: Option<&BTreeSet<String>>,
        previous: &Index,
    ) -> ProseTable {
        // Package files read the SDK's files, not descriptions.
        let wanted: Option<BTreeSet<&str>> = only.map(|only| {
            only.iter()
                .filter(|path| sdk_path(self.plan, path).is_some())
                .filter_map(|path| previous.files.get(path))
                .flat_map(|entry| &entry.prose_used)
                .filter_map(|marker| prose::page_of(marker))
                .collect()
        });
        states
            .par_iter_mut()
            .zip(self.sources)
            .filter(|(state, source)| {
                state.prose.is_none()
                    && wanted
                        .as_ref()
                        .is_none_or(|wanted| wanted.contains(source.name.as_str()))
            })
            .for_each(|(state, source)| {
                let text = state.entry.text;
                *state = parse(source, text);
            });
        let mut table = ProseTable::default();
        for (state, source) in states.iter_mut().zip(self.sources) {
            if let Some(prose) = state.prose.take() {
                table.insert(source.name.clone(), prose);
            }
        }
        table
    }

    /// Emits the SDK files in `only` (output paths; all for `None`), each
    /// with the description markers it used, and the crate's features.
    fn make(
        &self,
        api: &Api,
        table: &ProseTable,
        only: Option<&BTreeSet<String>>,
    ) -> Result<(MadeFiles, Option<String>), Error> {
        let place = |path: &str| match self.plan.package {
            Some(_) => placed_in_crate(path),
            None => path.to_owned(),
        };
        let filtered;
        let api = match self.plan.areas {
            Some(areas) => {
                let mut copy = api.clone();
                copy.operations
                    .retain(|operation| areas.contains(&operation.area));
                filtered = copy;
                &filtered
            }
            None => api,
        };
        let keep = |path: &str| {
            (self.plan.example_tests || path != EXAMPLE_TESTS)
                && only.is_none_or(|only| only.contains(&place(path)))
        };
        let mut sdk: Sdk = emit_files(api, &self.plan.emit, table, &keep).map_err(Error::Emit)?;
        let mut made = BTreeMap::new();
        for (path, text) in std::mem::take(&mut sdk.files) {
            let used = sdk.prose_used.remove(&path).unwrap_or_default();
            made.insert(place(&path), (text, used));
        }
        Ok((made, sdk.cargo_features))
    }

    /// What a file is made from: the model, the options, its path and the
    /// descriptions it used, as they are now.
    fn file_key(&self, path: &str, used: &[String], prose: &BTreeMap<&str, Vec<Digest>>) -> Digest {
        let model = self.model_key.bytes();
        let options = self.options_key.bytes();
        let texts: Vec<[u8; 16]> = used
            .iter()
            .map(|marker| {
                prose::locate(marker)
                    .and_then(|(page, index)| prose.get(page)?.get(index))
                    .map_or([0; 16], |digest| digest.bytes())
            })
            .collect();
        let parts = [model.as_slice(), options.as_slice(), path.as_bytes()]
            .into_iter()
            .chain(
                used.iter()
                    .zip(&texts)
                    .flat_map(|(marker, text)| [marker.as_bytes(), text.as_slice()]),
            );
        Digest::of(parts)
    }
}

/// Files by output path, each with the description markers it used.
type MadeFiles = BTreeMap<String, (String, Vec<String>)>;

/// Where an output file lies among the SDK's files ([`Sdk::files`]), or
/// `None` for a package file (`Cargo.toml`, `README.md`, `NOTICE.md`).
fn sdk_path(plan: &Plan, path: &str) -> Option<String> {
    match plan.package {
        Some(_) => sdk_file_in_crate(path),
        None => Some(path.to_owned()),
    }
}

/// A file's text as on disk, where it is the text the cache knows.
fn read_back(out: &Path, path: &str, expected: Digest) -> Option<String> {
    let text = std::fs::read_to_string(out.join(path)).ok()?;
    (Digest::of_bytes(text.as_bytes()) == expected).then_some(text)
}
