//! HTTP blocks: the request-line list of the HTTP request section, and the
//! request and response examples.

use super::heal::heal_path;
use super::json::{read_json, too_deep_message, Json};
use super::Findings;
use crate::diag::Code;
use crate::model::{ExampleRequest, ExampleResponse, HttpMethod, PathTemplate, RequestLine};

/// The API versions Graph serves.
const VERSIONS: &[&str] = &["beta", "v1.0"];

/// The lines of a code block with the byte offset each starts at.
fn lines_with_offsets(text: &str, text_offset: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = text_offset;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.trim_end_matches('\r'))
    })
}

/// Reads every `METHOD /path` line of an HTTP request block.
pub fn read_request_lines(
    text: &str,
    text_offset: usize,
    findings: &mut Findings,
) -> Vec<RequestLine> {
    let mut requests = Vec::new();
    for (offset, line) in lines_with_offsets(text, text_offset) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
            continue;
        }
        let (method_word, target) = split_method(line);
        let target = request_target(target);
        let (_, path, query) = split_url(target);
        let path = match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        match (HttpMethod::parse(method_word), is_path(path)) {
            (Some(method), true) => {
                let path = match heal_path(path) {
                    Ok((path, heals)) => {
                        for heal in heals {
                            findings.at(offset, heal.code, heal.message);
                        }
                        path
                    }
                    Err(refused) => {
                        findings.at(offset, refused.code, refused.message);
                        continue;
                    }
                };
                requests.push(RequestLine {
                    method,
                    path: PathTemplate::parse(&placeholders_braced(&path)),
                    query: query.is_some_and(|query| !query.trim().is_empty()),
                    line: findings.line(offset),
                });
            }
            _ => findings.at(
                offset,
                Code::BadRequestLine,
                format!("`{line}` is not a request line (`METHOD /path`)"),
            ),
        }
    }
    requests
}

/// A block that holds request lines only (`GET /sites/root`, one a line,
/// no host, headers or body): what an HTTP request section holds, found
/// under another heading.
pub fn only_request_lines(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            let (method, target) = split_method(line);
            let target = request_target(target);
            HttpMethod::parse(method).is_some() && target.starts_with('/') && is_path(target)
        })
}

/// OData's key syntax as plain segments: `/messages('AAM=')/attachments`
/// addresses what `/messages/AAM=/attachments` does, the form request
/// lines use. Function calls (`f(p='x')`) are left alone.
fn key_parentheses_as_segments(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let key = segment
                .strip_suffix(')')
                .and_then(|rest| rest.split_once('('))
                .filter(|(name, key)| !name.is_empty() && is_key_literal(key));
            match key {
                Some((name, key)) => format!("{name}/{}", key.trim_matches('\'')),
                None => segment.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A key in parentheses: a quoted string (base64 keys hold `=`), or a
/// bare value that is no `name=value` argument list.
fn is_key_literal(key: &str) -> bool {
    let quoted = key.len() >= 2
        && key.starts_with('\'')
        && key.ends_with('\'')
        && !key[1..key.len() - 1].contains('\'');
    quoted || (!key.is_empty() && !key.contains(['=', ',', '\'']))
}

/// A path a request line can hold: no spaces or `*` outside placeholders
/// and argument lists (prose such as `** Entity URI ... not found` is not one).
fn is_path(path: &str) -> bool {
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && (c.is_whitespace() || c == '*') => return false,
            _ => {}
        }
    }
    path.len() > 1 || path == "/"
}

