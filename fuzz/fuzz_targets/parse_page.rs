//! Any text, read as a docs page: parsing and resolving must never panic,
//! whatever the page holds.
#![no_main]

use docs2rs::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = docs2rs::model_of(&[SourceFile::new("fuzz.md", text)]);
    }
});
