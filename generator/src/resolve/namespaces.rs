//! Namespaces below `microsoft.graph` (`callRecords`, `termStore`): pages
//! spell one namespace in more than one case (`termstore`), a type's name
//! must not depend on which page spelled it, and a name a namespace's page
//! writes without namespace means that namespace's type where it has one.

use crate::model::{graph_type_name, Page, TypeRef};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Qualifies the type names a namespace's pages write without namespace
/// (`channel` on a `microsoft.graph.callRecords` page) where that
/// namespace documents a type of that name, unless a link names another
/// type's page. Done once, before any name is resolved, so resolving stays
/// a function of the name alone.
pub fn qualify_references(pages: &mut [Page]) {
    let mut documented: HashSet<String> = HashSet::new();
    let mut by_page: HashMap<String, String> = HashMap::new();
    for page in pages.iter() {
        let mut names: Vec<String> = page
            .enums
            .iter()
            .map(|doc| page.qualify(graph_type_name(&doc.name)))
            .collect();
        let documents_type = !page.properties.is_empty()
            || !page.relationships.is_empty()
            || page.resource.is_some();
        if page.kind == crate::model::PageKind::Resource && documents_type {
            let name = page.resource_name();
            by_page.insert(
                super::types::page_stem(&page.file),
                name.to_ascii_lowercase(),
            );
            names.push(name);
        }
        documented.extend(names.iter().map(|name| name.to_ascii_lowercase()));
    }
    for page in pages.iter_mut() {
        let Some(namespace) = page.sub_namespace().map(str::to_owned) else {
            continue;
        };
        let qualify = |ty: &mut TypeRef| {
            let written = ty.name.trim().trim_start_matches('#');
            let qualified = format!("{namespace}.{written}");
            let lower = qualified.to_ascii_lowercase();
            let linked_elsewhere = ty
                .page
                .as_ref()
                .and_then(|stem| by_page.get(stem))
                .is_some_and(|linked| *linked != lower);
            if !written.contains('.') && documented.contains(&lower) && !linked_elsewhere {
                ty.name = qualified;
            }
        };
        for_each_reference(page, qualify);
    }
}

/// Every type reference a page's tables and sections make.
fn for_each_reference(page: &mut Page, mut visit: impl FnMut(&mut TypeRef)) {
    let properties = page
        .properties
        .iter_mut()
        .chain(page.relationships.iter_mut())
        .chain(page.request_body.iter_mut());
    for property in properties {
        visit(&mut property.ty);
        property.ty.alternatives.iter_mut().for_each(&mut visit);
    }
    page.request_body_type.iter_mut().for_each(&mut visit);
    if let Some(ty) = page
        .response
        .as_mut()
        .and_then(|response| response.ty.as_mut())
    {
        visit(ty);
    }
}

/// Rewrites every page's `Namespace:` line and resource annotation to one
/// spelling per namespace: the one most pages use, ties going to the first
/// in byte order, so the choice depends on the docs' content alone.
pub fn unify(pages: &mut [Page]) {
    let mut spellings: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for page in pages.iter() {
        if let Some(namespace) = page.sub_namespace() {
            *spellings
                .entry(namespace.to_ascii_lowercase())
                .or_default()
                .entry(namespace.to_owned())
                .or_default() += 1;
        }
    }
    let chosen: HashMap<String, String> = spellings
        .into_iter()
        .filter_map(|(lower, counts)| {
            let most = counts.values().copied().max()?;
            let spelling = counts.into_iter().find(|(_, count)| *count == most)?.0;
            Some((lower, spelling))
        })
        .collect();
    for page in pages.iter_mut() {
        let Some(spelling) = page
            .sub_namespace()
            .and_then(|namespace| chosen.get(&namespace.to_ascii_lowercase()))
            .filter(|spelling| page.sub_namespace() != Some(spelling.as_str()))
            .cloned()
        else {
            continue;
        };
        if page.namespace.is_some() {
            page.namespace = Some(format!("microsoft.graph.{spelling}"));
        }
        if let Some(odata_type) = page
            .resource
            .as_mut()
            .and_then(|resource| resource.odata_type.as_mut())
        {
            if let Some((_, name)) = graph_type_name(odata_type).rsplit_once('.') {
                *odata_type = format!("microsoft.graph.{spelling}.{name}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resource page of `namespace`, annotated with `odata_type` if given.
    fn page(file: &str, namespace: &str, odata_type: Option<&str>) -> Page {
        let annotation = odata_type.map_or(String::new(), |name| {
            format!("<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"{name}\"}} -->\n```json\n{{\"id\": \"String\"}}\n```\n")
        });
        let text = format!(
            "# x resource type\n\nNamespace: {namespace}\n\n## JSON representation\n\n{annotation}"
        );
        crate::parse::parse_page(&crate::source::SourceFile::new(file, text)).0
    }

    #[test]
    fn the_spelling_most_pages_use_wins() {
        let mut pages = vec![
            page("a.md", "microsoft.graph.termStore", None),
            page("b.md", "microsoft.graph.termStore", None),
            page(
                "c.md",
                "microsoft.graph.termstore",
                Some("microsoft.graph.termstore.set"),
            ),
            page("d.md", "microsoft.graph", None),
        ];
        unify(&mut pages);
        let names: Vec<String> = pages.iter().map(Page::resource_name).collect();
        assert_eq!(names, ["termStore.x", "termStore.x", "termStore.set", "x"]);
    }
}