/// Writes every placeholder of a request path as `{name}`: `<address>`
/// becomes `{address}`, and a function argument the line gives as a sample
/// value (`getDetail(period='D7')`) becomes a placeholder of its own name
/// (`getDetail(period='{period}')`).
pub(super) fn placeholders_braced(path: &str) -> String {
    let path = path.replace('<', "{").replace('>', "}");
    path.split('/')
        .map(|segment| match segment.split_once('(') {
            Some((function, arguments)) if arguments.ends_with(')') => {
                let arguments = &arguments[..arguments.len() - 1];
                let braced: Vec<String> = arguments.split(',').map(argument_braced).collect();
                format!("{function}({})", braced.join(","))
            }
            _ => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// One `name=value` function argument, its value made a placeholder.
fn argument_braced(argument: &str) -> String {
    let Some((name, value)) = argument.split_once('=') else {
        return argument.to_owned();
    };
    let (name, value) = (name.trim(), value.trim());
    let named = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty();
    if value.contains('{') || !named {
        return argument.to_owned();
    }
    if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
        format!("{name}='{{{name}}}'")
    } else {
        format!("{name}={{{name}}}")
    }
}

/// Splits `METHOD target`, also where the space is missing (`DELETE/x`).
fn split_method(line: &str) -> (&str, &str) {
    let glued = line
        .find('/')
        .filter(|&at| HttpMethod::parse(&line[..at]).is_some());
    match glued {
        Some(at) => (&line[..at], &line[at..]),
        None => line.split_once(char::is_whitespace).unwrap_or((line, "")),
    }
}

/// The target of a request line: the rest of the line without a trailing
/// `HTTP/1.1`. Spaces are kept, since placeholders such as
/// `{id | userPrincipalName}` hold them.
fn request_target(rest: &str) -> &str {
    let rest = rest.trim();
    match rest.rfind(" HTTP/") {
        Some(at) => rest[..at].trim_end(),
        None => rest,
    }
}

/// Splits an example or request-line URL into its version segment, path
/// (starting with `/`) and raw query.
fn split_url(url: &str) -> (Option<String>, String, Option<String>) {
    let (target, query) = match url.split_once('?') {
        Some((target, query)) => (target, Some(query.to_owned())),
        None => (url, None),
    };
    let after_host = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => target,
    };
    let had_host = target.contains("://");
    let trimmed = after_host.trim_start_matches('/');
    let (first, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    if had_host || VERSIONS.contains(&first) {
        (Some(first.to_owned()), format!("/{rest}"), query)
    } else {
        (None, format!("/{trimmed}"), query)
    }
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

/// A parsed example block.
pub enum HttpExample {
    Request(ExampleRequest),
    Response(ExampleResponse),
}

/// Whether a block's first line is a status line (`HTTP/1.1 200 OK`) or a
/// bare JSON body, both of which make it a response.
pub fn looks_like_response(text: &str) -> bool {
    let first = text.trim_start();
    first.starts_with("HTTP/") || first.starts_with('{') || first.starts_with('[')
}

/// Reads a request or response example. `default_status` is used for a
/// response block that holds only a JSON body.
pub fn read_example(
    text: &str,
    text_offset: usize,
    truncated: bool,
    default_status: u16,
    findings: &mut Findings,
) -> Option<HttpExample> {
    let mut lines =
        lines_with_offsets(text, text_offset).skip_while(|(_, line)| line.trim().is_empty());
    let (first_offset, first) = lines.next()?;
    let first = first.trim();
    if first.starts_with('{') || first.starts_with('[') {
        let (body, body_error, text_body) = read_body(text.trim_start(), first_offset, findings);
        return Some(HttpExample::Response(ExampleResponse {
            status: default_status,
            headers: Vec::new(),
            body,
            body_error,
            text_body,
            truncated,
            odata_type: None,
            is_collection: None,
            line: findings.line(first_offset),
        }));
    }
    let (head, rest) = split_method(first);
    let target = request_target(rest);
    let second = (!target.is_empty()).then_some(target);
    let (headers, (body, body_error, text_body)) =
        read_headers_and_body(text, text_offset, first_offset, lines, findings);
    if head.starts_with("HTTP/") {
        let code = second.and_then(|rest| rest.split_whitespace().next());
        let Some(status) = code.and_then(|code| code.parse::<u16>().ok()) else {
            findings.at(
                first_offset,
                Code::ExampleMalformed,
                format!("`{first}` is not a status line"),
            );
            return None;
        };
        return Some(HttpExample::Response(ExampleResponse {
            status,
            headers,
            body,
            body_error,
            text_body,
            truncated,
            odata_type: None,
            is_collection: None,
            line: findings.line(first_offset),
        }));
    }
    let (Some(method), Some(url)) = (HttpMethod::parse(head), second) else {
        findings.at(
            first_offset,
            Code::ExampleMalformed,
            format!("`{first}` is not a request line"),
        );
        return None;
    };
    let (version, path, query) = split_url(url);
    let path = key_parentheses_as_segments(&path);
    if let Some(version) = version
        .as_deref()
        .filter(|version| !VERSIONS.contains(version))
    {
        let line = text[first_offset - text_offset..]
            .lines()
            .next()
            .unwrap_or_default();
        let column = line.find(version).unwrap_or_default();
        findings.span(
            first_offset + column,
            version.chars().count(),
            Code::ExampleVersion,
            format!("example URL version segment `{version}` is neither `beta` nor `v1.0`"),
        );
    }
    Some(HttpExample::Request(ExampleRequest {
        method,
        url: url.to_owned(),
        version,
        path,
        query: query.as_deref().map(parse_query).unwrap_or_default(),
        headers,
        body,
        body_error,
        text_body,
        line: findings.line(first_offset),
    }))
}

type Headers = Vec<(String, String)>;

/// Reads headers up to the blank line, then the JSON body, and checks the
/// declared Content-Length against the body.
fn read_headers_and_body<'t>(
    text: &'t str,
    text_offset: usize,
    first_offset: usize,
    lines: impl Iterator<Item = (usize, &'t str)>,
    findings: &mut Findings,
) -> (Headers, JsonBody) {
    let mut headers = Vec::new();
    let mut body_start = None;
    let mut lines = lines.peekable();
    // Some pages put a blank line between the request line and its headers.
    let mut after_blank = false;
    while lines.next_if(|(_, line)| line.trim().is_empty()).is_some() {
        after_blank = true;
    }
    for (offset, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            body_start = Some(offset + line.len() + 1);
            break;
        }
        let first_after_blank = after_blank && headers.is_empty();
        if first_after_blank && !is_header(trimmed) {
            body_start = Some(offset);
            break;
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            findings.at(
                offset,
                Code::ExampleMissingBlankLine,
                "the body follows the headers without a blank line",
            );
            body_start = Some(offset);
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let body_text = body_start
        .and_then(|start| text.get(start.saturating_sub(text_offset)..))
        .map(|body| body.trim_end_matches(['\n', '\r']))
        .unwrap_or_default();
    let body_offset = body_start.unwrap_or(first_offset);
    check_content_length(&headers, body_text, first_offset, findings);
    let content_type = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.to_ascii_lowercase());
    let body = match content_type {
        Some(media_type) if !media_type.contains("json") && !body_text.trim().is_empty() => {
            (None, None, Some(body_text.to_owned()))
        }
        _ => read_body(body_text, body_offset, findings),
    };
    (headers, body)
}

/// `Name: value` with a header name (a token, no spaces).
fn is_header(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// A body as JSON, why it is no JSON, and the text of a body that is
/// not meant to be JSON (a CSV report, a file).
type JsonBody = (Option<serde_json::Value>, Option<String>, Option<String>);

/// Reads a JSON body. JSON the docs get wrong in the ways people do
/// (trailing commas, comments, unquoted keys) is reported and read as JSON5.
fn read_body(body_text: &str, body_offset: usize, findings: &mut Findings) -> JsonBody {
    let trimmed = body_text.trim();
    if trimmed.is_empty() {
        return (None, None, None);
    }
    let (lenient, error) = match read_json(trimmed) {
        Json::Strict(value) => return (Some(value), None, None),
        Json::Lenient {
            value,
            strict_error,
        } => (Some(value), strict_error),
        Json::Invalid(strict_error) => (None, strict_error),
        Json::TooDeep => {
            let message = too_deep_message("example body");
            findings.at(body_offset, Code::JsonTooDeep, message.clone());
            return (None, Some(message), None);
        }
    };
    let line_offset = body_text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let consequence = if lenient.is_some() {
        "; read leniently as JSON5"
    } else {
        ""
    };
    findings.at(
        body_offset + line_offset,
        Code::ExampleInvalidJson,
        format!("example body is not valid JSON: {error}{consequence}"),
    );
    match lenient {
        Some(value) => (Some(value), None, None),
        None => (None, Some(error.to_string()), None),
    }
}

/// The docs count CRLF line ends and no trailing newline: a body of N bytes
/// and L line breaks declares N + L.
fn check_content_length(
    headers: &Headers,
    body_text: &str,
    offset: usize,
    findings: &mut Findings,
) {
    let declared = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok());
    let Some(declared) = declared else {
        return;
    };
    let body = body_text.replace("\r\n", "\n");
    let expected = body.len() + body.matches('\n').count();
    if declared != expected {
        findings.at(
            offset,
            Code::ContentLengthMismatch,
            format!(
                "Content-Length is {declared} but the body is {expected} bytes with CRLF line ends"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{is_path, key_parentheses_as_segments, placeholders_braced, split_url};

    #[test]
    fn key_parentheses_become_segments() {
        assert_eq!(
            key_parentheses_as_segments("/me/messages('AA=')/attachments('B')/"),
            "/me/messages/AA=/attachments/B/"
        );
        assert_eq!(key_parentheses_as_segments("/r/f(p='x')"), "/r/f(p='x')");
        assert_eq!(key_parentheses_as_segments("/r/g()"), "/r/g()");
    }

    #[test]
    fn request_line_placeholders_are_braced() {
        assert_eq!(
            placeholders_braced("/w/range(address='<address>')"),
            "/w/range(address='{address}')"
        );
        assert_eq!(
            placeholders_braced("/reports/getDetail(period='D7',date=2017-09-01)"),
            "/reports/getDetail(period='{period}',date={date})"
        );
        assert_eq!(
            placeholders_braced("/users('{id}')/x(a={b})"),
            "/users('{id}')/x(a={b})"
        );
        assert!(!is_path("** Entity URI for x not found"));
        assert!(is_path("/users/{id | userPrincipalName}"));
        assert!(is_path(
            "/range/resizedRange(deltaRows={n}, deltaColumns={n})"
        ));
    }

    #[test]
    fn urls_split_into_version_path_and_query() {
        assert_eq!(
            split_url("https://graph.microsoft.com/beta/users/{id}?$select=a"),
            (
                Some("beta".into()),
                "/users/{id}".into(),
                Some("$select=a".into())
            )
        );
        assert_eq!(
            split_url("https://graph.microsoft.com/docs\\api/x/y"),
            (Some("docs\\api".into()), "/x/y".into(), None)
        );
        assert_eq!(split_url("/me/events"), (None, "/me/events".into(), None));
        assert_eq!(
            split_url("/v1.0/me"),
            (Some("v1.0".into()), "/me".into(), None)
        );
    }
}
