//! A model of Graph's URL space assembled from the docs: the roots (entity
//! sets such as `/users`, singletons such as `/me`) from the pages that
//! document them, and every further segment through the type table (a
//! key, a navigation or structural property, a cast, `$count`, `$value`,
//! `$ref`, a bound function or action). A documented path resolved through
//! it tells which resource the path addresses, whatever one page says.

use super::types::TypeTable;
use crate::model::{HttpMethod, PathTemplate, TypeRef};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a path addresses, when it is a resource: one entity or value, or
/// a collection of them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// A canonical type name, or a primitive's.
    pub name: String,
    pub collection: bool,
}

impl Target {
    pub fn type_ref(&self) -> TypeRef {
        TypeRef::named(&self.name, self.collection)
    }

    fn member(&self) -> Target {
        Target {
            name: self.name.clone(),
            collection: false,
        }
    }
}

/// What a path's last segment does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressed {
    /// An entity, a collection, or a property's value.
    Resource(Target),
    /// A bound function or action (or one at the root).
    Call,
    /// `$count` of a collection.
    Count,
    /// `$value`: raw content.
    Raw,
    /// `$ref`: the link to an entity, not the entity.
    Reference,
    /// A segment the model cannot read: an undocumented navigation, a root
    /// no page types, or a function call in the middle of the path.
    Unknown(String),
}

/// A path's type as one page states it: the evidence roots and
/// undocumented navigations are voted from.
pub struct Evidence<'a> {
    pub method: HttpMethod,
    pub path: &'a PathTemplate,
    /// The request line shows query options.
    pub query: bool,
    /// The response type the page states, resolved against the type table.
    pub response: Option<&'a TypeRef>,
}

/// The roots of the URL space, the navigations pages use that no resource
/// page lists, and the names of the bound functions and actions the pages
/// document.
pub struct UrlSpace {
    roots: HashMap<String, Target>,
    /// By declaring type and lower-case name.
    navigations: HashMap<(String, String), Target>,
    /// The names documented paths use right after each path (lower case,
    /// placeholders as `{}`), placeholders included.
    children: HashMap<String, BTreeSet<String>>,
    /// By lower-case property name, the types that have it.
    holders: HashMap<String, Vec<String>>,
    /// [`UrlSpace::inferred`]'s answers by path, since every path through
    /// the same undocumented navigation asks again.
    inferences: RefCell<HashMap<String, Option<Target>>>,
    calls: BTreeSet<String>,
}

/// Where a documented path's last navigation hangs: on the service root
/// (no type) or on a type, by lower-case name.
type Slot = (Option<String>, String);

/// Pages' votes for what each slot holds.
#[derive(Default)]
struct Votes(BTreeMap<Slot, BTreeMap<Target, usize>>);

impl Votes {
    /// Pages that give different derived types of one base (each Intune
    /// setting definition's page lists `/deviceManagement/reusableSettings`
    /// as its own type) vote for that base, short of `entity`. Otherwise
    /// the most pages win, then the smaller target, so the result never
    /// depends on page order.
    fn winners<'t>(self, table: &'t TypeTable) -> impl Iterator<Item = (Slot, Target)> + 't {
        self.0.into_iter().filter_map(move |(slot, tally)| {
            let mut shared: Option<Vec<String>> = None;
            for target in tally.keys() {
                let lineage = table.lineage(&target.name);
                shared = Some(match shared {
                    None => lineage,
                    Some(mut names) => {
                        names.retain(|name| lineage.contains(name));
                        names
                    }
                });
            }
            let (best, _) = tally
                .iter()
                .max_by(|(a, a_votes), (b, b_votes)| a_votes.cmp(b_votes).then(b.cmp(a)))?;
            let base = shared
                .and_then(|names| names.into_iter().next())
                .filter(|base| !base.eq_ignore_ascii_case("entity"));
            let target = match base {
                Some(name) => Target {
                    name,
                    collection: best.collection,
                },
                None => best.clone(),
            };
            Some((slot, target))
        })
    }
}

