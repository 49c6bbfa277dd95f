//! The Type cell of a property or parameter table, in the many ways pages
//! write one: `String`, `string (url)`, `String collection`,
//! `Collection(microsoft.graph.user)`, `Collection of String`, `string,
//! maximum size 20`, `[user](user.md) collection`, `[systemFacet][]`,
//! `[a](a.md) or [b](b.md)`.

use super::blocks::{Inline, Rich};
use crate::model::TypeRef;
use crate::primitive::Primitive;

/// The type a cell names. A link names the type by its text (as the docs'
/// own validator reads it) and its page; the word `collection` outside the
/// link's text, or `Collection(...)` / `Collection of ...`, makes it a
/// collection, so a type named `siteCollection` is not one.
pub fn type_of(cell: &Rich) -> TypeRef {
    let links: Vec<(&str, &str)> = cell.links().map(|(text, dest, _)| (text, dest)).collect();
    let outside_links = text_outside_links(cell);
    if let [(first_text, first_dest), rest @ ..] = links.as_slice() {
        let collection = names_collection(&outside_links);
        let mut ty = linked(first_text, first_dest, collection);
        // `[a](a.md) or [b](b.md)`: either type, to be settled as their
        // common base once every type is known.
        if !rest.is_empty() && is_choice(&outside_links) {
            ty.alternatives = links
                .iter()
                .map(|(text, dest)| linked(text, dest, collection))
                .collect();
        }
        return ty;
    }
    let (name, collection, referenced) = plain_name(&cell.text());
    TypeRef {
        name,
        collection,
        linked: referenced,
        page: None,
        alternatives: Vec::new(),
    }
}

fn linked(text: &str, dest: &str, collection: bool) -> TypeRef {
    TypeRef {
        name: strip_markup(text).to_owned(),
        collection,
        linked: true,
        page: page_stem(dest),
        alternatives: Vec::new(),
    }
}

/// The lower-case file stem of a link to a docs page (`../resources/user.md`
/// gives `user`), by which a type can be found when the link text differs.
pub fn page_stem(dest: &str) -> Option<String> {
    let target = dest.split('#').next().unwrap_or_default();
    let file = target.rsplit('/').next().unwrap_or(target);
    file.strip_suffix(".md").map(str::to_ascii_lowercase)
}

/// The cell's text with each link's text left out.
fn text_outside_links(cell: &Rich) -> String {
    cell.pieces
        .iter()
        .map(|piece| match piece {
            Inline::Text(text) | Inline::Code(text) => text.as_str(),
            Inline::Link { .. } => " ",
        })
        .collect()
}

/// The word `collection` (any case) stands on its own in `text`.
fn names_collection(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("collection"))
}

/// Links joined by `or` (and commas) and nothing else.
fn is_choice(outside_links: &str) -> bool {
    let words: Vec<&str> = outside_links
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    words.contains(&"or")
        && words
            .iter()
            .all(|word| *word == "or" || word.eq_ignore_ascii_case("collection"))
}

fn strip_markup(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '`' || c == '*').trim()
}

/// A type written without a link: its name, whether it is a collection,
/// and whether it is written as a reference-style link with no definition
/// (`[systemFacet][]`), which still plainly names a type.
fn plain_name(text: &str) -> (String, bool, bool) {
    let mut name = strip_markup(text);
    let mut collection = false;
    if let Some(inner) = strip_prefix_ignore_case(name, "collection(") {
        name = inner.strip_suffix(')').unwrap_or(inner);
        collection = true;
    } else if let Some(inner) = strip_prefix_ignore_case(name, "collection of ") {
        name = inner;
        collection = true;
    }
    // A remark after the type: `string, maximum size 20`, `string (url)`.
    name = name.split(',').next().unwrap_or(name).trim();
    if let Some((before, _)) = name.split_once(" (") {
        name = before.trim();
    }
    while let Some(before) = strip_suffix_ignore_case(name, " collection") {
        name = before.trim();
        collection = true;
    }
    let name = strip_markup(name);
    if let Some(reference) = reference_link(name) {
        return (reference.to_owned(), collection, true);
    }
    if is_any_json(name) {
        return ("Json".to_owned(), collection, false);
    }
    // `JSON object`, `Int32 value`: a primitive and a word about it.
    let first_word = name.split_whitespace().next().unwrap_or(name);
    if name.contains(' ') && Primitive::parse(first_word).is_some() {
        return (first_word.to_owned(), collection, false);
    }
    (name.to_owned(), collection, false)
}

