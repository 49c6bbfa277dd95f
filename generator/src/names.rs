//! Rust names for documented names: deterministic, valid identifiers, and
//! collision-free within their scope.

use crate::model::{HttpMethod, PathTemplate};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words Rust reserves (strict and reserved keywords, 2021 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Makes `name` a valid identifier (`fallback` where it has no letters or
/// digits at all): keywords get a trailing `_`, a leading
/// digit a leading `_`, anything else outside `[A-Za-z0-9_]` becomes `_`.
fn identifier(name: String, fallback: &str) -> String {
    let mut cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !cleaned.chars().any(|c| c.is_ascii_alphanumeric()) {
        cleaned = format!("{fallback}{cleaned}");
    }
    if cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        cleaned.insert(0, '_');
    }
    if KEYWORDS.contains(&cleaned.as_str()) || cleaned == "Self" {
        cleaned.push('_');
    }
    cleaned
}

/// A snake_case identifier (functions, fields, modules).
pub fn snake(name: &str) -> String {
    identifier(name.replace('.', "_").to_snake_case(), "unnamed")
}

/// An UpperCamelCase identifier (types, variants).
pub fn camel(name: &str) -> String {
    identifier(name.replace('.', "_").to_upper_camel_case(), "Unnamed")
}

/// A SCREAMING_SNAKE_CASE identifier (constants).
pub fn screaming(name: &str) -> String {
    snake(name).trim_end_matches('_').to_ascii_uppercase()
}

/// The name a path segment contributes: `microsoft.graph.getSchedule(...)`
/// contributes `getSchedule`; `{id}` contributes nothing.
pub fn segment_word(segment: &str) -> Option<&str> {
    if segment.starts_with('{') {
        return None;
    }
    let without_args = segment.split('(').next().unwrap_or(segment);
    let word = without_args.rsplit('.').next().unwrap_or(without_args);
    (!word.is_empty()).then_some(word)
}

/// The API area a path belongs to: its first segment, as a module name.
pub fn area(path: &PathTemplate) -> String {
    path.segments()
        .next()
        .and_then(segment_word)
        .map_or_else(|| "root".to_owned(), snake)
}

/// The endpoint function name for a method and path, within its area: the
/// verb, the segments after the area, and `_by_id` when the path ends with a
/// key. `PATCH /a/b/{x}/c/{y}` gives `update_b_c_by_id`. A call of a Graph
/// function or action names itself, so it gets no verb: `POST
/// /me/sendMail` gives `send_mail`.
pub fn operation(method: HttpMethod, path: &PathTemplate, call: bool) -> String {
    if call {
        let words: Vec<String> = path
            .segments()
            .skip(1)
            .filter_map(segment_word)
            .map(|word| word.to_snake_case())
            .collect();
        if !words.is_empty() {
            return snake(&words.join("_"));
        }
    }
    let verb = match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "create",
        HttpMethod::Put => "replace",
        HttpMethod::Patch => "update",
        HttpMethod::Delete => "delete",
    };
    let mut words = vec![verb.to_owned()];
    words.extend(
        path.segments()
            .skip(1)
            .filter_map(segment_word)
            .map(|word| word.to_snake_case()),
    );
    if path.raw.trim_end_matches('/').ends_with('}') && path.segments().count() > 1 {
        words.push("by_id".to_owned());
    }
    snake(&words.join("_"))
}

/// The name of a function overload: `name` with the parameters of the
/// path's last segment (`getDetail(date={date})` gives `name_by_date`).
pub fn overload(name: &str, path: &PathTemplate) -> Option<String> {
    let last = path.raw.rsplit('/').next()?;
    let arguments: Vec<String> = PathTemplate::parse(last)
        .params()
        .map(|param| param.to_snake_case())
        .filter(|word| !word.is_empty())
        .collect();
    (!arguments.is_empty()).then(|| snake(&format!("{name}_by_{}", arguments.join("_and_"))))
}

/// A name for `path` where `name` is taken by the function of `other`:
/// qualified by the placeholders `path` has and `other` lacks
/// (`/teams/{id}/photo/{size}/$value` gives `get_photo_value_by_size`),
/// else by its literal segments `other` lacks (`tables/$/add` gives
/// `..._with_dollar`). `None` where the paths differ in neither.
pub fn qualified(name: &str, path: &PathTemplate, other: &PathTemplate) -> Option<String> {
    let theirs: Vec<&str> = other.params().collect();
    let params: Vec<String> = path
        .params()
        .filter(|param| !theirs.contains(param))
        .map(|param| param.to_snake_case())
        .filter(|word| !word.is_empty())
        .collect();
    if !params.is_empty() {
        return Some(snake(&format!("{name}_by_{}", params.join("_and_"))));
    }
    let segments: Vec<&str> = other.segments().collect();
    let words: Vec<String> = path
        .segments()
        .filter(|segment| !segments.contains(segment) && !segment.starts_with('{'))
        .map(|segment| match segment {
            "$" => "dollar".to_owned(),
            _ => segment_word(segment).unwrap_or(segment).to_snake_case(),
        })
        .filter(|word| !word.is_empty())
        .collect();
    (!words.is_empty()).then(|| snake(&format!("{name}_with_{}", words.join("_"))))
}

