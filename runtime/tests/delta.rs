//! Change tracking against a real HTTP server on 127.0.0.1: a round over
//! several pages to its delta link, the next round from the stored link,
//! and errors surfaced.
#![cfg(feature = "test-server")]

use docs2rs_runtime::client::Error;
use docs2rs_runtime::testing::{Exchange, ReplayServer};
use docs2rs_runtime::{Collection, Method, Operation, Permissions, Request, Scopes};
use serde_json::{json, Value};

static DELTA: Operation = Operation {
    name: "user: delta",
    method: Method::Get,
    path_template: "/users/delta",
    permissions: Permissions {
        delegated_work_or_school: Scopes::Unknown,
        delegated_personal: Scopes::Unknown,
        application: Scopes::Unknown,
    },
    query_options: &[],
};

fn delta() -> Request<Collection<Value>> {
    Request::new(&DELTA, "/users/delta".to_owned()).header("Prefer", "return=minimal")
}

async fn server() -> ReplayServer {
    ReplayServer::start(Vec::new())
        .await
        .unwrap_or_else(|error| panic!("server: {error}"))
}

/// A page answering `query` (`name=value`, or nothing for the first
/// request), with its items and one link.
fn page(query: Option<(&str, &str)>, ids: &[&str], link: (&str, String)) -> Exchange {
    let items: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    let mut body = json!({ "value": items });
    body[link.0] = json!(link.1);
    let mut exchange = Exchange::json("GET", "/users/delta", 200, &body);
    exchange.query = query
        .map(|(name, value)| vec![(name.to_owned(), value.to_owned())])
        .unwrap_or_default();
    exchange
}

fn ids(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect()
}

#[tokio::test]
async fn a_round_pages_to_its_delta_link_and_the_next_starts_there() {
    let server = server().await;
    let link =
        |name: &str, token: &str| format!("{}/users/delta?{name}={token}", server.base_url());
    server.push(page(
        None,
        &["a", "b"],
        ("@odata.nextLink", link("$skiptoken", "p2")),
    ));
    server.push(page(
        Some(("$skiptoken", "p2")),
        &["c"],
        ("@odata.nextLink", link("$skiptoken", "p3")),
    ));
    server.push(page(
        Some(("$skiptoken", "p3")),
        &["d"],
        ("@odata.deltaLink", link("$deltatoken", "d1")),
    ));
    server.push(page(
        Some(("$deltatoken", "d1")),
        &["b"],
        ("@odata.deltaLink", link("$deltatoken", "d2")),
    ));
    let client = server.client();

    let first = client
        .delta(delta())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(ids(&first.items), ["a", "b", "c", "d"]);
    assert_eq!(first.delta_link, link("$deltatoken", "d1"));

    let next = client
        .delta_since(delta(), &first.delta_link)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(ids(&next.items), ["b"]);
    assert_eq!(next.delta_link, link("$deltatoken", "d2"));
    let received = server.received();
    let resumed = &received[3];
    assert!(
        resumed
            .headers
            .iter()
            .any(|(name, value)| name == "prefer" && value == "return=minimal"),
        "the request's headers go with the stored link: {:?}",
        resumed.headers
    );
    server.finish();
}

#[tokio::test]
async fn an_error_mid_round_is_surfaced() {
    let server = server().await;
    let next = format!("{}/users/delta?$skiptoken=p2", server.base_url());
    server.push(page(None, &["a"], ("@odata.nextLink", next)));
    let expired =
        json!({"error": {"code": "resyncRequired", "message": "The delta token has expired."}});
    let mut gone = Exchange::json("GET", "/users/delta", 410, &expired);
    gone.query = vec![("$skiptoken".to_owned(), "p2".to_owned())];
    server.push(gone);
    match server.client().delta(delta()).await {
        Err(Error::Graph(error)) => {
            assert_eq!((error.status, error.code.as_str()), (410, "resyncRequired"))
        }
        other => panic!("{other:?}"),
    }
    server.finish();
}

#[tokio::test]
async fn a_round_ending_without_a_delta_link_is_an_error() {
    let server = server().await;
    server.push(Exchange::json(
        "GET",
        "/users/delta",
        200,
        &json!({"value": []}),
    ));
    let result = server.client().delta(delta()).await;
    assert!(matches!(result, Err(Error::Protocol(_))), "{result:?}");
    server.finish();
}
