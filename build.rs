//! Generates the SDK from the docs in `seeds/` (or the folder `DOCS2RS_DOCS`
//! names) into `OUT_DIR`, which `src/lib.rs` includes.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    match docs2rs::build::generate_for_build(manifest_dir, "seeds", "docs2rs_sdk") {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("docs2rs: {message}");
            ExitCode::FAILURE
        }
    }
}
