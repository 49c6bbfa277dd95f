//! Request-line paths with faults Graph's URL syntax can tell apart from
//! real segments, rewritten into the template the docs meant: a literal id
//! where a placeholder belongs (`/cases/4c8f…`, `/domains/contoso.com`,
//! `/sites/id`), a placeholder in another form (`(team-id)`, `'{id}'`), a
//! `~/` prefix, an elision (`childFolders/{id}/.../messages`). Each rewrite
//! is reported; a `.` or `..` segment, which URL resolution would remove
//! with the segment before it, makes the line no operation at all.

use crate::diag::Code;

/// One rewrite of a request-line path, to be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heal {
    pub code: Code,
    pub message: String,
}

/// The path as a template with every fault rewritten and the rewrites
/// made, or why the path is no operation.
pub fn heal_path(path: &str) -> Result<(String, Vec<Heal>), Heal> {
    let mut heals = Vec::new();
    let tilde = path.strip_prefix("/~").or_else(|| path.strip_prefix('~'));
    let path = match tilde {
        Some(rest) if rest.starts_with('/') => {
            heals.push(Heal {
                code: Code::RequestLinePlaceholderForm,
                message: "request line starts with `~/`; read from `/`".to_owned(),
            });
            rest
        }
        _ => path,
    };
    let segments: Vec<&str> = path.split('/').collect();
    if let Some(dot) = segments.iter().find(|s| **s == "." || **s == "..") {
        return Err(Heal {
            code: Code::RequestLineDotSegment,
            message: format!(
                "request line `{path}` holds a `{dot}` segment, which URL resolution removes; it is no operation"
            ),
        });
    }
    let mut healed: Vec<String> = Vec::with_capacity(segments.len());
    let mut previous: Option<String> = None;
    for segment in segments {
        if segment == "..." || segment == "…" {
            heals.push(Heal {
                code: Code::RequestLineElision,
                message: format!(
                    "request line elides segments with `{segment}`; read without the elision"
                ),
            });
            continue;
        }
        let compact = compact_arguments(segment);
        if compact != segment {
            heals.push(Heal {
                code: Code::RequestLinePlaceholderForm,
                message: format!(
                    "`{segment}` holds spaces between its arguments, which a URL cannot; read as `{compact}`"
                ),
            });
        }
        let segment = compact.as_str();
        let rewritten = other_placeholder_form(segment)
            .map(|name| {
                heals.push(Heal {
                    code: Code::RequestLinePlaceholderForm,
                    message: format!("`{segment}` is read as the placeholder `{{{name}}}`"),
                });
                format!("{{{name}}}")
            })
            .or_else(|| {
                let collection = previous.as_deref().filter(|p| is_name(p))?;
                is_literal_id(segment).then(|| {
                    let name = format!("{}-id", singular(collection));
                    heals.push(Heal {
                        code: Code::RequestLineLiteralId,
                        message: format!(
                            "`{segment}` is a literal id where a placeholder belongs; read as `{{{name}}}`"
                        ),
                    });
                    format!("{{{name}}}")
                })
            })
            .unwrap_or_else(|| segment.to_owned());
        previous = Some(segment.to_owned());
        healed.push(rewritten);
    }
    Ok((healed.join("/"), heals))
}

/// A function segment without the spaces pages put between its arguments
/// (`resizedRange(deltaRows={n}, deltaColumns={n})`); quoted values keep
/// theirs.
fn compact_arguments(segment: &str) -> String {
    if !segment.contains('(') {
        return segment.to_owned();
    }
    let mut quoted = false;
    segment
        .chars()
        .filter(|c| {
            if *c == '\'' {
                quoted = !quoted;
            }
            quoted || !c.is_whitespace()
        })
        .collect()
}

/// The name of a placeholder written as `(name)` or `'{name}'`.
fn other_placeholder_form(segment: &str) -> Option<&str> {
    let name = segment
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .or_else(|| {
            segment
                .strip_prefix("'{")
                .and_then(|rest| rest.strip_suffix("}'"))
        })?;
    is_name(name).then_some(name)
}

/// A plain name: letters, digits, `-` and `_`, starting with a letter.
fn is_name(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A segment that can only be a sample key: a GUID, 16 or more hex digits,
/// a number, a domain name (`contoso.com`; casts such as
/// `microsoft.graph.user` are no ids), or the bare word `id`.
fn is_literal_id(segment: &str) -> bool {
    let hex = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_hexdigit());
    let guid = {
        let groups: Vec<&str> = segment.split('-').collect();
        groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g))
    };
    let long_hex =
        segment.len() >= 16 && hex(segment) && segment.chars().any(|c| c.is_ascii_digit());
    let number = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit());
    guid || long_hex || number || is_domain(segment) || segment.eq_ignore_ascii_case("id")
}

