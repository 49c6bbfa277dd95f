//! Flattens pulldown-cmark's event stream into the few block kinds the page
//! reader cares about. This is the only module that knows pulldown-cmark.

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// A run of inline content, keeping what the reader needs: plain text,
/// `code spans` and links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rich {
    pub pieces: Vec<Inline>,
    /// The text of each `**strong**` run, in order. The runs stay in
    /// `pieces` as plain text too: some pages name a type only in bold.
    pub strong: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Link {
        text: String,
        dest: String,
        offset: usize,
    },
}

impl Rich {
    /// The text as a reader sees it, code spans in backticks.
    pub fn text(&self) -> String {
        self.render(false)
    }

    /// The text with links kept as `[text](destination)`, for descriptions
    /// that become documentation.
    pub fn markdown(&self) -> String {
        self.render(true)
    }

    fn render(&self, keep_links: bool) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Inline::Text(text) => out.push_str(text),
                Inline::Code(code) => {
                    out.push('`');
                    out.push_str(code);
                    out.push('`');
                }
                Inline::Link { text, dest, .. } if keep_links && !dest.is_empty() => {
                    out.push_str(&format!("[{text}]({dest})"));
                }
                Inline::Link { text, .. } => out.push_str(text),
            }
        }
        out.trim().to_owned()
    }

    pub fn links(&self) -> impl Iterator<Item = (&str, &str, usize)> {
        self.pieces.iter().filter_map(|piece| match piece {
            Inline::Link { text, dest, offset } => Some((text.as_str(), dest.as_str(), *offset)),
            _ => None,
        })
    }

    fn push_text(&mut self, text: &str) {
        match self.pieces.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => self.pieces.push(Inline::Text(text.to_owned())),
        }
    }
}

/// A table row with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Rich>,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    FrontMatter {
        yaml: String,
        yaml_offset: usize,
    },
    Heading {
        level: u8,
        text: Rich,
    },
    /// `nested` is true inside a block quote or list.
    Paragraph {
        text: Rich,
        nested: bool,
    },
    Table {
        head: Vec<Rich>,
        rows: Vec<Row>,
    },
    /// `info` is the fence's info string, trimmed (`http`, `json`, empty).
    Code {
        info: String,
        text: String,
        text_offset: usize,
    },
    Html(String),
    /// The inline content of a tight list item (a loose one's is a nested
    /// paragraph), read for its links only.
    ListItem(Rich),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte offset of the block's first character.
    pub offset: usize,
}

/// What is being collected while inside a container.
enum Open {
    Inline(Rich),
    /// A list item's own text, up to the first block inside it.
    Item(Rich),
    Table {
        head: Vec<Rich>,
        rows: Vec<Row>,
        row: Option<Row>,
        cell: Option<Rich>,
    },
    Code {
        info: String,
        text: String,
        text_offset: Option<usize>,
    },
    Html(String),
    FrontMatter {
        yaml: String,
        yaml_offset: Option<usize>,
    },
}

/// Reads a page into blocks, in document order.
pub fn read_blocks(text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut reader = Reader::default();
    let text = untab_delimiter_rows(text);
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        reader.event(event, range.start);
    }
    reader.blocks
}

