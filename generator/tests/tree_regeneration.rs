//! Regeneration of the whole shared docs tree after description edits: the
//! cache reuses the model and all but a few files, and the result is
//! byte-identical to a run without the cache. Skips with a printed reason
//! where the tree is absent or `DOCS2RS_SKIP_TREE_REPLAY` is set (the same
//! switch as the other whole-tree builds).

mod regeneration;

use regeneration::{differing, edit, files, generate};
use std::path::{Path, PathBuf};

fn tree() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/beta-2021-07");
    path.is_dir().then_some(path)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|error| panic!("{error}"));
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap_or_else(|error| panic!("{error}"));
        }
    }
}

#[test]
fn description_edits_regenerate_the_whole_tree_like_a_cold_run() {
    let Some(tree) = tree() else {
        println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
        return;
    };
    if std::env::var_os("DOCS2RS_SKIP_TREE_REPLAY").is_some() {
        println!("skipped: DOCS2RS_SKIP_TREE_REPLAY is set");
        return;
    }
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tree-regeneration");
    if work.exists() {
        std::fs::remove_dir_all(&work).unwrap_or_else(|error| panic!("{error}"));
    }
    let docs = work.join("docs");
    copy_tree(&tree, &docs);
    let warm = work.join("warm");
    let first = generate(&docs, &warm, &[]);

    // A property, an enumeration member and an operation described anew.
    edit(
        &docs,
        "resources/user.md",
        "otherwise, `false`.",
        "otherwise, `false` (edited by a test).",
    );
    edit(
        &docs,
        "resources/intune-shared-policyplatformtype.md",
        "|iOS|2|iOS.|",
        "|iOS|2|Apple iOS (edited by a test).|",
    );
    edit(
        &docs,
        "api/user-get.md",
        "\nRetrieve the properties and relationships of user object.\n",
        "\nReads a user (edited by a test).\n",
    );
    let again = generate(&docs, &warm, &[]);
    let reuse = &again["reuse"];
    assert_eq!(reuse["model_reused"], true, "{again}");
    let made = reuse["files_made"].as_u64().unwrap_or_default();
    assert!((3..=10).contains(&made), "{again}");
    assert_eq!(again["files"], first["files"], "{again}");

    let cold = work.join("cold");
    generate(&docs, &cold, &["--no-cache"]);
    let differing = differing(&warm, &cold);
    assert!(
        differing.is_empty(),
        "warm and cold differ in {differing:?}"
    );
    let edited = files(&warm)
        .values()
        .filter(|bytes| String::from_utf8_lossy(bytes).contains("(edited by a test)"))
        .count();
    assert!(edited >= 3, "the edits show in {edited} files");
    std::fs::remove_dir_all(&work).unwrap_or_else(|error| panic!("{error}"));
}