/// Names Windows keeps for devices whatever the extension (`aux.rs` cannot
/// be created there).
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem for each Rust item name, in the same order: its snake_case
/// form, which is ASCII lower case (so distinct on case-insensitive file
/// systems too) and a valid module name. Names sharing a stem, or wanting
/// one in `reserved` or one Windows keeps, are taken in sorted order: the
/// first gets the stem (if free) and the rest `_2`, `_3`, .... A stem no
/// other name wants is never numbered, so a new name can renumber only the
/// names it clashes with.
pub fn file_stems(names: &[&str], reserved: &[&str]) -> Vec<String> {
    let wanted: Vec<String> = names.iter().map(|name| snake(name)).collect();
    let unavailable = |stem: &str| reserved.contains(&stem) || DEVICE_NAMES.contains(&stem);
    let mut taken: Vec<&str> = reserved.iter().chain(DEVICE_NAMES).copied().collect();
    taken.extend(wanted.iter().map(String::as_str));
    let mut scope = Scope::with_reserved(&taken);
    let mut handed_out: BTreeSet<&str> = BTreeSet::new();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&index| names[index]);
    let mut stems = vec![String::new(); names.len()];
    for index in order {
        let stem = &wanted[index];
        stems[index] = if !unavailable(stem) && handed_out.insert(stem) {
            stem.clone()
        } else {
            scope.claim(stem).0
        };
    }
    stems
}

/// Hands out names unique within one scope: a taken name gets `_2`, `_3`, ...
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `wanted` if free, otherwise the first free numbered variant (`x_2`,
    /// or `X2` for an UpperCamelCase name). The
    /// second value tells whether a suffix was needed.
    pub fn claim(&mut self, wanted: &str) -> (String, bool) {
        let mut name = wanted.to_owned();
        let mut counter = 1;
        let camel = wanted.starts_with(|c: char| c.is_ascii_uppercase());
        let stem = wanted.trim_end_matches('_');
        while self.taken.contains(&name) {
            counter += 1;
            name = if camel {
                format!("{stem}{counter}")
            } else {
                format!("{stem}_{counter}")
            };
        }
        self.taken.insert(name.clone());
        (name.clone(), name != wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_identifiers() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3dModels"), "_3d_models");
        assert_eq!(snake("$"), "unnamed");
        assert_eq!(camel("."), "Unnamed");
        assert_eq!(snake("@odata.nextLink"), "odata_next_link");
        assert_eq!(
            camel("deviceAndAppManagementAssignmentTarget"),
            "DeviceAndAppManagementAssignmentTarget"
        );
        assert_eq!(camel("self"), "Self_");
        assert_eq!(screaming("update_x_by_id"), "UPDATE_X_BY_ID");
    }

    #[test]
    fn operation_names_come_from_the_path() {
        let item = PathTemplate::parse(
            "/deviceAppManagement/iosManagedAppProtections/{a}/assignments/{b}",
        );
        let collection =
            PathTemplate::parse("/deviceAppManagement/iosManagedAppProtections/{a}/assignments");
        assert_eq!(area(&item), "device_app_management");
        assert_eq!(
            operation(HttpMethod::Patch, &item, false),
            "update_ios_managed_app_protections_assignments_by_id"
        );
        assert_eq!(
            operation(HttpMethod::Patch, &collection, false),
            "update_ios_managed_app_protections_assignments"
        );
        let function = PathTemplate::parse("/me/microsoft.graph.getSchedule(x='{x}')");
        assert_eq!(operation(HttpMethod::Get, &function, true), "get_schedule");
        let action = PathTemplate::parse("/users/{id}/sendMail");
        assert_eq!(operation(HttpMethod::Post, &action, true), "send_mail");
        let root_action = PathTemplate::parse("/subscribe");
        assert_eq!(operation(HttpMethod::Post, &root_action, true), "create");
    }

    #[test]
    fn overloads_name_their_arguments() {
        let path = PathTemplate::parse("/reports/getDetail(date={date_value})");
        assert_eq!(
            overload("get_detail", &path).as_deref(),
            Some("get_detail_by_date_value")
        );
        let plain = PathTemplate::parse("/reports/{id}/detail");
        assert_eq!(overload("get_detail", &plain), None);
    }

    #[test]
    fn clashing_paths_are_told_apart_by_what_they_add() {
        let photo = PathTemplate::parse("/teams/{id}/photo/$value");
        let sized = PathTemplate::parse("/teams/{id}/photo/{size}/$value");
        assert_eq!(
            qualified("get_photo_value", &sized, &photo).as_deref(),
            Some("get_photo_value_by_size")
        );
        let add = PathTemplate::parse("/me/workbook/tables/add");
        let dollar = PathTemplate::parse("/me/workbook/tables/$/add");
        assert_eq!(
            qualified("tables_add", &dollar, &add).as_deref(),
            Some("tables_add_with_dollar")
        );
        assert_eq!(qualified("tables_add", &add, &add), None);
    }

    #[test]
    fn file_stems_number_only_the_names_that_clash() {
        assert_eq!(
            file_stems(&["Widget", "Abc", "AbC", "Abc2", "Aux"], &[]),
            ["widget", "abc", "ab_c", "abc2", "aux_2"]
        );
        assert_eq!(
            file_stems(&["Widget", "Abc", "ABC"], &[]),
            ["widget", "abc_2", "abc"]
        );
        assert_eq!(
            file_stems(&["Abc_2", "Abc", "ABC"], &[]),
            ["abc_2", "abc_3", "abc"]
        );
        assert_eq!(file_stems(&["_1"], &["_1"]), ["_1_2"]);
    }

    #[test]
    fn scopes_number_collisions() {
        let mut scope = Scope::with_reserved(&["odata_type"]);
        assert_eq!(scope.claim("odata_type"), ("odata_type_2".to_owned(), true));
        assert_eq!(scope.claim("id"), ("id".to_owned(), false));
        assert_eq!(scope.claim("Other"), ("Other".to_owned(), false));
        assert_eq!(scope.claim("Other"), ("Other2".to_owned(), true));
        scope.claim("type_");
        assert_eq!(scope.claim("type_"), ("type_2".to_owned(), true));
    }
}
