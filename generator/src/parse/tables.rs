//! Permissions, request-header and property tables.

use super::blocks::{Inline, Rich, Row};
use super::front_matter::has_todo;
use super::type_cell::type_of;
use super::Findings;
use crate::diag::Code;
use crate::model::{EnumMember, HeaderDoc, Permissions, Property, Scopes};

/// The column whose header contains one of `names` (case-insensitive).
fn column(head: &[Rich], names: &[&str]) -> Option<usize> {
    head.iter().position(|cell| {
        let header = cell.text().to_ascii_lowercase();
        names.iter().any(|name| header.contains(name))
    })
}

fn cell(row: &Row, index: usize) -> Rich {
    row.cells.get(index).cloned().unwrap_or_default()
}

pub fn read_permissions(head: &[Rich], rows: &[Row], findings: &mut Findings) -> Permissions {
    let value_column = column(head, &["permission"])
        .filter(|&at| at > 0)
        .unwrap_or(1);
    let mut permissions = Permissions::unknown("not listed in the Permissions table");
    for row in rows {
        let caller = cell(row, 0).text().to_ascii_lowercase();
        let scopes = read_scopes(&cell(row, value_column).text(), row.offset, findings);
        if caller.contains("application") {
            permissions.application = scopes;
        } else if caller.contains("personal") {
            permissions.delegated_personal = scopes;
        } else if caller.contains("delegated") {
            permissions.delegated_work_or_school = scopes;
        } else {
            findings.at(
                row.offset,
                Code::PermissionRowUnknown,
                format!("permission row `{caller}` names no known kind of caller"),
            );
        }
    }
    permissions
}

fn read_scopes(text: &str, offset: usize, findings: &mut Findings) -> Scopes {
    let text = text.trim().trim_matches('*').trim();
    if has_todo(text) || text.is_empty() {
        let shown = if text.is_empty() {
            "an empty cell"
        } else {
            text
        };
        findings.at(
            offset,
            Code::PermissionTodo,
            format!("scopes are undetermined ({shown}); they become `unknown`"),
        );
        return Scopes::Unknown(text.to_owned());
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("not supported") || lower.starts_with("not applicable") {
        return Scopes::NotSupported;
    }
    Scopes::AnyOf(
        text.split(',')
            .map(|scope| scope.trim().trim_end_matches('.').trim().to_owned())
            .filter(|scope| !scope.is_empty())
            .collect(),
    )
}

pub fn read_headers(head: &[Rich], rows: &[Row]) -> Vec<HeaderDoc> {
    let value_column = column(head, &["value", "description"]).unwrap_or(1);
    rows.iter()
        .map(|row| {
            let text = cell(row, value_column).text();
            let lower = text.to_ascii_lowercase();
            HeaderDoc {
                name: cell(row, 0).text(),
                value: header_value(&text),
                required: lower.contains("required") && !lower.contains("not required"),
            }
        })
        .filter(|header| !header.name.is_empty())
        .collect()
}

/// The literal value at the start of a header description: the text before
/// the first sentence break (`Bearer {token}. Required.` gives `Bearer {token}`).
fn header_value(text: &str) -> String {
    let mut end = text.len();
    for (at, _) in text.match_indices('.') {
        let after = &text[at + 1..];
        if after.is_empty() || after.starts_with(' ') || after.starts_with(char::is_uppercase) {
            end = at;
            break;
        }
    }
    text[..end].trim().to_owned()
}

pub fn read_properties(head: &[Rich], rows: &[Row], findings: &mut Findings) -> Vec<Property> {
    let type_column = column(head, &["type"]).unwrap_or(1);
    let description_column = column(head, &["description"]).unwrap_or(2);
    rows.iter()
        .filter_map(|row| {
            let written = cell(row, 0).text();
            let ty = type_of(&cell(row, type_column));
            let name = match wire_name(&written) {
                Some(name) => name.to_owned(),
                // A label row (`**Onboarding**`) gives no type: no finding.
                None if ty.name.is_empty() || written.trim().is_empty() => return None,
                None => {
                    findings.at(
                        row.offset,
                        Code::PropertyNameInvalid,
                        format!(
                            "`{}` is no JSON member name; the row is left out",
                            written.trim()
                        ),
                    );
                    return None;
                }
            };
            let description = cell(row, description_column);
            let description_text = description.text();
            if has_todo(&description_text) {
                findings.at(
                    row.offset,
                    Code::TodoPlaceholder,
                    format!("the description of `{name}` is a TODO placeholder"),
                );
            }
            Some(Property {
                ty,
                possible_values: possible_values(&description),
                description: description.markdown(),
                line: findings.line(row.offset),
                name,
            })
        })
        .collect()
}

/// The JSON member name a Name cell gives, without markup and a remark
/// after it (`autoAdmittedUsers (deprecated)`): letters, digits, `_`, and
/// the `@`, `.` and `$` of instance annotations (`@odata.type`). A sentence
/// or a path (`file/localizations`) gives none.
fn wire_name(written: &str) -> Option<&str> {
    let name = written.trim().trim_matches(|c| c == '`' || c == '*').trim();
    let name = match name.split_once('(') {
        Some((before, remark)) if remark.trim_end().ends_with(')') => before.trim_end(),
        _ => name,
    };
    let name = name.trim_matches(|c| c == '`' || c == '*');
    let valid = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == '@')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '$' | '-'));
    valid.then_some(name)
}

/// A Members table: `Member | Value | Description` or `Member | Description`.
pub fn read_members(head: &[Rich], rows: &[Row]) -> Vec<EnumMember> {
    let value_column = column(head, &["value"]);
    let description_column = column(head, &["description"]);
    rows.iter()
        .filter_map(|row| {
            let name = cell(row, 0).text().trim_matches('`').trim().to_owned();
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            valid.then(|| EnumMember {
                value: value_column.and_then(|at| cell(row, at).text().trim().parse().ok()),
                description: description_column
                    .map(|at| cell(row, at).text())
                    .unwrap_or_default(),
                name,
            })
        })
        .collect()
}

/// The code spans after "Possible values are" up to the end of that sentence.
fn possible_values(description: &Rich) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let mut listing = false;
    for piece in &description.pieces {
        match piece {
            Inline::Text(text) => {
                if listing && !values.is_empty() && text.contains('.') {
                    break;
                }
                if text.to_ascii_lowercase().contains("possible values") {
                    listing = true;
                }
            }
            Inline::Code(code) if listing && !values.contains(code) => values.push(code.clone()),
            _ => {}
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::{header_value, wire_name};

    #[test]
    fn wire_names_drop_remarks_and_refuse_sentences() {
        assert_eq!(wire_name("`id`"), Some("id"));
        assert_eq!(wire_name("**system**"), Some("system"));
        assert_eq!(
            wire_name("autoAdmittedUsers (deprecated)"),
            Some("autoAdmittedUsers")
        );
        assert_eq!(wire_name("@odata.type"), Some("@odata.type"));
        assert_eq!(wire_name("file/localizations"), None);
        assert_eq!(wire_name("Anonymous Sharing Link"), None);
        assert_eq!(wire_name("The id of the item."), None);
    }

    #[test]
    fn header_values_stop_at_the_first_sentence() {
        assert_eq!(header_value("Bearer {token}. Required."), "Bearer {token}");
        assert_eq!(header_value("Bearer {token}.Required"), "Bearer {token}");
        assert_eq!(header_value("application/json"), "application/json");
        assert_eq!(
            header_value("outlook.timezone=\"x\". Optional."),
            "outlook.timezone=\"x\""
        );
    }
}
