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

/// A function's string argument in a path (`getSchedule(name='{}')`),
/// displayed percent-encoded with each `'` doubled, as OData escapes a quote
/// inside a string literal.
#[derive(Debug, Clone, Copy)]
pub struct StringArgument<'a>(pub &'a str);

impl fmt::Display for StringArgument<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        PathSegment(&self.0.replace('\'', "''")).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::{PathSegment, StringArgument};

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

    #[test]
    fn string_arguments_double_their_quotes() {
        assert_eq!(StringArgument("O'Neil").to_string(), "O%27%27Neil");
        assert_eq!(StringArgument("D7").to_string(), "D7");
    }
}
