//! A page's request lines reconciled with its own examples, where the
//! examples show what the lines leave out: the arguments of a function a
//! line names bare (`GET /deviceManagement/getEffectivePermissions`, called
//! as `getEffectivePermissions(scope='x')`), and the count (`/$count`) or a
//! cast (`/microsoft.graph.group`) of a collection the page documents,
//! and the collection a create line that ends in a key meant.

use super::http::placeholders_braced;
use super::Findings;
use crate::diag::{Code, Diagnostic, Position};
use crate::matching::match_path;
use crate::model::{ExampleRequest, HttpMethod, Page, PathTemplate, RequestLine};

/// Gives bare function lines the arguments their examples pass (D208),
/// create lines ending in a key the collection they post to (D209), and
/// adds the counts and casts of documented collections the examples call
/// (D610).
pub fn reconcile(page: &mut Page, findings: &mut Findings) {
    let requests: Vec<ExampleRequest> = page
        .examples
        .iter()
        .filter_map(|example| example.request.clone())
        .collect();
    for line in &mut page.requests {
        if let Some(call) = function_call(line, &requests) {
            let raw = format!("{}{call}", line.path.raw);
            report(
                findings,
                line.line,
                Code::FunctionArgumentsMissing,
                format!(
                    "request line names the function `{}` without the arguments its examples pass; read as `{raw}`",
                    line.path.raw.rsplit('/').next().unwrap_or_default()
                ),
            );
            line.path = PathTemplate::parse(&raw);
        }
    }
    for line in &mut page.requests {
        if let Some(collection) = stray_key(line, &requests) {
            report(
                findings,
                line.line,
                Code::RequestLineStrayKey,
                format!(
                    "request line `POST {}` ends in a key, but its examples create in the collection; read as `{collection}`",
                    line.path.raw
                ),
            );
            line.path = PathTemplate::parse(&collection);
        }
    }
    for request in requests.iter().filter(|r| r.method == HttpMethod::Get) {
        let documented = |path: &str| {
            page.requests
                .iter()
                .find(|line| {
                    line.method == HttpMethod::Get && match_path(&line.path, path).is_some()
                })
                .map(|line| line.path.raw.clone())
        };
        if documented(&request.path).is_some() {
            continue;
        }
        let derived = count_or_cast(&request.path).and_then(|(collection, suffix)| {
            documented(collection).map(|raw| format!("{raw}{suffix}"))
        });
        let Some(raw) = derived else { continue };
        report(
            findings,
            request.line,
            Code::ExampleDerivedOperation,
            format!("the example calls `{raw}`, a form of a path this page documents that no request line lists; it is an operation of its own"),
        );
        page.requests.push(RequestLine {
            method: HttpMethod::Get,
            path: PathTemplate::parse(&raw),
            query: true,
            line: request.line,
        });
    }
}

/// The argument list (`(scope='{scope}')`) that examples pass to the
/// function a line names bare, when none of them calls it bare.
fn function_call(line: &RequestLine, requests: &[ExampleRequest]) -> Option<String> {
    let name = line.path.raw.rsplit('/').next()?;
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let same_method = || requests.iter().filter(|r| r.method == line.method);
    if !plain || same_method().any(|r| match_path(&line.path, &r.path).is_some()) {
        return None;
    }
    same_method().find_map(|request| {
        let (head, last) = request.path.trim_end_matches('/').rsplit_once('/')?;
        let (called, arguments) = last.strip_suffix(')')?.split_once('(')?;
        let fits = called.eq_ignore_ascii_case(name)
            && !arguments.trim().is_empty()
            && match_path(&line.path, &format!("{head}/{called}")).is_some();
        let braced = placeholders_braced(last);
        fits.then(|| braced[called.len()..].to_owned())
    })
}

/// The collection a create line that ends in a key (`POST
/// /taxAreas/{id}`) meant, when its examples post to the collection and
/// none to the line's path.
fn stray_key(line: &RequestLine, requests: &[ExampleRequest]) -> Option<String> {
    let (collection, key) = line.path.raw.rsplit_once('/')?;
    let keyed = key.starts_with('{') && key.ends_with('}');
    let named = collection
        .rsplit('/')
        .next()
        .is_some_and(|name| name.chars().all(|c| c.is_ascii_alphanumeric()) && !name.is_empty());
    if line.method != HttpMethod::Post || !keyed || !named {
        return None;
    }
    let posts = || requests.iter().filter(|r| r.method == HttpMethod::Post);
    let template = PathTemplate::parse(collection);
    let to_collection = posts().any(|r| match_path(&template, &r.path).is_some());
    let to_line = posts().any(|r| match_path(&line.path, &r.path).is_some());
    (to_collection && !to_line).then(|| collection.to_owned())
}

/// An example path split into the collection it counts or casts and the
/// suffix that does so: `/$count`, `/microsoft.graph.x` or both.
fn count_or_cast(path: &str) -> Option<(&str, &str)> {
    let path = path.trim_end_matches('/');
    let counted = path.strip_suffix("/$count").unwrap_or(path);
    let cast_at = counted
        .rsplit_once('/')
        .filter(|(_, last)| last.to_ascii_lowercase().starts_with("microsoft.graph."))
        .map(|(head, _)| head.len());
    let at = cast_at.unwrap_or(counted.len());
    (at < path.len() && at > 0).then(|| (&path[..at], &path[at..]))
}

fn report(findings: &mut Findings, line: u32, code: Code, message: String) {
    let at = Position { line, column: 1 };
    let diagnostic = Diagnostic::new(&findings.source.name, at, code, message);
    findings.diagnostics.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use super::count_or_cast;

    #[test]
    fn counts_and_casts_split_off_their_collection() {
        assert_eq!(count_or_cast("/users/$count"), Some(("/users", "/$count")));
        assert_eq!(
            count_or_cast("/groups/{id}/members/microsoft.graph.user/$count"),
            Some(("/groups/{id}/members", "/microsoft.graph.user/$count"))
        );
        assert_eq!(
            count_or_cast("/me/memberOf/microsoft.graph.group/"),
            Some(("/me/memberOf", "/microsoft.graph.group"))
        );
        assert_eq!(count_or_cast("/users/{id}"), None);
        assert_eq!(count_or_cast("/$count"), None);
    }
}
