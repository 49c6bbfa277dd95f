//! The Microsoft Graph SDK docs2rs generates from the pages in `seeds/` (or
//! from the folder the `DOCS2RS_DOCS` environment variable names at build
//! time). The code is written by `build.rs` into `OUT_DIR`; `generated/`
//! holds a committed copy for review.

// Generated docs link a type's name to the type, which rustdoc sometimes
// finds redundant.
#![allow(rustdoc::redundant_explicit_links)]

include!(concat!(env!("OUT_DIR"), "/lib.rs"));

pub use docs2rs_runtime as runtime;
