//! Assembles a [`Page`] from a page's blocks, section by section. Sections
//! and tables are identified by heading text, never by position.

use super::annotation::{read_annotation, Annotation, Reading, KNOWN_BLOCK_TYPES};
use super::blocks::{read_blocks, Block, BlockKind, Rich};
use super::example_paths;
use super::front_matter::{read_front_matter, todo_keys};
use super::http::{
    looks_like_response, only_request_lines, read_example, read_request_lines, HttpExample,
};
use super::json::too_deep_message;
use super::representation::{read_representation, TooDeep};
use super::tables::{read_headers, read_members, read_permissions, read_properties};
use super::Findings;
use crate::diag::{Code, Diagnostic};
use crate::model::{
    EnumDoc, Example, FrontMatter, Page, PageKind, PageLink, PathTemplate, Property, RequestLine,
    ResponseDoc, TypeRef,
};
use crate::similar::edit_distance;
use crate::source::SourceFile;

/// The level-2 sections a page reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Intro,
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    QueryParameters,
    Properties,
    Relationships,
    JsonRepresentation,
    /// An enum page's Members section.
    Members,
    /// A `### X values` section documenting enumeration X.
    EnumValues,
    Other,
}

impl Section {
    fn from_heading(heading: &str) -> Self {
        let heading = heading.trim().to_ascii_lowercase();
        match heading.as_str() {
            "permissions" | "prerequisites" => Section::Permissions,
            "http request" => Section::HttpRequest,
            "request headers" | "request header" => Section::RequestHeaders,
            "request body" => Section::RequestBody,
            "response" | "response body" => Section::Response,
            "optional query parameters" | "query parameters" => Section::QueryParameters,
            "properties" => Section::Properties,
            "relationships" => Section::Relationships,
            "json representation" => Section::JsonRepresentation,
            "members" | "enum values" | "values" => Section::Members,
            _ if heading.starts_with("example") => Section::Examples,
            // `## HTTP request (to upload a new file)`
            _ if heading.starts_with("http request (") => Section::HttpRequest,
            _ => Section::Other,
        }
    }

    /// The section a level-2 heading misspells (`Permisions`, `HTTP requst`),
    /// with its right spelling: one letter off, or two in a long name.
    fn misspelt(heading: &str) -> Option<(Self, &'static str)> {
        const SPELLINGS: &[&str] = &[
            "permissions",
            "http request",
            "request headers",
            "request body",
            "response",
            "optional query parameters",
            "properties",
            "relationships",
            "json representation",
            "members",
        ];
        let heading: Vec<char> = heading.trim().to_lowercase().chars().collect();
        SPELLINGS.iter().find_map(|&right| {
            let right_chars: Vec<char> = right.chars().collect();
            let limit = if right_chars.len() >= 12 { 2 } else { 1 };
            edit_distance(&heading, &right_chars, limit)
                .filter(|distance| *distance > 0)
                .map(|_| (Section::from_heading(right), right))
        })
    }
}

/// Parses one page. Never fails: what cannot be read becomes a diagnostic
/// and the rest of the page is still returned.
pub fn parse_page(source: &SourceFile) -> (Page, Vec<Diagnostic>) {
    let mut reader = PageReader {
        findings: Findings::new(source),
        page: Page {
            file: source.name.clone(),
            kind: PageKind::Conceptual,
            front_matter: None,
            title: None,
            namespace: None,
            description: None,
            permissions: None,
            requests: Vec::new(),
            request_headers: Vec::new(),
            request_body_type: None,
            request_body: Vec::new(),
            response: None,
            examples: Vec::new(),
            properties: Vec::new(),
            relationships: Vec::new(),
            resource: None,
            inherits_from: None,
            enums: Vec::new(),
            query_options: Vec::new(),
            links: Vec::new(),
            representation: None,
        },
        section: Section::Intro,
        annotation: None,
        open_request: None,
        last_request: None,
        seen_sections: Vec::new(),
        enum_name: None,
        loose_requests: Vec::new(),
        in_subsection: false,
        subsection_tables: Vec::new(),
        shown_properties: Vec::new(),
    };
    for block in read_blocks(&source.text) {
        reader.block(block);
    }
    reader.finish()
}

