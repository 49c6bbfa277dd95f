//! Request headers Graph gives a meaning to, set by name so callers need not
//! remember the spelling or the value Graph expects.

use crate::request::Request;

impl<R> Request<R> {
    /// Sets a header, replacing any of the same name (names compare ASCII
    /// case-insensitively): a header sent twice is ambiguous to a server.
    pub fn set_header(mut self, name: &str, value: &str) -> Self {
        self.headers
            .retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        self.header(name, value)
    }

    /// `If-Match`: change the resource only if it is still the version with
    /// this `ETag` (from [`Headers::etag`](crate::client::Headers::etag) of
    /// an earlier response), so a concurrent edit is not overwritten; Graph
    /// answers `412 Precondition Failed` otherwise.
    pub fn if_match(self, etag: &str) -> Self {
        self.set_header("If-Match", etag)
    }

    /// `ConsistencyLevel: eventual`, which Graph requires for advanced
    /// directory queries (`$count`, `$search`, `endsWith` in `$filter`,
    /// ordering with filtering); most of them also need `$count=true`, see
    /// [`count`](Request::count).
    pub fn eventual_consistency(self) -> Self {
        self.set_header("ConsistencyLevel", "eventual")
    }
}

#[cfg(test)]
mod tests {
    use crate::{Method, Operation, Request};

    static GET: Operation = Operation::unlisted("get", Method::Get, "/users");

    #[test]
    fn named_headers_replace_earlier_values() {
        let request = Request::<()>::new(&GET, "/users".into())
            .header("if-match", "old")
            .if_match("\"2\"")
            .eventual_consistency()
            .eventual_consistency();
        let headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        assert_eq!(
            headers,
            [("If-Match", "\"2\""), ("ConsistencyLevel", "eventual")]
        );
    }
}
