//! JSON batching against a real HTTP server on 127.0.0.1 whose `$batch`
//! endpoint reads the batch body and answers each item as Graph would:
//! throttled items, splitting beyond 20, `dependsOn`, per-item errors.
#![cfg(feature = "test-server")]

use docs2rs_runtime::client::{Batch, BatchItem, BatchResponses, Error, RetryPolicy};
use docs2rs_runtime::testing::{BatchCall, Exchange, ItemReply, ReplayServer};
use docs2rs_runtime::{Binary, Method, Operation, Request};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static GET: Operation = Operation::unlisted("test", Method::Get, "/users/{id}");
static POST: Operation = Operation::unlisted("test", Method::Post, "/users/{id}");

/// Sends `batch` to a server scripted with `script`; the server (to
/// inspect what it received) and the answers.
async fn send(script: Vec<Exchange>, batch: Batch) -> (ReplayServer, BatchResponses) {
    let server = ReplayServer::start(script)
        .await
        .unwrap_or_else(|error| panic!("server: {error}"));
    let answers = server.client().send_batch(batch).await;
    (server, answers)
}

fn get<R>(path: &str) -> Request<R> {
    Request::new(&GET, path.to_owned())
}

fn add<R: docs2rs_runtime::client::ResponseBody>(
    batch: &mut Batch,
    request: Request<R>,
) -> BatchItem<R> {
    batch
        .add(request)
        .unwrap_or_else(|error| panic!("add: {error}"))
}

/// Answers `{"url": URL}`.
fn echo(call: &BatchCall) -> ItemReply {
    ItemReply::json(200, json!({ "url": call.url }))
}

fn throttled(retry_after: &str) -> ItemReply {
    let mut reply = ItemReply::json(
        429,
        json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
    );
    reply
        .headers
        .push(("Retry-After".to_owned(), retry_after.to_owned()));
    reply
}

/// Throttles the first item it sees, then echoes.
fn throttled_once() -> impl Fn(&BatchCall) -> ItemReply + Send + Sync + 'static {
    let calls = AtomicUsize::new(0);
    move |call| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => throttled("0"),
        _ => echo(call),
    }
}

/// The `requests` of each `$batch` the server received.
fn envelopes(server: &ReplayServer) -> Vec<Vec<Value>> {
    server
        .received()
        .iter()
        .map(|received| {
            let body: Value = serde_json::from_slice(&received.body)
                .unwrap_or_else(|error| panic!("a $batch body that is not JSON: {error}"));
            match body.get("requests").and_then(Value::as_array) {
                Some(requests) => requests.clone(),
                None => panic!("no requests in {body}"),
            }
        })
        .collect()
}

