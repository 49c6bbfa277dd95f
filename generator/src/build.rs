//! What a build script needs: generate the SDK into `OUT_DIR` from the docs
//! folder `DOCS2RS_DOCS` names, or from a default, with precise rerun lines.

use crate::emit::{emit, EmitOptions, Layout};
use crate::output::{write_tree, Foreign, MANIFEST};
use std::path::{Path, PathBuf};

/// The environment variable that points a build at another docs folder.
pub const DOCS_ENV: &str = "DOCS2RS_DOCS";

/// Generates the SDK for a build script and prints `cargo:` lines. Returns
/// an error message instead of panicking, for the script to print.
pub fn generate_for_build(
    manifest_dir: &Path,
    default_docs: &str,
    crate_ident: &str,
) -> Result<(), String> {
    println!("cargo:rerun-if-env-changed={DOCS_ENV}");
    println!("cargo:rerun-if-changed=build.rs");
    let docs =
        std::env::var_os(DOCS_ENV).map_or_else(|| manifest_dir.join(default_docs), PathBuf::from);
    println!("cargo:rerun-if-changed={}", docs.display());
    let out_dir =
        std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set: run this from a build script")?;
    let (api, _) = crate::load(std::slice::from_ref(&docs), manifest_dir)
        .map_err(|error| error.to_string())?;
    let options = EmitOptions {
        crate_ident: crate_ident.to_owned(),
        layout: Layout::Included,
    };
    let sdk = emit(&api, &options).map_err(|error| error.to_string())?;
    let stats = write_tree(Path::new(&out_dir), &sdk.files, Foreign::Refuse)
        .map_err(|error| error.to_string())?;
    for ignored in &stats.ignored {
        println!(
            "cargo:warning=docs2rs: {MANIFEST} entry `{}` ignored: {}",
            ignored.entry, ignored.reason
        );
    }
    let errors = crate::diag::Tally::of(&api.diagnostics).errors;
    if errors > 0 {
        println!(
            "cargo:warning=docs2rs: {errors} error(s) in {}; run `cargo run -p docs2rs -- check {}` for details",
            docs.display(),
            docs.display()
        );
    }
    Ok(())
}
