//! Small pages written for these tests, each holding one irregularity the
//! real docs have, and what docs2rs makes of it.

use docs2rs::diag::{Code, Severity};
use docs2rs::model::{PageKind, Scopes};
use docs2rs::parse::parse_page;
use docs2rs::source::SourceFile;

fn parse(text: &str) -> (docs2rs::model::Page, Vec<docs2rs::diag::Diagnostic>) {
    parse_page(&SourceFile::new("fixture.md", text))
}

fn codes(text: &str) -> Vec<Code> {
    parse(text).1.iter().map(|d| d.code).collect()
}

/// An API page around one example request, with a declared Content-Length.
fn page_with_example(content_length: usize, body: &str) -> String {
    format!(
        "---\ntitle: Create a widget\ndoc_type: apiPageType\n---\n\n# Create a widget\n\n## Permissions\n\n\
         |Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|Widgets.ReadWrite|\n\n\
         ## HTTP request\n\n```http\nPOST /widgets\n```\n\n## Example\n\n### Request\n\n\
         ```http\nPOST https://graph.microsoft.com/beta/widgets\nContent-Type: application/json\n\
         Content-Length: {content_length}\n\n{body}\n```\n"
    )
}

#[test]
fn content_length_counts_crlf_line_ends() {
    let body = "{\n  \"name\": \"w\"\n}";
    let right = body.len() + body.matches('\n').count();
    assert!(!codes(&page_with_example(right, body)).contains(&Code::ContentLengthMismatch));
    let (_, diagnostics) = parse(&page_with_example(body.len(), body));
    let mismatch = diagnostics
        .iter()
        .find(|d| d.code == Code::ContentLengthMismatch);
    assert!(
        mismatch.is_some_and(|d| d.message.contains(&right.to_string())),
        "{diagnostics:?}"
    );
}

#[test]
fn invalid_example_json_is_an_error_on_the_right_line() {
    let (page, diagnostics) = parse(&page_with_example(0, "{\n  \"name\": \"w\",\n  oops\n}"));
    let error = diagnostics
        .iter()
        .find(|d| d.code == Code::ExampleInvalidJson);
    assert!(
        error.is_some_and(|d| d.severity == Severity::Error && d.line == 31),
        "{diagnostics:?}"
    );
    assert!(page.examples[0]
        .request
        .as_ref()
        .is_some_and(|r| r.body.is_none()));
}

#[test]
fn lenient_annotations_warn_and_broken_ones_are_errors() {
    let lenient = "## Example\n\n<!-- { blockType: \"request\", name: \"a\", } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n";
    let (page, diagnostics) = parse(lenient);
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::AnnotationNotStrictJson));
    assert_eq!(page.examples[0].name.as_deref(), Some("a"));
    let broken = "## Example\n\n<!-- { \"blockType\": -->\n```http\nGET /me\n```\n";
    assert!(codes(broken).contains(&Code::AnnotationInvalid));
    let unknown =
        "## Example\n\n<!-- { \"blockType\": \"sample-ish\" } -->\n```http\nGET /me\n```\n";
    assert!(codes(unknown).contains(&Code::UnknownBlockType));
}

#[test]
fn pages_without_front_matter_are_classified_by_structure() {
    let (page, diagnostics) =
        parse("# Get widget\n\n## HTTP Request\n\n```\nGET /widgets/{id}\n```\n");
    assert_eq!(page.kind, PageKind::Api);
    assert_eq!(page.requests.len(), 1);
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::FrontMatterMissing));
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::PermissionTableMissing));
}

#[test]
fn broken_front_matter_is_an_error_and_the_page_is_still_read() {
    let (page, diagnostics) = parse("---\ntitle: [unclosed\ndoc_type: apiPageType\n---\n\n# T\n\n## HTTP request\n\n```http\nGET /things\n```\n");
    let error = diagnostics
        .iter()
        .find(|d| d.code == Code::FrontMatterInvalid);
    assert!(error.is_some_and(|d| d.line >= 2), "{diagnostics:?}");
    assert_eq!(page.requests.len(), 1);
}

#[test]
fn bad_request_lines_are_reported_and_good_ones_kept() {
    let (page, diagnostics) =
        parse("## HTTP request\n\n```http\nGET /a\nthis is prose\nDELETE /a/{id}\n```\n");
    assert_eq!(page.requests.len(), 2);
    let bad = diagnostics.iter().find(|d| d.code == Code::BadRequestLine);
    assert!(bad.is_some_and(|d| d.line == 5));
}

