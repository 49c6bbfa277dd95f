//! Operations typed by the resource their path addresses, on pages
//! written for these tests (`tests/url_space/`): one page for each way
//! real pages state, misstate or leave out an operation's types.

mod support;

use docs2rs::model::{Api, HttpMethod, Operation};
use support::describe;

fn api() -> Api {
    support::api_of("url_space")
}

/// `METHOD path: area::name(body) -> response`, the signature in the
/// model's terms.
fn signature(operation: &Operation) -> String {
    let body = operation
        .request_body
        .as_ref()
        .map(|body| describe(Some(body)))
        .unwrap_or_default();
    format!(
        "{} {}: {}::{}({body}) -> {}",
        operation.method.as_str(),
        operation.path.raw,
        operation.area,
        operation.name,
        describe(operation.response.as_ref())
    )
}

fn find<'a>(api: &'a Api, method: HttpMethod, shape: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.method == method && op.path.shape() == shape)
        .unwrap_or_else(|| panic!("no operation {} {shape}", method.as_str()))
}

#[test]
fn every_operation_answers_the_resource_its_path_addresses() {
    let api = api();
    let signatures: Vec<String> = api.operations.iter().map(signature).collect();
    let findings: Vec<String> = api
        .diagnostics
        .iter()
        .filter(|d| ["D504", "D605", "D606", "D608"].contains(&d.code.id()))
        .map(|d| format!("{}:{} {} {}", d.file, d.line, d.code.id(), d.message))
        .collect();
    insta::assert_yaml_snapshot!("signatures", signatures);
    insta::assert_yaml_snapshot!("findings", findings);

    let get = |shape: &str| signature(find(&api, HttpMethod::Get, shape));
    // `GET /me?$expand=manager` on the manager page is an example of the
    // user page's operation, not a definition that widens it.
    assert!(get("/me").ends_with("-> user"), "{}", get("/me"));
    assert!(get("/users/{}").ends_with("-> user"));
    // Navigation from the Relationships table decides the shape.
    assert!(get("/me/messages").ends_with("-> Collection<message>"));
    // A cast narrows the collection.
    assert!(get("/me/memberof/microsoft.graph.group").ends_with("-> Collection<group>"));
    // A function answers what its page states: `### Response`, "X
    // collection object", a bold name, a primitive in words, a redirect.
    assert!(get("/groups/delta").ends_with("-> Collection<group>"));
    assert!(get("/security/alerts").ends_with("-> Collection<alert>"));
    assert!(get("/reports/getwidgetactivitycounts(period='{}')").ends_with("-> Stream"));
    let member_groups = signature(find(&api, HttpMethod::Post, "/users/{}/getmembergroups"));
    assert!(
        member_groups.ends_with("-> Collection<String>"),
        "{member_groups}"
    );
    // Bodies: a create sends the collection's member, an update the
    // entity, an action its parameters (each nested under its name).
    let create = find(&api, HttpMethod::Post, "/users");
    assert_eq!(describe(create.request_body.as_ref()), "user");
    // The page's table says which of the user's properties to set.
    assert_eq!(create.body_properties, ["displayName"]);
    let update = find(&api, HttpMethod::Patch, "/applications/{}");
    assert_eq!(describe(update.request_body.as_ref()), "application");
    let add_password = find(&api, HttpMethod::Post, "/applications/{}/addpassword");
    assert_eq!(add_password.name, "add_password");
    let parameters = add_password
        .request_body
        .as_ref()
        .and_then(|body| api.types.iter().find(|ty| ty.name == body.name))
        .unwrap_or_else(|| panic!("no parameters type: {add_password:?}"));
    let fields: Vec<(&str, &str)> = parameters
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.name.as_str()))
        .collect();
    assert_eq!(fields, [("passwordCredential", "passwordCredential")]);
    // The form an example uses gets a function of its own.
    assert!(get("/me/drive/root/children").ends_with("-> Collection<driveItem>"));
}
