//! Which paths under the output folder docs2rs may touch. The folder is
//! committed and regenerated in CI, so what it holds (the manifest, links)
//! is untrusted: a path is used only when it is a plain relative path and
//! nothing on disk along it is a symbolic link, so no write or removal can
//! land outside `--out`.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a path under the output folder is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// Not `/`-separated plain names: `..`, `.`, a root, a drive or a backslash.
    NotPlain,
    /// This part of it, under the output folder, is a symbolic link.
    Link(String),
}

impl fmt::Display for Unsafe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsafe::NotPlain => f.write_str(
                "it is not a plain relative path inside the output folder (no `..`, `.`, root, drive or backslash)",
            ),
            Unsafe::Link(part) => write!(
                f,
                "`{part}` is a symbolic link, which could lead outside the output folder"
            ),
        }
    }
}

/// Checks a path's text: `/`-separated names, none empty, `.` or `..`, and
/// none holding what Windows reads as a separator or a drive.
fn check_plain(path: &str) -> Result<(), Unsafe> {
    let plain = path.split('/').all(|part| {
        !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':', '\0'])
    });
    if plain {
        Ok(())
    } else {
        Err(Unsafe::NotPlain)
    }
}

/// Finds symbolic links along paths under the output folder, remembering
/// the parts already found to be none.
pub struct Links<'a> {
    root: &'a Path,
    clear: HashSet<PathBuf>,
}

impl<'a> Links<'a> {
    pub fn new(root: &'a Path) -> Self {
        Links {
            root,
            clear: HashSet::new(),
        }
    }

    /// Checks that `path` is plain and that no part of it that exists, the
    /// file included, is a symbolic link. A missing part ends the check, as
    /// nothing below it exists.
    pub fn check(&mut self, path: &str) -> Result<(), Unsafe> {
        check_plain(path)?;
        let mut at = self.root.to_path_buf();
        for (index, part) in path.split('/').enumerate() {
            at.push(part);
            if self.clear.contains(&at) {
                continue;
            }
            match std::fs::symlink_metadata(&at) {
                Ok(metadata) if metadata.file_type().is_symlink() => {
                    let parts: Vec<&str> = path.split('/').take(index + 1).collect();
                    return Err(Unsafe::Link(parts.join("/")));
                }
                Ok(_) => {
                    self.clear.insert(at.clone());
                }
                Err(_) => return Ok(()),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{check_plain, Unsafe};

    #[test]
    fn only_plain_relative_paths_pass() {
        for plain in ["Cargo.toml", "src/models/user.rs", "tests/examples.rs"] {
            assert_eq!(check_plain(plain), Ok(()), "{plain}");
        }
        let refused = [
            "",
            "../victim.txt",
            "src/../../victim.txt",
            "/etc/passwd",
            "C:\\victim.txt",
            "C:/victim.txt",
            "src\\..\\..\\victim.txt",
            "src//x.rs",
            "./x.rs",
            "src/",
        ];
        for path in refused {
            assert_eq!(check_plain(path), Err(Unsafe::NotPlain), "{path}");
        }
    }
}