struct PageReader<'a> {
    findings: Findings<'a>,
    page: Page,
    section: Section,
    /// The annotation comment directly before the next block, if any.
    annotation: Option<Annotation>,
    /// The request example still waiting for its response.
    open_request: Option<usize>,
    /// The latest request example, answered or not.
    last_request: Option<usize>,
    seen_sections: Vec<Section>,
    /// The enumeration an `X values` heading names, for the table below it.
    enum_name: Option<(String, usize)>,
    /// Request-line blocks under headings other than HTTP request, with
    /// their text offsets: the page's paths if it has no such section.
    loose_requests: Vec<(String, usize)>,
    /// Under a level-3 (or deeper) heading inside Properties or
    /// Relationships, whose tables may describe something else.
    in_subsection: bool,
    /// Such tables: kept only where the JSON representation shows one of
    /// their names (`### Indicator observables - email` lists the type's
    /// own properties; `### Properties of a policy definition` does not).
    subsection_tables: Vec<(Section, Vec<Property>)>,
    /// The properties the JSON representation shows, with the types its
    /// values stand for: the properties of a page with no table of them.
    shown_properties: Vec<Property>,
}

impl PageReader<'_> {
    fn block(&mut self, block: Block) {
        // A list item's text is not the block an annotation describes, and
        // a resource annotation describes the JSON block below it even with
        // a sentence between them ("Here is a JSON representation...").
        let annotation = match block.kind {
            BlockKind::ListItem(_) => None,
            BlockKind::Paragraph { .. }
                if self
                    .annotation
                    .as_ref()
                    .is_some_and(|pending| pending.block_type.as_deref() == Some("resource")) =>
            {
                None
            }
            _ => self.annotation.take(),
        };
        match block.kind {
            BlockKind::FrontMatter { yaml, yaml_offset } => self.front_matter(&yaml, yaml_offset),
            BlockKind::Heading { level, text } => self.heading(level, &text, block.offset),
            BlockKind::Paragraph { text, nested } => self.paragraph(&text, nested),
            BlockKind::Table { head, rows } => {
                self.record_links(rows.iter().flat_map(|row| &row.cells));
                match self.section {
                    Section::Permissions if self.page.permissions.is_none() => {
                        self.page.permissions =
                            Some(read_permissions(&head, &rows, &mut self.findings));
                    }
                    Section::RequestHeaders if self.page.request_headers.is_empty() => {
                        self.page.request_headers = read_headers(&head, &rows);
                    }
                    Section::RequestBody if self.page.request_body.is_empty() => {
                        self.page.request_body = read_properties(&head, &rows, &mut self.findings);
                    }
                    section @ (Section::Properties | Section::Relationships)
                        if has_type_column(&head) =>
                    {
                        let properties = typed(read_properties(&head, &rows, &mut self.findings));
                        match (self.in_subsection, section) {
                            (true, _) => {
                                self.subsection_tables.push((section, properties.collect()))
                            }
                            (false, Section::Properties) => self.page.properties.extend(properties),
                            (false, _) => self.page.relationships.extend(properties),
                        }
                    }
                    Section::Members | Section::EnumValues => {
                        self.members(&head, &rows, block.offset)
                    }
                    Section::QueryParameters => {
                        for row in &rows {
                            if let Some(first) = row.cells.first() {
                                self.query_options(first);
                            }
                        }
                    }
                    _ => {}
                }
            }
            BlockKind::Code {
                info,
                text,
                text_offset,
            } => {
                self.code(&info, &text, text_offset, annotation.unwrap_or_default());
            }
            BlockKind::Html(html) => self.annotation = self.read_annotation(&html, block.offset),
            BlockKind::ListItem(text) => self.record_links(std::iter::once(&text)),
        }
    }

    fn front_matter(&mut self, yaml: &str, yaml_offset: usize) {
        match read_front_matter(yaml) {
            Ok(front) => {
                for key in todo_keys(&front) {
                    self.findings.at(
                        key_offset(yaml, yaml_offset, &key),
                        Code::TodoPlaceholder,
                        format!("front matter `{key}` is a TODO placeholder"),
                    );
                }
                self.page.front_matter = Some(front);
            }
            Err(error) => {
                let line = self.findings.line(yaml_offset) + error.line.saturating_sub(1);
                let offset = self.findings.source.line_offset(line);
                self.findings.at(
                    offset,
                    Code::FrontMatterInvalid,
                    format!("front matter is not valid YAML: {}", error.message),
                );
            }
        }
    }

    fn heading(&mut self, level: u8, text: &Rich, offset: usize) {
        let heading = text.text();
        if level >= 2 {
            if let Some(name) = enum_heading(&heading) {
                self.section = Section::EnumValues;
                self.enum_name = Some((name.to_owned(), offset));
                return;
            }
        }
        let subsection = Section::from_heading(&heading);
        if level >= 3 && subsection == Section::HttpRequest {
            self.section = Section::HttpRequest;
            self.seen_sections.push(self.section);
            return;
        }
        // Some pages nest Response and Example(s) a level down, under the
        // Request body section (`### Response`): outside the examples and
        // the request lines, those headings open their section.
        let nested_section = matches!(subsection, Section::Response | Section::Examples)
            && !matches!(self.section, Section::Examples | Section::HttpRequest);
        if level == 3 && nested_section {
            self.section = subsection;
            self.seen_sections.push(self.section);
            return;
        }
        match level {
            1 if self.page.title.is_none() => self.page.title = Some(heading),
            2 => {
                self.in_subsection = false;
                let subsection = match subsection {
                    Section::Other => self.own_section(&heading),
                    known => known,
                };
                let subsection = match (subsection, Section::misspelt(&heading)) {
                    (Section::Other, Some((section, right))) => {
                        self.findings.span(
                            offset,
                            heading.chars().count() + 3,
                            Code::SectionMisspelt,
                            format!("`## {heading}` reads as a misspelling of `{right}`; it is read as that section"),
                        );
                        section
                    }
                    _ => subsection,
                };
                self.section = subsection;
                self.seen_sections.push(self.section);
                self.enum_name = None;
            }
            _ => {
                self.in_subsection |=
                    matches!(self.section, Section::Properties | Section::Relationships);
            }
        }
    }

    /// Adds the subsection tables that list the type's own properties, and
    /// takes a page's properties from its JSON representation where it has
    /// no Properties section.
    fn settle_properties(&mut self) {
        let shown: Vec<&str> = self
            .page
            .representation
            .iter()
            .flat_map(|representation| &representation.properties)
            .map(|shown| shown.name.as_str())
            .collect();
        for (section, properties) in std::mem::take(&mut self.subsection_tables) {
            let own = shown.is_empty()
                || properties
                    .iter()
                    .any(|property| shown.contains(&property.name.as_str()));
            match (own, section) {
                (false, _) => {}
                (true, Section::Properties) => self.page.properties.extend(properties),
                (true, _) => self.page.relationships.extend(properties),
            }
        }
        // A page that says "Properties: None" has none of its own, whatever
        // (inherited) properties its representation shows.
        let no_table = !self.seen_sections.contains(&Section::Properties)
            && self.page.relationships.is_empty();
        if no_table && self.page.properties.is_empty() {
            self.page.properties = std::mem::take(&mut self.shown_properties);
        }
    }

    /// `## operationError Properties` on the operationError page: the
    /// type's own Properties (or Relationships) section.
    fn own_section(&self, heading: &str) -> Section {
        let type_word = self
            .page
            .title
            .as_deref()
            .and_then(|title| title.split_whitespace().next());
        let mut words = heading.split_whitespace();
        match (words.next(), words.next(), words.next(), type_word) {
            (Some(first), Some(second), None, Some(type_word))
                if first.eq_ignore_ascii_case(type_word) =>
            {
                match Section::from_heading(second) {
                    section @ (Section::Properties | Section::Relationships) => section,
                    _ => Section::Other,
                }
            }
            _ => Section::Other,
        }
    }

    /// OData system query options (`$select`, `$top`, ...) named in code
    /// spans, kept lower-case without the `$`.
    fn query_options(&mut self, text: &Rich) {
        for piece in &text.pieces {
            let super::blocks::Inline::Code(code) = piece else {
                continue;
            };
            let Some(option) = code.trim().strip_prefix('$') else {
                continue;
            };
            let option = option
                .split(['=', ' '])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let known = [
                "count",
                "expand",
                "filter",
                "orderby",
                "search",
                "select",
                "skip",
                "skiptoken",
                "top",
            ];
            if known.contains(&option.as_str()) && !self.page.query_options.contains(&option) {
                self.page.query_options.push(option);
            }
        }
    }

    /// A Members table: under `X values` it documents X; on an enum page's
    /// Members section, the enumeration the page's title names.
    fn members(&mut self, head: &[Rich], rows: &[super::blocks::Row], offset: usize) {
        let members = read_members(head, rows);
        if members.is_empty() {
            return;
        }
        let (name, at) = match self.enum_name.take() {
            Some(named) => named,
            None => (self.page.resource_name(), offset),
        };
        let line = self.findings.line(at);
        self.page.enums.push(EnumDoc {
            name,
            members,
            line,
        });
    }

    fn paragraph(&mut self, text: &Rich, nested: bool) {
        self.record_links(std::iter::once(text));
        let plain = text.text();
        match self.section {
            Section::Intro if !nested => {
                if self.page.inherits_from.is_none() {
                    self.page.inherits_from = inherited_type(text);
                }
                if let Some(namespace) = plain.strip_prefix("Namespace:") {
                    self.page.namespace = Some(namespace.trim().to_owned());
                } else if self.page.description.is_none() && !plain.starts_with("[!INCLUDE") {
                    self.page.description = Some(text.markdown());
                }
            }
            Section::RequestBody if self.page.request_body_type.is_none() => {
                self.page.request_body_type = linked_type(text);
            }
            Section::QueryParameters => self.query_options(text),
            Section::Response if self.page.response.is_none() => {
                self.page.response = Some(response_doc(text));
            }
            _ => {}
        }
    }

    fn read_annotation(&mut self, html: &str, offset: usize) -> Option<Annotation> {
        let annotation = match read_annotation(html)? {
            Reading::Strict(annotation) => annotation,
            Reading::Lenient(annotation) => {
                self.findings.at(
                    offset,
                    Code::AnnotationNotStrictJson,
                    "annotation is not strict JSON; read leniently",
                );
                annotation
            }
            Reading::TooDeep => {
                self.findings
                    .at(offset, Code::JsonTooDeep, too_deep_message("annotation"));
                return None;
            }
            Reading::Invalid(message) => {
                self.findings.at(
                    offset,
                    Code::AnnotationInvalid,
                    format!("annotation is not JSON and is ignored: {message}"),
                );
                return None;
            }
        };
        if let Some(block_type) = &annotation.block_type {
            if !KNOWN_BLOCK_TYPES.contains(&block_type.as_str()) {
                self.findings.at(
                    offset,
                    Code::UnknownBlockType,
                    format!("unknown blockType `{block_type}`"),
                );
            }
        }
        Some(annotation)
    }

    fn code(&mut self, info: &str, text: &str, text_offset: usize, annotation: Annotation) {
        let http_like = matches!(info, "" | "http" | "HTTP" | "msgraph-interactive");
        let block_type = annotation.block_type.as_deref();
        match self.section {
            Section::HttpRequest if http_like => {
                // Some pages put their examples under `### HTTP request`
                // headings: responses there are examples, and an annotated
                // request is both a request line and an example.
                if block_type == Some("response") || looks_like_response(text) {
                    self.example(text, text_offset, &annotation);
                    return;
                }
                if block_type == Some("request") {
                    self.example(text, text_offset, &annotation);
                    let example = self
                        .page
                        .examples
                        .last()
                        .and_then(|example| example.request.as_ref());
                    if let Some(request) = example {
                        let line = RequestLine {
                            method: request.method,
                            path: PathTemplate::parse(&request.path),
                            query: !request.query.is_empty(),
                            line: request.line,
                        };
                        self.page.requests.push(line);
                    }
                    return;
                }
                let lines = read_request_lines(text, text_offset, &mut self.findings);
                self.page.requests.extend(lines);
            }
            Section::JsonRepresentation | Section::Properties if block_type == Some("resource") => {
                self.page.resource = Some(annotation.resource.clone());
                let line = self.findings.line(text_offset);
                match read_representation(text, line, annotation.truncated) {
                    Ok(shown) => {
                        let (representation, properties) = shown
                            .map(|shown| (shown.representation, shown.properties))
                            .unzip();
                        self.page.representation = representation;
                        self.shown_properties = properties.unwrap_or_default();
                    }
                    Err(TooDeep) => self.findings.at(
                        text_offset,
                        Code::JsonTooDeep,
                        too_deep_message("JSON representation"),
                    ),
                }
            }
            // Request lines after the Permissions table, before any heading
            // of their own, are still request lines.
            Section::Other | Section::Intro | Section::Permissions
                if http_like && block_type != Some("request") && only_request_lines(text) =>
            {
                self.loose_requests.push((text.to_owned(), text_offset));
            }
            // Blocks the docs mark `ignored` (for their own checker) are
            // still documented exchanges, and responses answer them.
            Section::Examples => {
                let annotated_response = block_type == Some("response");
                if http_like || annotated_response {
                    self.example(text, text_offset, &annotation);
                }
            }
            _ => {}
        }
    }

    /// Reads an example block and pairs a response with its request: by the
    /// annotation's name where it has one, otherwise with the last request
    /// (again, when that request is answered already).
    fn example(&mut self, text: &str, text_offset: usize, annotation: &Annotation) {
        let is_response = match annotation.block_type.as_deref() {
            Some("response") => true,
            Some("request") => false,
            _ => looks_like_response(text),
        };
        if !is_response && looks_like_response(text) {
            return;
        }
        let default_status = self.documented_status().unwrap_or(200);
        let parsed = read_example(
            text,
            text_offset,
            annotation.truncated,
            default_status,
            &mut self.findings,
        );
        let examples = &mut self.page.examples;
        match parsed {
            Some(HttpExample::Request(request)) => {
                examples.push(Example {
                    name: annotation.names.first().cloned(),
                    request: Some(request),
                    response: None,
                });
                self.open_request = Some(examples.len() - 1);
                self.last_request = self.open_request;
            }
            Some(HttpExample::Response(mut response)) => {
                response.odata_type = annotation.resource.odata_type.clone();
                response.is_collection = annotation.is_collection;
                let by_name = examples.iter().position(|example| {
                    example.response.is_none()
                        && example
                            .name
                            .as_ref()
                            .is_some_and(|name| annotation.names.contains(name))
                });
                let again = self
                    .last_request
                    .and_then(|index| examples.get(index))
                    .and_then(|example| example.request.clone());
                match (by_name.or(self.open_request.take()), again) {
                    (Some(index), _) => examples[index].response = Some(response),
                    // Another response to the request already answered (the
                    // docs show alternatives): an example of its own.
                    (None, Some(request)) => examples.push(Example {
                        name: annotation.names.first().cloned(),
                        request: Some(request),
                        response: Some(response),
                    }),
                    (None, None) => {
                        self.findings.at(
                            text_offset,
                            Code::ExampleUnpaired,
                            "response example has no request example before it",
                        );
                        examples.push(Example {
                            name: annotation.names.first().cloned(),
                            request: None,
                            response: Some(response),
                        });
                    }
                }
            }
            None => {}
        }
    }

    fn documented_status(&self) -> Option<u16> {
        self.page
            .response
            .as_ref()
            .and_then(|response| response.status)
    }

    /// Keeps the relative links to `.md` pages, to be checked against the
    /// input once all pages are read (whether a target exists, and in which
    /// case, only the whole page set can tell).
    fn record_links<'r>(&mut self, texts: impl Iterator<Item = &'r Rich>) {
        for rich in texts {
            for (text, dest, offset) in rich.links() {
                let target = dest.split('#').next().unwrap_or_default();
                let relative = !target.contains("://") && !target.starts_with('/');
                if !relative || !target.ends_with(".md") {
                    continue;
                }
                let position = self.findings.source.position(offset);
                let length = text.chars().count() + dest.chars().count() + 4;
                self.page.links.push(PageLink {
                    target: target.to_owned(),
                    line: position.line,
                    column: position.column,
                    length: u32::try_from(length).unwrap_or(u32::MAX),
                });
            }
        }
    }

    fn finish(mut self) -> (Page, Vec<Diagnostic>) {
        self.settle_properties();
        let no_request_section = !self.seen_sections.contains(&Section::HttpRequest);
        let api_page = self
            .page
            .front_matter
            .as_ref()
            .and_then(|front| front.doc_type.as_deref())
            .is_some_and(|doc_type| doc_type.eq_ignore_ascii_case("apiPageType"));
        // Request lines in a block of their own under another heading
        // (`## List a site's drives`) are paths of an API page too.
        if api_page && !self.loose_requests.is_empty() {
            if no_request_section && self.page.requests.is_empty() {
                self.findings.at(
                    0,
                    Code::MissingSection,
                    "API page has no `## HTTP request` section; the request lines under other headings are its paths",
                );
            }
            for (text, offset) in std::mem::take(&mut self.loose_requests) {
                let lines = read_request_lines(&text, offset, &mut self.findings);
                self.page.requests.extend(lines);
            }
        }
        example_paths::reconcile(&mut self.page, &mut self.findings);
        self.page.kind = page_kind(
            self.page.front_matter.as_ref(),
            &self.page,
            &self.seen_sections,
        );
        if self.page.front_matter.is_none()
            && !self
                .findings
                .diagnostics
                .iter()
                .any(|d| d.code == Code::FrontMatterInvalid)
        {
            self.findings
                .at(0, Code::FrontMatterMissing, "page has no front matter");
        }
        if self.page.kind == PageKind::Api {
            if self.page.requests.is_empty() {
                self.findings.at(
                    0,
                    Code::MissingSection,
                    "API page documents no request line (## HTTP request)",
                );
            }
            if self.page.permissions.is_none() {
                self.findings.at(
                    0,
                    Code::PermissionTableMissing,
                    "API page has no Permissions table",
                );
            }
        }
        let mut diagnostics = self.findings.diagnostics;
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (self.page, diagnostics)
    }
}

