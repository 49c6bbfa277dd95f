//! Docs files as read from disk, with byte offsets mapped to lines.

use crate::diag::Position;
use std::fmt;
use std::path::{Path, PathBuf};

/// One Markdown page's text and name.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name diagnostics and the model use: the path as given, with `/`.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        Position {
            line: to_u32(line_index + 1),
            column: to_u32(column + 1),
        }
    }

    /// The text of a 1-based line, without its line end.
    pub fn line_text(&self, line: u32) -> &str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// The byte offset of the start of a 1-based line.
    pub fn line_offset(&self, line: u32) -> usize {
        let index = (line as usize).saturating_sub(1);
        self.line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len())
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Why docs could not be read.
#[derive(Debug)]
pub enum LoadError {
    Unreadable { path: PathBuf, reason: String },
    NotUtf8 { path: PathBuf },
    NoPages { path: PathBuf },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            LoadError::NotUtf8 { path } => {
                write!(f, "{} is not UTF-8 text", path.display())
            }
            LoadError::NoPages { path } => {
                write!(f, "{} holds no Markdown (*.md) pages", path.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The folder pages are named relative to when the inputs alone decide:
/// the nearest folder holding every input, so a page under the input
/// `../docs/beta` is `beta/api/x.md` whatever the working directory (and
/// under the inputs `docs/api docs/resources`, `api/x.md`).
pub fn naming_base(inputs: &[PathBuf]) -> PathBuf {
    let holders: Vec<PathBuf> = inputs
        .iter()
        .map(|input| {
            let absolute = std::path::absolute(input).unwrap_or_else(|_| input.clone());
            // `..` and `/` name no folder of their own: resolve them.
            let named = match absolute.file_name() {
                Some(_) => absolute,
                None => std::fs::canonicalize(&absolute).unwrap_or(absolute),
            };
            named.parent().map(Path::to_path_buf).unwrap_or(named)
        })
        .collect();
    let Some((first, rest)) = holders.split_first() else {
        return PathBuf::new();
    };
    rest.iter().fold(first.clone(), |common, holder| {
        common
            .components()
            .zip(holder.components())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    })
}

/// How a page (or another path under the inputs) is named: relative to
/// `base` with `/` separators; a path outside `base` keeps its absolute
/// path, one `/` first.
pub fn display_name(path: &Path, base: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = path
        .strip_prefix(base)
        .or_else(|_| absolute.strip_prefix(base))
        .unwrap_or(path);
    let parts: Vec<_> = shown
        .components()
        .filter(|part| matches!(part, std::path::Component::Normal(_)))
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    let root = if shown.has_root() { "/" } else { "" };
    format!("{root}{}", parts.join("/"))
}

/// A Markdown file other than a folder's README (which describes the folder
/// and is no reference page).
pub fn is_page(path: &Path) -> bool {
    let markdown = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"));
    let readme = path
        .file_stem()
        .is_some_and(|stem| stem.eq_ignore_ascii_case("readme"));
    markdown && !readme
}

/// Reads one page. `name` is how the page is named in diagnostics.
pub fn read_page(path: &Path, name: String) -> Result<SourceFile, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    Ok(SourceFile::new(name, text))
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn pages_are_named_from_the_folder_holding_the_inputs() {
        use super::naming_base;
        use std::path::PathBuf;
        let cwd = std::env::current_dir().unwrap_or_default();
        let base = naming_base(&[PathBuf::from("docs/beta")]);
        assert_eq!(base, cwd.join("docs"));
        let base = naming_base(&[
            PathBuf::from("/x/docs/api"),
            PathBuf::from("/x/docs/resources"),
        ]);
        assert_eq!(base, PathBuf::from("/x/docs"));
        let base = naming_base(&[PathBuf::from("/x/a/api"), PathBuf::from("/x/b/resources")]);
        assert_eq!(base, PathBuf::from("/x"));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let file = SourceFile::new("x.md", "ab\r\nçd\nef");
        assert_eq!((file.position(0).line, file.position(0).column), (1, 1));
        assert_eq!((file.position(6).line, file.position(6).column), (2, 2));
        assert_eq!(file.line_text(1), "ab");
        assert_eq!(file.line_text(3), "ef");
        assert_eq!(file.line_text(9), "");
    }
}
