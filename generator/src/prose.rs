//! Descriptions held apart from the structure of a page, so a page whose
//! prose alone changed leaves the resolved model as it was.
//!
//! [`split`] replaces each description a page carries with a marker naming
//! the page and the description's place in it. Resolution only moves
//! descriptions about, so the model it builds from marked pages is a
//! function of the pages' structure alone; the emitter puts the text back
//! through [`Prose::text`], which records which descriptions each file
//! used. A file whose structure and recorded descriptions are unchanged is
//! then unchanged too.

use crate::model::{Page, Property};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Opens and closes a marker. A private-use character, which no docs page
/// writes and no resolution step adds.
const MARK: char = '\u{F8FF}';

/// Takes the descriptions out of `page`, leaving markers, and returns them
/// in marker order. Empty descriptions stay empty, so checks for a missing
/// description see what they saw before.
pub fn split(page: &mut Page) -> Vec<String> {
    let file = page.file.clone();
    let mut texts = Vec::new();
    let mut take = |text: &mut String| {
        if !text.is_empty() {
            let marker = format!("{MARK}{}:{file}{MARK}", texts.len());
            texts.push(std::mem::replace(text, marker));
        }
    };
    if let Some(description) = page.description.as_mut() {
        take(description);
    }
    let properties = page
        .request_body
        .iter_mut()
        .chain(page.properties.iter_mut())
        .chain(page.relationships.iter_mut());
    for Property { description, .. } in properties {
        take(description);
    }
    for member in page.enums.iter_mut().flat_map(|doc| doc.members.iter_mut()) {
        take(&mut member.description);
    }
    texts
}

/// The page a marker names.
pub fn page_of(marker: &str) -> Option<&str> {
    locate(marker).map(|(page, _)| page)
}

/// A marker's page and index, or `None` for plain text.
pub fn locate(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix(MARK)?.strip_suffix(MARK)?;
    let (index, file) = inner.split_once(':')?;
    Some((file, index.parse().ok()?))
}

/// Every page's descriptions, by page.
#[derive(Debug, Default)]
pub struct ProseTable {
    by_page: HashMap<String, Vec<String>>,
}

impl ProseTable {
    pub fn insert(&mut self, file: String, texts: Vec<String>) {
        self.by_page.insert(file, texts);
    }

    /// The description `text` marks, or `text` itself where it is no
    /// marker (a model that was never split).
    fn resolve<'a>(&'a self, text: &'a str) -> &'a str {
        locate(text)
            .and_then(|(file, index)| self.by_page.get(file)?.get(index))
            .map_or(text, String::as_str)
    }

    /// The text of the marker `marker` (as [`Prose::used`] lists them).
    pub fn text_of(&self, marker: &str) -> Option<&str> {
        let (file, index) = locate(marker)?;
        self.by_page.get(file)?.get(index).map(String::as_str)
    }
}

/// The emitter's way to the descriptions: it looks each one up and keeps
/// the markers it looked up, file by file.
#[derive(Debug)]
pub struct Prose<'a> {
    table: &'a ProseTable,
    used: RefCell<BTreeSet<String>>,
}

impl<'a> Prose<'a> {
    pub fn new(table: &'a ProseTable) -> Self {
        Prose {
            table,
            used: RefCell::default(),
        }
    }

    /// The text a description field holds, marker or not.
    pub fn text<'t>(&'t self, field: &'t str) -> &'t str {
        if locate(field).is_some() {
            self.used.borrow_mut().insert(field.to_owned());
        }
        self.table.resolve(field)
    }

    /// The markers looked up since the last call, sorted.
    pub fn take_used(&self) -> Vec<String> {
        std::mem::take(&mut *self.used.borrow_mut())
            .into_iter()
            .collect()
    }
}

/// Whether `text` still holds a marker, which must never reach output.
pub fn holds_marker(text: &str) -> bool {
    text.contains(MARK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn descriptions_come_back_through_the_table_and_are_recorded() {
        let source = SourceFile::new(
            "widget.md",
            "# widget resource type\n\nA widget.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | How big it is. |\n| name | String | |\n",
        );
        let (mut page, _) = crate::parse::parse_page(&source);
        let texts = split(&mut page);
        assert_eq!(texts, ["A widget.", "How big it is."]);
        let size = &page.properties[0].description;
        assert!(holds_marker(size));
        assert_eq!(page.properties[1].description, "");
        let mut table = ProseTable::default();
        table.insert(page.file.clone(), texts);
        let prose = Prose::new(&table);
        assert_eq!(prose.text(size), "How big it is.");
        assert_eq!(prose.text("plain"), "plain");
        assert_eq!(prose.take_used(), std::slice::from_ref(size));
        assert!(prose.take_used().is_empty());
        assert_eq!(table.text_of(size), Some("How big it is."));
    }
}
