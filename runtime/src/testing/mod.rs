//! Assertions the generated example tests use. They panic with a message
//! naming what differs, which is how a test reports failure.

#[cfg(feature = "test-server")]
mod replay;
#[cfg(feature = "test-server")]
mod server;
#[cfg(feature = "test-server")]
pub use replay::{assert_same_json, replay, Documented};
#[cfg(feature = "test-server")]
pub use server::{Exchange, Received, ReplayServer, REPLAY_TOKEN};

use serde::de::DeserializeOwned;
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

/// Where `actual` differs from `documented`, one line per place, by JSON
/// pointer.
pub fn json_differences(at: &str, documented: &Value, actual: &Value, out: &mut Vec<String>) {
    match (documented, actual) {
        (Value::Object(documented), Value::Object(actual)) => {
            for (key, value) in documented {
                let here = format!("{at}/{key}");
                match actual.get(key) {
                    Some(other) => json_differences(&here, value, other, out),
                    None => out.push(format!("{here}: documented {value}, dropped")),
                }
            }
            for (key, value) in actual {
                if !documented.contains_key(key) {
                    out.push(format!("{at}/{key}: not documented, added {value}"));
                }
            }
        }
        (Value::Array(documented), Value::Array(actual)) if documented.len() == actual.len() => {
            for (index, (value, other)) in documented.iter().zip(actual).enumerate() {
                json_differences(&format!("{at}/{index}"), value, other, out);
            }
        }
        _ if documented != actual => out.push(format!(
            "{}: documented {documented}, got {actual}",
            if at.is_empty() { "/" } else { at }
        )),
        _ => {}
    }
}