impl UrlSpace {
    /// The URL space the pages describe. Roots are voted from the pages:
    /// `GET /x` answering a collection of T or one T, `GET /x/{id}`
    /// answering one T. A root no page types is the type named like it
    /// (`/deviceManagement`: the `deviceManagement` singleton; `/places`: a
    /// set of `place`), else the type whose navigation properties the paths
    /// under it use (`/policies/...`: `policyRoot`). `/me` is a member of
    /// `/users` unless pages type it themselves. Navigations the pages use
    /// but no Relationships table lists are voted the same way, each once
    /// the path up to it resolves. `calls` are the lower-case names of
    /// documented functions and actions, which tell `/groups/delta` (a
    /// function) from `/sites/root` (a well-known key).
    pub fn build(evidence: &[Evidence], calls: BTreeSet<String>, table: &TypeTable) -> Self {
        let mut space = UrlSpace {
            roots: HashMap::new(),
            navigations: HashMap::new(),
            children: children(evidence),
            holders: property_holders(table),
            inferences: RefCell::default(),
            calls,
        };
        let mut votes = Votes::default();
        for (slot, target) in evidence.iter().filter_map(|e| space.observed(e, table)) {
            if slot.0.is_none() {
                *votes.0.entry(slot).or_default().entry(target).or_default() += 1;
            }
        }
        space.roots = votes
            .winners(table)
            .map(|((_, root), target)| (root, target))
            .collect();
        space.unvoted_roots(evidence, table);
        // A learned navigation can make a longer path resolve, whose own
        // last navigation is then learned: a few rounds reach them all.
        for _ in 0..4 {
            let mut votes = Votes::default();
            for (slot, target) in evidence.iter().filter_map(|e| space.observed(e, table)) {
                if slot.0.is_some() {
                    *votes.0.entry(slot).or_default().entry(target).or_default() += 1;
                }
            }
            let before = space.navigations.len();
            for ((parent, name), target) in votes.winners(table) {
                if let Some(parent) = parent {
                    space.navigations.entry((parent, name)).or_insert(target);
                }
            }
            if space.navigations.len() == before {
                break;
            }
        }
        space
    }

    /// What one page says its path's last navigation holds, where nothing
    /// else says: the root or navigation it names and the type the page
    /// answers with.
    fn observed(&self, evidence: &Evidence, table: &TypeTable) -> Option<(Slot, Target)> {
        let ty = evidence.response?;
        if evidence.method != HttpMethod::Get || evidence.query || table.kind_of(&ty.name).is_none()
        {
            return None;
        }
        let segments: Vec<&str> = evidence.path.segments().collect();
        let (head, name, target) = match segments.split_last()? {
            (last, rest) if is_placeholder(last) && !ty.collection => {
                let (name, head) = rest.split_last()?;
                let target = Target {
                    name: ty.name.clone(),
                    collection: true,
                };
                (head, *name, target)
            }
            (last, head) => {
                let target = Target {
                    name: ty.name.clone(),
                    collection: ty.collection,
                };
                (head, *last, target)
            }
        };
        if !is_plain_name(&name) || self.is_call(name) {
            return None;
        }
        let name = name.to_ascii_lowercase();
        if head.is_empty() {
            return Some(((None, name), target));
        }
        let Addressed::Resource(parent) = self.address_segments(head, table) else {
            return None;
        };
        let known = table.navigation(&parent.name, &name).is_some()
            || self
                .navigations
                .contains_key(&(parent.name.clone(), name.clone()));
        let entity = table.kind_of(&parent.name) == Some(TypeKind::Complex) || is_opaque(&parent);
        (!parent.collection && entity && !known).then_some(((Some(parent.name), name), target))
    }

    /// Roots no page types: by name, else by the navigations used under
    /// them; `/me` as a member of `/users`.
    fn unvoted_roots(&mut self, evidence: &[Evidence], table: &TypeTable) {
        let roots: BTreeSet<String> = evidence
            .iter()
            .filter_map(|evidence| evidence.path.segments().next())
            .filter(is_plain_name)
            .map(str::to_ascii_lowercase)
            .collect();
        for root in roots {
            if self.roots.contains_key(&root) {
                continue;
            }
            let children = self.children.get(&format!("/{root}"));
            let target = named_root(&root, table)
                .or_else(|| children.and_then(|children| structural_type(children, &self.holders)))
                .unwrap_or_else(|| Target {
                    name: format!("/{root}"),
                    collection: false,
                });
            self.roots.insert(root, target);
        }
        if !self.roots.contains_key("me") {
            if let Some(users) = self.roots.get("users").map(Target::member) {
                self.roots.insert("me".to_owned(), users);
            }
        }
    }

