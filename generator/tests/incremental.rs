//! Regeneration with the cache in `<out>/.docs2rs`: after any change (a
//! description, a page's structure, a page added or removed, an option,
//! the docs2rs binary, a damaged cache, a generated file edited by hand)
//! the output is byte-identical to a run without the cache, and the run
//! reuses what the change left alone.

mod regeneration;

use regeneration::{differing, edit, generate, generate_with};
use std::path::{Path, PathBuf};
use std::process::Command;

const EDITED_PAGE: &str = "intune-deviceconfig-deviceconfigurationassignment-update.md";
const DESCRIPTION: &str = "The assignment target for the device configuration.";

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("no temp dir: {error}"))
}

/// A copy of the seeds to edit.
fn seeds_copy(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap_or_else(|error| panic!("{error}"));
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
        std::fs::copy(entry.path(), docs.join(entry.file_name()))
            .unwrap_or_else(|error| panic!("{error}"));
    }
    docs
}

/// Asserts `out` holds exactly what a run without the cache makes.
fn assert_same_as_cold(docs: &Path, out: &Path, extra: &[&str]) {
    // A sibling, so the runtime's relative path is the same.
    let cold_out = out.with_file_name("cold");
    if cold_out.exists() {
        std::fs::remove_dir_all(&cold_out).unwrap_or_else(|error| panic!("{error}"));
    }
    generate(docs, &cold_out, &[extra, &["--no-cache"]].concat());
    let differing = differing(out, &cold_out);
    assert!(
        differing.is_empty(),
        "warm and cold runs differ in {differing:?}"
    );
}

fn reuse(summary: &serde_json::Value) -> &serde_json::Value {
    &summary["reuse"]
}

#[test]
fn each_kind_of_docs_change_gives_what_a_cold_run_gives_and_reuses_the_rest() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    let first = generate(&docs, &out, &[]);
    assert_eq!(reuse(&first)["pages_parsed"], 5, "{first}");
    let files = first["files"].as_u64().unwrap_or_default();

    // Nothing changed: nothing parsed, resolved or made.
    let again = generate(&docs, &out, &[]);
    assert_eq!(reuse(&again)["pages_parsed"], 0, "{again}");
    assert_eq!(reuse(&again)["model_reused"], true, "{again}");
    assert_eq!(reuse(&again)["files_made"], 0, "{again}");
    assert_same_as_cold(&docs, &out, &[]);

    // A description: the model is reused and only the files showing it
    // are made.
    edit(
        &docs,
        EDITED_PAGE,
        DESCRIPTION,
        "Where the assignment applies (edited).",
    );
    let prose = generate(&docs, &out, &[]);
    assert_eq!(reuse(&prose)["model_reused"], true, "{prose}");
    let made = reuse(&prose)["files_made"].as_u64().unwrap_or_default();
    assert!(made >= 1 && made < files / 2, "{prose}");
    let shown = regeneration::files(&out).values().any(|bytes| {
        String::from_utf8_lossy(bytes).contains("Where the assignment applies (edited).")
    });
    assert!(shown, "the edited description is in no generated file");
    assert_same_as_cold(&docs, &out, &[]);

    // Structure: a property added to a table is resolved again.
    edit(
        &docs,
        EDITED_PAGE,
        "|id|String|",
        "|priority|Int32|How soon it applies.|\n|id|String|",
    );
    let structure = generate(&docs, &out, &[]);
    assert_eq!(reuse(&structure)["model_reused"], false, "{structure}");
    assert_eq!(reuse(&structure)["pages_parsed"], 5, "{structure}");
    // Every file is made again, but only those whose code changed are
    // formatted.
    assert_eq!(
        reuse(&structure)["files_made"],
        structure["files"],
        "{structure}"
    );
    let formatted = reuse(&structure)["files_formatted"]
        .as_u64()
        .unwrap_or_default();
    assert!(formatted >= 1 && formatted < files / 2, "{structure}");
    assert_same_as_cold(&docs, &out, &[]);

    // A page removed, then put back.
    let removed = docs.join(EDITED_PAGE);
    let text = std::fs::read(&removed).unwrap_or_default();
    std::fs::remove_file(&removed).unwrap_or_else(|error| panic!("{error}"));
    generate(&docs, &out, &[]);
    assert_same_as_cold(&docs, &out, &[]);
    std::fs::write(&removed, text).unwrap_or_else(|error| panic!("{error}"));
    generate(&docs, &out, &[]);
    assert_same_as_cold(&docs, &out, &[]);
}

