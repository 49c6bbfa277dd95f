//! YAML front matter into the typed [`FrontMatter`], keeping unknown keys.

use crate::model::FrontMatter;

/// A problem reading front matter, with the line (relative to the YAML) it
/// was found on.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: u32,
    pub message: String,
}

pub fn read_front_matter(yaml: &str) -> Result<FrontMatter, YamlError> {
    serde_yaml::from_str::<Option<FrontMatter>>(yaml)
        .map(Option::unwrap_or_default)
        .map_err(|error| YamlError {
            line: error
                .location()
                .map_or(1, |at| u32::try_from(at.line()).unwrap_or(u32::MAX)),
            message: error.to_string(),
        })
}

/// The keys whose values hold a TODO placeholder, in key order.
pub fn todo_keys(front_matter: &FrontMatter) -> Vec<String> {
    let typed = [
        ("title", &front_matter.title),
        ("description", &front_matter.description),
        ("author", &front_matter.author),
        ("doc_type", &front_matter.doc_type),
    ];
    let mut keys: Vec<String> = typed
        .into_iter()
        .filter(|(_, value)| value.as_deref().is_some_and(has_todo))
        .map(|(key, _)| key.to_owned())
        .collect();
    keys.extend(
        front_matter
            .other
            .iter()
            .filter(|(_, value)| value.as_str().is_some_and(has_todo))
            .map(|(key, _)| key.clone()),
    );
    keys.sort();
    keys
}

/// Whether text is a TODO placeholder left by a docs template.
pub fn has_todo(text: &str) -> bool {
    text.contains("TODO")
}

#[cfg(test)]
mod tests {
    use super::{read_front_matter, todo_keys};

    #[test]
    fn keeps_unknown_keys_and_finds_todos() {
        let front =
            read_front_matter("title: \"x\"\nms.prod: \"**TODO: Add**\"\nms.date: 08/01/2024\n")
                .unwrap_or_default();
        assert_eq!(front.title.as_deref(), Some("x"));
        assert!(front.other.contains_key("ms.date"));
        assert_eq!(todo_keys(&front), ["ms.prod"]);
    }

    #[test]
    fn reports_the_line_of_broken_yaml() {
        let error = read_front_matter("title: x\ndescription: [unclosed\n");
        assert!(matches!(error, Err(e) if e.line >= 2));
    }
}