/// The offset of the line where a front-matter key is set.
fn key_offset(yaml: &str, yaml_offset: usize, key: &str) -> usize {
    let mut offset = yaml_offset;
    for line in yaml.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return offset;
        }
        offset += line.len();
    }
    yaml_offset
}

/// Whether a table under Properties or Relationships lists properties: a
/// column after the names is the Type column. Other tables there list an
/// enumeration's values under a heading docs2rs does not read as one
/// (`| Value | Description |`), or anything else (`| Property Type |
/// Remarks |`, `| Resource | Maximum expiration time |`).
/// A table of properties has a column headed `Type` (`Data type`, `Return
/// type`); `Type of recurrence range` heads a table of values.
fn has_type_column(head: &[Rich]) -> bool {
    head.iter().skip(1).any(|cell| {
        let header = cell.text().to_ascii_lowercase();
        header.contains("type") && !header.trim().starts_with("type of")
    })
}

/// The rows that give a type: the others are labels grouping the rows
/// (`|**Onboarding**|`) or a description's second line, which a raw line
/// break in a cell turned into a row of its own.
fn typed(properties: Vec<Property>) -> impl Iterator<Item = Property> {
    properties
        .into_iter()
        .filter(|property| !property.ty.name.is_empty())
}

/// The page kind from `doc_type`, unless the page's structure plainly says
/// otherwise (request lines make an API page; a resource page labelled as
/// an API page has properties and no request lines). Pages with no
/// `doc_type` are classified by structure alone.
fn page_kind(front: Option<&FrontMatter>, page: &Page, sections: &[Section]) -> PageKind {
    let doc_type = front
        .and_then(|front| front.doc_type.as_deref())
        .unwrap_or_default();
    let has_requests = !page.requests.is_empty();
    let has_resource = page.resource.is_some() || sections.contains(&Section::Properties);
    match doc_type.to_ascii_lowercase().as_str() {
        "apipagetype" if !has_requests && has_resource => PageKind::Resource,
        "apipagetype" => PageKind::Api,
        "resourcepagetype" if has_requests => PageKind::Api,
        "resourcepagetype" => PageKind::Resource,
        "enumpagetype" | "enumtypes" => PageKind::Enum,
        "conceptualpagetype" => PageKind::Conceptual,
        _ if has_requests || sections.contains(&Section::HttpRequest) => PageKind::Api,
        _ if has_resource => PageKind::Resource,
        _ if !page.enums.is_empty() => PageKind::Enum,
        _ => PageKind::Conceptual,
    }
}

