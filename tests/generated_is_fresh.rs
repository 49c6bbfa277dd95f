//! `generated/` must be exactly what `build.rs` makes of `seeds/` with the
//! current generator, so that pull requests show the generated diff.

use docs2rs::emit::{emit, EmitOptions, Layout};
use docs2rs::output::{write_tree, Foreign, MANIFEST};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The one command that refreshes every golden: `generated/` here, and the
/// insta snapshots of models and diagnostics.
const BLESS: &str = "DOCS2RS_BLESS=1 INSTA_UPDATE=always cargo test";

fn files_under(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // `.docs2rs` is the regeneration cache a CLI run into the
            // folder leaves; it keeps itself out of git.
            if path.file_name().is_some_and(|name| name != ".docs2rs") {
                files_under(root, &path, out);
            }
        } else if path.file_name().is_some_and(|name| name != MANIFEST) {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(relative, std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn generated_matches_what_build_rs_makes_of_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (api, _) = docs2rs::load(&[PathBuf::from(root).join("seeds")], root)
        .unwrap_or_else(|error| panic!("{error}"));
    let options = EmitOptions {
        crate_ident: "docs2rs_sdk".to_owned(),
        layout: Layout::Included,
    };
    let expected = emit(&api, &options)
        .unwrap_or_else(|error| panic!("{error}"))
        .files;
    let mut committed = BTreeMap::new();
    files_under(
        &root.join("generated"),
        &root.join("generated"),
        &mut committed,
    );
    let stale: Vec<&String> = expected
        .keys()
        .chain(committed.keys())
        .filter(|path| expected.get(*path) != committed.get(*path))
        .collect();
    if !stale.is_empty() && std::env::var_os("DOCS2RS_BLESS").is_some() {
        let written = write_tree(&root.join("generated"), &expected, Foreign::Refuse);
        println!("blessed generated/: {written:?}");
        return;
    }
    assert!(
        stale.is_empty(),
        "generated/ is out of date ({stale:?} differ); review the change and refresh every golden with:\n\n    {BLESS}\n"
    );
}

#[test]
fn build_rs_output_is_the_committed_copy() {
    let out_dir = Path::new(env!("OUT_DIR"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os(docs2rs::DOCS_ENV).is_some() {
        println!(
            "skipped: {} points the build at other docs",
            docs2rs::DOCS_ENV
        );
        return;
    }
    let mut built = BTreeMap::new();
    files_under(out_dir, out_dir, &mut built);
    let mut committed = BTreeMap::new();
    files_under(
        &root.join("generated"),
        &root.join("generated"),
        &mut committed,
    );
    assert!(
        built == committed,
        "OUT_DIR differs from generated/; refresh every golden with:\n\n    {BLESS}\n"
    );
}
