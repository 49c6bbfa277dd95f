//! Docs folders built to crash or hang a reader: JSON nested thousands of
//! levels deep, and folder links that lead back to their own ancestors. The
//! real binary must finish with a diagnostic and still use every other page;
//! each run has a deadline, so a regression fails instead of hanging.

use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

/// What a finished run printed.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir`, killing it if it outlives `deadline`. Output
/// goes to files, so a full pipe cannot stall it.
fn docs2rs(dir: &Path, args: &[&str], deadline: Duration) -> Run {
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let create = |path: &Path| File::create(path).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .args(args)
        .current_dir(dir)
        .stdout(create(&out_path))
        .stderr(create(&err_path))
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("docs2rs {args:?} still running after {deadline:?}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => panic!("cannot wait for docs2rs: {error}"),
        }
    };
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    Run {
        status,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A plain resource page, the one every run must still turn into a type.
const GADGET: &str = "---\ntitle: gadget resource type\ndoc_type: resourcePageType\n---\n\
# gadget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n|label|String|Its label.|\n\n\
## JSON representation\n\n\
<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\" } -->\n\
```json\n{ \"id\": \"String\", \"label\": \"String\" }\n```\n";

fn nested(levels: usize) -> String {
    format!("{}1{}", "{\"a\":".repeat(levels), "}".repeat(levels))
}

/// A resource page with an annotation, a JSON representation and an
/// example response each nesting `levels` deep, on lines 3, 15 and 30.
fn deep_page(levels: usize) -> String {
    let deep = nested(levels);
    format!(
        "# widget resource type\n\n\
         <!-- {{ \"blockType\": \"ignored\", \"x\": {deep} }} -->\n\n\
         ## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n\n\
         ## JSON representation\n\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n\
         ```json\n{{ \"id\": {deep} }}\n```\n\n\
         ## Example\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"get_widget\" }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/widgets/w1\n```\n\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{ \"id\": {deep} }}\n```\n"
    )
}

/// The (file, line) of each diagnostic with `code` in `check --format json`.
fn findings(report: &str, code: &str) -> Vec<(String, u64)> {
    let report: serde_json::Value =
        serde_json::from_str(report).unwrap_or_else(|error| panic!("{error}: {report}"));
    let list = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    list.iter()
        .filter(|diagnostic| diagnostic["code"] == code)
        .map(|diagnostic| {
            let file = diagnostic["file"].as_str().unwrap_or_default().to_owned();
            (file, diagnostic["line"].as_u64().unwrap_or_default())
        })
        .collect()
}

#[test]
fn json_nested_thousands_deep_is_a_diagnostic_and_other_pages_still_generate() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(&dir.path().join("docs/gadget.md"), GADGET);
    write(&dir.path().join("docs/deep-5000.md"), &deep_page(5_000));
    write(&dir.path().join("docs/deep-100000.md"), &deep_page(100_000));
    let deadline = Duration::from_secs(120);

    let check = docs2rs(dir.path(), &["check", "docs", "--format", "json"], deadline);
    assert_eq!(check.status.code(), Some(1), "{}", check.stderr);
    let mut expected = Vec::new();
    for page in ["docs/deep-100000.md", "docs/deep-5000.md"] {
        // The annotation, the representation, the response body.
        for line in [3, 15, 30] {
            expected.push((page.to_owned(), line));
        }
    }
    assert_eq!(findings(&check.stdout, "D512"), expected);

    let generate = docs2rs(
        dir.path(),
        &["generate", "docs", "--out", "sdk", "--format", "json"],
        deadline,
    );
    assert_eq!(generate.status.code(), Some(0), "{}", generate.stderr);
    let last = generate.stdout.lines().last().unwrap_or_default();
    let summary: serde_json::Value = serde_json::from_str(last).unwrap_or_default();
    assert_eq!(summary["errors"], 6, "{last}");
    let gadget = std::fs::read_to_string(dir.path().join("sdk/src/models/gadget.rs"));
    assert!(
        gadget.is_ok_and(|text| text.contains("pub label:")),
        "the other page still gives its type"
    );
}

#[test]
fn json_nested_to_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The outermost object is one level; 99 more make the limit of 100.
    write(&dir.path().join("docs/deep-100.md"), &deep_page(99));
    let check = docs2rs(
        dir.path(),
        &["check", "docs", "--format", "json"],
        Duration::from_secs(60),
    );
    assert!(check.status.code().is_some(), "{}", check.stderr);
    assert_eq!(findings(&check.stdout, "D512"), Vec::new());
}

#[cfg(unix)]
#[test]
fn folder_links_back_to_ancestors_are_skipped_and_each_folder_read_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let api = dir.path().join("docs/api");
    write(&api.join("gadget.md"), GADGET);
    write(&dir.path().join("docs/shared/widget.md"), GADGET);
    let link = |target: &str, at: &Path| {
        symlink(target, at).unwrap_or_else(|e| panic!("{}: {e}", at.display()));
    };
    link(".", &api.join("self"));
    link("..", &api.join("up"));
    // A link out of the input is followed once; its link back is not.
    link("../shared", &api.join("shared"));
    link("../api", &dir.path().join("docs/shared/back"));

    let check = docs2rs(
        dir.path(),
        &["check", "docs/api", "--format", "json"],
        Duration::from_secs(60),
    );
    assert!(check.status.code().is_some(), "{}", check.stderr);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap_or_default();
    assert_eq!(report["pages"], 2, "{}", check.stdout);
    let skipped: Vec<String> = findings(&check.stdout, "D609")
        .into_iter()
        .map(|(file, _)| file)
        .collect();
    assert_eq!(skipped, ["api/self", "api/shared/back", "api/up"]);
}