    /// Whether the path up to its last segment addresses one entity.
    pub fn parent_is_entity(&self, path: &PathTemplate, table: &TypeTable) -> bool {
        let segments: Vec<&str> = path.segments().collect();
        let Some((_, parent)) = segments.split_last() else {
            return false;
        };
        match self.address_segments(parent, table) {
            Addressed::Resource(target) => !target.collection && !is_opaque(&target),
            _ => false,
        }
    }

    /// What `path` addresses, segment by segment.
    pub fn address(&self, path: &PathTemplate, table: &TypeTable) -> Addressed {
        let segments: Vec<&str> = path.segments().collect();
        self.address_segments(&segments, table)
    }

    fn address_segments(&self, segments: &[&str], table: &TypeTable) -> Addressed {
        let Some((first, rest)) = segments.split_first() else {
            return Addressed::Unknown("/".to_owned());
        };
        let (root, arguments) = split_call(first);
        let Some(mut state) = self.roots.get(&root.to_ascii_lowercase()).cloned() else {
            return match rest.is_empty() && (arguments.is_some() || self.is_call(root)) {
                true => Addressed::Call,
                false => Addressed::Unknown((*first).to_owned()),
            };
        };
        // `/applications(appId='{appId}')`: an alternate key.
        if arguments.is_some() && state.collection {
            state.collection = false;
        }
        let mut in_item_path = false;
        let mut prefix = format!("/{}", shape_of(first));
        for (at, segment) in rest.iter().enumerate() {
            let last = at + 1 == rest.len();
            prefix.push('/');
            prefix.push_str(&shape_of(segment));
            let colons = segment.matches(':').count();
            if in_item_path {
                in_item_path = colons % 2 == 0;
                continue;
            }
            let system = match *segment {
                "$count" => Some(Addressed::Count),
                "$value" => Some(Addressed::Raw),
                "$ref" => Some(Addressed::Reference),
                _ => None,
            };
            if let Some(system) = system {
                return match last {
                    true => system,
                    false => Addressed::Unknown((*segment).to_owned()),
                };
            }
            // Path-based addressing: `root:/{path}:`, `{hostname}:/{path}`.
            let segment = match segment.split_once(':') {
                Some((head, _)) => {
                    in_item_path = colons % 2 == 1;
                    head
                }
                None => segment,
            };
            if segment.is_empty() {
                continue;
            }
            match self.step(&state, segment, table) {
                Step::To(next) => state = next,
                Step::Call if last => return Addressed::Call,
                Step::Unknown if !last && is_plain_name(&segment) => {
                    match self.inferred(&prefix, segment, table) {
                        Some(next) => state = next,
                        None => return Addressed::Unknown(segment.to_owned()),
                    }
                }
                Step::Call | Step::Unknown => return Addressed::Unknown(segment.to_owned()),
            }
        }
        Addressed::Resource(state)
    }

    /// An undocumented navigation that more segments follow, read from
    /// the names the paths under it use: the type named like it when that
    /// type has the next name as a navigation (or is keyed next, for a
    /// set), else the type whose navigations cover most of those names.
    fn inferred(&self, prefix: &str, segment: &str, table: &TypeTable) -> Option<Target> {
        if let Some(known) = self.inferences.borrow().get(prefix) {
            return known.clone();
        }
        let children = self.children.get(prefix)?;
        let keyed = children.contains("{}");
        let confirms = |target: &Target| match target.collection {
            true => keyed,
            false => children
                .iter()
                .any(|child| table.navigation(&target.name, child).is_some()),
        };
        let target = named_root(&segment.to_ascii_lowercase(), table)
            .filter(confirms)
            .or_else(|| structural_type(children, &self.holders));
        self.inferences
            .borrow_mut()
            .insert(prefix.to_owned(), target.clone());
        target
    }

    /// One segment from `state`.
    fn step(&self, state: &Target, segment: &str, table: &TypeTable) -> Step {
        if is_placeholder(segment) {
            return match state.collection {
                true => Step::To(state.member()),
                false => Step::Unknown,
            };
        }
        let (name, arguments) = split_call(segment);
        if arguments.is_none() && name.contains('.') {
            let cast = crate::model::graph_type_name(name);
            return match table.kind_of(cast) == Some(TypeKind::Complex) {
                true => Step::To(Target {
                    name: table.canonical(cast).unwrap_or_else(|| cast.to_owned()),
                    collection: state.collection,
                }),
                false => Step::Call,
            };
        }
        if state.collection {
            // A collection has no properties: past keys and casts, a name
            // is a bound function or action, or a well-known key
            // (`/sites/root`, `/me/mailFolders/inbox`).
            return match arguments.is_some() || self.is_call(name) {
                true => Step::Call,
                false => Step::To(state.member()),
            };
        }
        let learned = || {
            let key = (state.name.clone(), name.to_ascii_lowercase());
            self.navigations.get(&key).map(Target::type_ref)
        };
        match table.navigation(&state.name, name).or_else(learned) {
            Some(ty) => {
                let next = Target {
                    name: ty.name,
                    collection: ty.collection,
                };
                // `.../items('{id}')`: a key in parentheses.
                match arguments.is_some() && next.collection {
                    true => Step::To(next.member()),
                    false => Step::To(next),
                }
            }
            // A name the type does not list: a function or action where the
            // pages call it one, else a navigation the docs leave out.
            None if arguments.is_some() || self.is_call(name) => Step::Call,
            None => Step::Unknown,
        }
    }

