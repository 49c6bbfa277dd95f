//! Pages written for these tests (under `tests/fixtures/`), each with an
//! irregularity real docs have: a snapshot of each page's model, and the
//! types and enumerations the set resolves to.

use docs2rs::diag::Code;
use docs2rs::parse::parse_page;
use docs2rs::source::read_page;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_api() -> docs2rs::model::Api {
    match docs2rs::load(&[fixtures()], &fixtures()) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn fixture_page_models() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "fixtures missing: {names:?}");
    for name in names {
        let source = read_page(&fixtures().join(&name), name.clone())
            .unwrap_or_else(|error| panic!("{error}"));
        insta::assert_yaml_snapshot!(name.trim_end_matches(".md"), parse_page(&source));
    }
}

/// The fixture set's type of that name.
fn complex<'a>(api: &'a docs2rs::model::Api, name: &str) -> &'a docs2rs::model::ComplexType {
    api.types
        .iter()
        .find(|ty| ty.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn resource_pages_give_inheritance_enums_and_flags() {
    let api = fixture_api();
    let widget = complex(&api, "widget");
    assert_eq!(widget.base.as_deref(), Some("gadget"));
    assert_eq!(widget.key.as_deref(), Some("id"));
    let owner = widget
        .properties
        .iter()
        .find(|p| p.name == "owner")
        .map(|p| p.ty.name.clone());
    assert_eq!(
        owner.as_deref(),
        Some("Person"),
        "linked but undefined: inferred under the link's name"
    );
    let size = widget
        .properties
        .iter()
        .find(|p| p.name == "size")
        .map(|p| p.ty.name.clone());
    assert_eq!(
        size.as_deref(),
        Some("widgetSize"),
        "an anchor link resolves to the page's own enum"
    );
    let gadget = complex(&api, "gadget");
    assert!(gadget.is_abstract);
    assert_eq!(gadget.derived, ["sensor", "widget"]);
    let mounting = api
        .enums
        .iter()
        .find(|e| e.name == "mountingSides")
        .unwrap_or_else(|| panic!("no enum"));
    assert!(mounting.flags);
    let sizes = api
        .enums
        .iter()
        .find(|e| e.name == "widgetSize")
        .unwrap_or_else(|| panic!("no widgetSize"));
    assert!(!sizes.flags && sizes.members.len() == 3);
    let thermo = complex(&api, "thermoSensor");
    assert_eq!(
        thermo.base.as_deref(),
        Some("sensor"),
        "\"Derived from\" names the base"
    );
    assert_eq!(
        thermo.properties.len(),
        2,
        "a delimiter row with tabs is a table"
    );
    let sensor = complex(&api, "sensor");
    let names: Vec<&str> = sensor.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["label", "reading", "unit", "calibration"],
        "a table with no Type column lists no properties; `Label` is spelt as the JSON representation spells it"
    );
    let unknown = api
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownTypeName);
    assert!(
        unknown.is_some_and(|d| d.message.contains("polygonThing")),
        "{:?}",
        api.diagnostics
    );
}

#[test]
fn api_pages_without_front_matter_or_usual_sections_still_give_operations() {
    let api = fixture_api();
    let operations: Vec<(&str, &str)> = api
        .operations
        .iter()
        .filter(|op| op.path.raw.ends_with("{widget-id}") && op.page.contains("no-front-matter"))
        .map(|op| (op.method.as_str(), op.path.raw.as_str()))
        .collect();
    assert_eq!(
        operations,
        [
            ("DELETE", "/dashboards/{dashboard-id}/widgets/{widget-id}"),
            ("GET", "/dashboards/{dashboard-id}/widgets/{widget-id}"),
        ]
    );
    let page = api
        .pages
        .iter()
        .find(|p| p.file == "widget-get-no-front-matter.md")
        .unwrap_or_else(|| panic!("no page"));
    assert_eq!(page.examples.len(), 1);
    assert!(page.examples[0]
        .response
        .as_ref()
        .is_some_and(|r| r.truncated));
}

#[test]
fn links_to_documented_types_become_intra_doc_links() {
    let sdk = fixture_sdk();
    let widget = &sdk.files["models/widget.rs"];
    assert!(
        widget.contains("Inherits from [gadget](crate::models::Gadget)."),
        "{widget}"
    );
    assert!(widget
        .contains("/// Identifier. Inherited from [gadget](crate::models::Gadget). Read-only."));
}

