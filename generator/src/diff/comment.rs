//! The diff as a pull-request comment that fits a hard size budget (GitHub
//! refuses comments over 65,536 characters) whatever the diff's size.
//!
//! The comment is the header (verdict, counts), a table of breaking changes,
//! then per area one line per item kind and action naming what changed
//! ("operations removed (3): `GET, DELETE /a`, `GET /b`"), then a pointer to
//! the complete report. When it does not fit, detail goes in this order, so
//! names of added and removed operations, types and enumerations stay
//! longest: breaking rows beyond a reserved eighth of the budget, then the
//! names of members (properties, enum members, permissions, changed items:
//! first shortened to their owners, then counted, then left out), then the
//! breaking rows' reserve, then each list is cut to its first names with
//! `and N more`, and last whole areas are counted.

use super::md::{area_summary, cell, clip, code, header, plural};
use super::report::{by_area, merge_permission_rows};
use super::{Action, ApiDiff, Change, Item, Level};
use std::collections::BTreeMap;
use std::fmt::Write;

/// GitHub's limit on a comment's body.
pub const GITHUB_LIMIT: usize = 65_536;

/// Where the complete report is, for the comment's last line.
#[derive(Debug, Clone, Copy)]
pub enum FullReport<'a> {
    /// A link, e.g. the CI run whose artifact holds the report.
    Url(&'a str),
    /// A file written next to the comment (`--output`).
    File(&'a str),
    /// Nowhere yet: the comment says how to get it.
    Command,
}

/// The budget cannot hold even the header and the pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooSmall {
    pub needed: usize,
    pub budget: usize,
}

impl std::fmt::Display for TooSmall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the comment needs at least {} characters for its verdict, counts and pointer; the budget is {}",
            self.needed, self.budget
        )
    }
}

impl std::error::Error for TooSmall {}

/// The comment for `diff` in at most `budget` bytes (so at most `budget`
/// characters however they are counted).
pub fn comment(diff: &ApiDiff, budget: usize, full: FullReport) -> Result<String, TooSmall> {
    let parts = Parts::new(diff, full);
    let mut members = vec![Members::Hidden; parts.lists()];
    let length = |plan: &Plan, members: &[Members]| parts.render(plan, members).len();
    let mut plan = Plan {
        areas: 0,
        names: 0,
        rows: 0,
    };
    let needed = length(&plan, &members);
    if needed > budget {
        return Err(TooSmall { needed, budget });
    }
    let fits = |plan: &Plan, members: &[Members]| length(plan, members) <= budget;
    plan.areas = largest(parts.areas.len(), |areas| {
        fits(&Plan { areas, ..plan }, &members)
    });
    plan.names = largest(parts.widest_list(), |names| {
        fits(&Plan { names, ..plan }, &members)
    });
    let reserve = budget / 8;
    plan.rows = largest(parts.rows.len(), |rows| {
        parts.table(rows).len() <= reserve && fits(&Plan { rows, ..plan }, &members)
    });
    let room = budget - length(&plan, &members);
    parts.show_members(&plan, &mut members, room);
    let reserved = plan.rows;
    plan.rows = reserved
        + largest(parts.rows.len() - reserved, |more| {
            let rows = reserved + more;
            fits(&Plan { rows, ..plan }, &members)
        });
    Ok(parts.render(&plan, &members))
}

/// The largest `n` in `0..=max` for which `fits(n)`, given `fits(0)`;
/// `max` is tried first, since the whole usually fits.
fn largest(max: usize, fits: impl Fn(usize) -> bool) -> usize {
    if fits(max) {
        return max;
    }
    let (mut low, mut high) = (0, max);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fits(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// How much of the comment is shown, besides member lists.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Areas with a section; the rest are counted.
    areas: usize,
    /// Bytes of names each list of added or removed operations, types
    /// and enumerations may show (so lists of short names show more); the
    /// rest are counted.
    names: usize,
    /// Rows of the breaking-changes table.
    rows: usize,
}

/// How a list of members or changed items is shown, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Members {
    /// Not at all; the area's summary counts them.
    Hidden,
    /// The count alone.
    Counts,
    /// Owners only, with counts: `user` (2).
    Owners,
    /// Every name: `user` (`a`, `b`).
    Names,
}

/// One named thing in a list, shown whole or by its owner.
struct Entry {
    /// `GET, PATCH /a`, `user`, `user` (`a`, `b`).
    full: String,
    /// `/a` (2), `user`, `user` (2).
    owner: String,
    /// How many names it stands for.
    names: usize,
}

/// One list: an item kind and action, with its entries.
struct List {
    label: String,
    entries: Vec<Entry>,
    /// Whether this list names operations, types or enumerations added or
    /// removed: these are kept longest.
    core: bool,
}

impl List {
    fn names(&self) -> usize {
        self.entries.iter().map(|entry| entry.names).sum()
    }

    /// How many first entries fit in `bytes`, separators included.
    fn fitting(&self, bytes: usize) -> usize {
        let mut used = 0;
        self.entries
            .iter()
            .take_while(|entry| {
                used += entry.full.len() + ", ".len();
                used <= bytes
            })
            .count()
    }

