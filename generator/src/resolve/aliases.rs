//! Path forms Graph accepts for the same resource, which pages document
//! in one form and their examples call in another: `/me/...` for
//! `/users/{id}/...`, a drive's `root` for `items/{id}`, `/sites/root` for
//! `/sites/{id}`, `/drive/...` for `/me/drive/...`. An example that fits no documented path but fits such a
//! form of one of its page's paths gets a function of its own for that
//! form, typed and documented as the path it stands for.

use crate::matching::{match_path, OperationIndex};
use crate::model::{HttpMethod, Operation, Page, PageKind, PathTemplate};
use crate::names;
use std::collections::{BTreeMap, HashMap};

/// The operations for the alias forms the pages' examples use that no
/// page documents, one per method and path shape, from the first example
/// (in page and line order) that uses it.
pub fn alias_operations(operations: &[Operation], pages: &[Page]) -> Vec<Operation> {
    let matcher = OperationIndex::new(operations);
    let by_shape: HashMap<(HttpMethod, String), &Operation> = operations
        .iter()
        .map(|operation| ((operation.method, operation.path.shape()), operation))
        .collect();
    let mut aliases: BTreeMap<(HttpMethod, String), Operation> = BTreeMap::new();
    for page in pages.iter().filter(|page| page.kind == PageKind::Api) {
        let requests = page
            .examples
            .iter()
            .filter_map(|example| example.request.as_ref());
        for request in requests {
            if matcher.operation_for(&page.file, request).is_some() {
                continue;
            }
            let documented = page
                .requests
                .iter()
                .filter(|line| line.method == request.method)
                .filter_map(|line| by_shape.get(&(line.method, line.path.shape())));
            let alias = documented.flat_map(|operation| {
                forms(&operation.path)
                    .into_iter()
                    .find(|form| match_path(form, &request.path).is_some())
                    .map(|form| (operation, form))
            });
            let Some((operation, form)) = alias.into_iter().next() else {
                continue;
            };
            let key = (operation.method, form.shape());
            if by_shape.contains_key(&key) || aliases.contains_key(&key) {
                continue;
            }
            let alias = Operation {
                name: names::operation(operation.method, &form, operation.call),
                area: names::area(&form),
                path: form,
                page: page.file.clone(),
                line: request.line,
                ..(*operation).clone()
            };
            aliases.insert(key, alias);
        }
    }
    aliases.into_values().collect()
}

/// The other forms of a documented path: `/me` and `/users/{user-id}`
/// each for the other, `/drive` for `/me/drive`, a drive item's
/// `items/{id}` as the drive's `root`
/// (by key or by path, `root:/{item-path}:`), `/sites/{id}` and
/// `/sites/root` each for the other; in every combination.
fn forms(path: &PathTemplate) -> Vec<PathTemplate> {
    let mut forms = vec![path.raw.clone()];
    let rewrites: [fn(&str) -> Vec<String>; 4] =
        [signed_in_user, signed_in_drive, drive_root, root_site];
    for rewrite in rewrites {
        let more: Vec<String> = forms.iter().flat_map(|form| rewrite(form)).collect();
        forms.extend(more);
    }
    forms.sort();
    forms.dedup();
    forms
        .into_iter()
        .filter(|form| *form != path.raw)
        .map(|form| PathTemplate::parse(&form))
        .collect()
}

/// `/me/x` for `/users/{id}/x`, and the reverse.
fn signed_in_user(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["", "me", rest @ ..] => vec![join(&["", "users", "{user-id}"], rest)],
        ["", users, key, rest @ ..] if users.eq_ignore_ascii_case("users") && is_key(key) => {
            vec![join(&["", "me"], rest)]
        }
        _ => Vec::new(),
    }
}

/// `/drive/x` for `/me/drive/x`: `/drive` is the signed-in user's drive.
fn signed_in_drive(path: &str) -> Vec<String> {
    path.strip_prefix("/me/drive/")
        .map(|rest| vec![format!("/drive/{rest}")])
        .unwrap_or_default()
}

/// A drive's `root` (or `root:/{item-path}:`) for its `items/{id}`.
fn drive_root(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let Some(at) = segments
        .windows(2)
        .position(|pair| pair[0].eq_ignore_ascii_case("items") && is_key(pair[1]))
    else {
        return Vec::new();
    };
    let on_a_drive = at > 0
        && (segments[at - 1].eq_ignore_ascii_case("drive")
            || (at > 1
                && segments[at - 2].eq_ignore_ascii_case("drives")
                && is_key(segments[at - 1])));
    if !on_a_drive {
        return Vec::new();
    }
    let (before, after) = (&segments[..at], &segments[at + 2..]);
    ["root", "root:/{item-path}:"]
        .iter()
        .map(|root| {
            let mut parts = before.to_vec();
            parts.push(root);
            join(&parts, after)
        })
        .collect()
}

/// `/sites/root` for `/sites/{id}`, and the reverse.
fn root_site(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["", sites, key, rest @ ..] if sites.eq_ignore_ascii_case("sites") && is_key(key) => {
            vec![join(&["", "sites", "root"], rest)]
        }
        ["", sites, root, rest @ ..]
            if sites.eq_ignore_ascii_case("sites") && root.eq_ignore_ascii_case("root") =>
        {
            vec![join(&["", "sites", "{site-id}"], rest)]
        }
        _ => Vec::new(),
    }
}

fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn join(head: &[&str], rest: &[&str]) -> String {
    head.iter()
        .chain(rest)
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::forms;
    use crate::model::PathTemplate;

    fn raw(path: &str) -> Vec<String> {
        forms(&PathTemplate::parse(path))
            .into_iter()
            .map(|form| form.raw)
            .collect()
    }

    #[test]
    fn documented_paths_have_their_alias_forms() {
        assert_eq!(
            raw("/users/{id}/drive/items/{item-id}/children"),
            [
                "/drive/items/{item-id}/children",
                "/drive/root/children",
                "/drive/root:/{item-path}:/children",
                "/me/drive/items/{item-id}/children",
                "/me/drive/root/children",
                "/me/drive/root:/{item-path}:/children",
                "/users/{id}/drive/root/children",
                "/users/{id}/drive/root:/{item-path}:/children",
            ]
        );
        assert_eq!(raw("/me"), ["/users/{user-id}"]);
        assert_eq!(raw("/sites/{site-id}/lists"), ["/sites/root/lists"]);
        assert_eq!(raw("/sites/root"), ["/sites/{site-id}"]);
        assert!(raw("/groups/{id}/items/{x}").is_empty());
    }
}
