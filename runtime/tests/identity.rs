//! `azure_identity`'s `ClientSecretCredential` signing in at a token
//! endpoint on 127.0.0.1, and the client carrying its token to a Graph
//! stand-in: caching, refresh, one sign-in for concurrent requests, the
//! cloud's scope, and sign-in failures.
#![cfg(all(feature = "test-server", feature = "azure-identity"))]

mod common;

use azure_core::credentials::TokenCredential;
use azure_identity::{ClientSecretCredential, ClientSecretCredentialOptions};
use common::{operation, server};
use docs2rs_runtime::client::{AzureCredential, Client, Cloud, Error};
use docs2rs_runtime::testing::{Exchange, LocalAuthority, ReplayServer};
use docs2rs_runtime::{Method, Operation, Request};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

const TOKEN_PATH: &str = "/contoso-tenant/oauth2/v2.0/token";

static GET_USER: Operation = operation(Method::Get);

/// The token endpoint's answer: `token` valid for `expires_in` seconds.
fn issued(token: &str, expires_in: u64) -> Exchange {
    let body = json!({
        "token_type": "Bearer",
        "expires_in": expires_in,
        "ext_expires_in": expires_in,
        "access_token": token,
    });
    Exchange::json("POST", TOKEN_PATH, 200, &body)
}

fn user(number: usize) -> Exchange {
    Exchange::json("GET", "/users/1", 200, &json!({ "id": number }))
}

/// A client-secret credential whose sign-in goes to `authority`.
fn credential(authority: &str) -> Arc<dyn TokenCredential> {
    let transport = LocalAuthority::new(authority, azure_core::http::new_http_client(None))
        .unwrap_or_else(|error| panic!("authority: {error}"));
    let options = ClientSecretCredentialOptions {
        client_options: transport.client_options(),
    };
    ClientSecretCredential::new(
        "contoso-tenant",
        "app-id".to_owned(),
        "app-secret".into(),
        Some(options),
    )
    .unwrap_or_else(|error| panic!("credential: {error}"))
}

fn client(graph: &ReplayServer, authority: &str) -> Client {
    graph
        .client_builder()
        .azure_credential(credential(authority))
        .build()
        .unwrap_or_else(|error| panic!("client: {error}"))
}

async fn get_user(client: &Client) -> Result<Value, Error> {
    client
        .send(Request::<Value>::new(&GET_USER, "/users/1".to_owned()))
        .await
}

/// The message of the token error a request gives, or a failed test.
async fn token_error(client: &Client) -> String {
    match get_user(client).await {
        Err(error @ Error::Token(_)) => error.to_string(),
        other => panic!("expected a token error, got {other:?}"),
    }
}

/// The bearer token each request to `server` carried.
fn bearers(server: &ReplayServer) -> Vec<String> {
    server
        .received()
        .iter()
        .map(|request| {
            let found = request
                .headers
                .iter()
                .find(|(name, _)| name == "authorization");
            found.map_or_else(String::new, |(_, value)| value.clone())
        })
        .collect()
}

/// The `scope` each sign-in asked for.
fn scopes(token_endpoint: &ReplayServer) -> Vec<String> {
    token_endpoint
        .received()
        .iter()
        .map(|request| {
            let form = String::from_utf8_lossy(&request.body).into_owned();
            let scope = form.split('&').find_map(|pair| pair.strip_prefix("scope="));
            scope
                .unwrap_or_default()
                .replace("%3A", ":")
                .replace("%2F", "/")
        })
        .collect()
}