    /// The bytes all entries take, separators included.
    fn width(&self) -> usize {
        self.entries
            .iter()
            .map(|entry| entry.full.len() + ", ".len())
            .sum()
    }

    /// The list as one Markdown line, its first `shown` entries in the
    /// chosen form and the rest counted.
    fn line(&self, shown: usize, form: Members) -> String {
        let total = self.names();
        let mut line = format!("- {} ({total})", self.label);
        let shown = match form {
            Members::Counts | Members::Hidden => 0,
            Members::Names | Members::Owners => shown.min(self.entries.len()),
        };
        if shown > 0 {
            let texts: Vec<&str> = self.entries[..shown]
                .iter()
                .map(|entry| match form {
                    Members::Owners => entry.owner.as_str(),
                    _ => entry.full.as_str(),
                })
                .collect();
            let _ = write!(line, ": {}", texts.join(", "));
            let named: usize = self.entries[..shown].iter().map(|entry| entry.names).sum();
            if named < total {
                let _ = write!(line, ", and {} more", total - named);
            }
        }
        line.push('\n');
        line
    }
}

/// One area's section: its summary line and lists.
struct Area {
    summary: String,
    changes: usize,
    lists: Vec<List>,
}

/// Everything the comment can show, rendered once; a plan picks how much.
struct Parts {
    header: String,
    /// Breaking-change rows, one per change (permission changes shared by
    /// request lines share one).
    rows: Vec<String>,
    areas: Vec<Area>,
    /// Added and removed operations, types and enumerations.
    core_names: usize,
    full: String,
}