fn ids(requests: &[Value]) -> Vec<&str> {
    requests
        .iter()
        .map(|request| request["id"].as_str().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_throttled_item_waits_for_its_retry_after_then_succeeds() {
    let calls = AtomicUsize::new(0);
    let handler = move |call: &BatchCall| {
        if call.url == "/users/2" && calls.fetch_add(1, Ordering::SeqCst) == 0 {
            throttled("1")
        } else {
            echo(call)
        }
    };
    let mut batch = Batch::new();
    let items: Vec<BatchItem<Value>> = (1..=3)
        .map(|id| add(&mut batch, get(&format!("/users/{id}"))))
        .collect();
    let started = Instant::now();
    let (server, mut answers) = send(Exchange::batches(2, handler), batch).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    for (id, item) in (1..=3).zip(items) {
        let body = answers
            .take(item)
            .unwrap_or_else(|error| panic!("item {id}: {error}"));
        assert_eq!(body, json!({ "url": format!("/users/{id}") }));
    }
    let sent = envelopes(&server);
    assert_eq!(ids(&sent[0]), ["1", "2", "3"]);
    assert_eq!(ids(&sent[1]), ["2"], "only the throttled item again");
    server.finish();
}

#[tokio::test]
async fn a_dependent_of_a_throttled_item_is_sent_again_with_it() {
    let mut batch = Batch::new();
    let first = add(&mut batch, get::<Value>("/users/1"));
    let second = batch
        .add_after(get::<Value>("/users/1/manager"), &[first.id()])
        .unwrap_or_else(|error| panic!("{error}"));
    let (server, mut answers) = send(Exchange::batches(2, throttled_once()), batch).await;
    assert!(answers.take(first).is_ok());
    assert_eq!(
        answers.take(second).ok(),
        Some(json!({"url": "/users/1/manager"}))
    );
    let sent = envelopes(&server);
    assert_eq!(sent.len(), 2);
    assert_eq!(
        ids(&sent[1]),
        ["1", "2"],
        "the 424 goes again with its dependency"
    );
    assert_eq!(sent[1][1]["dependsOn"], json!(["1"]));
    server.finish();
}

#[tokio::test]
async fn throttling_that_outlasts_the_attempts_gives_the_item_its_429() {
    let handler = |call: &BatchCall| match call.url.as_str() {
        "/users/1" => throttled("0"),
        _ => echo(call),
    };
    let mut batch = Batch::new();
    let stuck = add(&mut batch, get::<Value>("/users/1"));
    let fine = add(&mut batch, get::<Value>("/users/2"));
    let (server, mut answers) = send(Exchange::batches(4, handler), batch).await;
    match answers.take(stuck) {
        Err(Error::Graph(error)) => assert_eq!(
            (error.status, error.code.as_str()),
            (429, "TooManyRequests")
        ),
        other => panic!("{other:?}"),
    }
    assert!(answers.take(fine).is_ok());
    assert_eq!(server.received().len(), 4, "the client's four attempts");
    server.finish();
}

#[tokio::test]
async fn a_throttled_post_item_is_not_sent_twice_unless_the_policy_allows() {
    let create = || Request::<Value>::new(&POST, "/users".into()).json(&json!({}));
    let mut batch = Batch::new();
    let item = add(&mut batch, create());
    let (server, mut answers) = send(vec![Exchange::batch(throttled_once())], batch).await;
    let result = answers.take(item);
    assert!(
        matches!(result, Err(Error::Graph(ref e)) if e.status == 429),
        "{result:?}"
    );
    let sent = envelopes(&server);
    assert_eq!(sent[0][0]["body"], json!({}));
    assert_eq!(sent[0][0]["headers"]["Content-Type"], "application/json");
    server.finish();

    let server = ReplayServer::start(Exchange::batches(2, throttled_once()))
        .await
        .unwrap_or_else(|error| panic!("server: {error}"));
    let opted_in = RetryPolicy {
        retry_non_idempotent: true,
        base_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let client = server
        .client_builder()
        .retry(opted_in)
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let mut batch = Batch::new();
    let item = add(&mut batch, create());
    assert!(client.send_batch(batch).await.take(item).is_ok());
    server.finish();
}

#[tokio::test]
async fn forty_five_requests_go_in_three_calls_each_answer_typed() {
    let handler = |call: &BatchCall| {
        let (kind, n) = call.url[1..].split_once('/').unwrap_or(("", ""));
        let n: u32 = n.parse().unwrap_or_else(|_| panic!("{}", call.url));
        match kind {
            "numbers" => ItemReply::json(200, json!(n)),
            _ => ItemReply::json(200, json!(format!("name {n}"))),
        }
    };
    let mut batch = Batch::new();
    let mut numbers = Vec::new();
    let mut names = Vec::new();
    for n in 0..45u32 {
        if n % 2 == 0 {
            numbers.push((n, add(&mut batch, get::<u32>(&format!("/numbers/{n}")))));
        } else {
            names.push((n, add(&mut batch, get::<String>(&format!("/names/{n}")))));
        }
    }
    let (server, mut answers) = send(Exchange::batches(3, handler), batch).await;
    for (n, item) in numbers {
        assert_eq!(answers.take(item).ok(), Some(n));
    }
    for (n, item) in names {
        assert_eq!(answers.take(item).ok(), Some(format!("name {n}")));
    }
    let sizes: Vec<usize> = envelopes(&server).iter().map(Vec::len).collect();
    assert_eq!(sizes, [20, 20, 5]);
    server.finish();
}

#[tokio::test]
async fn depends_on_travels_with_its_dependency_and_runs_after_it() {
    let order = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&order);
    let handler = move |call: &BatchCall| {
        log.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(call.id.clone());
        echo(call)
    };
    let mut batch = Batch::new();
    for id in 1..=19 {
        let _ = add(&mut batch, get::<Value>(&format!("/users/{id}")));
    }
    let user = add(&mut batch, get::<Value>("/users/20"));
    let manager = batch
        .add_after(get::<Value>("/users/20/manager"), &[user.id()])
        .unwrap_or_else(|error| panic!("{error}"));
    let (server, mut answers) = send(Exchange::batches(2, handler), batch).await;
    assert!(answers.take(manager).is_ok());
    let sent = envelopes(&server);
    assert_eq!(
        sent.len(),
        2,
        "the pair does not fit beside 19 and moves on whole"
    );
    assert_eq!(ids(&sent[1]), ["20", "21"]);
    assert_eq!(sent[1][1]["dependsOn"], json!(["20"]));
    let order = order.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(&order[19..], ["20", "21"]);
    server.finish();
}

#[tokio::test]
async fn an_items_graph_error_is_its_own_and_its_dependent_gets_424() {
    let handler = |call: &BatchCall| match call.url.as_str() {
        "/users/gone" => ItemReply::json(
            404,
            json!({"error": {"code": "Request_ResourceNotFound", "message": "No user.",
                             "innerError": {"request-id": "rid-404"}}}),
        ),
        _ => echo(call),
    };
    let mut batch = Batch::new();
    let gone = add(&mut batch, get::<Value>("/users/gone"));
    let manager = batch
        .add_after(get::<Value>("/users/gone/manager"), &[gone.id()])
        .unwrap_or_else(|error| panic!("{error}"));
    let fine = add(&mut batch, get::<Value>("/users/1"));
    let (server, mut answers) = send(vec![Exchange::batch(handler)], batch).await;
    match answers.take(gone) {
        Err(Error::Graph(error)) => {
            assert_eq!(error.status, 404);
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(error.request_id.as_deref(), Some("rid-404"));
        }
        other => panic!("{other:?}"),
    }
    match answers.take(manager) {
        Err(Error::Graph(error)) => assert_eq!(error.status, 424),
        other => panic!("{other:?}"),
    }
    let fine = answers
        .take_response(fine)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(fine.status, 200);
    assert_eq!(fine.headers.get("content-type"), Some("application/json"));
    assert_eq!(
        server.received().len(),
        1,
        "errors other than throttling are final"
    );
    server.finish();
}

#[tokio::test]
async fn a_failed_batch_call_gives_its_error_to_each_item() {
    let denied = json!({"error": {"code": "InvalidAuthenticationToken", "message": "expired"}});
    let mut batch = Batch::new();
    let items = [
        add(&mut batch, get::<Value>("/users/1")),
        add(&mut batch, get::<Value>("/users/2")),
    ];
    let (server, mut answers) =
        send(vec![Exchange::json("POST", "/$batch", 401, &denied)], batch).await;
    for item in items {
        match answers.take(item) {
            Err(Error::Graph(error)) => assert_eq!(error.code, "InvalidAuthenticationToken"),
            other => panic!("{other:?}"),
        }
    }
    server.finish();
}

#[tokio::test]
async fn binary_bodies_travel_base64_encoded_both_ways() {
    let handler = |_: &BatchCall| ItemReply {
        status: 200,
        headers: vec![("Content-Type".to_owned(), "image/png".to_owned())],
        body: Some(json!("iVBORw==")),
    };
    let mut batch = Batch::new();
    let upload = Request::<Binary>::new(&POST, "/users/1/photo/$value".into())
        .binary(Binary::new("image/png", *b"\x89PNG"));
    let photo = add(&mut batch, upload);
    let (server, mut answers) = send(vec![Exchange::batch(handler)], batch).await;
    let photo = answers
        .take(photo)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(photo.bytes, b"\x89PNG");
    assert_eq!(photo.content_type.as_deref(), Some("image/png"));
    let sent = envelopes(&server);
    assert_eq!(sent[0][0]["body"], "iVBORw==");
    assert_eq!(sent[0][0]["url"], "/users/1/photo/$value");
    server.finish();
}
