//! The Rust emitted for the seed pages (insta snapshots), and that emitting
//! is deterministic.

use docs2rs::emit::{emit, EmitOptions, Layout, Sdk};
use docs2rs::model::Api;
use std::path::{Path, PathBuf};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds")
}

fn seed_api() -> Api {
    match docs2rs::load(
        &[seeds()],
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
    ) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    }
}

fn seed_sdk(layout: Layout) -> Sdk {
    let options = EmitOptions {
        crate_ident: "docs2rs_sdk".to_owned(),
        layout,
    };
    match emit(&seed_api(), &options) {
        Ok(sdk) => sdk,
        Err(error) => panic!("{error}"),
    }
}

/// The files only the crate layout emits this way (module declarations
/// behind features, the crate docs). Every other emitted file is the same
/// in both layouts, and its golden is the committed `generated/`, which
/// `tests/generated_is_fresh.rs` compares: one golden per file.
#[test]
fn emitted_seed_files() {
    let included = seed_sdk(Layout::Included).files;
    for (path, text) in &seed_sdk(Layout::Crate).files {
        if included.get(path) != Some(text) {
            insta::assert_snapshot!(path.replace('/', "__"), text);
        }
    }
}

#[test]
fn seed_api_model() {
    let api = seed_api();
    insta::assert_yaml_snapshot!("seed_api", (&api.operations, &api.types, &api.enums));
}

#[test]
fn seeds_give_five_pages_ten_operations_and_no_errors() {
    let api = seed_api();
    assert_eq!(api.pages.len(), 5);
    assert_eq!(api.operations.len(), 10);
    assert_eq!(docs2rs::diag::Tally::of(&api.diagnostics).errors, 0);
}

#[test]
fn the_types_seeds_reference_are_inferred_with_a_note() {
    let api = seed_api();
    let target = api
        .types
        .iter()
        .find(|ty| ty.name == "deviceAndAppManagementAssignmentTarget");
    assert_eq!(
        target.map(|ty| ty.derived.clone()),
        Some(vec!["scopeTagGroupAssignmentTarget".to_owned()])
    );
    let derived = api
        .types
        .iter()
        .find(|ty| ty.name == "scopeTagGroupAssignmentTarget");
    assert_eq!(derived.map(|ty| ty.properties.len()), Some(4));
    let source = api
        .enums
        .iter()
        .find(|e| e.name == "deviceAndAppManagementAssignmentSource");
    assert_eq!(
        source.map(|e| e.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>()),
        Some(vec!["direct".to_owned(), "policySets".to_owned()])
    );
    for name in [
        "deviceAndAppManagementAssignmentTarget",
        "scopeTagGroupAssignmentTarget",
        "deviceAndAppManagementAssignmentSource",
    ] {
        let noted = api.diagnostics.iter().any(|d| {
            d.code == docs2rs::diag::Code::TypeInferred && d.message.contains(&format!("`{name}`"))
        });
        assert!(noted, "no inference note for {name}");
    }
}

#[test]
fn emitting_twice_gives_identical_files() {
    assert_eq!(seed_sdk(Layout::Included), seed_sdk(Layout::Included));
    let sources = match docs2rs::load(&[seeds()], &seeds()) {
        Ok((_, sources)) => sources,
        Err(error) => panic!("{error}"),
    };
    let reversed: Vec<_> = sources.iter().rev().cloned().collect();
    assert_eq!(docs2rs::model_of(&sources), docs2rs::model_of(&reversed));
}

#[test]
fn the_layouts_differ_in_module_declarations_and_feature_gates() {
    let crate_files = seed_sdk(Layout::Crate).files;
    let included = seed_sdk(Layout::Included).files;
    assert_eq!(
        crate_files.keys().collect::<Vec<_>>(),
        included.keys().collect::<Vec<_>>()
    );
    for (path, text) in crate_files
        .iter()
        .filter(|(path, _)| path.starts_with("models/"))
    {
        assert_eq!(Some(text), included.get(path), "{path} differs");
        assert!(!text.contains("#[cfg("), "{path} gates items");
    }
    let target = "device_and_app_management_assignment_target";
    let group = "gated! {\n    #[cfg(any(\n        feature = \"device-app-management\",\n        feature = \"device-management\"\n    ))]\n";
    assert!(
        crate_files["models.rs"].contains(&format!("{group}    {target} => {{")),
        "{}",
        crate_files["models.rs"]
    );
    assert!(included["models.rs"].contains(&format!(
        "mod {target} {{\n    include!(\"models/{target}.rs\");\n}}"
    )));
    assert!(crate_files["endpoints.rs"].contains("#[cfg(feature = \"device-management\")]"));
    assert!(
        !included["models.rs"].contains("#[cfg("),
        "the root SDK declares no area features"
    );
    assert!(included["lib.rs"].contains("include!(\"models.rs\")"));
    assert!(crate_files["lib.rs"].contains("pub mod models;"));
}
