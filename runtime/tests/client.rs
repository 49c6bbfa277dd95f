//! The client against a real HTTP server on 127.0.0.1: paging, retries,
//! errors, timeouts, path encoding and token failures.
#![cfg(feature = "test-server")]

mod common;

use common::{operation, server};
use docs2rs_runtime::client::{BoxError, Error, RetryPolicy, TokenFn};
use docs2rs_runtime::testing::Exchange;
use docs2rs_runtime::{Collection, Method, Operation, PathSegment, Request};
use futures_util::TryStreamExt;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

static GET: Operation = operation(Method::Get);
static POST: Operation = operation(Method::Post);

fn get<R>(path: &str) -> Request<R> {
    Request::new(&GET, path.to_owned())
}

/// A page of `items`, linking to `next` when given.
fn page(items: Value, next: Option<String>) -> Value {
    let mut body = json!({ "value": items });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    body
}

#[tokio::test]
async fn a_collection_is_followed_across_three_pages() {
    let server = server(Vec::new()).await;
    let base = server.base_url();
    let pages = [
        (json!([1, 2]), Some("a"), ("$top", "2")),
        (json!([3, 4]), Some("b"), ("$skiptoken", "a")),
        (json!([5]), None, ("$skiptoken", "b")),
    ];
    for (items, next, (name, value)) in pages {
        let next = next.map(|token| format!("{base}/users?$skiptoken={token}"));
        let mut exchange = Exchange::json("GET", "/users", 200, &page(items, next));
        exchange.query = vec![(name.to_owned(), value.to_owned())];
        server.push(exchange);
    }
    let items: Vec<i32> = server
        .client()
        .items(get::<Collection<i32>>("/users").top(2))
        .try_collect()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(items, [1, 2, 3, 4, 5]);
    server.finish();
}

#[tokio::test]
async fn paging_stops_at_the_page_limit_with_an_error() {
    let server = server(Vec::new()).await;
    let next = page(
        json!([1]),
        Some(format!("{}/users?$skiptoken=x", server.base_url())),
    );
    server.push(Exchange::json("GET", "/users", 200, &next));
    server.push(Exchange::json("GET", "/users", 200, &next));
    let client = server
        .client_builder()
        .max_pages(2)
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let pages: Vec<Result<Collection<i32>, Error>> =
        futures_util::StreamExt::collect(client.pages(get("/users"))).await;
    assert_eq!(pages.len(), 3);
    assert!(
        matches!(pages[2], Err(Error::PageLimit(2))),
        "{:?}",
        pages[2]
    );
    server.finish();
}

