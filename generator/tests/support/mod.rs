//! What the tests on folders of pages written for them share: loading a
//! folder, and describing a type the way signatures print it.

use docs2rs::model::{Api, TypeRef};
use std::path::Path;

/// The model of the pages under `tests/<name>/`.
pub fn api_of(name: &str) -> Api {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name);
    match docs2rs::load(std::slice::from_ref(&folder), &folder) {
        Ok((api, _)) => api,
        Err(error) => panic!("{error}"),
    }
}

/// `Collection<T>`, `T`, or `()` for no type.
pub fn describe(ty: Option<&TypeRef>) -> String {
    match ty {
        Some(ty) if ty.collection => format!("Collection<{}>", ty.name),
        Some(ty) => ty.name.clone(),
        None => "()".to_owned(),
    }
}