/// The enumeration an `X values` heading (also `X enum values`) names.
fn enum_heading(heading: &str) -> Option<&str> {
    let lower = heading.to_ascii_lowercase();
    let cut = ["enum values", "values"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix).map(str::len))?;
    let name = heading[..cut].trim().trim_matches('`');
    let single_word = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    single_word.then_some(name)
}

/// The type named by the link after "Inherits from" (in any case: a few
/// pages write "**x** inherits from [y](y.md)"), or by a link right after
/// "Derived from" (which also precedes plain words: "derived from ISO 639-1").
fn inherited_type(text: &Rich) -> Option<String> {
    let mut after_phrase = false;
    for piece in &text.pieces {
        match piece {
            super::blocks::Inline::Text(words) => {
                let lower = words.to_ascii_lowercase();
                let tail = lower.trim_end();
                after_phrase |= lower.contains("inherits from")
                    || tail.ends_with("derived from")
                    || tail.ends_with("derives from");
            }
            super::blocks::Inline::Link { text, .. } if after_phrase => {
                return Some(text.trim().to_owned())
            }
            _ => {}
        }
    }
    None
}

/// The first link in text that points at another docs page, as a type.
fn linked_type(text: &Rich) -> Option<TypeRef> {
    let plain = text.text().to_ascii_lowercase();
    text.links()
        .find(|(_, dest, _)| dest.ends_with(".md") && dest.contains("resources/"))
        .map(|(name, dest, _)| TypeRef {
            linked: true,
            page: super::type_cell::page_stem(dest),
            ..TypeRef::named(name.trim(), plain.contains("collection of"))
        })
}