#[test]
fn action_parameter_tables_become_body_types() {
    let api = fixture_api();
    let spin = api
        .operations
        .iter()
        .find(|op| op.path.raw.ends_with("/spin"))
        .unwrap_or_else(|| panic!("no spin"));
    assert_eq!(
        spin.request_body.as_ref().map(|ty| ty.name.as_str()),
        Some("spinRequestBody")
    );
    let body = complex(&api, "spinRequestBody");
    let names: Vec<&str> = body.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["turns", "clockwise"]);
    assert!(
        !api.diagnostics
            .iter()
            .any(|d| d.message.contains("spinRequestBody")),
        "no inference note for a parameter table"
    );
}

/// What `check` finds across the fixture pages: example bodies against
/// their types (D508, D510), JSON representations against their tables
/// (D511), and links against the page set (D601, D607).
#[test]
fn cross_page_findings() {
    let api = fixture_api();
    let codes = [
        Code::ExampleTypeMisfit,
        Code::ExamplePropertyUndocumented,
        Code::RepresentationPropertyMismatch,
        Code::LinkCase,
        Code::LinkMissing,
    ];
    let findings: Vec<String> = api
        .diagnostics
        .iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.file, d.line, d.column, d.code, d.message
            )
        })
        .collect();
    insta::assert_yaml_snapshot!(findings);
}

fn fixture_sdk() -> docs2rs::emit::Sdk {
    let options = docs2rs::emit::EmitOptions {
        crate_ident: "fixture_sdk".to_owned(),
        layout: docs2rs::emit::Layout::Crate,
    };
    docs2rs::emit::emit(&fixture_api(), &options).unwrap_or_else(|error| panic!("{error}"))
}

/// The signature of each endpoint function in an emitted file, on one line.
fn signatures(file: &str) -> Vec<String> {
    let flat = file.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.split("pub fn ")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once(" {")
                .map(|(signature, _)| signature.to_owned())
        })
        .map(|signature| signature.replace("( ", "(").replace(", )", ")"))
        .collect()
}

#[test]
fn lists_functions_and_streams_get_their_own_signatures() {
    let sdk = fixture_sdk();
    let dashboards = signatures(&sdk.files["endpoints/dashboards.rs"]);
    for expected in [
        "get_widgets(dashboard_id: &str) -> docs2rs_runtime::Request<docs2rs_runtime::Collection<crate::models::Widget>>",
        "get_usage(date: &str) -> docs2rs_runtime::Request<()>",
        // Its example answers CSV: raw bytes, whatever the page says.
        "get_usage_by_period(period: &str) -> docs2rs_runtime::Request<docs2rs_runtime::Binary>",
        "cells(dashboard_id: &str, address: &str) -> docs2rs_runtime::Request<()>",
        "get_widgets_picture_value(dashboard_id: &str, widget_id: &str) -> docs2rs_runtime::Request<docs2rs_runtime::Binary>",
        "replace_widgets_picture_value(dashboard_id: &str, widget_id: &str, body: docs2rs_runtime::Binary) -> docs2rs_runtime::Request<()>",
        "widgets_reset(dashboard_id: &str, widget_id: &str, body: &serde_json::Value) -> docs2rs_runtime::Request<()>",
        "widgets_spin(dashboard_id: &str, widget_id: &str, body: &crate::models::SpinRequestBody) -> docs2rs_runtime::Request<()>",
    ] {
        assert!(dashboards.iter().any(|s| s == expected), "{expected}\n{dashboards:#?}");
    }
    let file = &sdk.files["endpoints/dashboards.rs"];
    // The runtime fills the template: quoted placeholders as string
    // arguments, the others as path segments.
    for expected in [
        "path_template: \"/dashboards/getUsage(period='{period}')\"",
        "Request::from_template(&GET_USAGE_BY_PERIOD, &[period])",
        "path_template: \"/dashboards/getUsage(date={date})\"",
        "Request::from_template(&GET_USAGE, &[date])",
    ] {
        assert!(file.contains(expected), "{expected}\n{file}");
    }
    assert!(
        file.contains(".header(\"Accept\", \"application/json\")"),
        "{file}"
    );
    assert!(
        !file.contains(".header(\"Prefer"),
        "prose is no header value"
    );
}

#[test]
fn prose_in_a_request_block_is_no_path() {
    let api = fixture_api();
    let finding = api
        .diagnostics
        .iter()
        .find(|d| d.code == Code::BadRequestLine && d.file.ends_with("dashboard-getusage.md"));
    assert!(
        finding.is_some_and(|d| d.message.contains("Collection URI")),
        "{:?}",
        api.diagnostics
    );
}
