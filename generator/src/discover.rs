//! Finding the Markdown pages under the inputs. Folder links are followed,
//! since docs trees are assembled from them, but each folder is read once:
//! a link to a folder already read, or to one holding it (`self -> .`,
//! `up -> ..`), is skipped and reported, so no arrangement of links makes
//! the walk endless. Real folders are read before any link is followed, so
//! the path that names a page never depends on directory order.

use crate::source::{is_page, LoadError};
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// What the inputs hold: pages, and the folder links left unfollowed.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted, so output never depends on directory order.
    pub pages: Vec<PathBuf>,
    /// Links to a folder already read or holding one, sorted.
    pub skipped_links: Vec<PathBuf>,
}

/// Lists the Markdown pages under each input: a file is taken as it is, a
/// folder is searched recursively for `*.md`.
pub fn discover(inputs: &[PathBuf]) -> Result<Discovered, LoadError> {
    let mut found = Discovered::default();
    for input in inputs {
        let metadata = std::fs::metadata(input).map_err(unreadable(input))?;
        if metadata.is_dir() {
            let before = found.pages.len();
            Walk::default().run(input, &mut found)?;
            if found.pages.len() == before {
                return Err(LoadError::NoPages {
                    path: input.clone(),
                });
            }
        } else {
            found.pages.push(input.clone());
        }
    }
    for list in [&mut found.pages, &mut found.skipped_links] {
        list.sort();
        list.dedup();
    }
    Ok(found)
}

/// One input folder's walk.
#[derive(Default)]
struct Walk {
    /// The folders read, by canonical path.
    read: BTreeSet<PathBuf>,
    /// Real folders still to read, with their canonical paths.
    folders: Vec<(PathBuf, PathBuf)>,
    /// Folder links met, followed once no real folder is left.
    links: VecDeque<PathBuf>,
}

impl Walk {
    fn run(mut self, root: &Path, found: &mut Discovered) -> Result<(), LoadError> {
        let canonical = std::fs::canonicalize(root).map_err(unreadable(root))?;
        self.folders.push((root.to_path_buf(), canonical));
        loop {
            if let Some((folder, canonical)) = self.folders.pop() {
                self.read_folder(&folder, canonical, found)?;
            } else if let Some(link) = self.links.pop_front() {
                let target = std::fs::canonicalize(&link).map_err(unreadable(&link))?;
                if self.read.iter().any(|done| done.starts_with(&target)) {
                    found.skipped_links.push(link);
                } else {
                    self.folders.push((link, target));
                }
            } else {
                return Ok(());
            }
        }
    }

    /// Takes a folder's pages and queues its sub-folders and folder links,
    /// unless the folder was read already.
    fn read_folder(
        &mut self,
        folder: &Path,
        canonical: PathBuf,
        found: &mut Discovered,
    ) -> Result<(), LoadError> {
        if !self.read.insert(canonical.clone()) {
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(folder).map_err(unreadable(folder))? {
            let entry = entry.map_err(unreadable(folder))?;
            let kind = entry.file_type().map_err(unreadable(&entry.path()))?;
            entries.push((entry.path(), kind));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut folders = Vec::new();
        for (path, kind) in entries {
            if kind.is_dir() {
                let real = canonical.join(path.file_name().unwrap_or_default());
                folders.push((path, real));
            } else if kind.is_symlink() && path.is_dir() {
                self.links.push_back(path);
            } else if is_page(&path) {
                found.pages.push(path);
            }
        }
        // Onto the stack in reverse, so folders are read in name order.
        self.folders.extend(folders.into_iter().rev());
        Ok(())
    }
}

fn unreadable(path: &Path) -> impl Fn(std::io::Error) -> LoadError + '_ {
    move |error| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: error.to_string(),
    }
}
