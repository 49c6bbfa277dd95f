//! A response with its status and headers kept next to the typed body, for
//! the calls where the headers carry the answer: a `202 Accepted` whose
//! `Location` names the job to poll, an `ETag` to send back in `If-Match`.

use super::decode::{RawResponse, ResponseBody};
use super::{retry, Error};
use std::time::{Duration, SystemTime};

/// Response headers in the order they arrived. Names compare ASCII
/// case-insensitively, as HTTP names do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// The first value of `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Every header, names as they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// The entity tag to send back in `If-Match` (see [`Request::if_match`](crate::Request::if_match)).
    pub fn etag(&self) -> Option<&str> {
        self.get("etag")
    }

    /// Where a created resource or a long-running operation's status is.
    pub fn location(&self) -> Option<&str> {
        self.get("location")
    }

    /// Graph's id for the request, the one support asks for; Graph echoes
    /// `client-request-id` where it gives no `request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.get("request-id")
            .or_else(|| self.get("client-request-id"))
    }

    /// How long the server asks to wait, from seconds or an HTTP date.
    pub fn retry_after(&self) -> Option<Duration> {
        retry::parse_retry_after(self.get("retry-after")?, SystemTime::now())
    }
}

/// Name and value pairs of HTTP headers; a value that is not visible ASCII
/// is kept as UTF-8, lossily.
pub(crate) fn header_pairs(
    headers: &reqwest::header::HeaderMap,
) -> impl Iterator<Item = (String, String)> + '_ {
    headers.iter().map(|(name, value)| {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        (name.as_str().to_owned(), value)
    })
}

impl FromIterator<(String, String)> for Headers {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        Headers(pairs.into_iter().collect())
    }
}

/// A successful response: status, headers and the body decoded into the
/// request's type.
#[derive(Debug, Clone)]
pub struct Response<R> {
    pub status: u16,
    pub headers: Headers,
    pub body: R,
}

impl<R: ResponseBody> Response<R> {
    /// Decodes the body, keeping status and headers.
    pub(super) fn decode(mut raw: RawResponse) -> Result<Self, Error> {
        let status = raw.status;
        let headers = std::mem::take(&mut raw.headers);
        let body = super::decode_response(raw)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Headers;
    use std::time::Duration;

    #[test]
    fn names_compare_case_insensitively_and_request_id_falls_back() {
        let headers: Headers = [
            ("ETag", "W/\"1\""),
            ("Retry-After", "3"),
            ("client-request-id", "c-1"),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
        assert_eq!(headers.etag(), Some("W/\"1\""));
        assert_eq!(headers.get("RETRY-after"), Some("3"));
        assert_eq!(headers.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(headers.request_id(), Some("c-1"));
        assert_eq!(headers.location(), None);
    }
}
