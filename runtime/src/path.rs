//! Percent-encoding of values placed into a request path.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt::{self, Write};

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

/// A OneDrive item path in path-based addressing (`root:/{item-path}:`),
/// displayed with its `/` kept and each piece between them encoded as a
/// [`PathSegment`], so `Folder/..` still cannot climb out of the drive.
#[derive(Debug, Clone, Copy)]
pub struct ItemPath<'a>(pub &'a str);

impl fmt::Display for ItemPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (at, piece) in self.0.trim_matches('/').split('/').enumerate() {
            if at > 0 {
                f.write_char('/')?;
            }
            PathSegment(piece).fmt(f)?;
        }
        Ok(())
    }
}

/// `template` with its `{placeholders}` replaced, in order, by `arguments`,
/// each percent-encoded: as a [`StringArgument`] where the placeholder
/// follows a quote (`getSchedule(name='{name}')`), as an [`ItemPath`]
/// where it follows the `:` of path-based addressing (`root:/{path}:`,
/// `{hostname}:/{path}`), else as a [`PathSegment`]. A placeholder left without an argument becomes empty;
/// a `{` with no `}` after it is literal text.
///
/// Generated endpoint functions build their paths with this one function
/// rather than a `format!` each, which keeps thousands of them cheap to
/// compile.
pub fn fill_template(template: &str, arguments: &[&str]) -> String {
    let mut path = String::with_capacity(template.len() + 16 * arguments.len());
    let mut arguments = arguments.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|at| open + at) else {
            break;
        };
        let literal = &rest[..open];
        path.push_str(literal);
        let argument = arguments.next().copied().unwrap_or_default();
        // Writing into a `String` cannot fail.
        let _ = if literal.ends_with('\'') {
            write!(path, "{}", StringArgument(argument))
        } else if literal.ends_with(":/") || literal.ends_with(':') {
            write!(path, "{}", ItemPath(argument))
        } else {
            write!(path, "{}", PathSegment(argument))
        };
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    path
}

#[cfg(test)]
mod tests {
    use super::{fill_template, PathSegment, StringArgument};

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

    #[test]
    fn templates_are_filled_in_order() {
        assert_eq!(
            fill_template("/users/{id}/messages/{message-id}", &["a b", "m/1"]),
            "/users/a%20b/messages/m%2F1"
        );
        assert_eq!(
            fill_template("/reports/getUsage(period='{period}')", &["O'D7"]),
            "/reports/getUsage(period='O%27%27D7')"
        );
        assert_eq!(fill_template("/a/{x}{y}", &["1", "'"]), "/a/1%27");
        assert_eq!(fill_template("/me", &[]), "/me");
        assert_eq!(
            fill_template("/me/drive/root:/{path}:/content", &["/A b/../c.txt"]),
            "/me/drive/root:/A%20b/%2E%2E/c%2Etxt:/content"
        );
        assert_eq!(
            fill_template("/sites/{host}:/{path}", &["x.com", "teams/a"]),
            "/sites/x%2Ecom:/teams/a"
        );
    }

    #[test]
    fn odd_templates_keep_their_text() {
        assert_eq!(fill_template("/a/{id}/b{", &["1"]), "/a/1/b{");
        assert_eq!(fill_template("/a/{id}", &[]), "/a/");
        assert_eq!(fill_template("/a}/{id}", &["1", "2"]), "/a}/1");
    }
}
