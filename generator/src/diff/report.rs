//! The complete diff report, in Markdown or JSON, for tools and for a CI
//! artifact.

use super::md::{area_summary, cell, header, level_counts, table_code};
use super::semver::verdict;
use super::{ApiDiff, Change, Item, Level};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The version of the JSON report's shape; bumped only when a field is
/// removed or changes meaning.
pub const JSON_FORMAT: &str = "docs2rs-diff/1";

/// The JSON report: the format id, the semver verdict, both sides' sizes,
/// counts per level and per item kind, and every change in report order.
pub fn json(diff: &ApiDiff) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = diff
        .counts()
        .into_iter()
        .map(|(item, counts)| (item.plural().replace(' ', "_"), json!(counts)))
        .collect();
    let levels: serde_json::Map<String, serde_json::Value> = level_counts(diff)
        .into_iter()
        .map(|(level, count)| (level.as_str().to_owned(), json!(count)))
        .collect();
    json!({
        "format": JSON_FORMAT,
        "semver": verdict(diff),
        "old": diff.old,
        "new": diff.new,
        "breaking": diff.breaking(),
        "non_breaking": diff.changes.len() - diff.breaking(),
        "levels": levels,
        "counts": counts,
        "changes": diff.changes,
    })
}

/// The complete report in Markdown: the header, then every change grouped
/// by area in folded tables. It can be any size; [`super::comment`] is the
/// one that fits a pull-request comment.
pub fn markdown(diff: &ApiDiff) -> String {
    let mut out = header(diff);
    for (area, changes) in by_area(diff) {
        out.push('\n');
        out.push_str(&area_summary(area, &changes));
        out.push_str("| | kind | subject | detail | page |\n|---|---|---|---|---|\n");
        for (change, subject) in merge_permission_rows(&changes) {
            let _ = writeln!(
                out,
                "| {} | {} | {subject} | {} | {} |",
                mark(change.level()),
                change.kind.id(),
                change.detail.as_deref().map(cell).unwrap_or_default(),
                cell(&change.page)
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// The changes of each area, areas in name order.
pub(super) fn by_area(diff: &ApiDiff) -> BTreeMap<&str, Vec<&Change>> {
    let mut areas: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in &diff.changes {
        areas.entry(&change.area).or_default().push(change);
    }
    areas
}

/// The first column of a change row: its level, quiet for `info`.
pub(super) fn mark(level: Level) -> &'static str {
    match level {
        Level::Breaking => "**breaking**",
        Level::Warn => "warn",
        Level::Info => "",
    }
}

/// The rows of one area with their subjects. A page's permissions apply to
/// each of its request lines, so one scope change on a page with four
/// request lines is four changes; they share a row here, its subject
/// listing the request lines (`GET /a`, `GET /b`: application).
pub(super) fn merge_permission_rows<'c>(changes: &[&'c Change]) -> Vec<(&'c Change, String)> {
    let mut rows: Vec<(&Change, Vec<&str>, &str)> = Vec::new();
    for &change in changes {
        let split = (change.item() == Item::Permission)
            .then(|| change.subject.rsplit_once(": "))
            .flatten();
        let Some((operation, caller)) = split else {
            rows.push((change, vec![change.subject.as_str()], ""));
            continue;
        };
        let same = |(kept, _, kept_caller): &&mut (&Change, Vec<&str>, &str)| {
            kept.item() == Item::Permission
                && *kept_caller == caller
                && (kept.kind, &kept.detail, &kept.page)
                    == (change.kind, &change.detail, &change.page)
        };
        match rows.iter_mut().find(same) {
            Some((_, operations, _)) => operations.push(operation),
            None => rows.push((change, vec![operation], caller)),
        }
    }
    rows.into_iter()
        .map(|(change, subjects, caller)| {
            let listed = subjects
                .iter()
                .map(|subject| table_code(subject))
                .collect::<Vec<_>>()
                .join(", ");
            let subject = match caller {
                "" => listed,
                caller => format!("{listed}: {}", cell(caller)),
            };
            (change, subject)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::diff::{ApiDiff, Change, Kind, Side};

    fn permission(subject: &str, detail: &str) -> Change {
        Change {
            area: "me".to_owned(),
            kind: Kind::ScopeRemoved,
            subject: subject.to_owned(),
            detail: Some(detail.to_owned()),
            page: "message-get.md".to_owned(),
        }
    }

    #[test]
    fn one_scope_change_on_several_request_lines_is_one_row() {
        let side = Side {
            pages: 1,
            operations: 2,
            types: 0,
            enums: 0,
        };
        let lost = "`Mail.Read` no longer accepted";
        let diff = ApiDiff {
            old: side,
            new: side,
            changes: vec![
                permission("GET /me/messages/{id}: application", lost),
                permission("GET /users/{id}/messages/{id}: application", lost),
                permission(
                    "GET /users/{id}/messages/{id}: delegated (personal Microsoft account)",
                    lost,
                ),
            ],
        };
        let report = markdown(&diff);
        let rows: Vec<&str> = report
            .lines()
            .filter(|line| line.contains("Mail.Read"))
            .collect();
        assert_eq!(
            rows,
            [
                "| **breaking** | permission-scope-removed | `GET /me/messages/{id}`, `GET /users/{id}/messages/{id}`: application | `Mail.Read` no longer accepted | message-get.md |",
                "| **breaking** | permission-scope-removed | `GET /users/{id}/messages/{id}`: delegated (personal Microsoft account) | `Mail.Read` no longer accepted | message-get.md |",
            ]
        );
        assert!(report.contains("**3 breaking**"), "{report}");
    }
}