/// `contoso.com`, `mail.contoso.co.uk`: dotted labels ending in letters.
fn is_domain(segment: &str) -> bool {
    let labels: Vec<&str> = segment.split('.').collect();
    let top = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && !segment.to_ascii_lowercase().starts_with("microsoft.")
        && labels.iter().all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_alphabetic())
}

/// A collection's member name for its key placeholder: `cases` → `case`,
/// `classes` → `class`, `policies` → `policy`.
fn singular(collection: &str) -> String {
    let sibilant = ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|end| collection.ends_with(end));
    if let Some(stem) = collection.strip_suffix("ies") {
        format!("{stem}y")
    } else if sibilant {
        collection[..collection.len() - 2].to_owned()
    } else if let Some(stem) = collection.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_owned()
    } else {
        collection.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::heal_path;
    use crate::diag::Code;

    fn healed(path: &str) -> (String, Vec<Code>) {
        let (path, heals) = heal_path(path).unwrap_or_else(|e| panic!("{}", e.message));
        (path, heals.into_iter().map(|heal| heal.code).collect())
    }

    #[test]
    fn literal_ids_become_placeholders_named_after_their_collection() {
        assert_eq!(
            healed("/compliance/cases/4c8f8f70-7785-4bd4-b296-c98376a2c5e1/custodians/2192ca408ea2410eba3bec8ae873be6b/sources"),
            (
                "/compliance/cases/{case-id}/custodians/{custodian-id}/sources".to_owned(),
                vec![Code::RequestLineLiteralId; 2]
            )
        );
        assert_eq!(
            healed("/domains/contoso.com/verify").0,
            "/domains/{domain-id}/verify"
        );
        assert_eq!(
            healed("/sites/id/contentTypes/id/copy").0,
            "/sites/{site-id}/contentTypes/{contentType-id}/copy"
        );
        assert_eq!(
            healed("/education/classes/11003/policies/7").0,
            "/education/classes/{class-id}/policies/{policy-id}"
        );
    }

    #[test]
    fn real_segments_stay() {
        for path in [
            "/me/memberOf/microsoft.graph.group",
            "/users/{id}/photos/48x48/$value",
            "/reports/getOffice365ActiveUserCounts(period='D7')",
            "/me/drive/root:/folder/file.txt:/content",
            "/chats/{chat-id}/members",
            "/v1.0/me",
        ] {
            assert_eq!(healed(path), (path.to_owned(), vec![]), "{path}");
        }
    }

    #[test]
    fn other_placeholder_forms_prefixes_and_elisions_are_read() {
        assert_eq!(
            healed("/teams/(team-id)/channels/{channel-id}"),
            (
                "/teams/{team-id}/channels/{channel-id}".to_owned(),
                vec![Code::RequestLinePlaceholderForm]
            )
        );
        assert_eq!(healed("/keys/'{keyId}'").0, "/keys/{keyId}");
        assert_eq!(healed("/~/profiles").0, "/profiles");
        assert_eq!(
            healed("~/profiles/{type}/groups"),
            (
                "/profiles/{type}/groups".to_owned(),
                vec![Code::RequestLinePlaceholderForm]
            )
        );
        assert_eq!(
            healed("/me/mailFolders/{id}/childFolders/{id}/.../messages/{id}"),
            (
                "/me/mailFolders/{id}/childFolders/{id}/messages/{id}".to_owned(),
                vec![Code::RequestLineElision]
            )
        );
    }

    #[test]
    fn spaces_between_arguments_are_dropped() {
        let (path, heals) =
            heal_path("/range/resizedRange(deltaRows={n}, deltaColumns={n})").unwrap_or_default();
        assert_eq!(path, "/range/resizedRange(deltaRows={n},deltaColumns={n})");
        assert_eq!(heals.len(), 1);
        let (quoted, heals) = heal_path("/range(address='A 1')").unwrap_or_default();
        assert_eq!((quoted.as_str(), heals.len()), ("/range(address='A 1')", 0));
    }

    #[test]
    fn dot_segments_are_no_operation() {
        for path in ["/me/./messages", "/users/{id}/../groups", "/a/."] {
            let refused = heal_path(path).expect_err(path);
            assert_eq!(refused.code, Code::RequestLineDotSegment);
        }
    }
}
