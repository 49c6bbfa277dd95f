//! docs2rs turns the Microsoft Graph reference docs (Markdown pages) into a
//! typed Rust SDK.
//!
//! The pipeline: [`source`] finds and reads pages; [`parse`] reads each page
//! into a [`model::Page`] and diagnostics; [`resolve`] joins the pages into
//! one [`model::Api`]; [`emit`] writes Rust with quote and prettyplease;
//! [`output`] lays the files out as a crate or for a build script.

pub mod build;
pub mod conformance;
pub mod coverage;
pub mod diag;
pub mod diff;
pub mod emit;
#[cfg(feature = "git")]
pub mod git;
pub mod matching;
pub mod model;
pub mod names;
pub mod output;
pub mod parse;
pub mod primitive;
pub mod render;
pub mod resolve;
pub mod sarif;
pub mod source;

use model::Api;
use source::{LoadError, SourceFile};
use std::path::{Path, PathBuf};

/// Reads every page under `inputs` (files, or folders searched for `*.md`)
/// and resolves them into one model. Pages are named by their path relative
/// to `base` where they lie under it, so output does not depend on where
/// the docs are checked out.
pub fn load(inputs: &[PathBuf], base: &Path) -> Result<(Api, Vec<SourceFile>), LoadError> {
    let paths = source::discover(inputs)?;
    let sources = paths
        .iter()
        .map(|path| {
            let shown = path.strip_prefix(base).unwrap_or(path);
            let name = shown
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            source::read_page(path, name)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((model_of(&sources), sources))
}

/// Parses and resolves pages already in memory.
pub fn model_of(sources: &[SourceFile]) -> Api {
    let mut pages = Vec::with_capacity(sources.len());
    let mut diagnostics = Vec::new();
    for source in sources {
        let (page, mut found) = parse::parse_page(source);
        pages.push(page);
        diagnostics.append(&mut found);
    }
    resolve::resolve(pages, diagnostics)
}
