//! The output files of a run: read back where the cache vouches for
//! them, made where it does not.

use super::pages::{parse, PageState};
use super::store::{FileEntry, Index};
use super::{Error, Plan};
use crate::digest::Digest;
use crate::emit::{emit_files, EmitError, Partial, Sdk, EXAMPLE_TESTS};
use crate::model::Api;
use crate::output::{package_files, placed_in_crate, sdk_file_in_crate, Links, PackageInfo};
use crate::prose::{self, ProseTable};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What the files of a run are made from besides the pages.
pub struct Run<'r> {
    pub plan: &'r Plan<'r>,
    pub sources: &'r [SourceFile],
    pub model_key: Digest,
    pub options_key: Digest,
}

/// The output files and the cache entries that describe them.
pub struct Made {
    pub files: BTreeMap<String, String>,
    pub entries: BTreeMap<String, FileEntry>,
    /// How many files were made rather than read back.
    pub made: usize,
    /// How many of those took their formatted text from the last run.
    pub formatting_reused: usize,
}

/// The files the last run left that are still current, and those that
/// are not.
#[derive(Default)]
pub struct Kept {
    pub files: BTreeMap<String, String>,
    pub entries: BTreeMap<String, FileEntry>,
    stale: BTreeSet<String>,
}

impl Kept {
    /// Whether every file is current: none to make.
    pub fn is_complete(&self) -> bool {
        self.stale.is_empty() && !self.files.is_empty()
    }
}

impl Run<'_> {
    /// The files of the last run (same model, same options) that are
    /// still current: same descriptions, and on disk as written.
    pub fn keep_current(
        &self,
        previous: &Index,
        prose_digests: &BTreeMap<&str, Vec<Digest>>,
    ) -> Kept {
        let mut kept = Kept::default();
        let mut links = Links::new(self.plan.out);
        for (path, entry) in &previous.files {
            let key = self.file_key(path, &entry.prose_used, prose_digests);
            // The index is untrusted: a path is read back only where it
            // stays inside the output folder.
            let text = (key == entry.key && links.check(path).is_ok())
                .then(|| read_back(self.plan.out, path, entry.text))
                .flatten();
            match text {
                Some(text) => {
                    kept.files.insert(path.clone(), text);
                    kept.entries.insert(path.clone(), entry.clone());
                }
                None => {
                    kept.stale.insert(path.clone());
                }
            }
        }
        kept
    }

    /// Makes the files `kept` lacks: its stale ones, or every file where
    /// it holds none.
    pub fn make_rest(
        &self,
        api: &Api,
        states: &mut [PageState],
        previous: &Index,
        kept: Kept,
        prose_digests: &BTreeMap<&str, Vec<Digest>>,
    ) -> Result<Made, Error> {
        let Kept {
            mut files,
            mut entries,
            stale,
        } = kept;
        let only = (!stale.is_empty()).then_some(stale);
        let table = self.prose_table(states, only.as_ref(), previous);
        let (made, cargo_features, formatting_reused) =
            self.make(api, &table, only.as_ref(), previous)?;
        let mut count = self.record(made, &mut files, &mut entries, prose_digests)?;
        let package_wanted = only
            .as_ref()
            .is_none_or(|only| only.iter().any(|path| sdk_path(self.plan, path).is_none()));
        if let (Some(info), true) = (&self.plan.package, package_wanted) {
            let package = self.package(api, info, &files, cargo_features, only.as_ref());
            count += self.record(package, &mut files, &mut entries, prose_digests)?;
        }
        Ok(Made {
            files,
            entries,
            made: count,
            formatting_reused,
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
        if let Some((path, _)) = made
            .iter()
            .find(|(_, file)| prose::holds_marker(&file.text))
        {
            return Err(Error::Emit(EmitError {
                file: path.clone(),
                message: "a description was left as its marker".to_owned(),
            }));
        }
        let count = made.len();
        for (path, file) in made {
            let entry = FileEntry {
                key: self.file_key(&path, &file.prose_used, prose_digests),
                text: Digest::of_bytes(file.text.as_bytes()),
                prose_used: file.prose_used,
                tokens: file.tokens,
            };
            entries.insert(path.clone(), entry);
            files.insert(path, file.text);
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
            cargo_features,
            ..Sdk::default()
        };
        for (path, text) in files {
            if let Some(inner) = sdk_path(self.plan, path) {
                sdk.files.insert(inner, text.clone());
            }
        }
        package_files(api, &sdk, info)
            .into_iter()
            .filter(|(path, _)| only.is_none_or(|only| only.contains(path)))
            .map(|(path, text)| (path, MadeFile::plain(text)))
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
    /// with the description markers it used; also the crate's features and
    /// how many files took their formatted text from the last run
    /// (`previous`).
    fn make(
        &self,
        api: &Api,
        table: &ProseTable,
        only: Option<&BTreeSet<String>>,
        previous: &Index,
    ) -> Result<(MadeFiles, Option<String>, usize), Error> {
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
        // The last run's text for the same unformatted code, where the file
        // is still on disk as written.
        let formatted = |path: &str, tokens: Digest| {
            let placed = place(path);
            let entry = previous.files.get(&placed)?;
            let inside = Links::new(self.plan.out).check(&placed).is_ok();
            (entry.tokens == Some(tokens) && inside)
                .then(|| read_back(self.plan.out, &placed, entry.text))
                .flatten()
        };
        let partial = Partial {
            prose: table,
            keep: &keep,
            formatted: Some(&formatted),
        };
        let mut sdk: Sdk = emit_files(api, &self.plan.emit, &partial).map_err(Error::Emit)?;
        let mut made = BTreeMap::new();
        for (path, text) in std::mem::take(&mut sdk.files) {
            let file = MadeFile {
                text,
                prose_used: sdk.prose_used.remove(&path).unwrap_or_default(),
                tokens: sdk.token_digests.remove(&path),
            };
            made.insert(place(&path), file);
        }
        Ok((made, sdk.cargo_features, sdk.formatting_reused))
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

/// A file made this run.
struct MadeFile {
    text: String,
    /// The description markers it used.
    prose_used: Vec<String>,
    /// The digest of its code before formatting, for an SDK file.
    tokens: Option<Digest>,
}

impl MadeFile {
    /// A file made from neither descriptions nor formatted code.
    fn plain(text: String) -> Self {
        MadeFile {
            text,
            prose_used: Vec::new(),
            tokens: None,
        }
    }
}

/// Files made this run, by output path.
type MadeFiles = BTreeMap<String, MadeFile>;

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
