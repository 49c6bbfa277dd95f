//! Markdown pieces both reports use: safe text from docs input (names can
//! hold pipes, backticks, angle brackets or be absurdly long) and the
//! header with the verdict and counts.

use super::semver::verdict;
use super::{ApiDiff, Change, Level, Side};
use std::fmt::Write;

/// The longest name or cell text shown, in bytes; longer ones are cut with
/// `…`, so one hostile name cannot eat the comment's budget. Real paths
/// stay whole: the longest in the beta docs has about 230 bytes.
pub const CLIP: usize = 500;

/// `text` cut to at most [`CLIP`] bytes on a character boundary.
pub fn clip(text: &str) -> String {
    if text.len() <= CLIP {
        return text.to_owned();
    }
    let mut end = CLIP - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Text on one line: line breaks flattened.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A code span holding `text` whatever backticks it contains.
pub fn code(text: &str) -> String {
    let text = one_line(&clip(text));
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// A code span safe inside a table cell.
pub fn table_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// Text safe inside a table cell: clipped, pipes escaped, on one line.
pub fn cell(text: &str) -> String {
    one_line(&clip(text)).replace('|', "\\|")
}

/// Text safe inside HTML (`<summary>`): clipped, brackets escaped.
pub fn html(text: &str) -> String {
    one_line(&clip(text))
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// How many changes have each level.
pub fn level_counts(diff: &ApiDiff) -> [(Level, usize); 3] {
    [Level::Breaking, Level::Warn, Level::Info].map(|level| {
        let count = diff
            .changes
            .iter()
            .filter(|change| change.level() == level)
            .count();
        (level, count)
    })
}

/// The title, the semver verdict, the counts per level and per item kind,
/// and both sides' sizes: what a reviewer reads first. Its size depends
/// only on the counts and the clipped first subject.
pub fn header(diff: &ApiDiff) -> String {
    let mut out = String::from("## docs2rs: API changes\n\n");
    let verdict = verdict(diff);
    let _ = writeln!(
        out,
        "**Semver: {}**, {}\n",
        verdict.bump.as_str(),
        one_line(&clip(&verdict.reason))
    );
    if diff.changes.is_empty() {
        out.push_str(&sizes(diff));
        return out;
    }
    let [(_, breaking), (_, warn), (_, info)] = level_counts(diff);
    let _ = writeln!(
        out,
        "**{breaking} breaking**, {warn} {} and {info} other {}.\n",
        plural(warn, "warning", "warnings"),
        plural(info, "change", "changes")
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
    out
}

/// The opening of an area's folded section, counting its changes.
pub fn area_summary(area: &str, changes: &[&Change]) -> String {
    let breaking = changes
        .iter()
        .filter(|change| change.level() == Level::Breaking)
        .count();
    format!(
        "<details><summary><b>{}</b>: {breaking} breaking, {} non-breaking</summary>\n\n",
        html(area),
        changes.len() - breaking
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks_and_long_names() {
        assert_eq!(code("user"), "`user`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("a``b"), "``` a``b ```");
        let long = "é".repeat(300);
        let clipped = clip(&long);
        assert!(clipped.len() <= CLIP && clipped.ends_with('…'), "{clipped}");
    }

    #[test]
    fn html_and_cells_escape_what_would_break_them() {
        assert_eq!(html("<b>&"), "&lt;b&gt;&amp;");
        assert_eq!(cell("GET /a/{id | name}\nx"), "GET /a/{id \\| name} x");
    }
}
