//! Replaying one documented request/response example through the client
//! and a [`ReplayServer`].

use super::server::{Exchange, ReplayServer};
use super::{decode, json_differences};
use crate::client::{Error, ResponseBody, RetryPolicy};
use crate::request::Request;
use serde::Serialize;
use serde_json::Value;

/// A documented example: the request the docs show and the answer they give.
#[derive(Debug, Clone, Copy)]
pub struct Documented<'a> {
    pub method: &'a str,
    /// The example URL's path, without the version segment.
    pub path: &'a str,
    /// The example URL's query, decoded.
    pub query: &'a [(&'a str, &'a str)],
    /// The request's JSON body.
    pub body: Option<&'a str>,
    pub status: u16,
    pub headers: &'a [(&'a str, &'a str)],
    /// The response's JSON body.
    pub response: Option<&'a str>,
}

/// Headers the server sets from the body it really sends.
const FRAMING_HEADERS: &[&str] = &["content-length", "transfer-encoding"];

/// Sends `request` to a local server that checks it against the documented
/// request and answers with the documented response. A documented success
/// gives the decoded response (`None` when the docs show no body); a
/// documented error status must come back as an error with that status, and
/// gives `None`. Panics, naming every difference, otherwise.
pub async fn replay<R: ResponseBody>(request: Request<R>, documented: Documented<'_>) -> Option<R> {
    let exchange = Exchange {
        method: documented.method.to_owned(),
        path: documented.path.to_owned(),
        query: documented
            .query
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
        body: documented.body.map(decode::<Value>),
        status: documented.status,
        headers: documented
            .headers
            .iter()
            .filter(|(name, _)| !FRAMING_HEADERS.contains(&name.to_ascii_lowercase().as_str()))
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
        response: documented.response.unwrap_or_default().as_bytes().to_vec(),
        ..Exchange::default()
    };
    let server = match ReplayServer::start(vec![exchange]).await {
        Ok(server) => server,
        Err(error) => panic!("cannot start the replay server: {error}"),
    };
    let client = match server.client_builder().retry(RetryPolicy::never()).build() {
        Ok(client) => client,
        Err(error) => panic!("cannot build the client: {error}"),
    };
    let outcome = client.send_raw(&request).await;
    if let Err(error) = &outcome {
        if server.received().is_empty() {
            panic!("the client sent nothing: {error}");
        }
    }
    server.finish();
    let success = (200..300).contains(&documented.status);
    match outcome {
        Ok(raw) if success => documented.response.map(|_| match R::from_response(raw) {
            Ok(response) => response,
            Err(message) => panic!(
                "the documented response is not a {}: {message}",
                std::any::type_name::<R>()
            ),
        }),
        Err(Error::Graph(error)) if error.status == documented.status && !success => None,
        Err(Error::Status { status, .. }) if status == documented.status && !success => None,
        Ok(_) => panic!(
            "documented {} but the client gave a success",
            documented.status
        ),
        Err(error) => panic!("documented {}, the client gave: {error}", documented.status),
    }
}

/// Checks that a response serialises back to the documented JSON. Where
/// the docs mark the example truncated, properties the type drops are
/// allowed; nothing else is.
pub fn assert_same_json<T: Serialize>(response: Option<&T>, documented: &str, truncated: bool) {
    let Some(response) = response else {
        return;
    };
    let expected: Value = decode(documented);
    let actual = match serde_json::to_value(response) {
        Ok(value) => value,
        Err(error) => panic!("{} does not serialise: {error}", std::any::type_name::<T>()),
    };
    let mut differences = Vec::new();
    json_differences("", &expected, &actual, &mut differences);
    differences.retain(|difference| !(truncated && difference.ends_with(", dropped")));
    assert!(
        differences.is_empty(),
        "the response as {} differs from the documented JSON:\n{}",
        std::any::type_name::<T>(),
        differences.join("\n")
    );
}
