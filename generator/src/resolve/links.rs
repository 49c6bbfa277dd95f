//! Relative links between pages, checked against the input page set: a
//! target in another case than the page it names (D601) breaks on a
//! case-sensitive host, and a target no page answers (D607) breaks
//! everywhere. Only folders that hold input pages are judged, so checking
//! a few pages does not report every link that leaves them.

use crate::diag::{Code, Diagnostic, Position};
use crate::model::{Page, PageLink};
use crate::similar::edit_distance;
use std::collections::{HashMap, HashSet};

/// The input pages by path, by lower-case path and by lower-case folder.
struct PageIndex {
    exact: HashSet<String>,
    lower: HashMap<String, String>,
    /// Lower-case folder to its pages' lower-case file stems (as
    /// characters, for edit distances) and paths.
    folders: HashMap<String, Vec<(Vec<char>, String)>>,
}

impl PageIndex {
    fn new(pages: &[Page]) -> Self {
        let mut index = PageIndex {
            exact: HashSet::new(),
            lower: HashMap::new(),
            folders: HashMap::new(),
        };
        for page in pages {
            let path = normalize(&page.file);
            let lower = path.to_ascii_lowercase();
            let (folder, file) = split_folder(&lower);
            let stem = file.strip_suffix(".md").unwrap_or(file).chars().collect();
            index
                .folders
                .entry(folder.to_owned())
                .or_default()
                .push((stem, path.clone()));
            index.lower.entry(lower).or_insert_with(|| path.clone());
            index.exact.insert(path);
        }
        index
    }
}

/// Checks every page's links. Each distinct missing target is looked up
/// once, however many links name it.
pub fn check_links(pages: &[Page]) -> Vec<Diagnostic> {
    let index = PageIndex::new(pages);
    let mut closest: HashMap<String, Option<String>> = HashMap::new();
    let mut diagnostics = Vec::new();
    for page in pages {
        let (folder, _) = split_folder(&page.file);
        for link in &page.links {
            // Browsers read `\` in a link as `/`, and so does the docs build.
            let target = link.target.replace('\\', "/");
            let resolved = normalize(&format!("{folder}/{target}"));
            if index.exact.contains(&resolved) {
                continue;
            }
            let lower = resolved.to_ascii_lowercase();
            if let Some(real) = index.lower.get(&lower) {
                let message = format!(
                    "link target `{}` differs in case from the page it names (`{}`)",
                    link.target,
                    respell(&link.target, real)
                );
                diagnostics.push(finding(page, link, Code::LinkCase, message));
                continue;
            }
            let (target_folder, file) = split_folder(&lower);
            let Some(siblings) = index.folders.get(target_folder) else {
                continue;
            };
            let stem = file.strip_suffix(".md").unwrap_or(file);
            let suggestion = closest
                .entry(lower.clone())
                .or_insert_with(|| closest_page(stem, siblings).map(str::to_owned));
            let mut message = format!("link target `{}` is no page in the input", link.target);
            if let Some(real) = suggestion {
                message.push_str(&format!(
                    "; the closest page in its folder is `{}`",
                    respell(&link.target, real)
                ));
            }
            diagnostics.push(finding(page, link, Code::LinkMissing, message));
        }
    }
    diagnostics
}

fn finding(page: &Page, link: &PageLink, code: Code, message: String) -> Diagnostic {
    let at = Position {
        line: link.line,
        column: link.column,
    };
    Diagnostic::new(&page.file, at, code, message).spanning(link.length as usize)
}

/// A path with `.` segments dropped and each `..` taking out the segment
/// before it (kept where there is none, as in `../docs/x.md`).
fn normalize(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|last| *last != "..") => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    segments.join("/")
}

/// The folder and file name of a path (the folder is empty for a bare name).
fn split_folder(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// The link target rewritten to name `real`: the segments after its last
/// `..` or `.` are replaced by as many trailing segments of `real` (the two
/// name the same folders, so they have as many).
fn respell(target: &str, real: &str) -> String {
    let segments: Vec<&str> = target.split('/').collect();
    let kept = segments
        .iter()
        .rposition(|segment| matches!(*segment, ".." | "."))
        .map_or(0, |at| at + 1);
    let wanted = segments.len() - kept;
    let real: Vec<&str> = real.split('/').collect();
    let tail = &real[real.len().saturating_sub(wanted)..];
    segments[..kept]
        .iter()
        .chain(tail)
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// The page whose file stem is within a small edit distance of `stem` (a
/// typo, a letter too many), the nearest first, then in name order.
fn closest_page<'p>(stem: &str, siblings: &'p [(Vec<char>, String)]) -> Option<&'p str> {
    let stem: Vec<char> = stem.chars().collect();
    let limit = (stem.len() / 8).clamp(1, 2);
    siblings
        .iter()
        .filter_map(|(other, path)| {
            edit_distance(&stem, other, limit).map(|distance| (distance, path.as_str()))
        })
        .min()
        .map(|(_, path)| path)
}

#[cfg(test)]
mod tests {
    use super::{closest_page, normalize, respell};
    use crate::similar::edit_distance;

    #[test]
    fn paths_normalize_and_targets_respell() {
        assert_eq!(
            normalize("docs/api/../resources/./user.md"),
            "docs/resources/user.md"
        );
        assert_eq!(normalize("../api/../../x.md"), "../../x.md");
        assert_eq!(normalize("./api/a.md"), "api/a.md");
        assert_eq!(
            respell("../resources/User.md", "docs/resources/user.md"),
            "../resources/user.md"
        );
        assert_eq!(respell("Widget.md", "api/widget.md"), "widget.md");
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn close_names_are_suggested_within_a_limit() {
        let distance = |a, b, limit| edit_distance(&chars(a), &chars(b), limit);
        assert_eq!(distance("calender", "calendar", 1), Some(1));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        let siblings: Vec<(Vec<char>, String)> = ["calendar", "calendargroup", "event"]
            .iter()
            .map(|stem| (chars(stem), format!("resources/{stem}.md")))
            .collect();
        assert_eq!(
            closest_page("calender", &siblings),
            Some("resources/calendar.md")
        );
        assert_eq!(closest_page("message", &siblings), None);
    }
}