#[tokio::test]
async fn a_client_secret_sign_in_gives_the_bearer_token_and_is_reused() {
    let token_endpoint = server(vec![issued("token-1", 3600)]).await;
    let graph = server(vec![user(1), user(2)]).await;
    let client = client(&graph, &token_endpoint.base_url());
    for number in 1..=2 {
        let body = get_user(&client).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(body, json!({ "id": number }));
    }
    assert_eq!(bearers(&graph), ["Bearer token-1", "Bearer token-1"]);
    let form = String::from_utf8_lossy(&token_endpoint.received()[0].body).into_owned();
    for pair in [
        "client_id=app-id",
        "client_secret=app-secret",
        "grant_type=client_credentials",
    ] {
        assert!(form.contains(pair), "{pair} missing from {form}");
    }
    assert_eq!(
        scopes(&token_endpoint),
        ["https://graph.microsoft.com/.default"]
    );
    token_endpoint.finish();
    graph.finish();
}

#[tokio::test]
async fn a_token_is_fetched_again_when_it_nears_expiry() {
    // Four seconds of life: used for two (half, as it is short), then replaced.
    let token_endpoint = server(vec![issued("token-1", 4), issued("token-2", 4)]).await;
    let graph = server((1..=3).map(user).collect()).await;
    let client = client(&graph, &token_endpoint.base_url());
    for wait in [0, 0, 2100] {
        tokio::time::sleep(Duration::from_millis(wait)).await;
        get_user(&client).await.unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(
        bearers(&graph),
        ["Bearer token-1", "Bearer token-1", "Bearer token-2"]
    );
    token_endpoint.finish();
    graph.finish();
}

#[tokio::test]
async fn concurrent_requests_sign_in_once() {
    let mut slow = issued("token-1", 3600);
    slow.delay = Duration::from_millis(300);
    let token_endpoint = server(vec![slow]).await;
    let graph = server((1..=8).map(user).collect()).await;
    // The adapter on its own, as any other token provider.
    let provider = AzureCredential::new(credential(&token_endpoint.base_url()));
    let client = graph
        .client_builder()
        .token_provider(provider)
        .build()
        .unwrap_or_else(|error| panic!("client: {error}"));
    let results = futures_util::future::join_all((0..8).map(|_| get_user(&client))).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(token_endpoint.received().len(), 1);
    assert!(bearers(&graph).iter().all(|b| b == "Bearer token-1"));
    token_endpoint.finish();
    graph.finish();
}

#[tokio::test]
async fn the_scope_follows_the_cloud_whenever_it_is_set() {
    let token_endpoint = server(vec![issued("token-1", 3600)]).await;
    let graph = server(vec![user(1)]).await;
    let client = graph
        .client_builder()
        .azure_credential(credential(&token_endpoint.base_url()))
        .cloud(Cloud::UsGovernment)
        .build()
        .unwrap_or_else(|error| panic!("client: {error}"));
    get_user(&client).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scopes(&token_endpoint),
        ["https://graph.microsoft.us/.default"]
    );
    token_endpoint.finish();
    graph.finish();
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_fails_clearly_before_graph_is_called() {
    // A port that was free a moment ago: nothing listens there now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .unwrap_or_else(|error| panic!("port: {error}"));
    let graph = server(Vec::new()).await;
    let client = client(&graph, &format!("http://{closed}"));
    let message = token_error(&client).await;
    for part in [
        "the token provider failed",
        "no token for scope https://graph.microsoft.com/.default",
        "ClientSecretCredential authentication failed",
        // The cause, which azure_core keeps out of its own message.
        "error sending request for url",
    ] {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    assert!(graph.received().is_empty());
}

#[tokio::test]
async fn a_rejected_secret_reports_the_endpoints_reason() {
    let rejection = json!({
        "error": "invalid_client",
        "error_description": "AADSTS7000215: Invalid client secret provided.",
        "error_codes": [7000215],
    });
    let token_endpoint = server(vec![Exchange::json("POST", TOKEN_PATH, 401, &rejection)]).await;
    let graph = server(Vec::new()).await;
    let client = client(&graph, &token_endpoint.base_url());
    let message = token_error(&client).await;
    assert!(message.contains("AADSTS7000215"), "{message}");
    assert!(graph.received().is_empty());
    token_endpoint.finish();
}
