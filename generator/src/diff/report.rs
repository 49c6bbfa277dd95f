//! The diff as a pull-request comment (Markdown) or as JSON.

use super::{ApiDiff, Change, Impact, Item, Side};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The version of the JSON report's shape; bumped only when a field is
/// removed or changes meaning.
pub const JSON_FORMAT: &str = "docs2rs-diff/1";

/// The JSON report: the format id, both sides' sizes, counts per item kind
/// and every change in report order.
pub fn json(diff: &ApiDiff) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = diff
        .counts()
        .into_iter()
        .map(|(item, counts)| (item.plural().replace(' ', "_"), json!(counts)))
        .collect();
    json!({
        "format": JSON_FORMAT,
        "old": diff.old,
        "new": diff.new,
        "breaking": diff.breaking(),
        "non_breaking": diff.changes.len() - diff.breaking(),
        "counts": counts,
        "changes": diff.changes,
    })
}

/// Markdown for a pull-request comment: a verdict, a summary table, then
/// the changes grouped by area in folded sections. At most `max_rows`
/// change rows are listed, so a huge diff still fits in a comment; the
/// rest are counted.
pub fn markdown(diff: &ApiDiff, max_rows: usize) -> String {
    let mut out = String::from("## docs2rs: API changes\n\n");
    let breaking = diff.breaking();
    let total = diff.changes.len();
    if total == 0 {
        out.push_str("No API changes.\n\n");
        out.push_str(&sizes(diff));
        return out;
    }
    let _ = writeln!(
        out,
        "**{breaking} breaking** and {} non-breaking {}.\n",
        total - breaking,
        plural(total - breaking, "change", "changes")
    );
    out.push_str("| | added | removed | changed | breaking |\n|---|---:|---:|---:|---:|\n");
    for (item, counts) in diff.counts() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            item.plural(),
            counts.added,
            counts.removed,
            counts.changed,
            counts.breaking
        );
    }
    out.push('\n');
    out.push_str(&sizes(diff));
    let mut by_area: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in &diff.changes {
        by_area.entry(&change.area).or_default().push(change);
    }
    let mut rows_left = max_rows;
    for (area, changes) in by_area {
        let area_breaking = changes
            .iter()
            .filter(|change| change.impact == Impact::Breaking)
            .count();
        let _ = writeln!(
            out,
            "\n<details><summary><b>{area}</b>: {area_breaking} breaking, {} non-breaking</summary>\n",
            changes.len() - area_breaking
        );
        out.push_str("| | change | item | subject | detail | page |\n|---|---|---|---|---|---|\n");
        let rows = merge_permission_rows(&changes);
        let shown = rows.len().min(rows_left);
        for (change, subject) in &rows[..shown] {
            out.push_str(&row(change, subject));
        }
        rows_left -= shown;
        if shown < rows.len() {
            let _ = writeln!(
                out,
                "\n{} more in this area; `--format json` lists every change.",
                rows.len() - shown
            );
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// The rows of one area with their subjects. A page's permissions apply to
/// each of its request lines, so one scope change on a page with four
/// request lines is four changes; they share a row here, its subject
/// listing the request lines (`GET /a`, `GET /b`: application).
fn merge_permission_rows<'c>(changes: &[&'c Change]) -> Vec<(&'c Change, String)> {
    let mut rows: Vec<(&Change, Vec<&str>, &str)> = Vec::new();
    for &change in changes {
        let split = (change.item == Item::Permission)
            .then(|| change.subject.rsplit_once(": "))
            .flatten();
        let Some((operation, caller)) = split else {
            rows.push((change, vec![change.subject.as_str()], ""));
            continue;
        };
        let same = |(kept, _, kept_caller): &&mut (&Change, Vec<&str>, &str)| {
            kept.item == Item::Permission
                && *kept_caller == caller
                && (kept.action, kept.impact, &kept.detail, &kept.page)
                    == (change.action, change.impact, &change.detail, &change.page)
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
                .map(|subject| format!("`{}`", cell(subject)))
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

fn row(change: &Change, subject: &str) -> String {
    let mark = match change.impact {
        Impact::Breaking => "**breaking**",
        Impact::NonBreaking => "",
    };
    format!(
        "| {mark} | {} | {} | {subject} | {} | {} |\n",
        change.action.as_str(),
        change.item.singular(),
        change.detail.as_deref().map(cell).unwrap_or_default(),
        cell(&change.page)
    )
}

/// Text safe inside a table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn sizes(diff: &ApiDiff) -> String {
    let describe = |side: &Side| {
        format!(
            "{} pages, {} operations, {} types, {} enumerations",
            side.pages, side.operations, side.types, side.enums
        )
    };
    format!(
        "Old docs: {}. New docs: {}.\n",
        describe(&diff.old),
        describe(&diff.new)
    )
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::diff::{Action, ApiDiff, Change, Impact, Item, Side};

    fn permission(subject: &str, detail: &str) -> Change {
        Change {
            area: "me".to_owned(),
            item: Item::Permission,
            subject: subject.to_owned(),
            action: Action::Changed,
            impact: Impact::Breaking,
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
        let report = markdown(&diff, 10);
        let rows: Vec<&str> = report
            .lines()
            .filter(|line| line.contains("Mail.Read"))
            .collect();
        assert_eq!(
            rows,
            [
                "| **breaking** | changed | permission | `GET /me/messages/{id}`, `GET /users/{id}/messages/{id}`: application | `Mail.Read` no longer accepted | message-get.md |",
                "| **breaking** | changed | permission | `GET /users/{id}/messages/{id}`: delegated (personal Microsoft account) | `Mail.Read` no longer accepted | message-get.md |",
            ]
        );
        assert!(report.contains("**3 breaking**"), "{report}");
    }
}
