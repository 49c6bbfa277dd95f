//! Matching an example URL's path against documented path templates.

use crate::model::{ExampleRequest, HttpMethod, Operation, PathPart, PathTemplate};
use std::collections::HashMap;

/// Operations indexed for matching example requests: by page, and by method
/// and first path segment, so a lookup tries a handful of templates rather
/// than every operation of the docs set.
pub struct OperationIndex<'a> {
    operations: &'a [Operation],
    by_page: HashMap<&'a str, Vec<usize>>,
    by_head: HashMap<(HttpMethod, String), Vec<usize>>,
    /// Templates whose first segment holds a placeholder: any path may fit.
    open: Vec<usize>,
}

impl<'a> OperationIndex<'a> {
    pub fn new(operations: &'a [Operation]) -> Self {
        let mut index = OperationIndex {
            operations,
            by_page: HashMap::new(),
            by_head: HashMap::new(),
            open: Vec::new(),
        };
        for (at, operation) in operations.iter().enumerate() {
            index
                .by_page
                .entry(operation.page.as_str())
                .or_default()
                .push(at);
            let head = first_segment(&operation.path.raw);
            if head.contains('{') {
                index.open.push(at);
            } else {
                index
                    .by_head
                    .entry((operation.method, head))
                    .or_default()
                    .push(at);
            }
        }
        index
    }

    /// The operation an example request on page `page` exercises, with the
    /// parameter values its URL gives: the page's own operations first, then
    /// any (a path documented on several pages is kept on the first).
    pub fn operation_for(
        &self,
        page: &str,
        request: &ExampleRequest,
    ) -> Option<(&'a Operation, Vec<String>)> {
        let fits = |at: &usize| {
            let operation = &self.operations[*at];
            (operation.method == request.method)
                .then(|| match_path(&operation.path, &request.path))
                .flatten()
                .map(|values| (operation, values))
        };
        let own = self.by_page.get(page).into_iter().flatten().find_map(fits);
        own.or_else(|| {
            let head = (request.method, first_segment(&request.path));
            let mut candidates: Vec<usize> = self
                .by_head
                .get(&head)
                .into_iter()
                .flatten()
                .chain(&self.open)
                .copied()
                .filter(|at| self.operations[*at].page != page)
                .collect();
            // The first documented operation wins, as in the docs' order.
            candidates.sort_unstable();
            candidates.iter().find_map(fits)
        })
    }
}

/// A path's first segment, lower-case: literal text matches regardless of
/// case.
fn first_segment(path: &str) -> String {
    let path = path.trim_start_matches('/');
    path.split('/').next().unwrap_or(path).to_ascii_lowercase()
}

/// The parameter values an example path gives a template, in template
/// order, or `None` when the path does not fit the template. Literal text
/// compares case-insensitively, as Graph's routing does.
pub fn match_path(template: &PathTemplate, path: &str) -> Option<Vec<String>> {
    let path = path.trim_end_matches('/');
    let mut rest = path;
    let mut values = Vec::new();
    let mut parts = template.parts.iter().peekable();
    while let Some(part) = parts.next() {
        match part {
            PathPart::Literal(literal) => {
                let head = rest.get(..literal.len())?;
                if !head.eq_ignore_ascii_case(literal) {
                    return None;
                }
                rest = &rest[literal.len()..];
            }
            PathPart::Param(_) => {
                let end = match parts.peek() {
                    Some(PathPart::Literal(next)) => {
                        let stop = next.chars().next().unwrap_or('/');
                        rest.find(stop).unwrap_or(rest.len())
                    }
                    _ => rest.find('/').unwrap_or(rest.len()),
                };
                // A whole segment that is an OData system segment
                // (`$count`, `$value`, `$ref`) is never a key; a function's
                // argument may start with `$` (`range(address='$A$1')`).
                let whole_segment = path[..path.len() - rest.len()].ends_with('/');
                if end == 0 || (whole_segment && rest.starts_with('$')) {
                    return None;
                }
                values.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::{match_path, OperationIndex};
    use crate::model::{ExampleRequest, HttpMethod, PathTemplate};
    use crate::source::SourceFile;

    fn page(name: &str, lines: &[&str]) -> SourceFile {
        let block = lines.join("\n");
        SourceFile::new(
            name,
            format!("---\ndoc_type: apiPageType\n---\n# {name}\n\n## HTTP request\n\n```http\n{block}\n```\n"),
        )
    }

    fn get(path: &str) -> ExampleRequest {
        ExampleRequest {
            method: HttpMethod::Get,
            url: path.to_owned(),
            version: None,
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            body_error: None,
            text_body: None,
            line: 1,
        }
    }

    #[test]
    fn the_index_prefers_the_page_then_the_first_documented_operation() {
        let api = crate::model_of(&[
            page("a.md", &["GET /things/{id}", "GET /{scope}/settings"]),
            page("b.md", &["GET /things/{id}/parts", "GET /Things/special"]),
        ]);
        let index = OperationIndex::new(&api.operations);
        let found = |page: &str, path: &str| {
            index
                .operation_for(page, &get(path))
                .map(|(operation, values)| (operation.path.raw.clone(), values))
        };
        let own = |raw: &str, values: &[&str]| {
            Some((
                raw.to_owned(),
                values.iter().map(|v| v.to_string()).collect(),
            ))
        };
        // Page b's own operation wins over a's `{id}`, whatever the case.
        assert_eq!(
            found("b.md", "/things/special"),
            own("/Things/special", &[])
        );
        assert_eq!(
            found("a.md", "/things/special"),
            own("/things/{id}", &["special"])
        );
        // Another page's operation, by first segment or through a placeholder.
        assert_eq!(
            found("c.md", "/things/1/parts"),
            own("/things/{id}/parts", &["1"])
        );
        assert_eq!(
            found("c.md", "/me/settings"),
            own("/{scope}/settings", &["me"])
        );
        assert_eq!(found("c.md", "/nothing/here"), None);
    }

    #[test]
    fn example_paths_give_parameter_values() {
        let template = PathTemplate::parse("/a/{x}/b/{y}");
        assert_eq!(
            match_path(&template, "/a/1/b/2"),
            Some(vec!["1".into(), "2".into()])
        );
        assert_eq!(
            match_path(&template, "/A/1/B/{y}"),
            Some(vec!["1".into(), "{y}".into()])
        );
        assert_eq!(match_path(&template, "/a/1/b"), None);
        assert_eq!(match_path(&template, "/a/1/c/2"), None);
        // `/users/$count` counts users; it does not get the user `$count`.
        let by_id = PathTemplate::parse("/users/{id}");
        assert_eq!(match_path(&by_id, "/users/$count"), None);
        assert_eq!(match_path(&by_id, "/users/1"), Some(vec!["1".into()]));
        let range = PathTemplate::parse("/sheet/range(address='{address}')");
        assert_eq!(
            match_path(&range, "/sheet/range(address='$A$1')"),
            Some(vec!["$A$1".into()])
        );
        let function = PathTemplate::parse("/me/f(p='{p}')");
        assert_eq!(
            match_path(&function, "/me/f(p='2021')"),
            Some(vec!["2021".into()])
        );
    }
}
