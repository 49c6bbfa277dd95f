//! A generated file as pieces: token streams that prettyplease lays out, and
//! macro calls docs2rs writes in a fixed layout of its own.

use crate::digest::Digest;
use proc_macro2::{Literal, TokenStream};

/// One piece of a generated file, in file order.
pub enum Piece {
    /// Items formatted by syn and prettyplease.
    Items(TokenStream),
    /// A macro call already laid out.
    Text(String),
}

/// A digest of pieces as code before formatting: what a file's formatted
/// text is a function of.
pub fn digest(pieces: &[Piece]) -> Digest {
    let texts: Vec<String> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Items(tokens) => format!("items {tokens}"),
            Piece::Text(text) => format!("text {text}"),
        })
        .collect();
    Digest::of(texts.iter().map(String::as_bytes))
}

/// A call `path!(Subject { entry, entry })` with one entry per line.
/// prettyplease fills a macro's body like a paragraph, which reads badly
/// and turns one added entry into a reflowed block in a diff; this layout
/// gives each entry its own line. The entries skip syn and prettyplease
/// altogether, which also makes them cheaper to emit.
pub fn macro_list(path: &str, subject: &str, entries: &[String]) -> Piece {
    let mut text = format!("{path}!({subject} {{");
    if !entries.is_empty() {
        text.push('\n');
        for entry in entries {
            text.push_str("    ");
            text.push_str(entry);
            text.push_str(",\n");
        }
    }
    text.push_str("});\n");
    Piece::Text(text)
}

/// A call `path! { #[attribute] entry, entry, }` with one entry per line,
/// for the reasons [`macro_list`] gives.
pub fn attributed_list(path: &str, attribute: &str, entries: &[String]) -> Piece {
    let mut text = format!("{path}! {{\n    #[{attribute}]\n");
    for entry in entries {
        text.push_str("    ");
        text.push_str(entry);
        text.push_str(",\n");
    }
    text.push_str("}\n");
    Piece::Text(text)
}

/// A string literal as Rust source, escaped.
pub fn string_literal(value: &str) -> String {
    Literal::string(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::{macro_list, string_literal, Piece};

    fn text(piece: Piece) -> String {
        match piece {
            Piece::Text(text) => text,
            Piece::Items(tokens) => tokens.to_string(),
        }
    }

    #[test]
    fn entries_get_a_line_each() {
        let entries = [
            format!("{} => name", string_literal("name")),
            format!("{} => odd", string_literal("a \"b\"\\")),
        ];
        assert_eq!(
            text(macro_list("m", "Subject", &entries)),
            "m!(Subject {\n    \"name\" => name,\n    \"a \\\"b\\\"\\\\\" => odd,\n});\n"
        );
        assert_eq!(text(macro_list("m", "Empty", &[])), "m!(Empty {});\n");
    }
}