#[test]
fn responses_pair_by_name_and_lone_responses_are_reported() {
    let text = "## Examples\n\n```http\nHTTP/1.1 202 Accepted\n```\n\
                <!-- {\"blockType\": \"request\", \"name\": \"one\"} -->\n```http\nGET /a\n```\n\
                <!-- {\"blockType\": \"request\", \"name\": \"two\"} -->\n```http\nGET /b\n```\n\
                <!-- {\"blockType\": \"response\", \"name\": \"one\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n\
                <!-- {\"blockType\": \"response\", \"name\": \"two\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\
                <!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 201 Created\n```\n";
    let (page, diagnostics) = parse(text);
    let pairs: Vec<(Option<&str>, Option<u16>)> = page
        .examples
        .iter()
        .map(|e| {
            let path = e.request.as_ref().map(|r| r.path.as_str());
            (path, e.response.as_ref().map(|r| r.status))
        })
        .collect();
    // A response before any request stands alone (D507); one after every
    // request is answered is another answer to the latest request.
    assert_eq!(
        pairs,
        [
            (None, Some(202)),
            (Some("/a"), Some(204)),
            (Some("/b"), Some(200)),
            (Some("/b"), Some(201))
        ]
    );
    let unpaired = diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleUnpaired);
    assert_eq!(unpaired.count(), 1);
}

#[test]
fn permissions_read_by_caller_not_by_row_order() {
    let text = "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
                |Application|A.Read.All, A.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n\
                |Delegated (work or school account)|**TODO: fill in**|\n|Robots|X|\n";
    let (page, diagnostics) = parse(text);
    let permissions = page
        .permissions
        .unwrap_or_else(|| panic!("no permissions read"));
    assert_eq!(
        permissions.application,
        Scopes::AnyOf(vec!["A.Read.All".into(), "A.ReadWrite.All".into()])
    );
    assert_eq!(permissions.delegated_personal, Scopes::NotSupported);
    assert!(matches!(
        permissions.delegated_work_or_school,
        Scopes::Unknown(_)
    ));
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::PermissionRowUnknown));
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "",
        "---",
        "---\n---",
        "```http\n```",
        "## HTTP request\n```http\nGET\n```",
        "## Example\n```http\nHTTP/1.1\n```",
        "## Example\n```http\nHTTP/1.1 abc\n```",
        "## Example\n```http\nPOST https://\nContent-Length: x\n\n{\n```",
        "## Permissions\n|a|\n|-|\n||",
        "## Request body\n|Property|Type|Description|\n|-|-|-|\n|||\n|x|[](../resources/.md)|`|",
        "<!-- {",
        "\u{feff}# ü\r\n## HTTP request\r\n```http\r\nGET /ü/{é}\r\n```\r\n",
    ];
    for input in inputs {
        let _ = parse(input);
        let _ = docs2rs::model_of(&[SourceFile::new("x.md", input)]);
    }
}

#[test]
fn examples_the_docs_mark_ignored_are_still_exchanges() {
    let text = "## Examples\n\n```http\nGET /a\n```\n```http\nHTTP/1.1 200 OK\n```\n\
                <!-- {\"blockType\": \"ignored\"} -->\n```http\nGET /a/$count\n```\n\
                <!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n893\n```\n";
    let (page, _) = parse(text);
    let pairs: Vec<(Option<&str>, Option<&str>)> = page
        .examples
        .iter()
        .map(|e| {
            let path = e.request.as_ref().map(|r| r.path.as_str());
            let text = e.response.as_ref().and_then(|r| r.text_body.as_deref());
            (path, text)
        })
        .collect();
    assert_eq!(
        pairs,
        [(Some("/a"), None), (Some("/a/$count"), Some("893"))]
    );
}

#[test]
fn an_example_status_other_than_the_stated_one_is_reported() {
    let text = "---\ndoc_type: apiPageType\n---\n# Create thing\n\n## HTTP request\n\n```http\nPOST /things\n```\n\n\
                ## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n## Example\n\n\
                ```http\nPOST https://graph.microsoft.com/beta/things\n```\n```http\nHTTP/1.1 200 OK\n```\n";
    let api = docs2rs::model_of(&[SourceFile::new("api/thing-create.md", text)]);
    let mismatch = api
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ExampleStatusMismatch);
    assert!(
        mismatch
            .is_some_and(|d| d.message.contains("answers 200") && d.message.contains("says 201")),
        "{:?}",
        api.diagnostics
    );
}

#[test]
fn only_typed_rows_of_tables_with_a_type_column_are_properties() {
    let (page, _) = parse(
        "---\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\n\
         A thing on a shelf. Derived from [shelfItem](shelfitem.md).\n\n## Properties\n\n\
         |Property|Type|Description|\n|:--|:--|:--|\n|**Sizing**|\n|size|Int32|How big;\n\
         a second line the cell should have held.|\n\n### Sizes\n\n\
         |Value|Description|\n|:--|:--|\n|small|Fits in a hand.|\n",
    );
    let names: Vec<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["size"]);
    assert_eq!(page.inherits_from.as_deref(), Some("shelfItem"));
}
