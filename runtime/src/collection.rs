//! The envelope Graph wraps every collection response in.

use crate::model::{self, FieldMut, PropertiesMut};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// One page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
///
/// List operations, delta queries and functions that return a collection all
/// answer with this shape. `next_link` leads to the next page; a delta query's
/// last page carries `delta_link` instead. Annotations docs2rs does not name
/// are kept in `additional_properties`, so a page serialises back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// `@odata.count`.
    pub count: Option<i64>,
    /// `@odata.nextLink`.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`.
    pub delta_link: Option<String>,
    pub value: Vec<T>,
    pub additional_properties: Map<String, Value>,
}

/// An empty page; written by hand since `T` needs no default.
impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            context: None,
            count: None,
            next_link: None,
            delta_link: None,
            value: Vec::new(),
            additional_properties: Map::new(),
        }
    }
}

impl<'de, T: Deserialize<'de>> PropertiesMut<'de> for Collection<T> {
    fn property_mut(&mut self, key: &str) -> Option<&mut dyn FieldMut<'de>> {
        Some(match key {
            "@odata.context" => &mut self.context,
            "@odata.count" => &mut self.count,
            "@odata.nextLink" => &mut self.next_link,
            "@odata.deltaLink" => &mut self.delta_link,
            "value" => &mut self.value,
            _ => return None,
        })
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

/// Written by hand rather than through [`model::Properties`], which lists
/// fields that can be absent and that compare and print as well.
impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(context) = &self.context {
            map.serialize_entry("@odata.context", context)?;
        }
        if let Some(count) = &self.count {
            map.serialize_entry("@odata.count", count)?;
        }
        if let Some(next_link) = &self.next_link {
            map.serialize_entry("@odata.nextLink", next_link)?;
        }
        if let Some(delta_link) = &self.delta_link {
            map.serialize_entry("@odata.deltaLink", delta_link)?;
        }
        map.serialize_entry("value", &self.value)?;
        for (key, value) in &self.additional_properties {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        model::deserialize(deserializer)
    }
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
