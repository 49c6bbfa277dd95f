//! Names for the types that hold an action's parameters. A name is a
//! function of the action's own path: `{action}RequestBody`, qualified by
//! the path's segments before the action (`deviceConfigurationsAssign…`)
//! only as far as it takes to tell apart actions at different paths that
//! want the same name. Pages documenting the same path share one type.
//! Nothing is numbered, so no page's name depends on the order or count of
//! the others.

use crate::model::PathTemplate;
use std::collections::{BTreeMap, BTreeSet};

/// One parameters type to name: the path shape it is for and the pages
/// that document it.
pub struct Wanted<'a> {
    pub path: &'a PathTemplate,
    pub page: &'a str,
}

/// A name given, and whether it had to be qualified.
pub struct Named {
    pub name: String,
    /// The short name other paths' actions want too.
    pub qualified_from: Option<String>,
}

/// Names by path shape. `taken` tells names other types hold already.
pub fn name_bodies(wanted: &[Wanted], taken: impl Fn(&str) -> bool) -> BTreeMap<String, Named> {
    // The literal words of each path, the action's first.
    let mut words: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stems: BTreeMap<String, &str> = BTreeMap::new();
    for want in wanted {
        let shape = want.path.shape();
        words.entry(shape.clone()).or_insert_with(|| {
            let mut words: Vec<String> = want
                .path
                .segments()
                .filter_map(crate::names::segment_word)
                .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic()))
                .map(str::to_owned)
                .collect();
            words.reverse();
            words
        });
        stems
            .entry(shape)
            .and_modify(|stem| *stem = (*stem).min(want.page))
            .or_insert(want.page);
    }
    let mut level: BTreeMap<&str, usize> = words.keys().map(|shape| (shape.as_str(), 1)).collect();
    let compose = |shape: &str, level: usize| -> String {
        let words = &words[shape];
        if level > words.len() {
            // Every word of the path is used and it still clashes (the same
            // words with a key in another place): the page's own name, then
            // with its folders, which no other page has.
            let page = stems[shape];
            let file = page.rsplit('/').next().unwrap_or(page);
            let named = if level == words.len() + 1 { file } else { page };
            return format!("{}RequestBody", page_word(named));
        }
        let mut used: Vec<&String> = words.iter().take(level.max(1)).collect();
        used.reverse();
        let mut name = String::new();
        for (at, word) in used.iter().enumerate() {
            if at == 0 {
                name.push_str(word);
            } else {
                name.push_str(&upper_first(word));
            }
        }
        if name.is_empty() {
            name.push_str("operation");
        }
        name.push_str("RequestBody");
        name
    };
    loop {
        let mut by_name: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for (shape, level) in &level {
            by_name
                .entry(compose(shape, *level))
                .or_default()
                .insert(shape);
        }
        let mut changed = false;
        for (name, shapes) in by_name {
            if shapes.len() < 2 && !taken(&name) {
                continue;
            }
            for shape in shapes {
                if let Some(at) = level
                    .get_mut(shape)
                    .filter(|at| **at <= words[shape].len() + 1)
                {
                    *at += 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    level
        .iter()
        .map(|(shape, level)| {
            let name = compose(shape, *level);
            let short = compose(shape, 1);
            let qualified_from = (name != short).then_some(short);
            (
                (*shape).to_owned(),
                Named {
                    name,
                    qualified_from,
                },
            )
        })
        .collect()
}

fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A page's name as one lowerCamel word: `group-evaluate.md` gives
/// `groupEvaluate`, `api/group-evaluate.md` `apiGroupEvaluate`.
fn page_word(page: &str) -> String {
    let stem = page.strip_suffix(".md").unwrap_or(page);
    let mut word = String::new();
    for (at, part) in stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .enumerate()
    {
        if at == 0 {
            word.push_str(part);
        } else {
            word.push_str(&upper_first(part));
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::{name_bodies, Wanted};
    use crate::model::PathTemplate;

    fn names(paths: &[(&str, &str)], taken: &[&str]) -> Vec<(String, String)> {
        let templates: Vec<(PathTemplate, &str)> = paths
            .iter()
            .map(|(path, page)| (PathTemplate::parse(path), *page))
            .collect();
        let wanted: Vec<Wanted> = templates
            .iter()
            .map(|(path, page)| Wanted { path, page })
            .collect();
        name_bodies(&wanted, |name| taken.contains(&name))
            .into_iter()
            .map(|(shape, named)| (shape, named.name))
            .collect()
    }

    #[test]
    fn clashing_actions_are_qualified_by_their_path_not_numbered() {
        let named = names(
            &[
                ("/me/sendMail", "a.md"),
                ("/deviceManagement/deviceConfigurations/{id}/assign", "b.md"),
                (
                    "/deviceManagement/deviceCompliancePolicies/{id}/assign",
                    "c.md",
                ),
                ("/deviceManagement/deviceConfigurations/{x}/assign", "d.md"),
                ("/groups/{id}/evaluate", "api/e.md"),
                ("/groups/evaluate", "api/f.md"),
            ],
            &[],
        );
        assert_eq!(
            named,
            [
                (
                    "/devicemanagement/devicecompliancepolicies/{}/assign".to_owned(),
                    "deviceCompliancePoliciesAssignRequestBody".to_owned()
                ),
                (
                    "/devicemanagement/deviceconfigurations/{}/assign".to_owned(),
                    "deviceConfigurationsAssignRequestBody".to_owned()
                ),
                ("/groups/evaluate".to_owned(), "fRequestBody".to_owned()),
                ("/groups/{}/evaluate".to_owned(), "eRequestBody".to_owned()),
                ("/me/sendmail".to_owned(), "sendMailRequestBody".to_owned()),
            ]
        );
        // A name another type holds is qualified too.
        let named = names(&[("/me/sendMail", "a.md")], &["sendMailRequestBody"]);
        assert_eq!(named[0].1, "meSendMailRequestBody");
    }

    #[test]
    fn a_name_depends_only_on_the_paths_that_want_it() {
        let alone = names(&[("/teams/{id}/archive", "a.md")], &[]);
        let with_others = names(
            &[
                ("/teams/{id}/archive", "a.md"),
                ("/me/sendMail", "b.md"),
                ("/users/{id}/sendMail", "c.md"),
            ],
            &[],
        );
        assert_eq!(alone[0].1, "archiveRequestBody");
        assert!(with_others
            .iter()
            .any(|(_, name)| name == "archiveRequestBody"));
    }
}