/// GitHub reads a table whose delimiter row has tabs around its dashes
/// (`|-----\t|`); pulldown-cmark sees a paragraph. Tabs there become
/// spaces, which keeps every byte offset pointing into the page.
fn untab_delimiter_rows(text: &str) -> Cow<'_, str> {
    let is_tabbed_delimiter = |line: &str| {
        line.contains('\t')
            && line.contains('|')
            && line.contains('-')
            && line
                .chars()
                .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t' | '\r'))
    };
    if !text.split('\n').any(is_tabbed_delimiter) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<str>> = text
        .split('\n')
        .map(|line| {
            if is_tabbed_delimiter(line) {
                Cow::Owned(line.replace('\t', " "))
            } else {
                Cow::Borrowed(line)
            }
        })
        .collect();
    Cow::Owned(lines.join("\n"))
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    open: Option<(Open, usize)>,
    /// Depth of block quotes and lists around the current position.
    nesting: usize,
    /// The link being read: its destination, offset and text so far.
    link: Option<(String, usize, String)>,
    /// The `**strong**` text being read.
    strong: Option<String>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, offset),
            Event::Code(code) => self.code_span(&code),
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html),
            Event::SoftBreak | Event::HardBreak => self.text(" ", offset),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        let block_level = matches!(
            tag,
            Tag::Heading { .. }
                | Tag::Paragraph
                | Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
        );
        if block_level {
            self.close_item();
        }
        let open = match tag {
            Tag::Item => Open::Item(Rich::default()),
            Tag::Heading { .. } | Tag::Paragraph => Open::Inline(Rich::default()),
            Tag::Table(_) => Open::Table {
                head: Vec::new(),
                rows: Vec::new(),
                row: None,
                cell: None,
            },
            Tag::CodeBlock(kind) => Open::Code {
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
                text_offset: None,
            },
            Tag::HtmlBlock => Open::Html(String::new()),
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => Open::FrontMatter {
                yaml: String::new(),
                yaml_offset: None,
            },
            Tag::BlockQuote(_) | Tag::List(_) => {
                self.nesting += 1;
                return;
            }
            Tag::TableRow | Tag::TableHead => {
                if let Some((Open::Table { row, .. }, _)) = &mut self.open {
                    *row = Some(Row {
                        cells: Vec::new(),
                        offset,
                    });
                }
                return;
            }
            Tag::TableCell => {
                if let Some((Open::Table { cell, .. }, _)) = &mut self.open {
                    *cell = Some(Rich::default());
                }
                return;
            }
            Tag::Link { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), offset, String::new()));
                return;
            }
            Tag::Strong => {
                self.strong = Some(String::new());
                return;
            }
            _ => return,
        };
        if self.open.is_none() {
            self.open = Some((open, offset));
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.nesting = self.nesting.saturating_sub(1);
            }
            TagEnd::Item => self.close_item(),
            TagEnd::Link => {
                if let Some((dest, offset, text)) = self.link.take() {
                    if let Some(rich) = self.inline_target() {
                        rich.pieces.push(Inline::Link { text, dest, offset });
                    }
                }
            }
            TagEnd::Strong => {
                if let Some(strong) = self.strong.take() {
                    if let Some(rich) = self.inline_target() {
                        rich.strong.push(strong);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some((
                    Open::Table {
                        row: Some(row),
                        cell,
                        ..
                    },
                    _,
                )) = &mut self.open
                {
                    row.cells.push(cell.take().unwrap_or_default());
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some((
                    Open::Table {
                        head, rows, row, ..
                    },
                    _,
                )) = &mut self.open
                {
                    if let Some(done) = row.take() {
                        if matches!(tag, TagEnd::TableHead) {
                            *head = done.cells;
                        } else {
                            rows.push(done);
                        }
                    }
                }
            }
            TagEnd::Heading(level) => self.close(|open| match open {
                Open::Inline(text) => Some(BlockKind::Heading {
                    level: level as u8,
                    text,
                }),
                _ => None,
            }),
            TagEnd::Paragraph => {
                let nested = self.nesting > 0;
                self.close(|open| match open {
                    Open::Inline(text) => Some(BlockKind::Paragraph { text, nested }),
                    _ => None,
                })
            }
            TagEnd::Table => self.close(|open| match open {
                Open::Table { head, rows, .. } => Some(BlockKind::Table { head, rows }),
                _ => None,
            }),
            TagEnd::CodeBlock => self.close(|open| match open {
                Open::Code {
                    info,
                    text,
                    text_offset,
                } => Some(BlockKind::Code {
                    info,
                    text,
                    text_offset: text_offset.unwrap_or_default(),
                }),
                _ => None,
            }),
            TagEnd::HtmlBlock => self.close(|open| match open {
                Open::Html(html) => Some(BlockKind::Html(html)),
                _ => None,
            }),
            TagEnd::MetadataBlock(_) => self.close(|open| match open {
                Open::FrontMatter { yaml, yaml_offset } => Some(BlockKind::FrontMatter {
                    yaml,
                    yaml_offset: yaml_offset.unwrap_or_default(),
                }),
                _ => None,
            }),
            _ => {}
        }
    }

    /// Finishes the open block if `finish` recognises it as the one ending.
    fn close(&mut self, finish: impl FnOnce(Open) -> Option<BlockKind>) {
        if let Some((open, offset)) = self.open.take() {
            if let Some(kind) = finish(open) {
                self.blocks.push(Block { kind, offset });
            }
        }
    }

    /// Ends a list item's text where a block starts inside the item (a
    /// paragraph, a code block, a nested list) or the item ends.
    fn close_item(&mut self) {
        if matches!(self.open, Some((Open::Item(_), _))) {
            self.close(|open| match open {
                Open::Item(text) if !text.pieces.is_empty() => Some(BlockKind::ListItem(text)),
                _ => None,
            });
        }
    }

    /// Where inline content goes now: a paragraph, heading, table cell or
    /// list item.
    fn inline_target(&mut self) -> Option<&mut Rich> {
        match &mut self.open {
            Some((Open::Inline(rich) | Open::Item(rich), _)) => Some(rich),
            Some((
                Open::Table {
                    cell: Some(cell), ..
                },
                _,
            )) => Some(cell),
            _ => None,
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        if let Some(strong) = &mut self.strong {
            strong.push_str(text);
        }
        if let Some((_, _, link_text)) = &mut self.link {
            link_text.push_str(text);
            return;
        }
        match &mut self.open {
            Some((
                Open::Code {
                    text: code,
                    text_offset,
                    ..
                },
                _,
            )) => {
                text_offset.get_or_insert(offset);
                code.push_str(text);
            }
            Some((Open::FrontMatter { yaml, yaml_offset }, _)) => {
                yaml_offset.get_or_insert(offset);
                yaml.push_str(text);
            }
            _ => {
                if let Some(rich) = self.inline_target() {
                    rich.push_text(text);
                }
            }
        }
    }

    fn code_span(&mut self, code: &str) {
        if let Some((_, _, link_text)) = &mut self.link {
            link_text.push_str(code);
        } else if let Some(rich) = self.inline_target() {
            rich.pieces.push(Inline::Code(code.to_owned()));
        }
    }

    fn html(&mut self, html: &str) {
        if let Some((Open::Html(buffer), _)) = &mut self.open {
            buffer.push_str(html);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{read_blocks, BlockKind, Inline};

    #[test]
    fn reads_tables_with_links_and_code_spans() {
        let blocks = read_blocks(
            "## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|a|[t](../resources/t.md) collection|Possible values are: `x`, `y`.|\n",
        );
        let BlockKind::Table { head, rows } = &blocks[1].kind else {
            panic!("expected a table, got {blocks:?}");
        };
        assert_eq!(head.len(), 3);
        assert_eq!(rows[0].cells[1].text(), "t collection");
        assert_eq!(
            rows[0].cells[1].links().next().map(|(t, d, _)| (t, d)),
            Some(("t", "../resources/t.md"))
        );
        assert!(rows[0].cells[2].pieces.contains(&Inline::Code("y".into())));
    }

    #[test]
    fn tables_with_tabs_in_the_delimiter_row_are_tables() {
        let text = "| Property | Type\t|\n| -------- |------\t \t|\n| id\t| String\t|\n";
        let blocks = read_blocks(text);
        assert!(
            matches!(&blocks[0].kind, BlockKind::Table { rows, .. } if rows[0].cells[0].text() == "id"),
            "{blocks:?}"
        );
    }

    #[test]
    fn links_in_tight_list_items_are_kept() {
        let blocks = read_blocks("- [a](a.md)\n- b [c](c.md)\n  ```http\n  GET /x\n  ```\n");
        let links: Vec<&str> = blocks
            .iter()
            .filter_map(|block| match &block.kind {
                BlockKind::ListItem(text) => Some(text),
                _ => None,
            })
            .flat_map(|text| text.links().map(|(_, dest, _)| dest))
            .collect();
        assert_eq!(links, ["a.md", "c.md"]);
        assert!(matches!(&blocks[2].kind, BlockKind::Code { text, .. } if text == "GET /x\n"));
    }

    #[test]
    fn keeps_the_comment_before_a_fence() {
        let blocks =
            read_blocks("text\n<!-- {\"blockType\": \"request\"} -->\n``` http\nGET /me\n```\n");
        assert!(matches!(&blocks[1].kind, BlockKind::Html(html) if html.contains("request")));
        assert!(
            matches!(&blocks[2].kind, BlockKind::Code { info, text, .. } if info == "http" && text == "GET /me\n")
        );
    }
}
