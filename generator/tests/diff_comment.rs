//! The `docs2rs diff` pull-request comment fits its budget whatever the
//! diff's size, and names every added and removed operation and type while
//! that is possible; where it is not, every one is named or counted.
//! Synthetic docs trees of thousands of pages, a synthetic diff of tens of
//! thousands of changes, and the shared tree against an edited copy.

use docs2rs::diff::comment::{comment, FullReport, GITHUB_LIMIT};
use docs2rs::diff::{compare, report, Action, ApiDiff, Change, Item, Kind, Side};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
    }
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// An API page with a GET and a DELETE on one path.
fn api_page(area: usize, thing: usize) -> String {
    format!(
        "---\ntitle: \"thing{thing}: get\"\ndoc_type: apiPageType\n---\n\n# Get thing{thing}\n\nGets it.\n\n\
         ## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)|Thing.Read|\n|Delegated (personal Microsoft account)|Not supported.|\n\
         |Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET /area{area}/thing{thing}/{{id}}\n\
         DELETE /area{area}/thing{thing}/{{id}}\n```\n\n## Response\n\n\
         If successful, this method returns a `204 No Content` response code.\n"
    )
}

/// A resource page defining `name` with two properties.
fn resource_page(name: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
         A thing.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |id|String|Identifier.|\n|size|Int32|How big.|\n\n## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```json\n{{ \"id\": \"String\", \"size\": 1 }}\n```\n"
    )
}

/// A docs tree of `things` API pages spread over 30 areas and a resource
/// page per type name.
fn synthetic_tree(things: std::ops::Range<usize>, types: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    for thing in things {
        let page = api_page(thing % 30, thing);
        write(dir.path(), &format!("api/thing{thing}-get.md"), &page);
    }
    for name in types {
        write(
            dir.path(),
            &format!("resources/{}.md", name.to_lowercase()),
            &resource_page(name),
        );
    }
    dir
}

fn load(dir: &Path) -> docs2rs::model::Api {
    match docs2rs::load(&[dir.to_path_buf()], dir) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    }
}

/// The contents of the comment's code spans (its names contain no
/// backticks).
fn code_spans(text: &str) -> BTreeSet<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The operations the comment names: `GET, DELETE /a` names two.
fn named_operations(text: &str) -> BTreeSet<(String, String)> {
    let mut named = BTreeSet::new();
    for span in code_spans(text) {
        let Some(slash) = span.find('/') else {
            continue;
        };
        for method in span[..slash].split(", ") {
            named.insert((method.trim().to_owned(), span[slash..].to_owned()));
        }
    }
    named
}

/// Added and removed operations, types and enumerations not named in the
/// comment.
fn unnamed(diff: &ApiDiff, text: &str) -> Vec<String> {
    let operations = named_operations(text);
    let spans = code_spans(text);
    diff.changes
        .iter()
        .filter(|change| change.action() != Action::Changed)
        .filter(|change| match change.item() {
            Item::Operation => {
                let (method, path) = change.subject.split_once(' ').unwrap_or_default();
                !operations.contains(&(method.to_owned(), path.to_owned()))
            }
            Item::Type | Item::Enum => !spans.contains(change.subject.as_str()),
            _ => false,
        })
        .map(|change| change.subject.clone())
        .collect()
}

