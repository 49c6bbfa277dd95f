//! Percent-encoding of values placed into a request path.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt;

/// Everything but RFC 3986 unreserved characters is encoded, so a value can
/// never add a segment, a query or a fragment to the path.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// A path parameter value, displayed percent-encoded as one path segment.
///
/// Dots are encoded too (`%2E`), so a value of `.` or `..` cannot be read as a
/// dot-segment that climbs the path.
#[derive(Debug, Clone, Copy)]
pub struct PathSegment<'a>(pub &'a str);

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in utf8_percent_encode(self.0, SEGMENT) {
            f.write_str(piece)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::PathSegment;

    fn encode(value: &str) -> String {
        PathSegment(value).to_string()
    }

    #[test]
    fn reserved_characters_cannot_change_the_path() {
        assert_eq!(encode("a/b?c#d%e"), "a%2Fb%3Fc%23d%25e");
        assert_eq!(encode(".."), "%2E%2E");
        assert_eq!(encode("with space"), "with%20space");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(encode("plain-id_1~x"), "plain-id_1~x");
    }
}
