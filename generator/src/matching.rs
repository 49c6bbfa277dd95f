//! Matching an example URL's path against documented path templates.

use crate::model::{ExampleRequest, Operation, PathPart, PathTemplate};

/// The operation an example request on page `page` exercises, with the
/// parameter values its URL gives: the page's own operations first, then
/// any (a path documented on several pages is kept on the first).
pub fn operation_for<'a>(
    operations: &'a [Operation],
    page: &str,
    request: &ExampleRequest,
) -> Option<(&'a Operation, Vec<String>)> {
    let candidates = |own_page: bool| {
        operations
            .iter()
            .filter(move |op| (op.page == page) == own_page && op.method == request.method)
            .find_map(|op| match_path(&op.path, &request.path).map(|values| (op, values)))
    };
    candidates(true).or_else(|| candidates(false))
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
                if end == 0 {
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
    use super::match_path;
    use crate::model::PathTemplate;

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
        let function = PathTemplate::parse("/me/f(p='{p}')");
        assert_eq!(
            match_path(&function, "/me/f(p='2021')"),
            Some(vec!["2021".into()])
        );
    }
}