/// 900 pages (1,800 operations) in 30 areas and 800 types; the new docs
/// drop 400 pages and 400 types and add as many. The complete report is
/// several times GitHub's limit; the comment fits and names all 1,600
/// operations and 800 types added or removed.
#[test]
fn a_huge_synthetic_diff_fits_and_names_every_operation_and_type() {
    let names = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|index| format!("thingType{index}")).collect()
    };
    let old = synthetic_tree(0..900, &names(0..800));
    let new = synthetic_tree(400..1300, &names(400..1200));
    let output = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let full = output.path().join("api-changes.md");
    let run = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .arg("diff")
        .args([old.path(), new.path()])
        .arg("--output")
        .arg(&full)
        .output()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8(run.stdout).unwrap_or_else(|error| panic!("{error}"));
    let complete = std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{error}"));
    println!(
        "comment: {} bytes; complete report: {} bytes",
        text.len(),
        complete.len()
    );
    assert!(text.len() <= GITHUB_LIMIT, "{} bytes", text.len());
    assert!(
        complete.len() > 3 * GITHUB_LIMIT,
        "{} bytes",
        complete.len()
    );
    let diff = compare(&load(old.path()), &load(new.path()));
    let counts = |item: Item, action: Action| {
        diff.changes
            .iter()
            .filter(|change| change.item() == item && change.action() == action)
            .count()
    };
    assert_eq!(counts(Item::Operation, Action::Removed), 800);
    assert_eq!(counts(Item::Operation, Action::Added), 800);
    assert_eq!(counts(Item::Type, Action::Removed), 400);
    assert_eq!(counts(Item::Type, Action::Added), 400);
    assert_eq!(unnamed(&diff, &text), Vec::<String>::new());
    assert!(
        text.contains("Every added and removed operation, type and enumeration is named above.")
    );
    assert!(text.contains("The complete report, `"), "{text}");
    assert!(
        text.contains("**Semver: major**, 1200 breaking changes"),
        "{text}"
    );
    assert!(text.contains("| operation-removed | `DELETE /area0/thing0/{id}` |"));
}

fn change(area: &str, kind: Kind, subject: String) -> Change {
    Change {
        area: area.to_owned(),
        kind,
        subject,
        detail: Some("`Scope.All` no longer accepted".to_owned()),
        page: "page.md".to_owned(),
    }
}

/// 200 areas of 100 removed operations each, 20,000 added types, 20,000
/// removed properties and 50,000 permission changes: far more names than
/// any comment holds.
fn absurd_diff() -> ApiDiff {
    let mut changes = Vec::new();
    for area in 0..200 {
        let name = format!("area{area:03}");
        for thing in 0..100 {
            let path = format!("/{name}/things/{{id}}/parts{thing}/{{partId}}/pieces");
            changes.push(change(&name, Kind::OperationRemoved, format!("GET {path}")));
            for caller in ["application", "delegated (work or school account)"] {
                let subject = format!("PATCH {path}: {caller}");
                changes.push(change(&name, Kind::ScopeRemoved, subject));
            }
        }
    }
    for index in 0..20_000 {
        changes.push(change("models", Kind::TypeAdded, format!("type{index}")));
        let subject = format!("oldType{}.property{index}", index % 900);
        changes.push(change("models", Kind::PropertyRemoved, subject));
    }
    changes.sort();
    let side = Side {
        pages: 1,
        operations: 1,
        types: 1,
        enums: 1,
    };
    ApiDiff {
        old: side,
        new: side,
        changes,
    }
}

/// Numbers in `text` after `prefix`, e.g. the `N` of each `and N more`.
fn numbers_after(text: &str, prefix: &str) -> Vec<usize> {
    text.split(prefix)
        .skip(1)
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits
                .parse()
                .unwrap_or_else(|error| panic!("`{prefix}{rest}`: {error}"))
        })
        .collect()
}

/// Every budget holds, down to the smallest that takes the header; every
/// added and removed operation and type is either named or counted, and the
/// comment says how many are counted.
#[test]
fn an_absurd_diff_fits_any_budget_counting_what_it_cannot_name() {
    let diff = absurd_diff();
    let core = 20_000 + 20_000;
    for budget in [GITHUB_LIMIT, 20_000, 6_000] {
        let text = comment(&diff, budget, FullReport::Url("https://ci.example/run/1"))
            .unwrap_or_else(|error| panic!("{budget}: {error}"));
        assert!(text.len() <= budget, "{} > {budget}", text.len());
        // Names in the area lists (the breaking table may repeat some).
        // Only GET operations are added or removed; PATCH ones have
        // permission changes.
        let lists: String = text
            .lines()
            .filter(|line| line.starts_with("- "))
            .collect::<Vec<_>>()
            .join("\n");
        let named = named_operations(&lists)
            .iter()
            .filter(|(method, _)| method == "GET")
            .count()
            + code_spans(&lists)
                .iter()
                .filter(|span| span.starts_with("type"))
                .count();
        let counted = numbers_after(&text, "To fit the comment, ");
        assert_eq!(counted.len(), 1, "{text}");
        assert_eq!(
            numbers_after(&text, &format!("To fit the comment, {} of ", counted[0])),
            [core]
        );
        let in_lists: usize = numbers_after(&text, ", and ").iter().sum();
        let hidden_areas = text
            .lines()
            .find(|line| line.contains("more areas with"))
            .and_then(|line| line.split(' ').next())
            .map_or(0, |count| count.parse().unwrap_or(0));
        println!(
            "budget {budget}: {} bytes, {named} named, {} counted ({in_lists} as `and N more`), {hidden_areas} areas counted whole",
            text.len(),
            counted[0]
        );
        assert_eq!(named + counted[0], core, "budget {budget}");
        assert!(in_lists <= counted[0], "{in_lists}");
        assert!(text.contains("The [complete report](<https://ci.example/run/1>) lists all"));
    }
    let too_small = comment(&diff, 300, FullReport::Command);
    let error = too_small.err().map(|error| error.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|error| error.contains("the budget is 300")),
        "{error:?}"
    );
}