    fn is_call(&self, name: &str) -> bool {
        let name = name.rsplit('.').next().unwrap_or(name);
        self.calls.contains(&name.to_ascii_lowercase())
    }
}

/// The outcome of one segment.
enum Step {
    To(Target),
    /// A function or action.
    Call,
    Unknown,
}

/// What a name in the type table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Complex,
    Enumeration,
}

/// The type named like a root: `deviceManagement` a singleton of that
/// type, `places` a set of `place`, and by Graph's convention for a
/// singleton that only groups what is under it, `policies` the
/// `policyRoot` singleton (`reports`: `reportRoot`).
fn named_root(root: &str, table: &TypeTable) -> Option<Target> {
    let named = |name: &str| match table.kind_of(name) {
        Some(TypeKind::Complex) => table.canonical(name),
        _ => None,
    };
    let singular = root
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| root.strip_suffix('s').map(str::to_owned));
    let singleton = |name: String| Target {
        name,
        collection: false,
    };
    if let Some(name) = named(root) {
        return Some(singleton(name));
    }
    if let Some(name) = singular.as_deref().and_then(named) {
        return Some(Target {
            name,
            collection: true,
        });
    }
    let grouping = [Some(root), singular.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|stem| named(&format!("{stem}Root")));
    grouping.map(singleton)
}

/// A root or navigation no type is known for, kept so that what the pages
/// say about the paths under it can still be learned: its name is the
/// path (`/identityGovernance`), which is no type's.
pub fn is_opaque(target: &Target) -> bool {
    target.name.starts_with('/')
}

/// The type whose navigation properties cover most of the names used
/// right under a path (at least two, and at least half of them); ties go
/// to the first name. `holders` lists, by lower-case property name, the
/// types that have it (on themselves or a base).
fn structural_type(
    children: &BTreeSet<String>,
    holders: &HashMap<String, Vec<String>>,
) -> Option<Target> {
    let children: Vec<&String> = children.iter().filter(|child| *child != "{}").collect();
    let needed = (children.len().div_ceil(2)).max(2);
    let mut covered: BTreeMap<&str, usize> = BTreeMap::new();
    for child in children {
        for holder in holders.get(child.as_str()).into_iter().flatten() {
            *covered.entry(holder).or_default() += 1;
        }
    }
    covered
        .into_iter()
        .filter(|(_, covered)| *covered >= needed)
        .max_by(|(a_name, a), (b_name, b)| a.cmp(b).then(b_name.cmp(a_name)))
        .map(|(name, _)| Target {
            name: name.to_owned(),
            collection: false,
        })
}

/// By lower-case property name, the complex types that have it on
/// themselves or a base, for [`structural_type`].
fn property_holders(table: &TypeTable) -> HashMap<String, Vec<String>> {
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    for name in table.complex_names() {
        let mut seen = BTreeSet::new();
        for property in table.property_names(name) {
            let property = property.to_ascii_lowercase();
            if seen.insert(property.clone()) {
                holders.entry(property).or_default().push(name.to_owned());
            }
        }
    }
    holders
}

/// The names each documented path's prefix is followed by, keyed by the
/// prefix's shape.
fn children(evidence: &[Evidence]) -> HashMap<String, BTreeSet<String>> {
    let mut children: HashMap<String, BTreeSet<String>> = HashMap::new();
    for evidence in evidence {
        let mut prefix = String::new();
        for segment in evidence.path.segments() {
            let child = shape_of(segment);
            if !prefix.is_empty() {
                children
                    .entry(prefix.clone())
                    .or_default()
                    .insert(child.clone());
            }
            prefix.push('/');
            prefix.push_str(&child);
        }
    }
    children
}

