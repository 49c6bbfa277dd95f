//! A resource page's JSON representation block, read for the properties it
//! shows. The block is an illustration, not a payload: placeholders, block
//! comments, trailing commas and elided lines (`...`) are common, so it is
//! read leniently, and a block that cannot be read at all yields nothing.

use super::json::{read_json, Json};
use crate::model::{graph_type_name, Property, Representation, TypeRef};
use crate::primitive::Primitive;
use serde_json::{Map, Value};

/// What a representation block shows: the names (with their lines), and
/// the properties with the types their values stand for, which are a page's
/// properties where it lists them nowhere else.
#[derive(Debug, Clone)]
pub struct Shown {
    pub representation: Representation,
    pub properties: Vec<Property>,
}

/// Reads a representation block whose text starts on line `first_line`,
/// once for both of what it shows. `truncated` is the annotation's flag. A
/// block nested too deep to read is an error for the caller to report.
pub fn read_representation(
    text: &str,
    first_line: u32,
    truncated: bool,
) -> Result<Option<Shown>, TooDeep> {
    let Some((object, elided)) = read_object(text)? else {
        return Ok(None);
    };
    let positions = top_level_keys(text);
    let properties: Vec<Property> = object
        .iter()
        .filter(|(key, _)| !key.contains('@'))
        .map(|(key, value)| Property {
            name: key.clone(),
            ty: shown_type(value),
            description: String::new(),
            possible_values: Vec::new(),
            line: positions
                .iter()
                .find(|(name, _)| name == key)
                .map_or(first_line, |(_, line)| first_line + line),
        })
        .collect();
    let names = properties
        .iter()
        .map(|property| crate::model::Shown {
            name: property.name.clone(),
            line: property.line,
        })
        .collect();
    Ok(Some(Shown {
        representation: Representation {
            line: first_line,
            properties: names,
            elided: elided || truncated,
        },
        properties,
    }))
}

/// The type a representation's placeholder value stands for.
fn shown_type(value: &Value) -> TypeRef {
    match value {
        Value::Array(items) => TypeRef {
            collection: true,
            ..items
                .first()
                .map_or_else(|| TypeRef::named("Json", false), shown_type)
        },
        Value::Object(object) => {
            let named = object.get("@odata.type").and_then(Value::as_str);
            named_type(named.map_or("Json", graph_type_name))
        }
        Value::Bool(_) => TypeRef::named("Boolean", false),
        Value::Number(number) if number.is_f64() => TypeRef::named("Double", false),
        Value::Number(_) => TypeRef::named("Int32", false),
        Value::String(placeholder) => named_type(placeholder_type(placeholder)),
        Value::Null => TypeRef::named("Json", false),
    }
}

/// A primitive, or a type the block plainly names.
fn named_type(name: &str) -> TypeRef {
    TypeRef {
        linked: Primitive::parse(name).is_none(),
        ..TypeRef::named(name, false)
    }
}

/// `String (timestamp)` is a DateTimeOffset, `String (identifier)` a
/// String, `Int64` itself; a value that names no primitive is a string.
fn placeholder_type(placeholder: &str) -> &str {
    let (outer, remark) = match placeholder.split_once('(') {
        Some((outer, remark)) => (outer.trim(), remark.trim_end_matches(')').trim()),
        None => (placeholder.trim(), ""),
    };
    match (Primitive::parse(remark), Primitive::parse(outer)) {
        (Some(_), Some(Primitive::String)) => remark,
        (_, Some(_)) => outer,
        _ if graph_type_name(outer).contains('.') => outer,
        _ => "String",
    }
}

/// A representation block nested more levels deep than docs2rs reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep;

/// A block's object, and whether lines were elided from it.
type ReadObject = (Map<String, Value>, bool);

/// The block as a JSON object: strict JSON, else JSON5, else JSON5 with
/// the lines that only say `...` taken out (and then it is elided).
fn read_object(text: &str) -> Result<Option<ReadObject>, TooDeep> {
    let read = |text: &str| match read_json(text) {
        Json::Strict(value) | Json::Lenient { value, .. } => Ok(Some(value)),
        Json::Invalid(_) => Ok(None),
        Json::TooDeep => Err(TooDeep),
    };
    let (value, elided) = match read(text)? {
        Some(value) => (value, false),
        None => {
            let kept: Vec<&str> = text.lines().filter(|line| !is_elision(line)).collect();
            if kept.len() == text.lines().count() {
                return Ok(None);
            }
            match read(&kept.join("\n"))? {
                Some(value) => (value, true),
                None => return Ok(None),
            }
        }
    };
    Ok(match value {
        Value::Object(object) => Some((object, elided)),
        _ => None,
    })
}

