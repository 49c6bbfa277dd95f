//! Pages written for these tests (under `tests/schema_fixtures/`), one per
//! class of schema fault real docs have: namespaces below
//! `microsoft.graph`, type cells in every spelling, property tables under
//! unusual headings or in subsections, properties given only by the JSON
//! representation, name cells that are no names, and type names the
//! annotation gives. A snapshot per page shows the types it resolves to and
//! its findings; a few assertions pin the emitted Rust.

use docs2rs::model::{Api, ComplexType, Property};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema_fixtures")
}

fn api() -> Api {
    match docs2rs::load(&[fixtures()], &fixtures()) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    }
}

/// `name: Type`, `name: [Type]` for a collection.
fn typed(property: &Property) -> String {
    match property.ty.collection {
        true => format!("{}: [{}]", property.name, property.ty.name),
        false => format!("{}: {}", property.name, property.ty.name),
    }
}

/// What a page gave: each type it documents with its base and properties,
/// and the findings on it.
fn page_summary(api: &Api, page: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let documented = api
        .types
        .iter()
        .filter(|ty| ty.origin.is_documented() && ty.origin.page() == page);
    for ty in documented {
        lines.push(match &ty.base {
            Some(base) => format!("type {} : {base}", ty.name),
            None => format!("type {}", ty.name),
        });
        lines.extend(ty.properties.iter().map(|p| format!("  {}", typed(p))));
        lines.extend(
            ty.relationships
                .iter()
                .map(|p| format!("  (relationship) {}", typed(p))),
        );
    }
    lines.extend(
        api.diagnostics
            .iter()
            .filter(|d| d.file == page)
            .map(|d| format!("{}:{} {} {}", d.line, d.column, d.code, d.message)),
    );
    lines
}

#[test]
fn each_class_page_resolves_as_graph_means_it() {
    let api = api();
    let mut pages: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "fixtures missing: {pages:?}");
    for page in pages {
        insta::assert_yaml_snapshot!(page.trim_end_matches(".md"), page_summary(&api, &page));
    }
}

fn complex<'a>(api: &'a Api, name: &str) -> &'a ComplexType {
    api.types
        .iter()
        .find(|ty| ty.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn a_namespace_keeps_its_own_types_beside_same_named_root_types() {
    let api = api();
    let root: Vec<&str> = complex(&api, "probe")
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        root,
        ["id", "label"],
        "nothing merged in from telemetry.probe"
    );
    let telemetry = complex(&api, "telemetry.probe");
    let types: Vec<String> = telemetry.properties.iter().map(typed).collect();
    assert_eq!(
        types,
        [
            "reading: Double",
            "channel: telemetry.channel",
            "backup: telemetry.channel",
            "radio: channel",
            "host: probe",
        ]
    );
    let get = api
        .operations
        .iter()
        .find(|op| op.path.raw == "/rovers/{rover-id}/probes/{probe-id}")
        .unwrap_or_else(|| panic!("no operation"));
    assert_eq!(
        get.response.as_ref().map(|ty| ty.name.as_str()),
        Some("telemetry.probe")
    );
}

#[test]
fn namespaced_types_are_emitted_under_their_namespace_module() {
    let options = docs2rs::emit::EmitOptions {
        crate_ident: "schema_sdk".to_owned(),
        layout: docs2rs::emit::Layout::Crate,
    };
    let sdk = docs2rs::emit::emit(&api(), &options).unwrap_or_else(|error| panic!("{error}"));
    let probe = &sdk.files["models/telemetry/probe.rs"];
    assert!(probe.contains("pub struct Probe {"), "{probe}");
    assert!(
        probe.contains("crate::models::telemetry::Channel"),
        "{probe}"
    );
    assert!(probe.contains("Box<crate::models::Channel>"), "{probe}");
    assert!(!sdk.files["models/probe.rs"].contains("reading"));
    assert!(sdk.files["models.rs"].contains("pub mod telemetry;"));
    let namespace = &sdk.files["models/telemetry.rs"];
    assert!(namespace.contains("probe => Probe"), "{namespace}");
    let gauge = &sdk.files["models/gauge.rs"];
    for field in [
        "pub manual_url: docs2rs_runtime::Nullable<String>",
        "pub calibrated_at: docs2rs_runtime::Nullable<String>",
        "pub family: docs2rs_runtime::Nullable<Box<crate::models::GaugeCollection>>",
        "pub siblings: docs2rs_runtime::Nullable<Vec<crate::models::GaugeCollection>>",
        "pub dial: docs2rs_runtime::Nullable<Box<crate::models::AnyDial>>",
        "pub feed: docs2rs_runtime::Nullable<Box<crate::models::telemetry::Channel>>",
        "pub settings: docs2rs_runtime::Nullable<serde_json::Value>",
    ] {
        let flat = gauge.split_whitespace().collect::<Vec<_>>().join(" ");
        let wanted = field.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&wanted), "{field}\n{gauge}");
    }
}