/// The status code (a code span such as `200 OK`) and type a Response
/// section names.
fn response_doc(text: &Rich) -> ResponseDoc {
    let status = text.pieces.iter().find_map(|piece| match piece {
        super::blocks::Inline::Code(code) => code.get(..3).and_then(|digits| digits.parse().ok()),
        _ => None,
    });
    ResponseDoc {
        status,
        ty: response_type(text),
    }
}

/// The type a Response sentence names: the first link to a resource page
/// whose text is a name (not "error responses"), else the first bold name (`a collection of **alert** objects`), else a
/// primitive named in words (`a String collection`, `a Boolean`). It is a
/// collection when the words around the name say so: `collection of`,
/// `list of`, `array of` before it, or `collection`, `objects`, `items`
/// after it.
fn response_type(text: &Rich) -> Option<TypeRef> {
    let plain = text.text();
    let linked = text.links().find(|(name, dest, _)| {
        dest.ends_with(".md") && dest.contains("resources/") && is_type_name(name.trim())
    });
    let (name, mut ty) = match linked {
        Some((name, dest, _)) => (
            name.trim(),
            TypeRef {
                linked: true,
                page: super::type_cell::page_stem(dest),
                ..TypeRef::named(name.trim(), false)
            },
        ),
        None => {
            let name = text
                .strong
                .iter()
                .map(|bold| bold.trim())
                .find(|bold| is_type_name(bold))
                .or_else(|| primitive_in_words(&plain))?;
            (name, TypeRef::named(name, false))
        }
    };
    ty.collection = names_a_collection(&plain, name);
    Some(ty)
}