fn shared_tree() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/beta-2021-07");
    path.is_dir().then_some(path)
}

/// The files of the tree's folders (`api/`, `resources/`), relative to
/// it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let entries = |folder: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
            .map(|entry| entry.unwrap_or_else(|error| panic!("{error}")).path())
            .collect()
    };
    let mut found: Vec<PathBuf> = entries(dir)
        .iter()
        .filter(|folder| folder.is_dir())
        .flat_map(|folder| entries(folder))
        .filter_map(|path| path.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect();
    found.sort();
    found
}

/// A page edited as a docs pull request might: its first `String`
/// property retyped, its first request line moved, its application scopes
/// widened.
fn edited(text: &str) -> String {
    let mut text = text
        .replacen("|String|", "|Int64|", 1)
        .replacen("| String |", "| Int64 |", 1);
    if let Some(start) = text.find("```http\n") {
        let line_start = start + "```http\n".len();
        if let Some(line_end) = text[line_start..].find('\n') {
            text.insert_str(line_start + line_end, "/renamed");
        }
    }
    text.replacen("|Application|", "|Application| Edited.Scope.All,", 1)
}

/// The shared tree against a copy with every 26th page removed (306), every
/// 26th from the 13th edited (306) and every 26th from the 7th also copied
/// under a new area (`/brandNewArea/...`).
#[test]
fn the_shared_tree_against_an_edited_copy_fits_and_names_everything() {
    let Some(shared) = shared_tree() else {
        println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
        return;
    };
    let copy = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let (mut removed, mut changed) = (0, 0);
    for (index, name) in files(&shared).iter().enumerate() {
        let bytes = std::fs::read(shared.join(name)).unwrap_or_else(|error| panic!("{error}"));
        let text = String::from_utf8_lossy(&bytes);
        let target = copy.path().join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
        }
        match index % 26 {
            0 => removed += 1,
            13 => {
                changed += 1;
                std::fs::write(&target, edited(&text)).unwrap_or_else(|error| panic!("{error}"));
            }
            phase => {
                std::fs::write(&target, &bytes).unwrap_or_else(|error| panic!("{error}"));
                if phase == 7 && name.starts_with("api") {
                    let moved = text.replacen("```http\nGET /", "```http\nGET /brandNewArea/", 1);
                    let file = format!("new-{}", name.display()).replace(['/', '\\'], "-");
                    write(copy.path(), &format!("api/{file}"), &moved);
                }
            }
        }
    }
    println!("{removed} pages removed, {changed} edited");
    let base = shared.parent().map(Path::to_path_buf).unwrap_or_default();
    let old = match docs2rs::load(&[shared], &base) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    };
    let diff = compare(&old, &load(copy.path()));
    let text =
        comment(&diff, GITHUB_LIMIT, FullReport::Command).unwrap_or_else(|error| panic!("{error}"));
    let complete = report::markdown(&diff);
    println!(
        "{} changes ({} breaking); comment {} bytes, complete Markdown report {} bytes",
        diff.changes.len(),
        diff.breaking(),
        text.len(),
        complete.len()
    );
    assert!(text.len() <= GITHUB_LIMIT, "{} bytes", text.len());
    assert!(complete.len() > GITHUB_LIMIT, "{} bytes", complete.len());
    assert!(text.contains("<b>brand_new_area</b>"), "{text}");
    assert_eq!(unnamed(&diff, &text), Vec::<String>::new());
    assert!(
        text.contains("Every added and removed operation, type and enumeration is named above.")
    );
}
