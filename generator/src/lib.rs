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
pub mod similar;
pub mod source;
pub mod timings;

use model::Api;
use rayon::prelude::*;
use source::{LoadError, SourceFile};
use std::path::{Path, PathBuf};
use timings::{Stage, Timings};

/// Reads every page under `inputs` (files, or folders searched for `*.md`)
/// and resolves them into one model. Pages are named by their path relative
/// to `base` where they lie under it, so output does not depend on where
/// the docs are checked out.
pub fn load(inputs: &[PathBuf], base: &Path) -> Result<(Api, Vec<SourceFile>), LoadError> {
    load_timed(inputs, base, &mut Timings::default())
}

/// [`load`], recording the read, parse and model stages in `timings`.
pub fn load_timed(
    inputs: &[PathBuf],
    base: &Path,
    timings: &mut Timings,
) -> Result<(Api, Vec<SourceFile>), LoadError> {
    let sources = timings.measure(Stage::Read, || read_sources(inputs, base))?;
    timings.pages = sources.len();
    timings.bytes = sources.iter().map(|source| source.text.len()).sum();
    let parsed = timings.measure(Stage::Parse, || parse_all(&sources));
    let api = timings.measure(Stage::Model, || resolve_all(parsed));
    Ok((api, sources))
}

/// Reads the pages, in parallel; the result keeps the sorted page order.
fn read_sources(inputs: &[PathBuf], base: &Path) -> Result<Vec<SourceFile>, LoadError> {
    let paths = source::discover(inputs)?;
    paths
        .par_iter()
        .map(|path| {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let shown = path
                .strip_prefix(base)
                .or_else(|_| absolute.strip_prefix(base))
                .unwrap_or(path);
            let parts: Vec<_> = shown
                .components()
                .filter(|part| matches!(part, std::path::Component::Normal(_)))
                .map(|part| part.as_os_str().to_string_lossy())
                .collect();
            // A page outside `base` keeps its absolute path, one `/` first.
            let root = if shown.has_root() { "/" } else { "" };
            let name = format!("{root}{}", parts.join("/"));
            source::read_page(path, name)
        })
        .collect()
}

/// Parses and resolves pages already in memory.
pub fn model_of(sources: &[SourceFile]) -> Api {
    resolve_all(parse_all(sources))
}

/// Each page parsed on its own, in parallel, in page order.
fn parse_all(sources: &[SourceFile]) -> Vec<(model::Page, Vec<diag::Diagnostic>)> {
    sources.par_iter().map(parse::parse_page).collect()
}

fn resolve_all(parsed: Vec<(model::Page, Vec<diag::Diagnostic>)>) -> Api {
    let mut pages = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    for (page, mut found) in parsed {
        pages.push(page);
        diagnostics.append(&mut found);
    }
    resolve::resolve(pages, diagnostics)
}
