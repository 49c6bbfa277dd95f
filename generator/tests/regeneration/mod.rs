//! What the regeneration tests share: running `generate` as a user does,
//! editing a copied page, and comparing output folders without the cache.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Replaces the first `from` in `page` under `docs` with `to`.
pub fn edit(docs: &Path, page: &str, from: &str, to: &str) {
    let path = docs.join(page);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{error}"));
    assert!(text.contains(from), "`{from}` is not in {page}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap_or_else(|error| panic!("{error}"));
}

/// Runs `generate` with `binary` from the workspace (the runtime by path)
/// and returns its JSON summary, with timings and reuse.
pub fn generate_with(binary: &Path, docs: &Path, out: &Path, extra: &[&str]) -> serde_json::Value {
    let output = Command::new(binary)
        .arg("generate")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .args(["--runtime-path", "runtime", "--format", "json", "--timings"])
        .args(extra)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "generate failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|error| panic!("{error}: {stdout}"))
}

/// [`generate_with`] this build's `docs2rs`.
pub fn generate(docs: &Path, out: &Path, extra: &[&str]) -> serde_json::Value {
    generate_with(Path::new(env!("CARGO_BIN_EXE_docs2rs")), docs, out, extra)
}

/// Every file under `dir` but the cache, by relative path.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != ".docs2rs" {
                    walk(root, &path, files);
                }
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.insert(relative.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// The paths whose files differ between two folders (or lie in one only).
pub fn differing(one: &Path, other: &Path) -> Vec<String> {
    let (one, other) = (files(one), files(other));
    let paths: BTreeSet<&String> = one
        .keys()
        .chain(other.keys())
        .filter(|path| one.get(*path) != other.get(*path))
        .collect();
    paths.into_iter().cloned().collect()
}
