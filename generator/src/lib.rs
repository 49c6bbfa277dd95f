//! docs2rs turns the Microsoft Graph reference docs (Markdown pages) into a
//! typed Rust SDK.
//!
//! Most users run the `docs2rs` command (`generate`, `check`, `diff`). A
//! crate that generates its SDK at build time uses [`Config`] from its
//! build script.
//!
//! Inside, `source` finds and reads pages, `parse` reads each page into a
//! model and diagnostics, `resolve` joins the pages into one API, `emit`
//! writes Rust with quote and prettyplease, and `output` lays the files out
//! as a crate or for a build script; those modules serve the command and
//! the tests and are not a stable interface.

mod build;
pub use build::{Config, Error, DOCS_ENV};

// The modules below serve the `docs2rs` command and the tests; build
// scripts need only `Config`.
#[doc(hidden)]
pub mod conformance;
#[doc(hidden)]
pub mod coverage;
#[doc(hidden)]
pub mod diag;
#[doc(hidden)]
pub mod diff;
#[doc(hidden)]
pub mod digest;
#[doc(hidden)]
pub mod discover;
#[doc(hidden)]
pub mod emit;
#[cfg(feature = "git")]
#[doc(hidden)]
pub mod git;
#[doc(hidden)]
pub mod incremental;
#[doc(hidden)]
pub mod matching;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod names;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod parse;
#[doc(hidden)]
pub mod primitive;
#[doc(hidden)]
pub mod prose;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod resolve;
#[doc(hidden)]
pub mod sarif;
#[doc(hidden)]
pub mod similar;
#[doc(hidden)]
pub mod source;
#[doc(hidden)]
pub mod timings;

use model::Api;
use rayon::prelude::*;
use source::{LoadError, SourceFile};
use std::path::{Path, PathBuf};

#[doc(hidden)]
/// Reads every page under `inputs` (files, or folders searched for `*.md`)
/// and resolves them into one model. Pages are named by their path relative
/// to `base` where they lie under it, so output does not depend on where
/// the docs are checked out.
pub fn load(inputs: &[PathBuf], base: &Path) -> Result<(Api, Vec<SourceFile>), LoadError> {
    let (sources, skipped) = read_sources(inputs, base)?;
    let api = resolve_all(parse_all(&sources), skipped);
    Ok((api, sources))
}

/// Reads the pages, in parallel; the result keeps the sorted page order.
/// Folder links left unfollowed are reported.
fn read_sources(
    inputs: &[PathBuf],
    base: &Path,
) -> Result<(Vec<SourceFile>, Vec<diag::Diagnostic>), LoadError> {
    let found = discover::discover(inputs)?;
    let sources = found
        .pages
        .par_iter()
        .map(|path| source::read_page(path, source::display_name(path, base)))
        .collect::<Result<_, _>>()?;
    let skipped = found
        .skipped_links
        .iter()
        .map(|link| skipped_link(link, base))
        .collect();
    Ok((sources, skipped))
}

/// The finding for a folder link not followed.
fn skipped_link(link: &Path, base: &Path) -> diag::Diagnostic {
    let target = std::fs::read_link(link).unwrap_or_default();
    let at = diag::Position { line: 1, column: 1 };
    diag::Diagnostic::new(
        &source::display_name(link, base),
        at,
        diag::Code::FolderLinkSkipped,
        format!(
            "folder link to `{}` leads to a folder already read or one holding it; not followed",
            target.display()
        ),
    )
}

#[doc(hidden)]
/// Parses and resolves pages already in memory.
pub fn model_of(sources: &[SourceFile]) -> Api {
    resolve_all(parse_all(sources), Vec::new())
}

/// Each page parsed on its own, in parallel, in page order.
fn parse_all(sources: &[SourceFile]) -> Vec<(model::Page, Vec<diag::Diagnostic>)> {
    sources.par_iter().map(parse::parse_page).collect()
}

/// Joins parsed pages into one model; `diagnostics` are findings from
/// before parsing.
fn resolve_all(
    parsed: Vec<(model::Page, Vec<diag::Diagnostic>)>,
    mut diagnostics: Vec<diag::Diagnostic>,
) -> Api {
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, mut found) in parsed {
        pages.push(page);
        diagnostics.append(&mut found);
    }
    resolve::resolve(pages, diagnostics)
}
