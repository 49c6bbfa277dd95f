//! `generate --check`: what writing would change in an output folder,
//! found without writing anything, so CI can tell whether the committed
//! generated code is current.

use super::ownership::{carries_header, read_previous};
use super::paths::Links;
use super::WriteError;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The files writing would create, change and remove, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    pub created: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Pending {
    /// The folder already holds exactly what generation gives.
    pub fn is_current(&self) -> bool {
        self.created.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What writing `files` under `dir` would do. The same paths are refused
/// as when writing (links, `..`), and nothing outside `dir` is read.
pub fn pending(dir: &Path, files: &BTreeMap<String, String>) -> Result<Pending, WriteError> {
    super::check_output_dir(dir)?;
    let mut links = Links::new(dir);
    for path in files.keys() {
        links.check(path).map_err(|why| WriteError::Unsafe {
            dir: dir.to_path_buf(),
            path: path.clone(),
            why,
        })?;
    }
    let previous = read_previous(dir, &mut links);
    let mut pending = Pending::default();
    for (relative, text) in files {
        match std::fs::read(dir.join(relative)) {
            Ok(existing) if existing == text.as_bytes() => {}
            Ok(_) => pending.changed.push(relative.clone()),
            Err(_) => pending.created.push(relative.clone()),
        }
    }
    pending.removed = previous
        .files
        .into_iter()
        .filter(|path| !files.contains_key(path))
        .filter(|path| carries_header(&dir.join(path)))
        .collect();
    Ok(pending)
}

/// A unified diff of each of the first `shown` changed files, old (on
/// disk) to new (generated), each cut to `lines` lines.
pub fn changed_diffs(
    dir: &Path,
    files: &BTreeMap<String, String>,
    pending: &Pending,
    shown: usize,
    lines: usize,
) -> String {
    let mut out = String::new();
    for relative in pending.changed.iter().take(shown) {
        let old = std::fs::read_to_string(dir.join(relative)).unwrap_or_default();
        let new = files.get(relative).map_or("", String::as_str);
        let diff = similar::TextDiff::from_lines(old.as_str(), new);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{relative}"), &format!("b/{relative}"))
            .to_string();
        let total = text.lines().count();
        for line in text.lines().take(lines) {
            let _ = writeln!(out, "{line}");
        }
        if total > lines {
            let _ = writeln!(out, "... {} more diff lines", total - lines);
        }
    }
    out
}

/// Files and items a regeneration changes in one part of the crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartSummary {
    pub files: usize,
    /// Item declarations (`pub fn`, `pub struct`, `pub enum`) added,
    /// removed or changed.
    pub items: usize,
}

/// What changes per part of the crate, for a reviewer reading it next to
/// the API report: each endpoint area (`endpoints/users`), the models of
/// each namespace (`models`, `models/call_records`), and the rest.
pub fn summary(
    dir: &Path,
    files: &BTreeMap<String, String>,
    pending: &Pending,
) -> BTreeMap<String, PartSummary> {
    let mut parts: BTreeMap<String, PartSummary> = BTreeMap::new();
    let touched = pending
        .created
        .iter()
        .chain(&pending.changed)
        .chain(&pending.removed);
    for relative in touched {
        let old = std::fs::read_to_string(dir.join(relative)).unwrap_or_default();
        let new = files.get(relative).map_or("", String::as_str);
        let part = parts.entry(part_of(relative)).or_default();
        part.files += 1;
        part.items += changed_items(&old, new);
    }
    parts
}

/// The part a generated file belongs to.
fn part_of(relative: &str) -> String {
    let path = relative.strip_prefix("src/").unwrap_or(relative);
    let mut pieces = path.trim_end_matches(".rs").split('/');
    match (pieces.next(), pieces.next(), pieces.next()) {
        (Some("endpoints"), Some(area), None) => format!("endpoints/{area}"),
        (Some("models"), Some(namespace), Some(_)) => format!("models/{namespace}"),
        (Some("models"), Some(_), None) => "models".to_owned(),
        _ => "crate".to_owned(),
    }
}

/// Item declarations on lines the change adds or removes, each name once.
fn changed_items(old: &str, new: &str) -> usize {
    let declared = |line: &str| {
        let line = line.trim_start();
        ["pub fn ", "pub struct ", "pub enum "]
            .iter()
            .find_map(|start| line.strip_prefix(start))
            .and_then(|rest| rest.split(['(', '<', ' ', '{']).next())
            .map(str::to_owned)
    };
    let diff = similar::TextDiff::from_lines(old, new);
    let names: std::collections::BTreeSet<String> = diff
        .iter_all_changes()
        .filter(|change| change.tag() != similar::ChangeTag::Equal)
        .filter_map(|change| declared(change.value()))
        .collect();
    names.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_names_what_would_be_created_changed_and_removed() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let mut files = BTreeMap::new();
        files.insert(
            "a.rs".to_owned(),
            format!("// {}\nfn a() {{}}\n", super::super::HEADER),
        );
        files.insert(
            "b.rs".to_owned(),
            format!("// {}\nfn b() {{}}\n", super::super::HEADER),
        );
        let written = super::super::write_tree(dir.path(), &files, super::super::Foreign::Refuse);
        assert!(written.is_ok());
        assert!(pending(dir.path(), &files).is_ok_and(|p| p.is_current()));
        files.insert(
            "a.rs".to_owned(),
            format!("// {}\nfn a2() {{}}\n", super::super::HEADER),
        );
        files.remove("b.rs");
        files.insert("c.rs".to_owned(), "fn c() {}\n".to_owned());
        let found = pending(dir.path(), &files).unwrap_or_default();
        assert_eq!(found.changed, ["a.rs"]);
        assert_eq!(found.created, ["c.rs"]);
        assert_eq!(found.removed, ["b.rs"]);
        let diff = changed_diffs(dir.path(), &files, &found, 3, 40);
        assert!(
            diff.contains("-fn a() {}") && diff.contains("+fn a2() {}"),
            "{diff}"
        );
    }

    #[test]
    fn changes_are_summed_per_area_and_namespace() {
        assert_eq!(part_of("src/endpoints/users.rs"), "endpoints/users");
        assert_eq!(part_of("src/models/user.rs"), "models");
        assert_eq!(
            part_of("src/models/call_records/session.rs"),
            "models/call_records"
        );
        assert_eq!(part_of("Cargo.toml"), "crate");
        let old = "pub fn a() {}\npub fn b() {}\npub struct S {}\n";
        let new = "pub fn a() {}\npub fn b(x: u8) {}\npub struct S {}\npub fn c() {}\n";
        assert_eq!(changed_items(old, new), 2);
    }
}
