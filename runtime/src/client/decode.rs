//! Turning a successful response body into the type a request expects.

use super::response::Headers;
use crate::request::Binary;
use serde::de::DeserializeOwned;
use std::any::TypeId;

/// A successful response as it arrived.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub headers: Headers,
    pub body: Vec<u8>,
}

/// A type a response body decodes into.
pub trait ResponseBody: Sized {
    /// The typed body, or a message saying why it is not one.
    fn from_response(response: RawResponse) -> Result<Self, String>;
}

/// JSON types. An empty body reads as `null` (so `Option<T>` and `()` accept
/// a `204 No Content`), and `()` ignores whatever body comes, since it is the
/// type of operations whose docs name no response.
impl<T: DeserializeOwned + 'static> ResponseBody for T {
    fn from_response(response: RawResponse) -> Result<Self, String> {
        let ignore = TypeId::of::<T>() == TypeId::of::<()>();
        let body: &[u8] = if ignore || response.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &response.body
        };
        serde_json::from_slice(body).map_err(|error| error.to_string())
    }
}

/// Raw content, kept with its media type.
impl ResponseBody for Binary {
    fn from_response(response: RawResponse) -> Result<Self, String> {
        Ok(Binary {
            content_type: response.content_type,
            bytes: response.body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{RawResponse, ResponseBody};
    use crate::request::Binary;

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            status: 200,
            content_type: Some("application/json".into()),
            headers: Default::default(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn bodies_decode_by_type() {
        assert_eq!(<()>::from_response(raw(r#"{"any":"thing"}"#)), Ok(()));
        assert_eq!(<()>::from_response(raw("")), Ok(()));
        assert_eq!(Option::<i32>::from_response(raw("")), Ok(None));
        assert_eq!(Vec::<i32>::from_response(raw("[1,2]")), Ok(vec![1, 2]));
        assert!(i32::from_response(raw("\"x\"")).is_err());
        let binary = Binary::from_response(raw("\u{1}\u{2}")).ok();
        assert_eq!(binary.map(|b| b.bytes), Some(vec![1, 2]));
    }
}
