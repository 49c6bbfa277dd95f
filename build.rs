//! Generates the SDK from the docs in `seeds/` (or the folder `DOCS2RS_DOCS`
//! names) into `OUT_DIR`, which `src/lib.rs` includes.

use std::process::ExitCode;

fn main() -> ExitCode {
    let generated = docs2rs::Config::new()
        .docs("seeds")
        .crate_name("docs2rs_sdk")
        .generate();
    match generated {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("docs2rs: {error}");
            ExitCode::FAILURE
        }
    }
}
