//! `docs2rs diff`: docs trees built from fixture pages and from copies of
//! real pages, with pages added, removed and edited; the report must list
//! exactly the changes made, no more.

use docs2rs::diff::{comment, compare, report, ApiDiff, Impact};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn shared_tree() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/beta-2021-07");
    path.is_dir().then_some(path)
}

/// A page's text with `old` replaced by `new`; the edit must apply.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "`{old}` is not in the page");
    text.replacen(old, new, 1)
}

/// A docs folder holding `pages` (name, text).
fn tree(pages: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    for (name, text) in pages {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|error| panic!("{}: {error}", dir.join(name).display()))
}

fn diff_of(old: &Path, new: &Path) -> ApiDiff {
    let load = |dir: &Path| match docs2rs::load(&[dir.to_path_buf()], dir) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    };
    compare(&load(old), &load(new))
}

/// One line per change: impact, action, item, subject, detail.
fn lines(diff: &ApiDiff) -> Vec<String> {
    diff.changes
        .iter()
        .map(|change| {
            let impact = match change.impact() {
                Impact::Breaking => "breaking",
                Impact::NonBreaking => "fine",
            };
            format!(
                "{impact} {} {} {} [{}]",
                change.action().as_str(),
                change.item().singular(),
                change.subject,
                change.detail.as_deref().unwrap_or_default()
            )
        })
        .collect()
}

/// Copies of five real pages, then: `message-delete` removed,
/// `message-move` added, a property retyped, removed, added and marked
/// not nullable, an enum member swapped, a delegated scope swapped.
#[test]
fn real_pages_added_removed_and_edited_give_exactly_those_changes() {
    let Some(shared) = shared_tree() else {
        println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
        return;
    };
    let kept = [
        "resources/message.md",
        "resources/clonableteamparts.md",
        "api/message-get.md",
        "api/message-update.md",
    ];
    let copy = |names: &[&'static str]| -> Vec<(&'static str, String)> {
        names
            .iter()
            .map(|name| (*name, read(&shared, name)))
            .collect()
    };
    let mut old_pages = copy(&kept);
    old_pages.extend(copy(&["api/message-delete.md"]));
    let mut new_pages = copy(&kept);
    new_pages.extend(copy(&["api/message-move.md"]));
    for (name, text) in &mut new_pages {
        let edits: &[(&str, &str)] = match *name {
            "resources/message.md" => &[
                ("|subject|String|", "|subject|Int32|"),
                ("|bccRecipients|[recipient](recipient.md) collection|The Bcc: recipients for the message.|\n", ""),
                ("the message has been read.|", "the message has been read. Not nullable.|"),
                ("|parentFolderId|", "|priorityScore|Int32|How urgent it is. Nullable.|\n|parentFolderId|"),
            ],
            "resources/clonableteamparts.md" => &[(
                "|members|16|copies the members and owners of the team.|",
                "|tags|32|Copies the tags.|",
            )],
            "api/message-get.md" => &[(
                "|Delegated (work or school account) | Mail.ReadBasic, Mail.Read    |",
                "|Delegated (work or school account) | Mail.Read, Mail.ReadWrite |",
            )],
            _ => &[],
        };
        for (old, new) in edits {
            *text = edit(text, old, new);
        }
    }
    let (old, new) = (tree(&old_pages), tree(&new_pages));
    let diff = diff_of(old.path(), new.path());
    let expected = [
        "breaking removed operation DELETE /me/mailFolders/{id}/messages/{id} [`me::delete_mail_folders_messages_by_id`]",
        "breaking removed operation DELETE /me/mailFolders/{id}/messages/{id}/mentions/{id} [`me::delete_mail_folders_messages_mentions_by_id`]",
        "breaking removed operation DELETE /me/messages/{id} [`me::delete_messages_by_id`]",
        "breaking removed operation DELETE /me/messages/{id}/mentions/{id} [`me::delete_messages_mentions_by_id`]",
        "fine added operation POST /me/mailFolders/{id}/messages/{id}/move [`me::mail_folders_messages_move`]",
        "fine added operation POST /me/messages/{id}/move [`me::messages_move`]",
        "breaking changed permission GET /me/mailFolders/{id}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /me/mailFolders/{id}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /me/mailFolders/{id}/messages/{id}: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /me/mailFolders/{id}/messages/{id}: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /me/messages/{id}/$value: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /me/messages/{id}/$value: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /me/messages/{id}: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /me/messages/{id}: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "fine added type moveRequestBody []",
        "breaking removed property message.bccRecipients [Collection(recipient)]",
        "fine changed property message.isRead [nullability not stated → not nullable]",
        "fine added property message.priorityScore [Int32]",
        "breaking changed property message.subject [type String → Int32]",
        "breaking removed enum member clonableTeamParts.members []",
        "fine added enum member clonableTeamParts.tags []",
        "breaking removed operation DELETE /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id} [`users::delete_mail_folders_messages_by_id`]",
        "breaking removed operation DELETE /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}/mentions/{id} [`users::delete_mail_folders_messages_mentions_by_id`]",
        "breaking removed operation DELETE /users/{id | userPrincipalName}/messages/{id} [`users::delete_messages_by_id`]",
        "breaking removed operation DELETE /users/{id | userPrincipalName}/messages/{id}/mentions/{id} [`users::delete_messages_mentions_by_id`]",
        "fine added operation POST /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}/move [`users::mail_folders_messages_move`]",
        "fine added operation POST /users/{id | userPrincipalName}/messages/{id}/move [`users::messages_move`]",
        "breaking changed permission GET /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /users/{id | userPrincipalName}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /users/{id | userPrincipalName}/messages/{id}/$value: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
        "breaking changed permission GET /users/{id | userPrincipalName}/messages/{id}: delegated (work or school account) [`Mail.ReadBasic` no longer accepted]",
        "fine changed permission GET /users/{id | userPrincipalName}/messages/{id}: delegated (work or school account) [`Mail.ReadWrite` now accepted]",
    ];
    assert_eq!(lines(&diff), expected);
    assert_eq!(diff.breaking(), 19);
}