#[tokio::test]
async fn throttling_waits_for_retry_after_then_succeeds() {
    let body = json!({"error": {"code": "TooManyRequests", "message": "slow down"}});
    let mut throttled = Exchange::json("GET", "/users/1", 429, &body);
    throttled.headers.push(("Retry-After".into(), "1".into()));
    let ok = Exchange::json("GET", "/users/1", 200, &json!({"id": "1"}));
    let server = server(vec![throttled, ok]).await;
    let started = Instant::now();
    let user: Value = server
        .client()
        .send(get("/users/1"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(user, json!({"id": "1"}));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    assert_eq!(server.received().len(), 2);
    server.finish();
}

#[tokio::test]
async fn unavailable_until_retries_run_out_gives_the_last_error() {
    let unavailable = || {
        let mut exchange = Exchange::json("GET", "/users/1", 503, &json!(null));
        exchange.response = b"service unavailable".to_vec();
        exchange.headers = vec![("request-id".into(), "rid-503".into())];
        exchange
    };
    let server = server((0..4).map(|_| unavailable()).collect()).await;
    let error = server.client().send(get::<Value>("/users/1")).await.err();
    match error {
        Some(Error::Status {
            status: 503,
            body,
            request_id,
        }) => {
            assert_eq!(body, "service unavailable");
            assert_eq!(request_id.as_deref(), Some("rid-503"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received().len(), 4, "four attempts in all");
    server.finish();
}

#[tokio::test]
async fn post_is_not_retried_unless_the_caller_opts_in() {
    let unavailable = || {
        let body = json!({"error": {"code": "serviceUnavailable", "message": "later"}});
        Exchange::json("POST", "/users", 503, &body)
    };
    let post = || Request::<Value>::new(&POST, "/users".into());
    let server = server(vec![unavailable()]).await;
    let result = server.client().send(post()).await;
    assert!(
        matches!(result, Err(Error::Graph(ref e)) if e.status == 503),
        "{result:?}"
    );
    assert_eq!(server.received().len(), 1);
    server.finish();

    let created = Exchange::json("POST", "/users", 201, &json!({}));
    let server = self::server(vec![unavailable(), created]).await;
    let client = server
        .client_builder()
        .retry(RetryPolicy {
            retry_non_idempotent: true,
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let created = client
        .send(post())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(created, json!({}));
    server.finish();
}

#[tokio::test]
async fn a_graph_error_body_becomes_a_typed_error() {
    let body = json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "No user.",
        "innerError": {"request-id": "9f1", "date": "2021-07-01T10:00:00"}
    }});
    let server = server(vec![Exchange::json("GET", "/users/x", 404, &body)]).await;
    match server.client().send(get::<Value>("/users/x")).await {
        Err(Error::Graph(error)) => {
            assert_eq!(error.status, 404);
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(error.message, "No user.");
            assert_eq!(error.request_id.as_deref(), Some("9f1"));
        }
        other => panic!("{other:?}"),
    }
    server.finish();
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout() {
    let mut slow = Exchange::json("GET", "/users/1", 200, &json!({}));
    slow.delay = Duration::from_secs(5);
    let server = server(vec![slow]).await;
    let client = server
        .client_builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let started = Instant::now();
    let result = client.send(get::<Value>("/users/1")).await;
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn reserved_characters_in_ids_arrive_encoded_and_unaltered() {
    let id = "a/b?c#d%e..f g-é";
    let encoded = "/users/a%2Fb%3Fc%23d%25e%2E%2Ef%20g-%C3%A9";
    let documented = Exchange::json("GET", encoded, 200, &json!({}));
    let server = server(vec![documented]).await;
    let request = get::<Value>(&format!("/users/{}", PathSegment(id)));
    server
        .client()
        .send(request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let received = server.received();
    assert_eq!(received[0].target, encoded);
    server.finish();
}

#[tokio::test]
async fn a_dot_segment_id_is_refused_before_sending() {
    let server = server(Vec::new()).await;
    let request = get::<Value>(&format!("/users/{}/manager", PathSegment("..")));
    let result = server.client().send(request).await;
    assert!(matches!(result, Err(Error::InvalidUrl(_))), "{result:?}");
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn a_failing_token_provider_sends_nothing() {
    let server = server(Vec::new()).await;
    let failing = TokenFn(|| async { Err::<String, BoxError>("vault unreachable".into()) });
    let client = server
        .client_builder()
        .token_provider(failing)
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    match client.send(get::<Value>("/users/1")).await {
        Err(error @ Error::Token(_)) => {
            assert_eq!(
                error.to_string(),
                "the token provider failed: vault unreachable"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn requests_carry_the_token_user_agent_and_default_headers() {
    let server = server(vec![Exchange::json("GET", "/me", 200, &json!({}))]).await;
    let client = server
        .client_builder()
        .default_header("ConsistencyLevel", "eventual")
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let _: Value = client
        .send(get("/me"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let headers = &server.received()[0].headers;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(header("authorization"), Some("Bearer replay-token"));
    assert_eq!(header("consistencylevel"), Some("eventual"));
    assert!(header("user-agent").is_some_and(|agent| agent.starts_with("docs2rs-runtime/")));
    server.finish();
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_sends_from_plain_code() {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|error| panic!("{error}"));
    let exchange = Exchange::json("GET", "/me", 200, &json!({"id": "me"}));
    let server = runtime.block_on(server(vec![exchange]));
    let client = docs2rs_runtime::client::BlockingClient::new(server.client_builder())
        .unwrap_or_else(|error| panic!("{error}"));
    let me: Value = client
        .send(get("/me"))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(me, json!({"id": "me"}));
    server.finish();
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_reads_headers_and_runs_delta_rounds() {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|error| panic!("{error}"));
    let mut tagged = Exchange::json("GET", "/me", 200, &json!({"id": "me"}));
    tagged
        .headers
        .push(("ETag".to_owned(), "W/\"1\"".to_owned()));
    let server = runtime.block_on(server(vec![tagged]));
    let link = format!("{}/users/delta?$deltatoken=t1", server.base_url());
    let round = Exchange::json(
        "GET",
        "/users/delta",
        200,
        &json!({"value": [1, 2], "@odata.deltaLink": link}),
    );
    server.push(round);
    let client = docs2rs_runtime::client::BlockingClient::new(server.client_builder())
        .unwrap_or_else(|error| panic!("{error}"));
    let answer = client
        .send_with_response(get::<Value>("/me"))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(answer.headers.etag(), Some("W/\"1\""));
    let delta = client
        .delta(get::<Collection<u32>>("/users/delta"), None)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!((delta.items, delta.delta_link), (vec![1, 2], link));
    server.finish();
}
