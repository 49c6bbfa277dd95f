//! The URL and headers of a request, checked before anything is sent.

use super::Error;
use crate::operation::Method;
use crate::request::Request;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Query text is encoded except for unreserved characters and the few OData
/// needs literal (`$select`, `a,b`, `f(x)`, `'text'`).
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'$')
    .remove(b',')
    .remove(b'(')
    .remove(b')')
    .remove(b'\'');

/// Where a request goes: a path under the base URL, or an absolute URL a
/// previous response gave (`@odata.nextLink`).
pub(super) enum Target {
    Path { path: String, query: String },
    Absolute(String),
}

impl Target {
    pub fn of<R>(request: &Request<R>) -> Self {
        Target::Path {
            path: request.path.clone(),
            query: encode_query(&request.query),
        }
    }

    /// The full URL. A path the URL standard would rewrite (a `.` or `..`
    /// segment, even percent-encoded) is refused rather than sent changed;
    /// an absolute URL must share the base URL's origin, so the token never
    /// goes to another host.
    pub fn url(&self, base: &reqwest::Url) -> Result<reqwest::Url, Error> {
        match self {
            Target::Path { path, query } => {
                let joined = format!("{}{}", base.as_str().trim_end_matches('/'), path);
                let mut url = reqwest::Url::parse(&joined)
                    .map_err(|error| Error::InvalidUrl(format!("`{joined}`: {error}")))?;
                let expected = format!("{}{}", base.path().trim_end_matches('/'), path);
                if url.path() != expected {
                    return Err(Error::InvalidUrl(format!(
                        "the path `{expected}` would be sent as `{}` (a `.` or `..` segment)",
                        url.path()
                    )));
                }
                url.set_query((!query.is_empty()).then_some(query.as_str()));
                Ok(url)
            }
            Target::Absolute(link) => {
                let url = reqwest::Url::parse(link)
                    .map_err(|error| Error::InvalidUrl(format!("`{link}`: {error}")))?;
                if url.origin() != base.origin() {
                    return Err(Error::InvalidUrl(format!(
                        "`{link}` leaves {}; the token is not sent elsewhere",
                        base.origin().ascii_serialization()
                    )));
                }
                Ok(url)
            }
        }
    }
}

/// Query pairs as the URL carries them: `name=value&...`, encoded.
pub(super) fn encode_query(query: &[(String, String)]) -> String {
    query
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(name, QUERY),
                utf8_percent_encode(value, QUERY)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub(super) fn method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// A header reqwest would reject, reported before sending.
pub(super) fn check_header(name: &str, value: &str) -> Result<(), Error> {
    let valid = reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
        && reqwest::header::HeaderValue::from_str(value).is_ok();
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidHeader(format!("`{name}: {value}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::Target;

    fn base() -> reqwest::Url {
        match reqwest::Url::parse("https://graph.microsoft.com/beta") {
            Ok(url) => url,
            Err(error) => panic!("{error}"),
        }
    }

    fn path(path: &str, query: &str) -> Target {
        Target::Path {
            path: path.to_owned(),
            query: query.to_owned(),
        }
    }

    #[test]
    fn paths_join_the_base_and_dot_segments_are_refused() {
        let url = path("/users/a%2Fb", "$top=1").url(&base()).ok();
        assert_eq!(
            url.map(String::from).as_deref(),
            Some("https://graph.microsoft.com/beta/users/a%2Fb?$top=1")
        );
        assert!(path("/users/%2E%2E", "").url(&base()).is_err());
        assert!(path("/users/a..b", "").url(&base()).is_ok());
    }

    #[test]
    fn links_elsewhere_are_refused() {
        let same = Target::Absolute("https://graph.microsoft.com/beta/users?$skiptoken=x".into());
        assert!(same.url(&base()).is_ok());
        let other = Target::Absolute("https://evil.example/beta/users".into());
        assert!(other.url(&base()).is_err());
    }
}