/// A page the fixture set lacks, added in the new docs.
const WIDGET_ARCHIVE: &str = "---
title: \"widget: archive\"
doc_type: apiPageType
---

# widget: archive

Moves a widget off its dashboard into the archive.

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Dashboard.ReadWrite|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Dashboard.ReadWrite.All|

## HTTP request

```http
POST /dashboards/{dashboard-id}/widgets/{widget-id}/archive
```

## Response

If successful, this method returns a `204 No Content` response code.
";

/// The fixture pages the diff tests start from.
fn fixture_pages() -> Vec<(&'static str, String)> {
    // A fixed list, so fixtures added for other tests leave this report alone.
    let names = [
        "dashboard-getusage.md",
        "gadget.md",
        "mounting-enum.md",
        "widget-get-no-front-matter.md",
        "widget-list.md",
        "widget-photo.md",
        "widget-reset.md",
        "widget-resource.md",
        "widget-spin.md",
        "widget-update.md",
    ];
    names
        .iter()
        .map(|name| (*name, read(&fixtures(), name)))
        .collect()
}

/// The fixture pages as the old docs; the new docs edit five of them,
/// drop `widget-photo.md` and add an archive action.
fn fixture_trees() -> (tempfile::TempDir, tempfile::TempDir) {
    let old_pages = fixture_pages();
    let mut new_pages: Vec<(&str, String)> = old_pages
        .iter()
        .filter(|(name, _)| *name != "widget-photo.md")
        .cloned()
        .collect();
    new_pages.push(("widget-archive.md", WIDGET_ARCHIVE.to_owned()));
    for (name, text) in &mut new_pages {
        let edits: &[(&str, &str)] = match *name {
            "widget-resource.md" => &[
                ("|price|Decimal|", "|price|Double|"),
                ("|tags|String collection|Free-form labels.|\n", ""),
                ("|owner|", "|color|String|Its colour. Nullable.|\n|owner|"),
                ("|large|1|", "|medium|3|Between the two.|\n|large|1|"),
            ],
            "mounting-enum.md" => &[("|top|4|Top side.|\n", "")],
            "widget-list.md" => &[(
                "|Application|Dashboard.Read.All|",
                "|Application|Not supported.|",
            )],
            "widget-spin.md" => &[("|turns|Int32|", "|turns|Int64|")],
            _ => &[],
        };
        for (old, new) in edits {
            *text = edit(text, old, new);
        }
    }
    (tree(&old_pages), tree(&new_pages))
}

