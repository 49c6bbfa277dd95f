//! JSON as the docs write it: strict JSON, else JSON5 (trailing commas,
//! comments, unquoted keys), and never nested deeper than docs2rs walks.
//! The JSON5 reader and every walk over a value recurse once per level, so
//! a page nesting thousands of levels would overflow the stack and abort
//! the whole run; such text is refused before any parser sees it.

use serde_json::Value;

/// The most levels of arrays and objects a JSON text may nest. Graph's
/// payloads nest a dozen at most; serde_json itself stops at 128.
pub const MAX_DEPTH: usize = 100;

/// How a JSON text read.
#[derive(Debug)]
pub enum Json {
    /// Strict JSON.
    Strict(Value),
    /// Only JSON5 could read it; why strict JSON could not.
    Lenient {
        value: Value,
        strict_error: serde_json::Error,
    },
    /// Not readable even leniently: why strict JSON could not.
    Invalid(serde_json::Error),
    /// Nested deeper than [`MAX_DEPTH`]; not parsed at all.
    TooDeep,
}

/// Reads `text` as strict JSON, else as JSON5.
pub fn read_json(text: &str) -> Json {
    if nests_too_deep(text) {
        return Json::TooDeep;
    }
    match serde_json::from_str(text) {
        Ok(value) => Json::Strict(value),
        Err(strict_error) => match json5::from_str(text) {
            Ok(value) => Json::Lenient {
                value,
                strict_error,
            },
            Err(_) => Json::Invalid(strict_error),
        },
    }
}

/// The message for text refused by [`read_json`], naming what it was.
pub fn too_deep_message(what: &str) -> String {
    format!("{what} nests arrays and objects more than {MAX_DEPTH} levels deep and is not read")
}

/// Whether brackets outside strings and comments open more than
/// [`MAX_DEPTH`] levels at once: a scan without recursion, exact for
/// strict JSON and for JSON5's quotes and comments.
fn nests_too_deep(text: &str) -> bool {
    let mut depth = 0usize;
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        match byte {
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' | b'\'' => {
                while let Some(inner) = bytes.next() {
                    match inner {
                        b'\\' => {
                            bytes.next();
                        }
                        _ if inner == byte => break,
                        _ => {}
                    }
                }
            }
            b'/' if bytes.peek() == Some(&b'/') => {
                while bytes.next_if(|&next| next != b'\n').is_some() {}
            }
            b'/' if bytes.peek() == Some(&b'*') => {
                bytes.next();
                let mut previous = 0;
                for inner in bytes.by_ref() {
                    if previous == b'*' && inner == b'/' {
                        break;
                    }
                    previous = inner;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{read_json, Json, MAX_DEPTH};

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn reads_up_to_the_limit_and_refuses_beyond_it() {
        assert!(matches!(read_json(&nested(MAX_DEPTH)), Json::Strict(_)));
        assert!(matches!(read_json(&nested(MAX_DEPTH + 1)), Json::TooDeep));
        assert!(matches!(read_json(&nested(100_000)), Json::TooDeep));
        let lenient = format!("{{a: {},}}", nested(MAX_DEPTH + 1));
        assert!(matches!(read_json(&lenient), Json::TooDeep));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!(
            "{{\"a\": \"{}\", 'b': '{}', /* {} */ // {}\n \"c\": \"\\\"[\"}}",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200),
            "[".repeat(200),
        );
        assert!(matches!(read_json(&text), Json::Lenient { .. }));
    }

    #[test]
    fn strict_lenient_and_invalid() {
        assert!(matches!(read_json("{\"a\": 1}"), Json::Strict(_)));
        assert!(matches!(read_json("{a: 1,}"), Json::Lenient { .. }));
        assert!(matches!(read_json("{\"a\": "), Json::Invalid(_)));
    }
}
