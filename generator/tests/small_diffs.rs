//! A one-page docs change gives a proportionate diff: regenerating after an
//! edit to one type's page rewrites that type's file and leaves every other
//! file, bytes and mtime, as it was.

use docs2rs::emit::{emit, EmitOptions, Layout};
use docs2rs::output::{
    crate_files, write_tree, Foreign, PackageInfo, RuntimeDependency, WriteStats,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The page the edits touch and the line they start from.
const WIDGET_PAGE: &str = "widget-resource.md";
const TAGS_ROW: &str = "|tags|String collection|Free-form labels.|";
const WIDGET_FILE: &str = "src/models/widget.rs";

/// An mtime no write made, so a file that still has it was not rewritten.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// The fixture and seed pages, copied into a folder of their own.
fn copy_pages(docs: &Path) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(docs).unwrap_or_else(|error| panic!("{error}"));
    for folder in [
        manifest_dir.join("tests/fixtures"),
        manifest_dir.join("../seeds"),
    ] {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", folder.display()));
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.extension().is_some_and(|ext| ext == "md") {
                if let Some(name) = path.file_name() {
                    std::fs::copy(&path, docs.join(name)).unwrap_or_else(|error| panic!("{error}"));
                }
            }
        }
    }
}

fn generate(docs: &Path, out: &Path) -> WriteStats {
    let (api, _) =
        docs2rs::load(&[docs.to_path_buf()], docs).unwrap_or_else(|error| panic!("{error}"));
    let options = EmitOptions {
        crate_ident: "small_sdk".to_owned(),
        layout: Layout::Crate,
    };
    let sdk = emit(&api, &options).unwrap_or_else(|error| panic!("{error}"));
    let info = PackageInfo {
        name: "small-sdk",
        runtime: RuntimeDependency::Path("../runtime".to_owned()),
        docs_revision: None,
    };
    let files = crate_files(&sdk, &api, &info);
    write_tree(out, &files, Foreign::Refuse).unwrap_or_else(|error| panic!("{error}"))
}

/// Every file under `dir` (the manifest too), by relative path, with its
/// bytes and mtime.
fn read_tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|error| panic!("{error}"));
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{error}"));
            let modified = std::fs::metadata(&path)
                .and_then(|meta| meta.modified())
                .unwrap_or_else(|error| panic!("{error}"));
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, (bytes, modified));
        }
    }
    files
}

/// Dates every file back, so that a rewrite shows in the mtime even within
/// the file system's timestamp resolution.
fn age(dir: &Path) {
    for relative in read_tree(dir).keys() {
        std::fs::File::options()
            .write(true)
            .open(dir.join(relative))
            .and_then(|file| file.set_modified(long_ago()))
            .unwrap_or_else(|error| panic!("{error}"));
    }
}

/// Generates from the pages, applies `edit` to the widget page, regenerates
/// into the same folder, and checks that only the widget's model file
/// changed. Returns the widget file's new text.
fn regenerate_after(edit: impl Fn(&str) -> String) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let (docs, out) = (dir.path().join("docs"), dir.path().join("out"));
    copy_pages(&docs);
    let first = generate(&docs, &out);
    assert!(first.written > 1 && first.unchanged == 0, "{first:?}");
    age(&out);
    let before = read_tree(&out);
    assert!(before.contains_key(WIDGET_FILE), "no {WIDGET_FILE}");

    let page = docs.join(WIDGET_PAGE);
    let text = std::fs::read_to_string(&page).unwrap_or_else(|error| panic!("{error}"));
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit changed nothing");
    std::fs::write(&page, edited).unwrap_or_else(|error| panic!("{error}"));
    let second = generate(&docs, &out);
    let after = read_tree(&out);

    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files were added or removed"
    );
    let changed: Vec<&str> = after
        .iter()
        .filter(|(path, (bytes, _))| before.get(*path).map(|(old, _)| old) != Some(bytes))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(changed, [WIDGET_FILE], "content changed");
    let rewritten: Vec<&str> = after
        .iter()
        .filter(|(_, (_, modified))| *modified != long_ago())
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(rewritten, [WIDGET_FILE], "mtimes changed");
    // Every generated file but the manifest, which write_tree does not count.
    let generated = after.len() - 1;
    assert_eq!(
        second,
        WriteStats {
            written: 1,
            unchanged: generated - 1,
            removed: 0,
            ignored: Vec::new(),
        }
    );
    String::from_utf8(after[WIDGET_FILE].0.clone()).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn editing_one_property_description_rewrites_only_that_type_file() {
    let widget = regenerate_after(|page| {
        page.replace(
            TAGS_ROW,
            "|tags|String collection|Labels shown under the widget.|",
        )
    });
    assert!(
        widget.contains("/// Labels shown under the widget."),
        "{widget}"
    );
}

#[test]
fn adding_a_property_rewrites_only_that_type_file() {
    let widget = regenerate_after(|page| {
        page.replace(
            TAGS_ROW,
            &format!("{TAGS_ROW}\n|colour|String|Paint colour.|"),
        )
    });
    assert!(
        widget.contains("pub colour: docs2rs_runtime::Nullable<String>,"),
        "{widget}"
    );
}