#[test]
fn fixture_edits_give_an_exact_report() {
    let (old, new) = fixture_trees();
    let diff = diff_of(old.path(), new.path());
    insta::assert_snapshot!("fixture_edits_markdown", report::markdown(&diff));
    let comment = comment::comment(&diff, comment::GITHUB_LIMIT, comment::FullReport::Command);
    insta::assert_snapshot!(
        "fixture_edits_comment",
        comment.unwrap_or_else(|error| panic!("{error}"))
    );
    let json = serde_json::to_string_pretty(&report::json(&diff));
    insta::assert_snapshot!(
        "fixture_edits_json",
        json.unwrap_or_else(|error| panic!("{error}"))
    );
}

#[test]
fn identical_docs_have_no_changes() {
    let diff = diff_of(&fixtures(), &fixtures());
    assert!(diff.changes.is_empty(), "{:?}", lines(&diff));
    let comment = comment::comment(&diff, comment::GITHUB_LIMIT, comment::FullReport::Command);
    let comment = comment.unwrap_or_else(|error| panic!("{error}"));
    assert!(
        comment.contains("**Semver: patch**, no API changes"),
        "{comment}"
    );
    assert!(!comment.contains("complete report"), "{comment}");
}

fn docs2rs(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"))
}

fn json_of(output: &std::process::Output) -> serde_json::Value {
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| panic!("{error}"))
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn the_cli_denies_breaking_changes_when_asked() {
    let (old, new) = fixture_trees();
    let (old, new) = (path_text(old.path()), path_text(new.path()));
    assert_eq!(docs2rs(&["diff", &old, &new]).status.code(), Some(0));
    let denied = docs2rs(&["diff", &old, &new, "--deny", "breaking"]);
    assert_eq!(denied.status.code(), Some(1));
    let same = docs2rs(&["diff", &old, &old, "--deny", "breaking"]);
    assert_eq!(same.status.code(), Some(0));
    let stray = docs2rs(&["diff", &old, &new, "docs"]);
    assert_eq!(stray.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&stray.stderr).contains("only taken with --git"));
}

/// The exit code of `docs2rs diff OLD NEW ARGS...`.
fn exit_code(old: &Path, new: &Path, args: &[&str]) -> Option<i32> {
    let (old, new) = (path_text(old), path_text(new));
    let mut all = vec!["diff", old.as_str(), new.as_str()];
    all.extend(args);
    docs2rs(&all).status.code()
}

/// Three diffs, each of one level at most (breaking, additions only, a
/// nullability change only) and none: `--fail-on` fails at and above its
/// level, and the semver verdict names the deciding change.
#[test]
fn fail_on_gates_by_level_and_the_verdict_names_the_bump() {
    let (broken_old, broken_new) = fixture_trees();
    let old = tree(&fixture_pages());
    let mut with_archive = fixture_pages();
    with_archive.push(("widget-archive.md", WIDGET_ARCHIVE.to_owned()));
    let added = tree(&with_archive);
    let mut nullable = fixture_pages();
    for (name, text) in &mut nullable {
        if *name == "widget-resource.md" {
            *text = edit(text, "What it costs.|", "What it costs. Not nullable.|");
        }
    }
    let warned = tree(&nullable);
    let cases = [
        (broken_old.path(), broken_new.path(), [1, 1, 1], "major", "7 breaking changes (first: operation removed GET /dashboards/{dashboard-id}/widgets/{widget-id}/picture/$value)"),
        (old.path(), added.path(), [0, 0, 1], "minor", "1 addition (first: operation added POST /dashboards/{dashboard-id}/widgets/{widget-id}/archive)"),
        (old.path(), warned.path(), [0, 1, 1], "patch", "1 change that adds or breaks nothing (first: property changed widget.price)"),
        (old.path(), old.path(), [0, 0, 0], "patch", "no API changes"),
    ];
    for (old, new, codes, bump, reason) in cases {
        let got: Vec<Option<i32>> = ["breaking", "warn", "info"]
            .iter()
            .map(|level| exit_code(old, new, &["--fail-on", level]))
            .collect();
        assert_eq!(got, codes.map(Some), "{reason}");
        assert_eq!(
            exit_code(old, new, &["--deny", "breaking"]),
            Some(codes[0]),
            "{reason}"
        );
        let report = json_of(&docs2rs(&[
            "diff",
            &path_text(old),
            &path_text(new),
            "--format",
            "json",
        ]));
        assert_eq!(report["semver"]["bump"], bump, "{reason}");
        assert_eq!(report["semver"]["reason"], reason);
        let comment = docs2rs(&["diff", &path_text(old), &path_text(new)]);
        let comment = String::from_utf8_lossy(&comment.stdout);
        assert!(
            comment.contains(&format!("**Semver: {bump}**, {reason}")),
            "{comment}"
        );
    }
}

