//! Response metadata and request headers against a real HTTP server on
//! 127.0.0.1: status and headers next to the typed body, `If-Match` and
//! `ConsistencyLevel` set by name, and the `client-request-id` every
//! request carries across its retries.
#![cfg(feature = "test-server")]

use docs2rs_runtime::testing::{Exchange, Received, ReplayServer};
use docs2rs_runtime::{Method, Operation, Request};
use serde_json::{json, Value};
use std::time::Duration;

static GET: Operation = Operation::unlisted("test", Method::Get, "/users/{id}");
static PATCH: Operation = Operation::unlisted("test", Method::Patch, "/users/{id}");
static POST: Operation = Operation::unlisted("test", Method::Post, "/users/{id}");

async fn server(script: Vec<Exchange>) -> ReplayServer {
    ReplayServer::start(script)
        .await
        .unwrap_or_else(|error| panic!("server: {error}"))
}

/// The value of a header the server received (hyper gives names lowercase).
fn header<'a>(received: &'a Received, name: &str) -> Option<&'a str> {
    received
        .headers
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

#[tokio::test]
async fn send_with_response_reads_status_location_etag_request_id_and_retry_after() {
    let mut accepted = Exchange::json("POST", "/users/1", 202, &json!({"id": "job"}));
    accepted.headers.extend(
        [
            ("Location", "https://graph.microsoft.com/v1.0/jobs/7"),
            ("ETag", "W/\"abc\""),
            ("request-id", "rid-1"),
            ("Retry-After", "5"),
        ]
        .map(|(name, value)| (name.to_owned(), value.to_owned())),
    );
    let server = server(vec![accepted]).await;
    let request = Request::<Value>::new(&POST, "/users/1".into());
    let response = server
        .client()
        .send_with_response(request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(response.status, 202);
    assert_eq!(response.body, json!({"id": "job"}));
    let headers = &response.headers;
    assert_eq!(
        headers.location(),
        Some("https://graph.microsoft.com/v1.0/jobs/7")
    );
    assert_eq!(headers.etag(), Some("W/\"abc\""));
    assert_eq!(headers.request_id(), Some("rid-1"));
    assert_eq!(headers.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(headers.get("CONTENT-TYPE"), Some("application/json"));
    server.finish();
}

#[tokio::test]
async fn an_etag_read_from_one_response_goes_back_in_if_match() {
    let mut read = Exchange::json("GET", "/users/1", 200, &json!({"id": "1"}));
    read.headers.push(("ETag".into(), "W/\"v1\"".into()));
    let updated = Exchange::json("PATCH", "/users/1", 204, &Value::Null);
    let server = server(vec![read, updated]).await;
    let client = server.client();
    let user = client
        .send_with_response(Request::<Value>::new(&GET, "/users/1".into()))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let etag = user.headers.etag().unwrap_or_else(|| panic!("no ETag"));
    let update = Request::<()>::new(&PATCH, "/users/1".into())
        .json(&json!({"displayName": "A"}))
        .if_match(etag);
    client
        .send(update)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(header(&server.received()[1], "if-match"), Some("W/\"v1\""));
    server.finish();
}

#[tokio::test]
async fn a_client_request_id_is_fresh_per_request_and_kept_across_retries() {
    let mut throttled = Exchange::json("GET", "/users/1", 429, &json!(null));
    throttled.headers.push(("Retry-After".into(), "0".into()));
    let ok = || Exchange::json("GET", "/users/1", 200, &json!({}));
    let server = server(vec![throttled, ok(), ok()]).await;
    let client = server.client();
    for _ in 0..2 {
        let _: Value = client
            .send(Request::new(&GET, "/users/1".into()))
            .await
            .unwrap_or_else(|error| panic!("{error}"));
    }
    let received = server.received();
    let ids: Vec<&str> = received
        .iter()
        .map(|request| header(request, "client-request-id").unwrap_or_else(|| panic!("no id")))
        .collect();
    assert_eq!(ids[0], ids[1], "a retry is the same logical request");
    assert_ne!(ids[1], ids[2], "another request gets another id");
    assert!(ids.iter().all(|id| id.len() == 36), "{ids:?}");
    server.finish();
}

#[tokio::test]
async fn a_callers_own_client_request_id_and_eventual_consistency_are_sent() {
    let server = server(vec![Exchange::json("GET", "/users", 200, &json!({}))]).await;
    let request = Request::<Value>::new(&GET, "/users".into())
        .header("client-request-id", "mine")
        .eventual_consistency()
        .count(true);
    server
        .client()
        .send(request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let received = &server.received()[0];
    let ids: Vec<_> = received
        .headers
        .iter()
        .filter(|(name, _)| name == "client-request-id")
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(header(received, "client-request-id"), Some("mine"));
    assert_eq!(header(received, "consistencylevel"), Some("eventual"));
    server.finish();
}
