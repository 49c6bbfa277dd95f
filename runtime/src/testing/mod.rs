//! Assertions the generated example tests use. They panic with a message
//! naming what differs, which is how a test reports failure.

#[cfg(feature = "test-server")]
mod server;
#[cfg(feature = "test-server")]
pub use server::{Exchange, Received, ReplayServer, REPLAY_TOKEN};

use crate::request::{Body, Request};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Parses documented JSON into `T`.
pub fn decode<T: DeserializeOwned>(json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!(
            "documented JSON does not decode into {}: {error}",
            std::any::type_name::<T>()
        ),
    }
}

/// Checks a built request against a documented one: method, path (percent-
/// decoded, ASCII case-insensitive as Graph routes) and JSON body (as values).
pub fn assert_request<R>(request: &Request<R>, method: &str, path: &str, body: Option<&str>) {
    assert_eq!(request.method().as_str(), method, "method");
    let decoded: String = request
        .path
        .split('/')
        .map(|segment| percent_decode_str(segment).decode_utf8_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    assert!(
        decoded.eq_ignore_ascii_case(path),
        "path: built `{}` (decoded `{decoded}`), documented `{path}`",
        request.path
    );
    match (body, &request.body) {
        (None, _) => {}
        (Some(expected), Body::Json(actual)) => {
            assert_eq!(actual, &decode::<Value>(expected), "body")
        }
        (Some(_), other) => panic!("documented a JSON body but the request has {other:?}"),
    }
}

/// Decodes documented JSON into `T` and checks it serialises back equal.
pub fn assert_round_trip<T: Serialize + DeserializeOwned>(json: &str) {
    let expected: Value = decode(json);
    let typed: T = decode(json);
    let again = match serde_json::to_value(&typed) {
        Ok(value) => value,
        Err(error) => panic!("{} does not serialise: {error}", std::any::type_name::<T>()),
    };
    assert_eq!(
        again,
        expected,
        "round trip through {}",
        std::any::type_name::<T>()
    );
}