#[test]
fn an_option_change_makes_every_file_again() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    generate(&docs, &out, &[]);
    let renamed = generate(&docs, &out, &["--crate-name", "other-sdk"]);
    assert_eq!(reuse(&renamed)["model_reused"], true, "{renamed}");
    assert_eq!(reuse(&renamed)["files_reused"], 0, "{renamed}");
    assert_eq!(reuse(&renamed)["files_made"], renamed["files"], "{renamed}");
    assert_same_as_cold(&docs, &out, &["--crate-name", "other-sdk"]);
    // Another layout makes another set of files.
    let flat = generate(&docs, &out, &["--layout", "included"]);
    assert_eq!(reuse(&flat)["files_reused"], 0, "{flat}");
    assert_same_as_cold(&docs, &out, &["--layout", "included"]);
}

#[test]
fn another_docs2rs_binary_does_not_trust_the_cache() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    generate(&docs, &out, &[]);
    // A copy is another file with another modification time: to the cache,
    // another build of docs2rs.
    let copy = dir.path().join("docs2rs-copy");
    std::fs::copy(env!("CARGO_BIN_EXE_docs2rs"), &copy).unwrap_or_else(|error| panic!("{error}"));
    let other = generate_with(&copy, &docs, &out, &[]);
    assert_eq!(reuse(&other)["pages_parsed"], 5, "{other}");
    assert_eq!(reuse(&other)["files_reused"], 0, "{other}");
    assert_same_as_cold(&docs, &out, &[]);
}

#[test]
fn a_damaged_cache_is_ignored() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    generate(&docs, &out, &[]);
    let cache = out.join(".docs2rs");

    // A damaged index: a cold run.
    let index = cache.join("index.bin");
    let bytes = std::fs::read(&index).unwrap_or_default();
    let mut flipped = bytes.clone();
    if let Some(last) = flipped.last_mut() {
        *last ^= 0x40;
    }
    std::fs::write(&index, &flipped).unwrap_or_else(|error| panic!("{error}"));
    let cold = generate(&docs, &out, &[]);
    assert_eq!(reuse(&cold)["pages_parsed"], 5, "{cold}");
    assert_eq!(reuse(&cold)["files_reused"], 0, "{cold}");

    // A damaged model under a good index: the model is resolved again.
    let model = cache.join("model.bin");
    let half = std::fs::read(&model).unwrap_or_default();
    std::fs::write(&model, &half[..half.len() / 2]).unwrap_or_else(|error| panic!("{error}"));
    edit(&docs, EDITED_PAGE, DESCRIPTION, "Edited after the damage.");
    let resolved = generate(&docs, &out, &[]);
    assert_eq!(reuse(&resolved)["model_reused"], false, "{resolved}");
    assert_same_as_cold(&docs, &out, &[]);

    // No cache folder at all.
    std::fs::remove_dir_all(&cache).unwrap_or_else(|error| panic!("{error}"));
    generate(&docs, &out, &[]);
    assert_same_as_cold(&docs, &out, &[]);
}

