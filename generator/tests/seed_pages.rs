//! Snapshots of the model of each seed page, and the diagnostics each deserves.

use docs2rs::parse::parse_page;
use docs2rs::source::{read_page, SourceFile};
use std::path::Path;

fn seed(name: &str) -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds").join(name);
    match read_page(&path, format!("seeds/{name}")) {
        Ok(source) => source,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn seed_page_models() {
    for name in [
        "intune-apps-manageddevicemobileappconfigurationassignment-update.md",
        "intune-deviceconfig-deviceconfigurationassignment-update.md",
        "intune-mam-targetedmanagedapppolicyassignment-update.md",
        "intune-mam-iosmanagedappprotection-update-assignments.md",
        "intune-onboarding-enrollmentconfigurationassignment-update.md",
    ] {
        let (page, diagnostics) = parse_page(&seed(name));
        insta::assert_yaml_snapshot!(name.trim_end_matches(".md"), (page, diagnostics));
    }
}
