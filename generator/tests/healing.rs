//! Docs faults healed with a diagnostic, on pages written for these tests
//! (`tests/healing/`): request lines with literal ids, placeholders in
//! other forms, `~/` and `...`, a `.` segment (no operation), functions
//! named without their arguments, creates ending in a key, and examples
//! that call a documented collection's count or cast. Every example of
//! the pages then calls an operation.

mod support;

use docs2rs::diag::{Code, Severity};
use docs2rs::matching::OperationIndex;
use docs2rs::model::{Api, HttpMethod};
use support::describe;

fn api() -> Api {
    support::api_of("healing")
}

#[test]
fn healed_request_lines_are_operations_each_reported() {
    let api = api();
    let operations: Vec<String> = api
        .operations
        .iter()
        .map(|op| {
            format!(
                "{} {} -> {}",
                op.method.as_str(),
                op.path.raw,
                describe(op.response.as_ref())
            )
        })
        .collect();
    let heals: Vec<String> = api
        .diagnostics
        .iter()
        .filter(|d| d.code.id().starts_with("D2") || d.code == Code::ExampleDerivedOperation)
        .map(|d| format!("{}:{} {} {}", d.file, d.line, d.code.id(), d.message))
        .collect();
    insta::assert_yaml_snapshot!("healed_operations", (operations, heals));
}

#[test]
fn a_dot_segment_is_an_error_and_no_operation() {
    let api = api();
    let refused: Vec<_> = api
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RequestLineDotSegment)
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].severity, Severity::Error);
    assert_eq!(
        (refused[0].file.as_str(), refused[0].line),
        ("gizmo-list.md", 25)
    );
    assert!(api.operations.iter().all(|op| !op.path.raw.contains("/./")));
}

#[test]
fn every_example_calls_an_operation() {
    let api = api();
    assert!(
        !api.diagnostics
            .iter()
            .any(|d| d.code == Code::ExampleUnmatched),
        "{:#?}",
        api.diagnostics
    );
    let index = OperationIndex::new(&api.operations);
    let calls = |page: &str, method: HttpMethod, path: &str| {
        let request = api
            .pages
            .iter()
            .find(|p| p.file == page)
            .and_then(|p| {
                p.examples
                    .iter()
                    .filter_map(|e| e.request.as_ref())
                    .find(|r| r.method == method && r.path == path)
            })
            .unwrap_or_else(|| panic!("no example {path} on {page}"));
        index
            .operation_for(page, request)
            .map(|(op, values)| (op.path.raw.clone(), values))
    };
    assert_eq!(
        calls("gizmo-list.md", HttpMethod::Get, "/gizmos/$count"),
        Some(("/gizmos/$count".to_owned(), vec![]))
    );
    assert_eq!(
        calls(
            "gizmo-delete.md",
            HttpMethod::Delete,
            "/teams/19:d0bba23c2fc8413991125a43a54cc30e@thread.skype/gizmos/g1"
        ),
        Some((
            "/teams/{team-id}/gizmos/{gizmo-id}".to_owned(),
            vec![
                "19:d0bba23c2fc8413991125a43a54cc30e@thread.skype".to_owned(),
                "g1".to_owned()
            ]
        ))
    );
    assert_eq!(
        calls(
            "gizmo-getusage.md",
            HttpMethod::Get,
            "/gizmoManagement/getUsage(period='D7')"
        ),
        Some((
            "/gizmoManagement/getUsage(period='{period}')".to_owned(),
            vec!["D7".to_owned()]
        ))
    );
    assert_eq!(
        calls(
            "gizmonote-list.md",
            HttpMethod::Get,
            "/drive/items/01CYZLFJGUJ7JHBSZDFZFL25KSZGQTVAUN/gizmoNotes"
        )
        .map(|(path, _)| path),
        Some("/drive/items/{id}/gizmoNotes".to_owned())
    );
}
