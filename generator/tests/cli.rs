//! The `docs2rs` binary, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn docs2rs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("no temp dir: {error}"))
}

/// Generates the seeds SDK as a standalone crate and runs `cargo test` in
/// it: it compiles on its own and its example tests pass.
#[test]
fn generate_writes_a_crate_that_builds_and_passes_its_example_tests() {
    let dir = temp_dir();
    let out = dir.path().join("sdk");
    let out_text = out.to_string_lossy().into_owned();
    let output = docs2rs(&[
        "generate",
        "seeds",
        "--out",
        &out_text,
        "--runtime-path",
        "runtime",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    let last = report.lines().last().unwrap_or_default();
    let summary: serde_json::Value =
        serde_json::from_str(last).unwrap_or_else(|error| panic!("{error}: {last}"));
    assert_eq!(summary["pages"], 5);
    assert_eq!(summary["operations"], 10);
    assert_eq!(summary["examples"], 5);
    assert_eq!(summary["errors"], 0);
    for key in ["types", "enums", "warnings"] {
        assert!(summary[key].is_u64(), "{key} missing from {summary}");
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap_or_default();
    let default = manifest
        .lines()
        .find(|line| line.starts_with("default = "))
        .unwrap_or_default();
    assert!(
        default.contains("\"device-management\"") && !default.contains("client"),
        "every area but not the client is on by default: {default}"
    );
    assert!(manifest.contains("\nclient = [\"docs2rs-runtime/client\"]\n"));
    assert!(
        manifest.contains("\nazure-identity = [\"client\", \"docs2rs-runtime/azure-identity\"]\n")
    );
    let target = workspace().join("target").join("generated-sdk");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let test = Command::new(cargo)
        .args(["test", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    let log = format!("{}{}", stdout(&test), stderr(&test));
    assert!(test.status.success(), "the generated crate failed:\n{log}");
    assert!(
        log.contains("5 passed"),
        "expected the five example tests to run:\n{log}"
    );
}

#[test]
fn regenerating_rewrites_only_what_changed() {
    let dir = temp_dir();
    let out = dir.path().join("sdk");
    let out_text = out.to_string_lossy().into_owned();
    assert!(docs2rs(&["generate", "seeds", "--out", &out_text])
        .status
        .success());
    let again = docs2rs(&["generate", "seeds", "--out", &out_text, "--format", "json"]);
    let summary: serde_json::Value =
        serde_json::from_str(stdout(&again).trim()).unwrap_or_default();
    assert_eq!(summary["written"], 0, "{summary}");
    assert_eq!(summary["unchanged"], summary["files"]);
}

#[test]
fn timings_name_every_stage_and_the_throughput() {
    let dir = temp_dir();
    let out_text = dir.path().join("sdk").to_string_lossy().into_owned();
    let args = ["generate", "seeds", "--out", &out_text, "--timings"];
    let json = docs2rs(&[&args[..], &["--format", "json"]].concat());
    let summary: serde_json::Value = serde_json::from_str(stdout(&json).trim()).unwrap_or_default();
    let stages: Vec<&str> = summary["timings"]["stages"]
        .as_array()
        .map(|stages| stages.iter().filter_map(|s| s["stage"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        stages,
        ["read", "parse", "model", "emit", "write", "cache"],
        "{summary}"
    );
    assert_eq!(summary["reuse"]["pages_parsed"], 5, "{summary}");
    assert_eq!(summary["timings"]["pages"], 5);
    assert!(summary["timings"]["bytes"]
        .as_u64()
        .is_some_and(|bytes| bytes > 1000));
    // Without the cache the first run left, every stage runs.
    let human = stdout(&docs2rs(&[&args[..], &["--no-cache"]].concat()));
    for expected in [
        "read ",
        "parse ",
        "model ",
        "emit+format ",
        "write ",
        "pages/s",
        "reuse: 5 pages parsed, 0 reused; model resolved;",
    ] {
        assert!(human.contains(expected), "no `{expected}` in:\n{human}");
    }
}

#[test]
fn a_changed_seed_changes_the_generated_code() {
    let dir = temp_dir();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap_or_else(|error| panic!("{error}"));
    let name = "intune-deviceconfig-deviceconfigurationassignment-update.md";
    let original =
        std::fs::read_to_string(workspace().join("seeds").join(name)).unwrap_or_default();
    let edited = original.replace(
        "The assignment target for the device configuration.",
        "Where the configuration goes.",
    );
    assert_ne!(original, edited);
    std::fs::write(docs.join(name), edited).unwrap_or_else(|error| panic!("{error}"));
    let out = dir.path().join("out");
    let (docs_text, out_text) = (
        docs.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    );
    let output = docs2rs(&["generate", &docs_text, "--out", &out_text]);
    assert!(output.status.success(), "{}", stderr(&output));
    let model = std::fs::read_to_string(out.join("src/models/device_configuration_assignment.rs"))
        .unwrap_or_default();
    assert!(model.contains("/// Where the configuration goes."));
}

#[test]
fn check_reports_rustc_style_and_json() {
    let human = docs2rs(&["check", "seeds"]);
    assert!(human.status.success());
    let text = stderr(&human);
    assert!(
        text.contains("warning[D501]: example URL version segment `localtest`"),
        "{text}"
    );
    assert!(
        text.contains(
            "--> seeds/intune-onboarding-enrollmentconfigurationassignment-update.md:64:35"
        ),
        "{text}"
    );
    assert!(stdout(&human).contains("checked 5 pages: 0 error(s)"));

    let json = docs2rs(&["check", "seeds", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(stdout(&json).trim()).unwrap_or_default();
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(diagnostics
        .iter()
        .any(|d| d["code"] == "D401" && d["line"].is_u64()));

    let denied = docs2rs(&["check", "seeds", "--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let dir = temp_dir();
    let missing = dir.path().join("no-such-docs");
    let output = docs2rs(&["check", &missing.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: cannot read"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stderr(&output).lines().count(), 1);

    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap_or_else(|error| panic!("{error}"));
    let output = docs2rs(&["check", &binary.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not UTF-8"),
        "{}",
        stderr(&output)
    );

    let file = dir.path().join("a-file");
    std::fs::write(&file, "keep me").unwrap_or_else(|error| panic!("{error}"));
    let output = docs2rs(&["generate", "seeds", "--out", &file.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a directory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        "keep me"
    );

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|error| panic!("{error}"));
    let output = docs2rs(&[
        "generate",
        &empty.to_string_lossy(),
        "--out",
        &dir.path().join("o").to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("holds no Markdown"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.path().join("o").exists(),
        "nothing is written when the input is bad"
    );
}

#[test]
fn explain_describes_a_code_by_id_or_name() {
    let by_id = docs2rs(&["explain", "D401"]);
    assert!(by_id.status.success());
    assert!(stdout(&by_id).starts_with("D401 permission-todo (warning): "));
    assert_eq!(
        stdout(&docs2rs(&["explain", "link-case"])),
        stdout(&docs2rs(&["explain", "d601"]))
    );
    assert!(stdout(&docs2rs(&["explain"])).lines().count() >= 24);
    let unknown = docs2rs(&["explain", "D999"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// `check --format sarif` gives one SARIF result per diagnostic, located,
/// with every code as a rule; `--allow` leaves codes out.
#[test]
fn check_writes_sarif_and_allows_codes_one_by_one() {
    let output = docs2rs(&["check", "seeds", "--format", "sarif"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&output)).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(rules, docs2rs::diag::Code::ALL.len());
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 23, "16 warnings and 7 notes on the seeds");
    let first = &results[0];
    assert_eq!(first["ruleId"], "D401");
    assert_eq!(first["level"], "warning");
    let location = &first["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"]
        .as_str()
        .is_some_and(|uri| uri.starts_with("seeds/")));
    assert!(location["region"]["startLine"]
        .as_u64()
        .is_some_and(|line| line > 0));

    let allowed = docs2rs(&["check", "seeds", "--allow", "D401", "--allow", "link-case"]);
    assert!(allowed.status.success());
    let human = stderr(&allowed) + &stdout(&allowed);
    assert!(
        !human.contains("D401") && !human.contains("D601"),
        "{human}"
    );
    let unknown = docs2rs(&["check", "seeds", "--allow", "D999"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Every file of a generated tree, by path relative to `root`.
fn tree_files(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{error}")) {
            let path = entry.unwrap_or_else(|error| panic!("{error}")).path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                files.insert(relative, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// The same docs give the same files whether named relative to the
/// working directory or absolutely from another one.
#[test]
fn output_does_not_depend_on_the_working_directory() {
    let dir = temp_dir();
    let here = dir.path().join("here");
    let root = dir.path().join("root");
    let seeds = workspace().join("seeds");
    let relative = docs2rs(&["generate", "seeds", "--out", &here.to_string_lossy()]);
    assert!(relative.status.success(), "{}", stderr(&relative));
    let absolute = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .args([
            "generate",
            &seeds.to_string_lossy(),
            "--out",
            &root.to_string_lossy(),
        ])
        .current_dir("/")
        .output()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
    assert!(absolute.status.success(), "{}", stderr(&absolute));
    let (a, b) = (tree_files(&here), tree_files(&root));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let differing: Vec<&PathBuf> = a
        .iter()
        .filter(|(path, text)| b.get(*path) != Some(*text))
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "{differing:?}");
}

/// A reader that stops early (`docs2rs check ... | head`) ends the run
/// quietly, not with a panic.
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .args(["check", "seeds", "--format", "sarif"])
        .current_dir(workspace())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
    drop(child.stdout.take());
    let status = child.wait().unwrap_or_else(|error| panic!("{error}"));
    let mut errors = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        stderr.read_to_string(&mut errors).unwrap_or_default();
    }
    assert!(!errors.contains("panicked"), "{errors}");
    assert!(status.code().is_some(), "killed by a signal: {status:?}");
}

/// A generated crate can be published: the runtime is a versioned
/// dependency (a path only when asked, relative to the crate), no absolute
/// path of this machine appears in it, and `cargo package` packs only what
/// a user compiles.
#[test]
fn the_generated_crate_is_publishable() {
    let dir = temp_dir();
    let published = dir.path().join("published");
    let output = docs2rs(&["generate", "seeds", "--out", &published.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(published.join("Cargo.toml")).unwrap_or_default();
    assert!(
        manifest.contains("docs2rs-runtime = { version = \"0.1\" }\n"),
        "{manifest}"
    );
    assert!(!manifest.contains("publish = false"), "{manifest}");
    for key in [
        "description = ",
        "license = ",
        "readme = ",
        "rust-version = ",
    ] {
        assert!(manifest.contains(key), "{key} missing: {manifest}");
    }
    let local = dir.path().join("local");
    let output = docs2rs(&[
        "generate",
        "seeds",
        "--out",
        &local.to_string_lossy(),
        "--runtime-path",
        "runtime",
        "--docs-revision",
        "abc123",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let absolute = workspace()
        .canonicalize()
        .unwrap_or_else(|error| panic!("{error}"));
    for (path, text) in tree_files(&local) {
        let text = String::from_utf8_lossy(&text);
        assert!(
            !text.contains(&format!("\"{}", absolute.display())),
            "{} names an absolute path",
            path.display()
        );
    }
    let manifest = std::fs::read_to_string(local.join("Cargo.toml")).unwrap_or_default();
    assert!(
        manifest.contains("version = \"0.1\", path = \"../"),
        "{manifest}"
    );
    let notice = std::fs::read_to_string(local.join("NOTICE.md")).unwrap_or_default();
    assert!(notice.contains("CC BY 4.0") || notice.contains("Attribution 4.0"));
    assert!(notice.contains("abc123"), "{notice}");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let list = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty"])
        .current_dir(&local)
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    let listed = stdout(&list);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(listed.lines().any(|line| line == "README.md"), "{listed}");
    assert!(listed.lines().any(|line| line == "src/lib.rs"), "{listed}");
    assert!(!listed.contains("tests/"), "{listed}");
}

/// `generate --check` writes nothing and exits 1 while the output folder
/// differs from what generation gives (naming the files, with a diff), 0
/// once it is current.
#[test]
fn generate_check_reports_without_writing() {
    let dir = temp_dir();
    let out = dir.path().join("sdk");
    let out_text = out.to_string_lossy().into_owned();
    let check = || docs2rs(&["generate", "seeds", "--out", &out_text, "--check"]);
    let missing = check();
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    assert!(
        stdout(&missing).contains("new: src/lib.rs"),
        "{}",
        stdout(&missing)
    );
    assert!(!out.exists(), "--check wrote something");
    assert!(docs2rs(&["generate", "seeds", "--out", &out_text])
        .status
        .success());
    let current = check();
    assert_eq!(current.status.code(), Some(0), "{}", stdout(&current));
    let lib = out.join("src/lib.rs");
    let edited = std::fs::read_to_string(&lib).unwrap_or_default() + "// a local edit\n";
    std::fs::write(&lib, &edited).unwrap_or_else(|error| panic!("{error}"));
    let stale = check();
    let report = stdout(&stale);
    assert_eq!(stale.status.code(), Some(1), "{report}");
    assert!(report.contains("changed: src/lib.rs"), "{report}");
    assert!(report.contains("-// a local edit"), "{report}");
    assert_eq!(std::fs::read_to_string(&lib).unwrap_or_default(), edited);
}
