//! The JSON annotations the docs put in HTML comments before code blocks,
//! read leniently the way the docs' own validator reads them.

use super::json::{read_json, Json};
use crate::model::ResourceDoc;
use serde_json::Value;

/// What an annotation comment says about the block after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    pub block_type: Option<String>,
    /// `name` may be a string or a list; a response names its request(s).
    pub names: Vec<String>,
    pub truncated: bool,
    /// `isCollection` of a response: the body is a collection page.
    pub is_collection: Option<bool>,
    /// What a `resource` annotation says about the type.
    pub resource: ResourceDoc,
}

/// The block types the docs use.
pub const KNOWN_BLOCK_TYPES: &[&str] = &[
    "request", "response", "resource", "example", "ignored", "samples", "enum",
];

/// How an annotation comment read.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Strict JSON.
    Strict(Annotation),
    /// Only JSON5 (trailing commas, unquoted keys) could read it.
    Lenient(Annotation),
    /// Not readable even leniently: the parser's message.
    Invalid(String),
    /// Nested too deep to read.
    TooDeep,
}

/// Reads an HTML block as an annotation. Returns `None` for HTML that is not
/// a comment holding a JSON object (such as `<!-- markdownlint-disable -->`).
pub fn read_annotation(html: &str) -> Option<Reading> {
    let inner = html.trim().strip_prefix("<!--")?;
    let inner = inner.trim_end().strip_suffix("-->").unwrap_or(inner).trim();
    if !inner.starts_with('{') {
        return None;
    }
    Some(match read_json(inner) {
        Json::Strict(value) => Reading::Strict(annotation_from(&value)),
        Json::Lenient { value, .. } => Reading::Lenient(annotation_from(&value)),
        Json::Invalid(strict_error) => Reading::Invalid(strict_error.to_string()),
        Json::TooDeep => Reading::TooDeep,
    })
}

fn annotation_from(value: &Value) -> Annotation {
    let names = match value.get("name") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(|name| name.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    Annotation {
        block_type: value
            .get("blockType")
            .and_then(Value::as_str)
            .map(str::to_owned),
        names,
        truncated: flag(value, "truncated"),
        is_collection: value
            .get("isCollection")
            .map(|_| flag(value, "isCollection")),
        resource: ResourceDoc {
            // Some pages write `@type`, as the docs' older annotations did.
            odata_type: text(value, "@odata.type").or_else(|| text(value, "@type")),
            base_type: text(value, "baseType"),
            key_property: text(value, "keyProperty"),
            is_abstract: flag(value, "abstract"),
            open_type: flag(value, "openType"),
            optional_properties: value
                .get("optionalProperties")
                .and_then(Value::as_array)
                .map(|names| {
                    names
                        .iter()
                        .filter_map(|name| name.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        },
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A boolean key, also accepted as the string `"true"`.
fn flag(value: &Value, key: &str) -> bool {
    match value.get(key) {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{read_annotation, Reading};

    #[test]
    fn strict_lenient_invalid_and_not_an_annotation() {
        let strict =
            read_annotation("<!-- {\n \"blockType\": \"response\", \"truncated\": true\n} -->");
        assert!(
            matches!(strict, Some(Reading::Strict(a)) if a.truncated && a.block_type.as_deref() == Some("response"))
        );
        let lenient = read_annotation("<!-- { blockType: \"request\", name: [\"a\", \"b\"], } -->");
        assert!(matches!(lenient, Some(Reading::Lenient(a)) if a.names == ["a", "b"]));
        assert!(matches!(
            read_annotation("<!-- { \"blockType\": -->"),
            Some(Reading::Invalid(_))
        ));
        assert_eq!(read_annotation("<!-- markdownlint-disable -->"), None);
    }
}