/// `--output` writes the complete report in `--format` while the comment
/// goes to standard output; a budget too small for the header is refused.
#[test]
fn output_writes_the_complete_report_and_stdout_the_comment() {
    let (old, new) = fixture_trees();
    let (old, new) = (path_text(old.path()), path_text(new.path()));
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let file = dir.path().join("report.json");
    let run = docs2rs(&[
        "diff",
        &old,
        &new,
        "--format",
        "json",
        "--output",
        &path_text(&file),
        "--report-url",
        "https://ci.example/runs/7",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("## docs2rs: API changes"), "{stdout}");
    assert!(stdout.contains("[complete report](<https://ci.example/runs/7>)"));
    let written = std::fs::read(&file).unwrap_or_else(|error| panic!("{error}"));
    let written: serde_json::Value =
        serde_json::from_slice(&written).unwrap_or_else(|error| panic!("{error}"));
    let printed = json_of(&docs2rs(&["diff", &old, &new, "--format", "json"]));
    assert_eq!(written, printed);
    let tiny = docs2rs(&["diff", &old, &new, "--max-chars", "100"]);
    assert_eq!(tiny.status.code(), Some(2));
    let error = String::from_utf8_lossy(&tiny.stderr);
    assert!(
        error.contains("--max-chars 100: the comment needs at least"),
        "{error}"
    );
    let unwritable = docs2rs(&["diff", &old, &new, "--output", &path_text(dir.path())]);
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("cannot write"));
}

fn git(repo: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args([
            "-c",
            "user.name=docs2rs",
            "-c",
            "user.email=docs2rs@example.com",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Copies a folder's files into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|error| panic!("{error}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|error| panic!("{error}")) {
        let path = entry.unwrap_or_else(|error| panic!("{error}")).path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, to.join(name)).unwrap_or_else(|error| panic!("{error}"));
        }
    }
}

#[test]
fn git_revisions_report_what_the_folders_report() {
    let (old, new) = fixture_trees();
    let repo = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    if !git(repo.path(), &["init", "-q"]) {
        println!("skipped: `git init` failed (is git installed?)");
        return;
    }
    let docs = repo.path().join("docs");
    copy_tree(old.path(), &docs);
    std::fs::write(repo.path().join("notes.md"), "# not a docs page\n")
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(git(repo.path(), &["add", "-A"]));
    assert!(git(repo.path(), &["commit", "-qm", "old docs"]));
    std::fs::remove_dir_all(&docs).unwrap_or_else(|error| panic!("{error}"));
    copy_tree(new.path(), &docs);
    assert!(git(repo.path(), &["add", "-A"]));
    assert!(git(repo.path(), &["commit", "-qm", "new docs"]));
    let repo_text = path_text(repo.path());
    let from_git = json_of(&docs2rs(&[
        "diff", "--git", &repo_text, "HEAD~1", "HEAD", "docs", "--format", "json",
    ]));
    let from_folders = json_of(&docs2rs(&[
        "diff",
        &path_text(old.path()),
        &path_text(new.path()),
        "--format",
        "json",
    ]));
    assert_eq!(from_git, from_folders);
    assert!(from_git["breaking"].as_u64().is_some_and(|count| count > 0));
    let missing = docs2rs(&["diff", "--git", &repo_text, "HEAD~1", "no-such-rev"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot resolve `no-such-rev`"));
}
