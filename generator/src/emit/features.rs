//! Cargo features per API area: which areas reach each model type, so a
//! crate built for one area compiles that area's endpoints and only the
//! types they use.

use crate::model::{Api, ComplexType, TypeRef};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The feature that compiles types no endpoint reaches.
pub const UNREACHED_FEATURE: &str = "unreached-types";

/// The `client` and `azure-identity` features, off by default: requests are
/// plain data that any HTTP client can send, and the bundled client's
/// dependencies (reqwest, rustls, tokio) would take a third of a clean build
/// of the whole tree.
const CLIENT_FEATURE: &str = "\
# The async HTTP client (reqwest with rustls, tokio) that sends the requests.
# Off by default: the requests are plain data any HTTP client can send.
client = [\"docs2rs-runtime/client\"]
# Any Azure Identity credential as the client's token provider.
azure-identity = [\"client\", \"docs2rs-runtime/azure-identity\"]
";

/// The Cargo feature name of an area module (`device_app_management` gives
/// `device-app-management`).
pub fn feature_name(area: &str) -> String {
    area.replace('_', "-")
}

/// For each type and enumeration name, the features that need it.
pub struct Gates {
    needed_by: HashMap<String, BTreeSet<String>>,
}

impl Gates {
    pub fn new(api: &Api) -> Self {
        let types: HashMap<&str, &ComplexType> =
            api.types.iter().map(|ty| (ty.name.as_str(), ty)).collect();
        let mut needed_by: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut roots: BTreeMap<String, Vec<&TypeRef>> = BTreeMap::new();
        for operation in &api.operations {
            let area_roots = roots.entry(feature_name(&operation.area)).or_default();
            area_roots.extend(operation.request_body.iter().chain(&operation.response));
        }
        for (feature, refs) in roots {
            for name in reached(&types, refs.iter().map(|ty| ty.name.as_str())) {
                needed_by
                    .entry(name.to_owned())
                    .or_default()
                    .insert(feature.clone());
            }
        }
        Gates { needed_by }
    }

    /// The features that need a type, sorted; the unreached-types feature
    /// for a type no endpoint uses.
    pub fn features(&self, name: &str) -> Vec<String> {
        match self.needed_by.get(name) {
            Some(features) => features.iter().cloned().collect(),
            None => vec![UNREACHED_FEATURE.to_owned()],
        }
    }
}

/// Every type a set of root types needs. A type used as a value needs its
/// property types, its base's fields and (through its polymorphic enum) its
/// derived types; a base inlined into a derived type needs only its fields.
fn reached<'a>(
    types: &HashMap<&'a str, &'a ComplexType>,
    roots: impl Iterator<Item = &'a str>,
) -> BTreeSet<&'a str> {
    enum Need<'a> {
        Value(&'a str),
        Fields(&'a str),
    }
    let mut values: BTreeSet<&str> = BTreeSet::new();
    let mut fields: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<Need> = roots.map(Need::Value).collect();
    while let Some(need) = pending.pop() {
        let (name, as_value) = match need {
            Need::Value(name) if values.insert(name) => (name, true),
            Need::Fields(name) if fields.insert(name) => (name, false),
            _ => continue,
        };
        let Some(ty) = types.get(name) else { continue };
        pending.extend(
            ty.properties
                .iter()
                .chain(&ty.relationships)
                .map(|p| Need::Value(p.ty.name.as_str())),
        );
        pending.extend(ty.base.as_deref().map(Need::Fields));
        if as_value {
            pending.extend(ty.derived.iter().map(|d| Need::Value(d.as_str())));
        }
    }
    values
}

/// The `[features]` table of a generated crate: one feature per area, the
/// unreached-types feature, and all of them by default.
pub fn cargo_features(api: &Api) -> String {
    let areas: BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| feature_name(&op.area))
        .collect();
    let mut table = String::from("[features]\n");
    let all: Vec<String> = areas
        .iter()
        .map(String::as_str)
        .chain([UNREACHED_FEATURE])
        .map(|feature| format!("\"{feature}\""))
        .collect();
    table.push_str(&format!("default = [{}]\n", all.join(", ")));
    table.push_str(CLIENT_FEATURE);
    for feature in areas.iter().map(String::as_str).chain([UNREACHED_FEATURE]) {
        table.push_str(&format!("{feature} = []\n"));
    }
    table
}
