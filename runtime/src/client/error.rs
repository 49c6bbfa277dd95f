//! What can go wrong when sending a request.

use super::auth::BoxError;
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// Graph's error body: `{"error": {"code", "message", "innerError": {...}}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// From the error's `innerError`, else from the `request-id` header.
    pub request_id: Option<String>,
    /// The error's `innerError.date`, when given.
    pub date: Option<String>,
}

/// Why a request gave no typed response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with its JSON error body.
    Graph(GraphError),
    /// An error status whose body is not Graph's error JSON.
    Status {
        status: u16,
        body: String,
        request_id: Option<String>,
    },
    /// The token provider failed; no request was sent.
    Token(BoxError),
    /// No response within the client's timeout.
    Timeout(Duration),
    /// The connection failed or broke.
    Transport(reqwest::Error),
    /// A successful response whose body is not the expected type.
    Decode {
        status: u16,
        type_name: &'static str,
        message: String,
    },
    /// The request's body could not be serialised; nothing was sent.
    Unserializable(String),
    /// The URL cannot be built, or the URL standard would rewrite its path
    /// (a path parameter of `.` or `..`); nothing was sent.
    InvalidUrl(String),
    /// A header name or value is not valid HTTP; nothing was sent.
    InvalidHeader(String),
    /// A collection had more pages than the client's page limit allows.
    PageLimit(usize),
    /// A batch could not be built as asked, or its answer said nothing of
    /// an item (see [`Batch`](super::Batch)).
    Batch(String),
    /// Reading the content of an upload failed.
    Io(std::io::Error),
    /// An answer breaks the protocol a helper follows: an upload session
    /// whose ranges do not fit the content, a delta round without a
    /// `@odata.deltaLink`.
    Protocol(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph(error) => {
                write!(
                    f,
                    "Graph answered {} {}: {}",
                    error.status, error.code, error.message
                )?;
                match &error.request_id {
                    Some(id) => write!(f, " (request-id {id})"),
                    None => Ok(()),
                }
            }
            Error::Status { status, body, .. } => {
                write!(
                    f,
                    "Graph answered {status} with a non-JSON body: {}",
                    excerpt(body)
                )
            }
            Error::Token(error) => write!(f, "the token provider failed: {error}"),
            Error::Timeout(after) => write!(f, "no response within {} ms", after.as_millis()),
            Error::Transport(error) => write!(f, "the connection failed: {error}"),
            Error::Decode {
                status,
                type_name,
                message,
            } => write!(f, "the {status} response is not a {type_name}: {message}"),
            Error::Unserializable(message) => {
                write!(f, "the request body cannot be serialised: {message}")
            }
            Error::InvalidUrl(message) => write!(f, "invalid URL: {message}"),
            Error::InvalidHeader(message) => write!(f, "invalid header: {message}"),
            Error::PageLimit(limit) => write!(f, "the collection has more than {limit} pages"),
            Error::Batch(message) => write!(f, "batch: {message}"),
            Error::Io(error) => write!(f, "reading the content to upload failed: {error}"),
            Error::Protocol(message) => write!(f, "unexpected answer: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Token(error) => Some(error.as_ref()),
            Error::Transport(error) => Some(error),
            Error::Io(error) => Some(error),
            _ => None,
        }
    }
}

/// The first 200 characters of a body, for a message.
fn excerpt(body: &str) -> String {
    match body.char_indices().nth(200) {
        Some((at, _)) => format!("{}...", &body[..at]),
        None => body.to_owned(),
    }
}

/// The error an unsuccessful response means.
pub(super) fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> Error {
    let envelope: Option<Value> = serde_json::from_slice(body).ok();
    let error = envelope.as_ref().and_then(|envelope| envelope.get("error"));
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    match text(error.and_then(|error| error.get("code"))) {
        Some(code) => {
            let field = |name: &str| error.and_then(|error| error.get(name));
            let inner_error = field("innerError").or_else(|| field("innererror"));
            let inner = |name: &str| text(inner_error.and_then(|inner| inner.get(name)));
            Error::Graph(GraphError {
                status,
                code,
                message: text(field("message")).unwrap_or_default(),
                request_id: inner("request-id").or(request_id),
                date: inner("date"),
            })
        }
        None => Error::Status {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
            request_id,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{from_response, Error};

    #[test]
    fn graph_error_bodies_become_typed_errors() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"Gone.","innerError":{"request-id":"r-1","date":"2021-07-01T00:00:00"}}}"#;
        match from_response(404, Some("header-id".into()), body) {
            Error::Graph(error) => {
                assert_eq!(error.code, "Request_ResourceNotFound");
                assert_eq!(error.request_id.as_deref(), Some("r-1"));
                assert_eq!(error.date.as_deref(), Some("2021-07-01T00:00:00"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_bodies_keep_status_text_and_header_request_id() {
        match from_response(502, Some("h".into()), b"<html>bad gateway</html>") {
            Error::Status {
                status,
                body,
                request_id,
            } => {
                assert_eq!((status, body.as_str()), (502, "<html>bad gateway</html>"));
                assert_eq!(request_id.as_deref(), Some("h"));
            }
            other => panic!("{other:?}"),
        }
    }
}