impl Parts {
    fn new(diff: &ApiDiff, full: FullReport) -> Parts {
        let grouped = by_area(diff);
        let rows = grouped
            .values()
            .flat_map(|changes| {
                let breaking: Vec<&Change> = changes
                    .iter()
                    .copied()
                    .filter(|change| change.level() == Level::Breaking)
                    .collect();
                merge_permission_rows(&breaking)
                    .into_iter()
                    .map(|(change, subject)| {
                        format!(
                            "| {} | {subject} | {} |\n",
                            change.kind.id(),
                            change.detail.as_deref().map(cell).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let areas: Vec<Area> = grouped
            .iter()
            .map(|(area, changes)| area_of(area, changes))
            .collect();
        let core_names = areas
            .iter()
            .flat_map(|area| &area.lists)
            .filter(|list| list.core)
            .map(List::names)
            .sum();
        Parts {
            header: header(diff),
            rows,
            areas,
            core_names,
            full: pointer(full, diff.changes.len()),
        }
    }

    /// The most bytes any core list's names take.
    fn widest_list(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|area| &area.lists)
            .filter(|list| list.core)
            .map(List::width)
            .max()
            .unwrap_or(0)
    }

    /// The breaking-changes table with its first `rows` rows.
    fn table(&self, rows: usize) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        let mut out = String::from("\n### Breaking changes\n\n");
        if rows > 0 {
            out.push_str("| kind | subject | detail |\n|---|---|---|\n");
            for row in &self.rows[..rows] {
                out.push_str(row);
            }
        }
        let left = self.rows.len() - rows;
        if left > 0 {
            let _ = writeln!(
                out,
                "\n{left} {}breaking {} not shown here; the complete report details them.",
                if rows > 0 { "more " } else { "" },
                plural(left, "row is", "rows are"),
            );
        }
        out
    }

    /// How many lists all areas have: one `Members` each.
    fn lists(&self) -> usize {
        self.areas.iter().map(|area| area.lists.len()).sum()
    }

    /// Shows member lists of the shown areas in more detail within `room`
    /// bytes: first each one's count, then owners, then names, each step
    /// taken for the cheapest lists first, so small lists are named
    /// whole before large ones are shortened. Each list is one line of the
    /// comment, so its growth is exactly the comment's.
    fn show_members(&self, plan: &Plan, members: &mut [Members], mut room: usize) {
        let lists: Vec<(usize, &List)> = self.areas[..plan.areas]
            .iter()
            .flat_map(|area| &area.lists)
            .enumerate()
            .filter(|(_, list)| !list.core)
            .collect();
        let cost = |list: &List, form: Members| match form {
            Members::Hidden => 0,
            _ => list.line(usize::MAX, form).len(),
        };
        for form in [Members::Counts, Members::Owners, Members::Names] {
            // (growth, index, bytes before, bytes after), cheapest first.
            let mut steps: Vec<(usize, usize, usize, usize)> = lists
                .iter()
                .map(|&(index, list)| {
                    let (before, after) = (cost(list, members[index]), cost(list, form));
                    (after.saturating_sub(before), index, before, after)
                })
                .collect();
            steps.sort_unstable();
            for (_, index, before, after) in steps {
                if after <= room + before {
                    room = room + before - after;
                    members[index] = form;
                }
            }
        }
    }

    fn render(&self, plan: &Plan, members: &[Members]) -> String {
        let mut out = self.header.clone();
        out.push_str(&self.table(plan.rows));
        let shown = &self.areas[..plan.areas];
        if !self.areas.is_empty() {
            out.push_str("\n### By area\n");
        }
        let mut counted = 0;
        let mut forms = members.iter();
        for area in shown {
            out.push('\n');
            out.push_str(&area.summary);
            for (list, &form) in area.lists.iter().zip(&mut forms) {
                if list.core {
                    let shown = list.fitting(plan.names);
                    out.push_str(&list.line(shown, Members::Names));
                    counted += list.names() - named(list, shown);
                } else if form != Members::Hidden {
                    out.push_str(&list.line(usize::MAX, form));
                }
            }
            out.push_str("\n</details>\n");
        }
        let hidden = &self.areas[plan.areas..];
        if !hidden.is_empty() {
            let changes: usize = hidden.iter().map(|area| area.changes).sum();
            counted += hidden
                .iter()
                .flat_map(|area| &area.lists)
                .filter(|list| list.core)
                .map(List::names)
                .sum::<usize>();
            let _ = writeln!(
                out,
                "\n{} more {} with {changes} {}.",
                hidden.len(),
                plural(hidden.len(), "area", "areas"),
                plural(changes, "change", "changes")
            );
        }
        if !self.full.is_empty() {
            out.push_str("\n---\n");
            out.push_str(&completeness(self.core_names, counted));
            out.push_str(&self.full);
        }
        out
    }
}

/// Whether the comment names every added and removed operation, type and
/// enumeration, or how many it only counts.
fn completeness(names: usize, counted: usize) -> String {
    match (names, counted) {
        (0, _) => String::new(),
        (_, 0) => "Every added and removed operation, type and enumeration is named above. ".to_owned(),
        _ => format!("To fit the comment, {counted} of {names} added and removed operations, types and enumerations are counted, not named. "),
    }
}

/// How many names a core list's first `shown` entries stand for.
fn named(list: &List, shown: usize) -> usize {
    list.entries
        .iter()
        .take(shown)
        .map(|entry| entry.names)
        .sum()
}

/// The last line: where every change is listed; none without changes.
fn pointer(full: FullReport, changes: usize) -> String {
    if changes == 0 {
        return String::new();
    }
    let all = format!("all {changes} {}", plural(changes, "change", "changes"));
    match full {
        FullReport::Url(url) => format!("The [complete report](<{}>) lists {all}.\n", clip(url)),
        FullReport::File(file) => format!("The complete report, {}, lists {all}.\n", code(file)),
        FullReport::Command => {
            format!("`docs2rs diff --format json` (or `--output FILE`) lists {all}.\n")
        }
    }
}

fn area_of(area: &str, changes: &[&Change]) -> Area {
    let mut lists = Vec::new();
    for item in Item::ALL {
        for action in [Action::Added, Action::Removed, Action::Changed] {
            let subjects: Vec<&str> = changes
                .iter()
                .filter(|change| change.item() == item && change.action() == action)
                .map(|change| change.subject.as_str())
                .collect();
            if subjects.is_empty() {
                continue;
            }
            let core = action != Action::Changed
                && matches!(item, Item::Operation | Item::Type | Item::Enum);
            lists.push(List {
                label: format!("{} {}", item.plural(), action.as_str()),
                entries: entries(item, &subjects),
                core,
            });
        }
    }
    Area {
        summary: area_summary(area, changes),
        changes: changes.len(),
        lists,
    }
}

/// The entries naming `subjects`, each name once, grouped by owner: a
/// path's methods (`GET, PATCH /a`), a type's members (`user` (`a`, `b`)).
fn entries(item: Item, subjects: &[&str]) -> Vec<Entry> {
    let mut owners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for subject in subjects {
        let (owner, member) = match item {
            // `GET /a` and `GET /a: application`: the path owns the method.
            Item::Operation | Item::Permission => {
                let line = subject.rsplit_once(": ").map_or(*subject, |(line, _)| line);
                match line.split_once(' ') {
                    Some((method, path)) => (path, method),
                    None => (line, ""),
                }
            }
            Item::Property | Item::EnumMember => subject.split_once('.').unwrap_or((subject, "")),
            Item::Type | Item::Enum => (*subject, ""),
        };
        let members = owners.entry(owner).or_default();
        if !member.is_empty() && !members.contains(&member) {
            members.push(member);
        }
    }
    owners
        .into_iter()
        .map(|(owner, members)| {
            let full = match item {
                Item::Operation | Item::Permission => {
                    code(format!("{} {owner}", members.join(", ")).trim_start())
                }
                _ if members.is_empty() => code(owner),
                _ => format!(
                    "{} ({})",
                    code(owner),
                    members
                        .iter()
                        .map(|member| code(member))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let owner_text = match members.len() {
                0 => full.clone(),
                count => format!("{} ({count})", code(owner)),
            };
            Entry {
                full,
                owner: owner_text,
                names: members.len().max(1),
            }
        })
        .collect()
}