/// A cell that allows any JSON: `Object`, `Untyped JSON object`, or a
/// choice of primitives (`string/number`, `(boolean or string or number)`).
fn is_any_json(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let choice = words.len() > 1
        && words
            .iter()
            .all(|word| *word == "or" || Primitive::parse(word).is_some());
    lower == "object" || words.contains(&"json") || choice
}

/// `[name][]` or `[name][label]`, a reference-style link whose
/// definition is missing.
fn reference_link(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('[')?;
    let (name, after) = rest.split_once(']')?;
    let after = after.strip_prefix('[')?.strip_suffix(']')?;
    let plain = |word: &str| word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    (!name.is_empty() && plain(name) && plain(after)).then_some(name)
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let start = text.len().checked_sub(suffix.len())?;
    let tail = text.get(start..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..start])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(markdown: &str) -> TypeRef {
        let table = format!("| a | b |\n|---|---|\n| x | {markdown} |\n");
        let rows = super::super::blocks::read_blocks(&table)
            .into_iter()
            .find_map(|block| match block.kind {
                super::super::blocks::BlockKind::Table { rows, .. } => Some(rows),
                _ => None,
            })
            .unwrap_or_default();
        let cell = rows
            .first()
            .and_then(|row| row.cells.get(1))
            .cloned()
            .unwrap_or_default();
        type_of(&cell)
    }

    fn plain(markdown: &str) -> (String, bool) {
        let ty = cell(markdown);
        (ty.name, ty.collection)
    }

    #[test]
    fn remarks_and_spellings_around_a_primitive_are_dropped() {
        for (written, name, collection) in [
            ("String", "String", false),
            ("string (url)", "string", false),
            ("string (readonly)", "string", false),
            ("String (enum)", "String", false),
            ("string, maximum size 20", "string", false),
            ("`Int32`", "Int32", false),
            ("JSON object", "Json", false),
            ("Untyped JSON object", "Json", false),
            ("Object", "Json", false),
            ("string/number", "Json", false),
            ("(boolean or string or number)", "Json", false),
            ("routingPolicy collection collection", "routingPolicy", true),
            ("collection(string)", "string", true),
            (
                "Collection(microsoft.graph.user)",
                "microsoft.graph.user",
                true,
            ),
            ("Collection of String", "String", true),
            ("String collection", "String", true),
            ("string collection (readonly)", "string", true),
            (
                "microsoft.graph.callRecords.userAgent",
                "microsoft.graph.callRecords.userAgent",
                false,
            ),
        ] {
            assert_eq!(plain(written), (name.to_owned(), collection), "{written}");
        }
    }

    #[test]
    fn a_name_containing_collection_is_one_type() {
        assert_eq!(
            plain("[siteCollection](sitecollection.md)"),
            ("siteCollection".to_owned(), false)
        );
        assert_eq!(
            plain("plannerPlanContextCollection"),
            ("plannerPlanContextCollection".to_owned(), false)
        );
        assert_eq!(
            plain("[siteCollection](sitecollection.md) collection"),
            ("siteCollection".to_owned(), true)
        );
    }

    #[test]
    fn reference_links_without_definition_still_name_a_type() {
        let ty = cell("[systemFacet][]");
        assert_eq!((ty.name.as_str(), ty.linked), ("systemFacet", true));
    }

    #[test]
    fn links_joined_by_or_are_alternatives() {
        let ty = cell("[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](s.md)");
        let names: Vec<&str> = ty.alternatives.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["appHostedMediaConfig", "serviceHostedMediaConfig"]);
        assert!(cell("[user](user.md), see [group](group.md)")
            .alternatives
            .is_empty());
    }
}
