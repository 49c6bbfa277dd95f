//! The regeneration cache on disk: a folder of its own inside the output
//! (`.docs2rs/`) holding an index, rewritten each run, and the resolved
//! model, rewritten only when the docs' structure changed.
//!
//! Every file starts with a header naming the docs2rs binary that wrote
//! it and ends its body with a digest of the body. A file from another
//! binary, a torn or edited file, or one that does not decode is treated
//! as no cache at all: the run is then a cold one, never a wrong one.

use crate::diag::Diagnostic;
use crate::digest::Digest;
use crate::model::Api;
use crate::output::Links;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The cache folder inside the output folder.
pub const CACHE_DIR: &str = ".docs2rs";
const INDEX: &str = "index.bin";
const MODEL: &str = "model.bin";
const MAGIC: &[u8] = b"docs2rs-cache\n";

/// What one page gave, by the digest of its text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageEntry {
    pub text: Digest,
    /// The page's model with its descriptions taken out.
    pub skeleton: Digest,
    /// Each description the page holds, in marker order.
    pub prose: Vec<Digest>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One output file as the last run left it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    /// What the file was made from: the model, the options, its path and
    /// the descriptions it used.
    pub key: Digest,
    /// The file's text, to tell whether it is still on disk as written.
    pub text: Digest,
    /// The description markers the file used.
    pub prose_used: Vec<String>,
    /// The digest of an SDK file's code before formatting: the same code
    /// formats to the same text.
    pub tokens: Option<Digest>,
}

/// Counts the run summary reports, which follow from the model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub pages: usize,
    pub operations: usize,
    pub types: usize,
    pub enums: usize,
    pub examples: usize,
}

impl Counts {
    pub fn of(api: &Api) -> Self {
        Counts {
            pages: api.pages.len(),
            operations: api.operations.len(),
            types: api.types.len(),
            enums: api.enums.len(),
            examples: api.pages.iter().map(|page| page.examples.len()).sum(),
        }
    }
}

/// The index: everything but the model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    pub pages: BTreeMap<String, PageEntry>,
    /// The digest of every page's structure: the model follows from it.
    pub model_key: Option<Digest>,
    /// The digest of the generation options the files were made with.
    pub options_key: Option<Digest>,
    pub counts: Counts,
    /// Resolution's findings (the pages' own are in [`PageEntry`]).
    pub resolve_diagnostics: Vec<Diagnostic>,
    /// By path in the output folder.
    pub files: BTreeMap<String, FileEntry>,
}

/// The cache folder of an output folder.
pub fn cache_dir(out: &Path) -> PathBuf {
    out.join(CACHE_DIR)
}

/// Whether the cache folder and every file in it are plain paths inside
/// `out`, with no symbolic link along the way: the output folder is
/// untrusted, and the cache is read and written only where nothing can
/// lead outside it.
pub fn is_inside(out: &Path) -> bool {
    let mut links = Links::new(out);
    [INDEX, MODEL, ".gitignore", "CACHEDIR.TAG"]
        .iter()
        .flat_map(|name| [name.to_string(), partial_name(name)])
        .all(|name| links.check(&format!("{CACHE_DIR}/{name}")).is_ok())
}

/// The file a cache file is written to before it is renamed into place.
fn partial_name(name: &str) -> String {
    format!("{name}.partial")
}

/// Which binary a cache belongs to: docs2rs's version and the running
/// executable's size and modification time, so a rebuilt docs2rs (or
/// build script) starts cold. `None` when the executable cannot be read:
/// then nothing is cached.
pub fn fingerprint() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "docs2rs {} exe {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}

/// Reads the index, or `None` where there is no usable one.
pub fn load_index(dir: &Path, fingerprint: &str) -> Option<Index> {
    load(&dir.join(INDEX), fingerprint)
}