/// A single word that can name a type (`alert`, `microsoft.graph.user`).
fn is_type_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// A primitive a sentence names as what it returns: a capitalised Graph
/// primitive right after `a`, `an` or `of` (`a String collection`, `a
/// Boolean value`), so that prose such as `a query string` does not count.
fn primitive_in_words(plain: &str) -> Option<&str> {
    const NAMED: &[&str] = &[
        "String",
        "Boolean",
        "Int32",
        "Int64",
        "Double",
        "DateTimeOffset",
        "Guid",
        "Binary",
        "Stream",
    ];
    let words: Vec<&str> = plain
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    words.windows(2).find_map(|pair| {
        let article = ["a", "an", "of"].contains(&pair[0].to_ascii_lowercase().as_str());
        (article && NAMED.contains(&pair[1])).then_some(pair[1])
    })
}

/// Whether the words around the first mention of `name` make it a
/// collection.
fn names_a_collection(plain: &str, name: &str) -> bool {
    let lower = plain.to_ascii_lowercase();
    let Some(at) = lower.find(&name.to_ascii_lowercase()) else {
        return lower.contains("collection of");
    };
    let before = lower[..at].trim_end();
    let after = lower[at + name.len()..].trim_start();
    let before_says = ["collection of", "list of", "array of"]
        .iter()
        .any(|phrase| before.ends_with(phrase) || before.ends_with(&format!("{phrase} the")))
        || before.contains("collection of");
    let after_says = ["collection", "objects", "items", "entities", "resources"]
        .iter()
        .any(|word| after.starts_with(word));
    before_says || after_says
}