#[test]
fn generated_files_edited_or_deleted_by_hand_are_made_again() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    generate(&docs, &out, &[]);
    let edited = out.join("src/endpoints.rs");
    let mut text = std::fs::read_to_string(&edited).unwrap_or_default();
    text.push_str("// a hand edit\n");
    std::fs::write(&edited, text).unwrap_or_else(|error| panic!("{error}"));
    std::fs::remove_file(out.join("src/lib.rs")).unwrap_or_else(|error| panic!("{error}"));
    // The README's example call comes from the endpoint files, which are
    // read back rather than made.
    std::fs::remove_file(out.join("README.md")).unwrap_or_else(|error| panic!("{error}"));
    let repaired = generate(&docs, &out, &[]);
    assert_eq!(reuse(&repaired)["files_made"], 3, "{repaired}");
    assert_eq!(repaired["written"], 3, "{repaired}");
    assert_same_as_cold(&docs, &out, &[]);
}

#[test]
fn check_and_no_cache_leave_no_cache_behind() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let checked = dir.path().join("checked");
    std::fs::create_dir_all(&checked).unwrap_or_else(|error| panic!("{error}"));
    let status = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .arg("generate")
        .arg(&docs)
        .arg("--out")
        .arg(&checked)
        .arg("--check")
        .output()
        .unwrap_or_else(|error| panic!("{error}"))
        .status;
    assert_eq!(status.code(), Some(1));
    assert!(!checked.join(".docs2rs").exists());
    let plain = dir.path().join("plain");
    generate(&docs, &plain, &["--no-cache"]);
    assert!(!plain.join(".docs2rs").exists());
    let cached = dir.path().join("cached");
    generate(&docs, &cached, &[]);
    let ignore = std::fs::read_to_string(cached.join(".docs2rs/.gitignore")).unwrap_or_default();
    assert!(ignore.lines().any(|line| line == "*"), "{ignore}");
}

/// Resolving pages with their descriptions taken out finds what `check`
/// finds, on every fixture folder.
#[test]
fn generation_reports_the_findings_check_reports() {
    use docs2rs::emit::{EmitOptions, Layout};
    use docs2rs::incremental::{generate, CacheUse, Plan};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [
        root.join("../seeds"),
        root.join("tests/fixtures"),
        root.join("tests/schema_fixtures"),
        root.join("tests/healing"),
        root.join("tests/url_space"),
    ];
    for folder in folders {
        let inputs = [folder.clone()];
        let base = docs2rs::source::naming_base(&inputs);
        let (api, _) = docs2rs::load(&inputs, &base).unwrap_or_else(|error| panic!("{error}"));
        let out = temp_dir();
        let plan = Plan {
            inputs: &inputs,
            base: &base,
            emit: EmitOptions {
                crate_ident: "sdk".to_owned(),
                layout: Layout::Included,
            },
            package: None,
            out: out.path(),
            areas: None,
            example_tests: true,
            cache: CacheUse::Off,
        };
        let generated =
            generate(&plan, &mut Default::default()).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            generated.diagnostics,
            api.diagnostics,
            "{}",
            folder.display()
        );
        assert_eq!(generated.counts.operations, api.operations.len());
        assert_eq!(generated.counts.types, api.types.len());
    }
}

/// A cache folder that is a link out of the output folder (planted in a
/// committed output, say) is neither read nor written.
#[cfg(unix)]
#[test]
fn a_cache_folder_leading_outside_the_output_is_not_used() {
    let dir = temp_dir();
    let docs = seeds_copy(dir.path());
    let out = dir.path().join("sdk");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&out).unwrap_or_else(|error| panic!("{error}"));
    std::fs::create_dir_all(&outside).unwrap_or_else(|error| panic!("{error}"));
    std::os::unix::fs::symlink(&outside, out.join(".docs2rs"))
        .unwrap_or_else(|error| panic!("{error}"));
    let output = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
        .arg("generate")
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(output.status.success());
    let warning = String::from_utf8_lossy(&output.stderr);
    assert!(
        warning.contains("regeneration cache is not used"),
        "{warning}"
    );
    let written: Vec<_> = std::fs::read_dir(&outside).into_iter().flatten().collect();
    assert!(written.is_empty(), "the cache was written through the link");
}
