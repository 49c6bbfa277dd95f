//! Laying generated files out on disk: as a standalone crate, or as the
//! flat set a build script includes. Only files whose content changed are
//! written, so unchanged files keep their mtime and incremental builds stay
//! cheap; files a previous run wrote and this one does not are removed.
//! Nothing outside the output folder is read, written or removed, and no
//! file docs2rs did not write is replaced unless asked.

mod check;
mod ownership;
mod package;
mod paths;

pub use check::{changed_diffs, pending, summary, PartSummary, Pending};
pub use ownership::{Ignored, HEADER, MANIFEST};
pub use package::{package_files, PackageInfo, RuntimeDependency};
pub use paths::{Links, Unsafe};

use crate::emit::{Sdk, EXAMPLE_TESTS};
use crate::model::Api;
use ownership::{carries_header, read_previous};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a standalone crate: `Cargo.toml`, `README.md`,
/// `NOTICE.md`, `src/…`, `tests/examples.rs`.
pub fn crate_files(sdk: &Sdk, api: &Api, info: &PackageInfo) -> BTreeMap<String, String> {
    let mut files = package_files(api, sdk, info);
    for (path, text) in &sdk.files {
        files.insert(placed_in_crate(path), text.clone());
    }
    files
}

/// Where an SDK file (a path of [`Sdk::files`]) lies in a standalone
/// crate: the example tests under `tests/`, the rest under `src/`.
pub fn placed_in_crate(path: &str) -> String {
    if path == EXAMPLE_TESTS {
        format!("tests/{path}")
    } else {
        format!("src/{path}")
    }
}

/// The SDK file a path of a standalone crate holds ([`placed_in_crate`]
/// undone), or `None` for the package's own files (`Cargo.toml`, ...).
pub fn sdk_file_in_crate(path: &str) -> Option<String> {
    if let Some(inner) = path.strip_prefix("src/") {
        return Some(inner.to_owned());
    }
    (path == format!("tests/{EXAMPLE_TESTS}")).then(|| EXAMPLE_TESTS.to_owned())
}

/// Why output could not be written. Each is found before anything is.
#[derive(Debug)]
pub enum WriteError {
    NotADirectory(PathBuf),
    /// A path to write is unsafe (a link inside the output folder).
    Unsafe {
        dir: PathBuf,
        path: String,
        why: Unsafe,
    },
    /// Files that would be replaced but that docs2rs did not write.
    NotGenerated {
        dir: PathBuf,
        paths: Vec<String>,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

/// How many refused files an error names before it only counts.
const NAMED: usize = 20;

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotADirectory(path) => {
                write!(f, "{} exists and is not a directory", path.display())
            }
            WriteError::Unsafe { dir, path, why } => {
                write!(f, "refusing to write {}: {why}", dir.join(path).display())
            }
            WriteError::NotGenerated { dir, paths } => {
                let named: Vec<String> = paths
                    .iter()
                    .take(NAMED)
                    .map(|path| dir.join(path).display().to_string())
                    .collect();
                let more = match paths.len().saturating_sub(NAMED) {
                    0 => String::new(),
                    more => format!(" and {more} more"),
                };
                write!(
                    f,
                    "refusing to replace {} file(s) docs2rs did not write (not listed in {MANIFEST}, no `{HEADER}` header): {}{more}; nothing was written. Move them away, or pass --force to replace them",
                    paths.len(),
                    named.join(", ")
                )
            }
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// What a write changed, and the manifest entries it left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Entries of the previous manifest not acted on: unsafe paths, and
    /// stale files without docs2rs's header, which are kept.
    pub ignored: Vec<Ignored>,
}

/// What to do with existing files docs2rs did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// Stop before writing anything, naming them.
    Refuse,
    /// Replace them (`--force`).
    Replace,
}

/// Refuses an output path that exists and is not a folder, before any
/// generation work is done.
pub fn check_output_dir(dir: &Path) -> Result<(), WriteError> {
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::NotADirectory(dir.to_path_buf()));
    }
    Ok(())
}

/// Writes `files` under `dir` and removes what the previous run wrote and
/// this one does not. `dir` itself is the caller's choice; below it, every
/// path is checked before anything is touched.
pub fn write_tree(
    dir: &Path,
    files: &BTreeMap<String, String>,
    foreign: Foreign,
) -> Result<WriteStats, WriteError> {
    check_output_dir(dir)?;
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| WriteError::Io { path, error }
    };
    let mut links = Links::new(dir);
    for path in files.keys().map(String::as_str).chain([MANIFEST]) {
        links.check(path).map_err(|why| WriteError::Unsafe {
            dir: dir.to_path_buf(),
            path: path.to_owned(),
            why,
        })?;
    }
    let previous = read_previous(dir, &mut links);
    if foreign == Foreign::Refuse {
        let not_generated: Vec<String> = files
            .keys()
            .filter(|path| !previous.files.contains(*path))
            .filter(|path| {
                let path = dir.join(path);
                path.exists() && !carries_header(&path)
            })
            .cloned()
            .collect();
        if !not_generated.is_empty() {
            return Err(WriteError::NotGenerated {
                dir: dir.to_path_buf(),
                paths: not_generated,
            });
        }
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut stats = WriteStats {
        ignored: previous.ignored,
        ..WriteStats::default()
    };
    for stale in previous
        .files
        .iter()
        .filter(|path| !files.contains_key(*path))
    {
        let path = dir.join(stale);
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
        if !is_file {
            continue;
        }
        if carries_header(&path) {
            std::fs::remove_file(&path).map_err(io_error(&path))?;
            stats.removed += 1;
        } else {
            stats.ignored.push(Ignored {
                entry: stale.clone(),
                reason: format!(
                    "it is no longer generated, but it lacks the `{HEADER}` header, so it is kept"
                ),
            });
        }
    }
    // Files are compared and written in parallel: most of the time goes to
    // the file system, one small file at a time.
    let written = files
        .par_iter()
        .map(|(relative, text)| {
            let path = dir.join(relative);
            if std::fs::read(&path).is_ok_and(|existing| existing == text.as_bytes()) {
                return Ok(false);
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            std::fs::write(&path, text).map_err(io_error(&path))?;
            Ok(true)
        })
        .collect::<Result<Vec<bool>, WriteError>>()?;
    stats.written = written.iter().filter(|&&changed| changed).count();
    stats.unchanged = written.len() - stats.written;
    let manifest_path = dir.join(MANIFEST);
    let manifest: String = files.keys().map(|path| format!("{path}\n")).collect();
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest.as_str()) {
        std::fs::write(&manifest_path, manifest).map_err(io_error(&manifest_path))?;
    }
    Ok(stats)
}
