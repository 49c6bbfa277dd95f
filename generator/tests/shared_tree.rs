//! The whole shared docs tree (`../shared/graph-docs/beta-2021-07`), where
//! it exists: coverage, no panics, and the derived types and enumerations
//! real pages define. Skips with a printed reason where the tree is absent.

use docs2rs::coverage::coverage;
use docs2rs::model::Api;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn tree() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/beta-2021-07");
    path.is_dir().then_some(path)
}

/// The tree's model, built once for all tests in this file.
fn api() -> Option<&'static Api> {
    static API: OnceLock<Option<Api>> = OnceLock::new();
    API.get_or_init(|| {
        let Some(path) = tree() else {
            println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
            return None;
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        match docs2rs::load(&[path], &base) {
            Ok((api, _)) => Some(api),
            Err(error) => panic!("{error}"),
        }
    })
    .as_ref()
}

#[test]
fn at_least_98_percent_of_api_and_resource_pages_become_code() {
    let Some(api) = api() else { return };
    let coverage = coverage(api);
    println!("{}", coverage.human());
    assert_eq!(api.pages.len(), 7948);
    assert!(
        coverage.api_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.api_pages
    );
    assert!(
        coverage.resource_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.resource_pages
    );
    assert!(
        coverage.enum_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.enum_pages
    );
}

#[test]
fn inheritance_and_enumerations_come_from_resource_and_enum_pages() {
    let Some(api) = api() else { return };
    let ty = |name: &str| {
        api.types
            .iter()
            .find(|ty| ty.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    };
    let user = ty("user");
    assert_eq!(user.base.as_deref(), Some("directoryObject"));
    assert!(user.properties.iter().any(|p| p.name == "displayName"));
    assert!(user.relationships.iter().any(|p| p.name == "manager"));
    assert!(ty("directoryObject").derived.iter().any(|d| d == "group"));
    let architecture = api.enums.iter().find(|e| e.name == "windowsArchitecture");
    assert!(
        architecture.is_some_and(|e| e.flags && e.members.len() >= 5),
        "{architecture:?}"
    );
    let mode = api
        .enums
        .iter()
        .find(|e| e.name == "androidDeviceOwnerEnrollmentMode");
    assert!(mode.is_some_and(|e| !e.flags
        && e.members
            .iter()
            .any(|m| m.name == "corporateOwnedWorkProfile" && m.value == Some(2))));
}
