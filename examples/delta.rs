//! Change tracking with a delta query, run against the local test server
//! so it needs no tenant: `cargo run --example delta`.
//!
//! The first round pages through every user up to the `@odata.deltaLink`;
//! the program keeps that link (a real one would store it) and later asks
//! it for what changed since, which is the next round.

use docs2rs_runtime::testing::{Exchange, ReplayServer};
use docs2rs_runtime::{Collection, Method, Operation, Permissions, Request, Scopes};
use serde_json::{json, Value};

/// `GET /users/delta`, declared here as a generated SDK declares it.
static USERS_DELTA: Operation = Operation {
    name: "user: delta",
    method: Method::Get,
    path_template: "/users/delta",
    permissions: Permissions {
        delegated_work_or_school: Scopes::AnyOf(&["User.Read.All"]),
        delegated_personal: Scopes::NotSupported,
        application: Scopes::AnyOf(&["User.Read.All"]),
    },
    query_options: &[],
};

fn users_delta() -> Request<Collection<Value>> {
    Request::new(&USERS_DELTA, "/users/delta".to_owned()).select(&["displayName"])
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = ReplayServer::start(Vec::new()).await?;
    play_graph(&server);
    let client = server.client();

    // The first round: every user, over as many pages as Graph gives.
    let round = client.delta(users_delta()).await?;
    println!("first round: {} users", round.items.len());
    for user in &round.items {
        println!("  {}", user["displayName"]);
    }
    let stored = round.delta_link;
    println!("delta link kept: {stored}");

    // Later: only what changed since the stored link. The request gives the
    // item type and headers; the link gives the URL.
    let changes = client.delta_since(users_delta(), &stored).await?;
    for user in &changes.items {
        match user.get("@removed") {
            Some(removed) => println!("  removed {} ({})", user["id"], removed["reason"]),
            None => println!("  changed {}", user["displayName"]),
        }
    }
    println!("next delta link: {}", changes.delta_link);
    Ok(())
}

/// Graph's side: two pages, then one round of changes.
fn play_graph(server: &ReplayServer) {
    let link = |query: &str| format!("{}/users/delta?{query}", server.base_url());
    let page = |query: Option<(&str, &str)>, body: Value| {
        let mut exchange = Exchange::json("GET", "/users/delta", 200, &body);
        exchange.query = query
            .map(|(name, value)| vec![(name.to_owned(), value.to_owned())])
            .unwrap_or_default();
        exchange
    };
    server.push(page(
        None,
        json!({
            "value": [{"id": "1", "displayName": "Adele Vance"}, {"id": "2", "displayName": "Alex Wilber"}],
            "@odata.nextLink": link("$skiptoken=page2"),
        }),
    ));
    server.push(page(
        Some(("$skiptoken", "page2")),
        json!({
            "value": [{"id": "3", "displayName": "Diego Siciliani"}],
            "@odata.deltaLink": link("$deltatoken=round1"),
        }),
    ));
    server.push(page(
        Some(("$deltatoken", "round1")),
        json!({
            "value": [
                {"id": "2", "displayName": "Alex Wilber-Smith"},
                {"id": "3", "@removed": {"reason": "changed"}},
            ],
            "@odata.deltaLink": link("$deltatoken=round2"),
        }),
    ));
}
