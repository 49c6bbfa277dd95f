//! A `$batch` endpoint for the test server. It reads the batch body and
//! answers each item through the test's handler the way Graph does: at most
//! 20 items, `dependsOn` naming earlier items of the same call, an item
//! whose dependency failed answered `424` without reaching the handler,
//! and the answers in reverse order (Graph promises no order).

use super::reply::Reply;
use super::server::{Exchange, Received};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// One item of a `$batch` as the server read it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchCall {
    pub id: String,
    pub method: String,
    /// The path and query under the version: `/users/1?$select=id`.
    pub url: String,
    pub headers: Map<String, Value>,
    pub body: Option<Value>,
    pub depends_on: Vec<String>,
}

/// A handler's answer to one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl ItemReply {
    /// `status` with a JSON body.
    pub fn json(status: u16, body: Value) -> Self {
        ItemReply {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: Some(body),
        }
    }
}

impl Exchange {
    /// Expects `POST /$batch` and answers each item through `handler`.
    pub fn batch(handler: impl Fn(&BatchCall) -> ItemReply + Send + Sync + 'static) -> Self {
        batch_exchange(Arc::new(handler))
    }

    /// `count` such exchanges sharing one handler, for a batch sent in
    /// several calls or sent again: what the handler counts spans them all.
    pub fn batches(
        count: usize,
        handler: impl Fn(&BatchCall) -> ItemReply + Send + Sync + 'static,
    ) -> Vec<Self> {
        let handler = Arc::new(handler);
        (0..count)
            .map(|_| batch_exchange(Arc::clone(&handler)))
            .collect()
    }
}

fn batch_exchange<H>(handler: Arc<H>) -> Exchange
where
    H: Fn(&BatchCall) -> ItemReply + Send + Sync + 'static,
{
    let reply = Reply::new(move |received: &Received, exchange: &mut Exchange| {
        let (status, body) = match answer(received, handler.as_ref()) {
            Ok(responses) => (200, json!({ "responses": responses })),
            Err(message) => (
                400,
                json!({"error": {"code": "BadRequest", "message": message}}),
            ),
        };
        exchange.status = status;
        exchange.response = body.to_string().into_bytes();
    });
    Exchange {
        reply: Some(reply),
        ..Exchange::json("POST", "/$batch", 200, &Value::Null)
    }
}

/// The `responses` of a valid batch, or why Graph would refuse it whole.
fn answer(
    received: &Received,
    handler: &impl Fn(&BatchCall) -> ItemReply,
) -> Result<Vec<Value>, String> {
    let envelope: Value =
        serde_json::from_slice(&received.body).map_err(|error| format!("not JSON: {error}"))?;
    let requests = envelope
        .get("requests")
        .and_then(Value::as_array)
        .ok_or("no `requests` array")?;
    if requests.len() > 20 {
        return Err(format!("{} requests; at most 20", requests.len()));
    }
    let mut answered: Vec<(String, u16)> = Vec::new();
    let mut responses = Vec::new();
    for request in requests {
        let call = read(request)?;
        let mut dependency_failed = false;
        for id in &call.depends_on {
            match answered.iter().find(|(earlier, _)| earlier == id) {
                Some((_, status)) => dependency_failed |= !(200..300).contains(status),
                None => return Err(format!("item {} depends on unknown item {id}", call.id)),
            }
        }
        let reply = if dependency_failed {
            let error =
                json!({"error": {"code": "FailedDependency", "message": "a dependency failed"}});
            ItemReply::json(424, error)
        } else {
            handler(&call)
        };
        answered.push((call.id.clone(), reply.status));
        let headers: Map<String, Value> = reply
            .headers
            .into_iter()
            .map(|(name, value)| (name, Value::String(value)))
            .collect();
        let mut response = json!({"id": call.id, "status": reply.status, "headers": headers});
        if let Some(body) = reply.body {
            response["body"] = body;
        }
        responses.push(response);
    }
    responses.reverse();
    Ok(responses)
}

fn read(request: &Value) -> Result<BatchCall, String> {
    let text = |name: &str| {
        request
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or(format!("an item without `{name}`: {request}"))
    };
    let depends_on = request
        .get("dependsOn")
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(BatchCall {
        id: text("id")?,
        method: text("method")?,
        url: text("url")?,
        headers: request
            .get("headers")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        body: request.get("body").cloned(),
        depends_on,
    })
}
