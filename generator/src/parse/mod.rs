//! Reading one docs page into a [`Page`](crate::model::Page).

mod annotation;
mod blocks;
mod example_paths;
mod front_matter;
mod heal;
mod http;
mod json;
mod page;
mod representation;
mod tables;
mod type_cell;

pub use page::parse_page;

use crate::diag::{Code, Diagnostic};
use crate::source::SourceFile;

/// Collects a page's diagnostics with positions resolved against its source.
pub(crate) struct Findings<'a> {
    pub source: &'a SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    pub fn new(source: &'a SourceFile) -> Self {
        Findings {
            source,
            diagnostics: Vec::new(),
        }
    }

    /// Reports a finding at a byte offset of the page, spanning to the end
    /// of its line.
    pub fn at(&mut self, offset: usize, code: Code, message: impl Into<String>) {
        self.span(offset, 0, code, message);
    }

    /// Reports a finding spanning `length` characters from a byte offset.
    pub fn span(&mut self, offset: usize, length: usize, code: Code, message: impl Into<String>) {
        let position = self.source.position(offset);
        let diagnostic =
            Diagnostic::new(&self.source.name, position, code, message).spanning(length);
        self.diagnostics.push(diagnostic);
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.source.position(offset).line
    }
}