/// Reads the model stored under `key`, or `None` where there is no usable
/// one.
pub fn load_model(dir: &Path, fingerprint: &str, key: Digest) -> Option<Api> {
    let (stored_key, api): (Digest, Api) = load(&dir.join(MODEL), fingerprint)?;
    (stored_key == key).then_some(api)
}

/// Writes the index.
pub fn store_index(dir: &Path, fingerprint: &str, index: &Index) -> io::Result<()> {
    prepare(dir)?;
    save(&dir.join(INDEX), fingerprint, index)
}

/// The model as its cache file holds it, stored under `key`: encoded
/// apart from writing, so the encoding can run beside other work and the
/// writing wait until the output is written.
pub struct EncodedModel(Vec<u8>);

pub fn encode_model(fingerprint: &str, key: Digest, api: &Api) -> io::Result<EncodedModel> {
    encode(fingerprint, &(key, api)).map(EncodedModel)
}

/// Writes an encoded model.
pub fn store_model(dir: &Path, model: &EncodedModel) -> io::Result<()> {
    prepare(dir)?;
    write_file(&dir.join(MODEL), &model.0)
}

/// Makes the cache folder, which keeps itself out of version control and
/// backups.
fn prepare(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    write_if_absent(&dir.join(".gitignore"), "# written by docs2rs\n*\n")?;
    write_if_absent(
        &dir.join("CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n# docs2rs regeneration cache\n",
    )
}

fn write_if_absent(path: &Path, text: &str) -> io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    fs::write(path, text)
}

/// Header, body, the body's digest; written beside and renamed over, so a
/// reader sees the old file or the new one.
fn save<T: Serialize>(path: &Path, fingerprint: &str, value: &T) -> io::Result<()> {
    write_file(path, &encode(fingerprint, value)?)
}

fn encode<T: Serialize>(fingerprint: &str, value: &T) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    value
        .serialize(&mut rmp_serde::Serializer::new(&mut body).with_struct_map())
        .map_err(io::Error::other)?;
    let mut bytes = Vec::with_capacity(body.len() + 64);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(fingerprint.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(&Digest::of_bytes(&body).bytes());
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = path.with_file_name(partial_name(&name));
    fs::write(&partial, bytes)?;
    fs::rename(partial, path)
}

fn load<T: DeserializeOwned>(path: &Path, fingerprint: &str) -> Option<T> {
    let bytes = fs::read(path).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let rest = rest.strip_prefix(fingerprint.as_bytes())?;
    let rest = rest.strip_prefix(b"\n")?;
    let (digest, body) = rest.split_at_checked(16)?;
    if digest != Digest::of_bytes(body).bytes() {
        return None;
    }
    rmp_serde::from_slice(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        Index {
            model_key: Some(Digest::of_bytes(b"model")),
            ..Index::default()
        }
    }

    #[test]
    fn a_cache_is_read_back_only_by_the_binary_that_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        store_index(dir.path(), "one", &index()).unwrap();
        assert!(load_index(dir.path(), "one").is_some());
        assert!(load_index(dir.path(), "two").is_none());
        assert!(dir.path().join(".gitignore").exists());
    }

    #[test]
    fn a_damaged_cache_is_no_cache() {
        let dir = tempfile::tempdir().unwrap();
        store_index(dir.path(), "one", &index()).unwrap();
        let path = dir.path().join(INDEX);
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert!(load_index(dir.path(), "one").is_none());
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(load_index(dir.path(), "one").is_none());
        fs::write(&path, b"").unwrap();
        assert!(load_index(dir.path(), "one").is_none());
    }

    #[test]
    fn a_model_is_read_back_only_under_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let api = crate::model_of(&[]);
        let key = Digest::of_bytes(b"k");
        let encoded = encode_model("one", key, &api).unwrap();
        store_model(dir.path(), &encoded).unwrap();
        assert_eq!(load_model(dir.path(), "one", key), Some(api));
        assert!(load_model(dir.path(), "one", Digest::of_bytes(b"other")).is_none());
    }
}