/// A line standing for left-out properties: `...` or `…`, maybe with a comma.
fn is_elision(line: &str) -> bool {
    matches!(line.trim().trim_end_matches(','), "..." | "…")
}

/// The quoted keys of the outermost object with the 0-based line each is
/// on, found by a scan that skips strings and comments (the parsed value
/// has no positions).
fn top_level_keys(text: &str) -> Vec<(String, u32)> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut line = 0u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '/' if chars.peek() == Some(&'/') => {
                while chars.next_if(|&next| next != '\n').is_some() {}
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for inner in chars.by_ref() {
                    if inner == '\n' {
                        line += 1;
                    }
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
            }
            '"' => {
                let start_line = line;
                let mut string = String::new();
                while let Some(inner) = chars.next() {
                    match inner {
                        '"' => break,
                        '\\' => string.extend(chars.next()),
                        '\n' => {
                            line += 1;
                            string.push(inner);
                        }
                        _ => string.push(inner),
                    }
                }
                while chars
                    .next_if(|next| next.is_whitespace() && *next != '\n')
                    .is_some()
                {}
                if depth == 1 && chars.peek() == Some(&':') {
                    keys.push((string, start_line));
                }
            }
            _ => {}
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::read_representation;

    #[test]
    fn shown_values_stand_for_types() {
        let text = "{\n  \"id\": \"String (identifier)\",\n  \"when\": \"String (timestamp)\",\n  \"size\": 1024,\n  \"tags\": [\"String\"],\n  \"icon\": {\"@odata.type\": \"microsoft.graph.workbookIcon\"},\n  \"values\": {\"@odata.type\": \"microsoft.graph.Json\"},\n  \"address\": \"NAV.PostalAddress\",\n  \"color\": \"string\"\n}";
        let shown: Vec<(String, String, bool, u32)> = read_representation(text, 10, false)
            .ok()
            .flatten()
            .map(|shown| shown.properties)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.name, p.ty.name, p.ty.collection, p.line))
            .collect();
        let expected = [
            ("id", "String", false, 11),
            ("when", "timestamp", false, 12),
            ("size", "Int32", false, 13),
            ("tags", "String", true, 14),
            ("icon", "workbookIcon", false, 15),
            ("values", "Json", false, 16),
            ("address", "NAV.PostalAddress", false, 17),
            ("color", "string", false, 18),
        ];
        let expected: Vec<(String, String, bool, u32)> = expected
            .iter()
            .map(|(n, t, c, l)| (n.to_string(), t.to_string(), *c, *l))
            .collect();
        let mut sorted = shown.clone();
        sorted.sort_by_key(|p| p.3);
        assert_eq!(sorted, expected);
    }

    fn names(text: &str) -> Option<(Vec<(String, u32)>, bool)> {
        read_representation(text, 10, false)
            .ok()
            .flatten()
            .map(|shown| {
                let r = shown.representation;
                let names = r.properties.into_iter().map(|s| (s.name, s.line));
                (names.collect(), r.elided)
            })
    }

    #[test]
    fn reads_lenient_blocks_with_the_line_of_each_property() {
        let text = "{\n  \"id\": \"String (identifier)\",\n  /* inherited */\n  \"owner\": {\"@odata.type\": \"microsoft.graph.identity\", \"name\": \"x\"},\n  \"tags\": [\"String\"],\n}\n";
        let (properties, elided) = names(text).unwrap_or_default();
        let expected = [("id", 11), ("owner", 13), ("tags", 14)];
        let expected: Vec<(String, u32)> = expected
            .iter()
            .map(|(name, line)| ((*name).to_owned(), *line))
            .collect();
        assert_eq!(properties, expected);
        assert!(!elided);
    }

    #[test]
    fn elided_lines_are_read_around_and_unreadable_blocks_give_nothing() {
        let elided = names("{\n  \"@odata.type\": \"x\",\n  \"a\": 1,\n  ...\n}");
        assert_eq!(elided, Some((vec![("a".to_owned(), 12)], true)));
        assert_eq!(names("{ \"a\": String }"), None);
        assert_eq!(names("[1, 2]"), None);
    }
}
