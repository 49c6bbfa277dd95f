//! Response metadata and JSON batching, against the runtime's local test
//! server so it runs without a tenant: `cargo run --example batching`.
//!
//! Against Graph, build the client with `Client::builder()` and a token
//! provider instead of `server.client_builder()`; the calls are the same.

use docs2rs_sdk::endpoints::device_management::update_device_configurations_assignments_by_id as update;
use docs2rs_sdk::models::DeviceConfigurationAssignment;
use docs2rs_sdk::runtime::client::{Batch, RetryPolicy};
use docs2rs_sdk::runtime::testing::{BatchCall, Exchange, ItemReply, ReplayServer};
use docs2rs_sdk::runtime::Nullable;
use serde_json::json;
use std::error::Error;
use std::sync::atomic::{AtomicBool, Ordering};

const PATH: &str = "/deviceManagement/deviceConfigurations/config/assignments/a1";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    // The server answers one PATCH with an ETag, then `$batch` calls: the
    // first time it sees item 3 it throttles it, as Graph does under load.
    let mut patched = Exchange::json("PATCH", PATH, 200, &json!({"id": "a1"}));
    patched.headers.push(("ETag".into(), "W/\"v2\"".into()));
    patched
        .headers
        .push(("request-id".into(), "5f0c-example".into()));
    let throttled_once = AtomicBool::new(false);
    let answer = move |call: &BatchCall| {
        if call.id == "3" && !throttled_once.swap(true, Ordering::SeqCst) {
            let mut busy = ItemReply::json(
                429,
                json!({"error": {"code": "TooManyRequests", "message": "later"}}),
            );
            busy.headers.push(("Retry-After".into(), "1".into()));
            return busy;
        }
        ItemReply::json(200, json!({ "id": call.url.rsplit('/').next() }))
    };
    let mut script = vec![patched];
    // 25 requests: two `$batch` calls (20 + 5), then one resending item 3.
    script.extend(Exchange::batches(3, answer));
    let server = ReplayServer::start(script).await?;
    let client = server
        .client_builder()
        // These PATCHes set fixed values, so sending one again is safe;
        // POST and PATCH are not retried unless the policy says so.
        .retry(RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        })
        .build()?;

    // Response metadata: status and headers next to the typed body. The
    // ETag goes back in `If-Match` so a concurrent change is not overwritten.
    let body = DeviceConfigurationAssignment::default();
    let response = client
        .send_with_response(update("config", "a1", &body))
        .await?;
    println!(
        "PATCH -> {}, ETag {:?}, request-id {:?}",
        response.status,
        response.headers.etag(),
        response.headers.request_id()
    );
    if let Some(etag) = response.headers.etag() {
        let conditional = update("config", "a1", &body).if_match(etag);
        println!("the next update would send {:?}", conditional.headers);
    }

    // Batching: each added request gives a handle typed like the request.
    let mut batch = Batch::new();
    let mut handles = Vec::new();
    for n in 1..=25 {
        let id = format!("a{n}");
        let assignment = DeviceConfigurationAssignment {
            id: Nullable::Value(id.clone()),
            ..DeviceConfigurationAssignment::default()
        };
        handles.push(batch.add(update("config", &id, &assignment))?);
    }
    let mut answers = client.send_batch(batch).await;
    for handle in handles {
        // Each item succeeds or fails on its own, with the runtime's Error.
        match answers.take(handle) {
            Ok(assignment) => print!("{} ", assignment.id.value().map_or("?", String::as_str)),
            Err(error) => print!("[{error}] "),
        }
    }
    println!("\n{} HTTP calls for 25 updates", server.received().len());
    server.finish();
    Ok(())
}
