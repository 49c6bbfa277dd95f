//! Docs pages read straight from a git repository's object store at a
//! revision, with no checkout: how `docs2rs diff --git` compares two
//! revisions of a docs repository.

use crate::source::{self, SourceFile};
use gix::bstr::ByteSlice;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a revision's pages could not be read.
#[derive(Debug)]
pub struct GitError {
    pub repo: PathBuf,
    pub message: String,
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.repo.display(), self.message)
    }
}

impl std::error::Error for GitError {}

/// The Markdown pages of `revision` (anything `git rev-parse` accepts that
/// names a commit or tree) under the folder `under` of the repository at
/// `repo`, sorted by path. Pages are named by their path below `under`, so
/// a revision reads like a checkout of that folder.
pub fn read_revision(
    repo: &Path,
    revision: &str,
    under: Option<&str>,
) -> Result<Vec<SourceFile>, GitError> {
    let fail = |message: String| GitError {
        repo: repo.to_path_buf(),
        message,
    };
    let repository =
        gix::open(repo).map_err(|error| fail(format!("not a git repository: {error}")))?;
    let no_tree = |error: &dyn fmt::Display| fail(format!("`{revision}` names no tree: {error}"));
    let tree = repository
        .rev_parse_single(revision)
        .map_err(|error| fail(format!("cannot resolve `{revision}`: {error}")))?
        .object()
        .map_err(|error| no_tree(&error))?
        .peel_to_tree()
        .map_err(|error| no_tree(&error))?;
    let mut recorder = gix::traverse::tree::Recorder::default();
    tree.traverse()
        .breadthfirst(&mut recorder)
        .map_err(|error| fail(format!("cannot read the tree of `{revision}`: {error}")))?;
    let prefix = under
        .map(|folder| folder.trim_matches('/'))
        .filter(|folder| !folder.is_empty())
        .map(|folder| format!("{folder}/"));
    let mut pages = Vec::new();
    for entry in recorder.records {
        let Ok(path) = entry.filepath.to_str() else {
            continue;
        };
        let name = match &prefix {
            Some(prefix) => match path.strip_prefix(prefix.as_str()) {
                Some(rest) => rest,
                None => continue,
            },
            None => path,
        };
        if !entry.mode.is_blob() || !source::is_page(Path::new(name)) {
            continue;
        }
        let blob = repository
            .find_object(entry.oid)
            .map_err(|error| fail(format!("cannot read {revision}:{path}: {error}")))?;
        let text = String::from_utf8(blob.data.clone())
            .map_err(|_| fail(format!("{revision}:{path} is not UTF-8 text")))?;
        pages.push(SourceFile::new(name, text));
    }
    if pages.is_empty() {
        return Err(fail(format!(
            "`{revision}` holds no Markdown (*.md) pages under `{}`",
            under.unwrap_or("/")
        )));
    }
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(pages)
}
