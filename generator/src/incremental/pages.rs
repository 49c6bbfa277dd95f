//! The pages of a run: each read from the cache where its text is
//! unchanged, else parsed with its descriptions taken out.

use super::store::{Index, PageEntry};
use crate::diag::Diagnostic;
use crate::digest::Digest;
use crate::model::{Api, Page};
use crate::prose;
use crate::source::SourceFile;
use rayon::prelude::*;

/// One page: what the cache or a fresh parse says of it and, where this
/// run parsed it, its model with the descriptions taken out and the
/// descriptions, until resolution and the emitter take them.
pub struct PageState {
    pub entry: PageEntry,
    pub parsed: bool,
    pub skeleton: Option<Page>,
    pub prose: Option<Vec<String>>,
}

/// Each page from the cache where its text is unchanged, else parsed.
pub fn read_pages(sources: &[SourceFile], previous: &Index) -> Vec<PageState> {
    sources
        .par_iter()
        .map(|source| {
            let text = Digest::of_bytes(source.text.as_bytes());
            match previous.pages.get(&source.name) {
                Some(entry) if entry.text == text => PageState {
                    entry: entry.clone(),
                    parsed: false,
                    skeleton: None,
                    prose: None,
                },
                _ => parse(source, text),
            }
        })
        .collect()
}

/// Parses a page and takes its descriptions out.
pub fn parse(source: &SourceFile, text: Digest) -> PageState {
    let (mut skeleton, diagnostics) = crate::parse::parse_page(source);
    let prose = prose::split(&mut skeleton);
    let mut bytes = Vec::new();
    let encoded = serde::Serialize::serialize(
        &skeleton,
        &mut rmp_serde::Serializer::new(&mut bytes).with_struct_map(),
    );
    // A page that does not encode is keyed by its whole text, which is
    // never wrong, only less often reused.
    let skeleton_digest = match encoded {
        Ok(()) => Digest::of_bytes(&bytes),
        Err(_) => Digest::of([b"text".as_slice(), &text.bytes()]),
    };
    PageState {
        entry: PageEntry {
            text,
            skeleton: skeleton_digest,
            prose: prose
                .iter()
                .map(|text| Digest::of_bytes(text.as_bytes()))
                .collect(),
            diagnostics,
        },
        parsed: true,
        skeleton: Some(skeleton),
        prose: Some(prose),
    }
}

/// What the model follows from: every page's name and structure, in page
/// order, and the folder links left unfollowed.
pub fn model_key(sources: &[SourceFile], states: &[PageState], skipped: &[Diagnostic]) -> Digest {
    let skeletons: Vec<[u8; 16]> = states
        .iter()
        .map(|state| state.entry.skeleton.bytes())
        .collect();
    let skipped = format!("{skipped:?}");
    let parts = sources
        .iter()
        .zip(&skeletons)
        .flat_map(|(source, skeleton)| [source.name.as_bytes(), skeleton.as_slice()])
        .chain([skipped.as_bytes()]);
    Digest::of(parts)
}

/// The findings of the whole run, in the order [`crate::resolve`] gives
/// them.
pub fn all_diagnostics(
    skipped: Vec<Diagnostic>,
    states: &[PageState],
    resolved: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut all = skipped;
    for state in states {
        all.extend(state.entry.diagnostics.iter().cloned());
    }
    all.extend(resolved);
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

/// Parses the pages the cache answered for and resolves every page's
/// structure into the model.
pub fn resolve(sources: &[SourceFile], states: &mut [PageState]) -> Api {
    states
        .par_iter_mut()
        .zip(sources)
        .filter(|(state, _)| state.skeleton.is_none())
        .for_each(|(state, source)| {
            let text = state.entry.text;
            *state = parse(source, text);
        });
    let skeletons = states
        .iter_mut()
        .filter_map(|state| state.skeleton.take())
        .collect();
    crate::resolve::resolve(skeletons, Vec::new())
}