/// A segment as the children index keys it: lower case, a placeholder as
/// `{}`.
fn shape_of(segment: &str) -> String {
    match is_placeholder(segment) {
        true => "{}".to_owned(),
        false => segment.to_ascii_lowercase(),
    }
}

/// `name(arguments)` split at the first parenthesis.
fn split_call(segment: &str) -> (&str, Option<&str>) {
    match segment.split_once('(') {
        Some((name, arguments)) => (name, Some(arguments.trim_end_matches(')'))),
        None => (segment, None),
    }
}

/// A whole segment that is one `{placeholder}`.
fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}') && segment.matches('{').count() == 1
}

/// A segment that is a plain name (a root can be): no placeholder, call,
/// cast or system segment.
fn is_plain_name(segment: &&str) -> bool {
    !segment.is_empty()
        && segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::{split_call, Addressed, Target};
    use crate::source::SourceFile;

    fn resource(name: &str, properties: &str, relationships: &str) -> SourceFile {
        let table = |rows: &str| format!("|Property|Type|Description|\n|:---|:---|:---|\n{rows}");
        SourceFile::new(
            format!("resources/{name}.md"),
            format!(
                "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
                 ## Properties\n\n{}\n## Relationships\n\n{}\n",
                table(properties),
                table(relationships)
            ),
        )
    }

    fn api_page(file: &str, title: &str, line: &str, response: &str) -> SourceFile {
        SourceFile::new(
            format!("api/{file}.md"),
            format!(
                "---\ndoc_type: apiPageType\n---\n# {title}\n\n## HTTP request\n\n```http\n{line}\n```\n\n\
                 ## Response\n\nIf successful, this method returns a `200 OK` response code and {response} in the response body.\n"
            ),
        )
    }

    fn addressed(path: &str) -> Addressed {
        let pages = vec![
            resource("user", "|id|String|Id.|\n", "|drive|[drive](drive.md)|Drive.|\n|messages|[message](message.md) collection|Mail.|\n"),
            resource("drive", "|id|String|Id.|\n", "|root|[driveItem](driveitem.md)|Root.|\n|items|[driveItem](driveitem.md) collection|Items.|\n"),
            resource("driveItem", "|id|String|Id.|\n", "|children|[driveItem](driveitem.md) collection|Children.|\n"),
            resource("message", "|id|String|Id.|\n", ""),
            api_page("user-list", "List users", "GET /users", "a collection of [user](../resources/user.md) objects"),
            api_page("message-delta", "message: delta", "GET /users/{id}/messages/delta", "a [message](../resources/message.md) collection"),
        ];
        let api = crate::model_of(&pages);
        let operation = api
            .operations
            .iter()
            .find(|op| op.path.raw.ends_with("delta"));
        assert!(operation.is_some(), "{:?}", api.operations);
        crate::resolve::address_for_tests(&pages, path)
    }

    #[test]
    fn paths_resolve_through_roots_keys_navigation_and_aliases() {
        let user = Target {
            name: "user".into(),
            collection: false,
        };
        assert_eq!(addressed("/users/{id}"), Addressed::Resource(user.clone()));
        assert_eq!(addressed("/me"), Addressed::Resource(user));
        let children = Target {
            name: "driveItem".into(),
            collection: true,
        };
        assert_eq!(
            addressed("/me/drive/root/children"),
            Addressed::Resource(children.clone())
        );
        assert_eq!(
            addressed("/me/drive/root:/{path}:/children"),
            Addressed::Resource(children)
        );
        assert_eq!(addressed("/me/messages/delta"), Addressed::Call);
        assert_eq!(
            addressed("/me/sendMail"),
            Addressed::Unknown("sendMail".into())
        );
        assert_eq!(
            addressed("/me/drive/items/{id}/microsoft.graph.driveItem"),
            Addressed::Resource(Target {
                name: "driveItem".into(),
                collection: false
            })
        );
        assert_eq!(addressed("/users/$count"), Addressed::Count);
        assert_eq!(
            addressed("/me/unknownThing/x"),
            Addressed::Unknown("unknownThing".into())
        );
        assert_eq!(addressed("/nowhere"), Addressed::Unknown("nowhere".into()));
    }

    #[test]
    fn calls_split_at_their_arguments() {
        assert_eq!(split_call("search(q='{q}')"), ("search", Some("q='{q}'")));
        assert_eq!(split_call("children"), ("children", None));
    }
}
