//! A real HTTP server on 127.0.0.1 that answers scripted exchanges in
//! order and checks each request against the documented one.

use super::reply::Reply;
use crate::client::{Client, ClientBuilder, RetryPolicy, StaticToken};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use serde_json::Value;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::TcpListener;

/// The token the server's clients send.
pub const REPLAY_TOKEN: &str = "replay-token";

/// What a request must be, and what the server answers.
#[derive(Debug, Clone, Default)]
pub struct Exchange {
    pub method: String,
    /// The documented path (without the version segment), compared
    /// segment by segment after percent-decoding, ASCII case-insensitively.
    pub path: String,
    /// Query pairs that must be present (decoded; order does not matter).
    pub query: Vec<(String, String)>,
    /// The JSON body the request must carry, compared as values.
    pub body: Option<Value>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub response: Vec<u8>,
    /// Wait this long before answering (to make a client time out).
    pub delay: Duration,
    /// Computes the answer from the request instead.
    pub reply: Option<Reply>,
}

impl Exchange {
    /// Expects `method path` and answers `status` with a JSON body.
    pub fn json(method: &str, path: &str, status: u16, body: &Value) -> Self {
        Exchange {
            method: method.to_owned(),
            path: path.to_owned(),
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            response: body.to_string().into_bytes(),
            ..Exchange::default()
        }
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// The path and query exactly as they arrived, still percent-encoded.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct State {
    script: VecDeque<Exchange>,
    received: Vec<Received>,
    mismatches: Vec<String>,
}

/// The server; it stops when dropped.
pub struct ReplayServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl ReplayServer {
    /// Starts serving `script` on a free port of 127.0.0.1.
    pub async fn start(script: Vec<Exchange>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            script: script.into(),
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(Arc::clone(&state), request));
                    let connection = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service);
                    // A client that hangs up early (a timeout test) is no failure.
                    let _ = connection.await;
                });
            }
        });
        Ok(ReplayServer {
            address,
            state,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A client builder aimed at this server, with a static token and short
    /// retry waits.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(&self.base_url())
            .token_provider(StaticToken(REPLAY_TOKEN.to_owned()))
            .retry(RetryPolicy {
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(100),
                ..RetryPolicy::default()
            })
    }

    /// A client aimed at this server.
    pub fn client(&self) -> Client {
        match self.client_builder().build() {
            Ok(client) => client,
            Err(error) => panic!("a client for the replay server: {error}"),
        }
    }

    /// Adds an exchange to the end of the script (for answers that name
    /// the server's own address, such as `@odata.nextLink`).
    pub fn push(&self, exchange: Exchange) {
        lock(&self.state).script.push_back(exchange);
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.state).received.clone()
    }

    /// Panics unless every exchange was used and every request matched.
    pub fn finish(self) {
        let state = lock(&self.state);
        assert!(
            state.mismatches.is_empty(),
            "requests differ from the documented ones:\n{}",
            state.mismatches.join("\n")
        );
        assert!(
            state.script.is_empty(),
            "{} documented exchange(s) never requested: {:?}",
            state.script.len(),
            state.script.iter().map(|e| &e.path).collect::<Vec<_>>()
        );
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn answer(
    state: Arc<Mutex<State>>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, hyper::Error> {
    let method = request.method().as_str().to_owned();
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |target| target.as_str().to_owned());
    let headers = crate::client::header_pairs(request.headers()).collect();
    let body = request.into_body().collect().await?.to_bytes().to_vec();
    let received = Received {
        method,
        target,
        headers,
        body,
    };
    let request = received.clone();
    let exchange = {
        let mut state = lock(&state);
        let exchange = state.script.pop_front();
        let problem = match &exchange {
            Some(exchange) => differences(exchange, &received),
            None => vec!["no documented exchange is left for it".to_owned()],
        };
        if !problem.is_empty() {
            let message = format!(
                "{} {}: {}",
                received.method,
                received.target,
                problem.join("; ")
            );
            state.mismatches.push(message);
        }
        state.received.push(received);
        exchange.filter(|_| state.mismatches.is_empty())
    };
    let Some(mut exchange) = exchange else {
        let body = r#"{"error":{"code":"replayMismatch","message":"the request differs from the documented one; see the server's report"}}"#;
        return Ok(response(400, &[], body.as_bytes().to_vec()));
    };
    if let Some(reply) = exchange.reply.clone() {
        reply.fill(&request, &mut exchange);
    }
    if !exchange.delay.is_zero() {
        tokio::time::sleep(exchange.delay).await;
    }
    Ok(response(
        exchange.status,
        &exchange.headers,
        exchange.response,
    ))
}

fn response(
    status: u16,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> hyper::Response<Full<Bytes>> {
    let mut builder = hyper::Response::builder().status(status);
    // A documented header HTTP cannot carry (a placeholder with spaces, a
    // stray colon) is left out rather than failing the whole answer.
    let valid = headers.iter().filter(|(name, value)| {
        hyper::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
            && hyper::header::HeaderValue::from_str(value).is_ok()
    });
    for (name, value) in valid {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| {
            let mut fallback =
                hyper::Response::new(Full::new(Bytes::from_static(b"bad scripted response")));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}

/// How a received request differs from the documented one.
fn differences(expected: &Exchange, received: &Received) -> Vec<String> {
    let mut problems = Vec::new();
    if !expected.method.eq_ignore_ascii_case(&received.method) {
        problems.push(format!("method: documented {}", expected.method));
    }
    let (path, query) = received
        .target
        .split_once('?')
        .unwrap_or((received.target.as_str(), ""));
    if !same_path(path, &expected.path) {
        problems.push(format!("path: documented `{}`", expected.path));
    }
    let pairs = decoded_query(query);
    for pair in &expected.query {
        if !pairs.contains(pair) {
            problems.push(format!("query: `{}={}` missing", pair.0, pair.1));
        }
    }
    if let Some(documented) = &expected.body {
        match serde_json::from_slice::<Value>(&received.body) {
            Ok(body) if super::same_json(&body, documented) => {}
            Ok(body) => problems.push(format!("body: sent {body}, documented {documented}")),
            Err(_) => problems.push("body: not JSON".to_owned()),
        }
    }
    problems
}

/// Paths match segment by segment once decoded, ignoring ASCII case (Graph
/// routes case-insensitively) and a trailing slash.
fn same_path(received: &str, documented: &str) -> bool {
    let decode = |path: &str| -> Vec<String> {
        path.trim_end_matches('/')
            .split('/')
            .map(|segment| {
                percent_decode_str(segment)
                    .decode_utf8_lossy()
                    .to_ascii_lowercase()
            })
            .collect()
    };
    decode(received) == decode(documented)
}

fn decoded_query(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}
