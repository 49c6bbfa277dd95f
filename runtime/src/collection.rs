//! The envelope Graph wraps every collection response in.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
///
/// List operations, delta queries and functions that return a collection all
/// answer with this shape. `next_link` leads to the next page; a delta query's
/// last page carries `delta_link` instead. Annotations docs2rs does not name
/// are kept in `additional_properties`, so a page serialises back unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    #[serde(
        rename = "@odata.context",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub context: Option<String>,
    #[serde(
        rename = "@odata.count",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub count: Option<i64>,
    #[serde(
        rename = "@odata.nextLink",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub next_link: Option<String>,
    #[serde(
        rename = "@odata.deltaLink",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub delta_link: Option<String>,
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    #[serde(flatten)]
    pub additional_properties: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::Collection;
    use serde_json::json;

    #[test]
    fn a_page_round_trips_with_links_and_unknown_annotations() {
        let page = json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#users",
            "@odata.nextLink": "https://graph.microsoft.com/beta/users?$skiptoken=X",
            "@odata.count": 3,
            "@odata.something": true,
            "value": [1, 2]
        });
        let typed: Collection<i32> = match serde_json::from_value(page.clone()) {
            Ok(typed) => typed,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(typed.value, [1, 2]);
        assert_eq!(typed.count, Some(3));
        assert!(typed
            .next_link
            .as_deref()
            .is_some_and(|link| link.ends_with("=X")));
        assert_eq!(serde_json::to_value(&typed).ok(), Some(page));
    }

    #[test]
    fn a_delta_page_keeps_its_delta_link() {
        let typed: Collection<String> =
            match serde_json::from_str(r#"{"@odata.deltaLink":"d","value":["a"]}"#) {
                Ok(typed) => typed,
                Err(error) => panic!("{error}"),
            };
        assert_eq!(typed.delta_link.as_deref(), Some("d"));
        assert_eq!(typed.next_link, None);
    }
}
