//! Assertions the generated example tests use. They panic with a message
//! naming what differs, which is how a test reports failure.

#[cfg(all(feature = "test-server", feature = "azure-identity"))]
mod authority;
#[cfg(feature = "test-server")]
mod batch;
#[cfg(feature = "test-server")]
mod replay;
#[cfg(feature = "test-server")]
mod reply;
#[cfg(feature = "test-server")]
mod server;
#[cfg(all(feature = "test-server", feature = "azure-identity"))]
pub use authority::LocalAuthority;
#[cfg(feature = "test-server")]
pub use batch::{BatchCall, ItemReply};
#[cfg(feature = "test-server")]
pub use replay::{assert_same_json, replay, Documented};
#[cfg(feature = "test-server")]
pub use reply::Reply;
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
        _ if !same_json(documented, actual) => out.push(format!(
            "{}: documented {documented}, got {actual}",
            if at.is_empty() { "/" } else { at }
        )),
        _ => {}
    }
}

/// JSON equality where numbers compare by value: `3` and `3.0` are the same
/// JSON number, though serde keeps them apart.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| same_json(value, other)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::{json_differences, same_json};
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_and_differences_name_their_place() {
        assert!(same_json(&json!({"a": [3]}), &json!({"a": [3.0]})));
        assert!(!same_json(&json!({"a": 3}), &json!({"a": 3.5})));
        assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        let mut out = Vec::new();
        json_differences(
            "",
            &json!({"a": null, "b": [1]}),
            &json!({"b": [2], "c": true}),
            &mut out,
        );
        assert_eq!(
            out,
            [
                "/a: documented null, dropped",
                "/b/0: documented 1, got 2",
                "/c: not documented, added true"
            ]
        );
    }
}
