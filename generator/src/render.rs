//! Diagnostics for people (rustc-style, with the offending line) and for
//! tools (JSON).

use crate::diag::{Diagnostic, Severity, Tally};
use crate::source::SourceFile;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::collections::HashMap;

/// Renders diagnostics rustc-style. `color` adds ANSI colours.
pub fn human(diagnostics: &[Diagnostic], sources: &[SourceFile], color: bool) -> String {
    let by_name: HashMap<&str, &SourceFile> = sources
        .iter()
        .map(|source| (source.name.as_str(), source))
        .collect();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code.id());
        let line_text = by_name
            .get(diagnostic.file.as_str())
            .map_or("", |source| source.line_text(diagnostic.line));
        let start = line_text
            .char_indices()
            .nth(diagnostic.column.saturating_sub(1) as usize)
            .map_or(0, |(at, _)| at);
        let end = match diagnostic.length {
            0 => line_text.len(),
            length => line_text[start..]
                .char_indices()
                .nth(length as usize)
                .map_or(line_text.len(), |(at, _)| start + at),
        };
        let snippet = Snippet::source(line_text)
            .line_start(diagnostic.line as usize)
            .path(diagnostic.file.as_str())
            .annotation(
                AnnotationKind::Primary
                    .span(start..end)
                    .label(diagnostic.code.name()),
            );
        out.push_str(&renderer.render(&[title.element(snippet)]));
        out.push_str("\n\n");
    }
    out
}

/// The one-line summary after the diagnostics.
pub fn summary(tally: &Tally) -> String {
    format!(
        "{} error(s), {} warning(s), {} note(s)",
        tally.errors, tally.warnings, tally.notes
    )
}

/// Diagnostics as one JSON array.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string(diagnostics).unwrap_or_else(|_| "[]".to_owned())
}
