//! A large file upload, run against the local test server so it needs no
//! tenant: `cargo run --example upload`.
//!
//! The server on 127.0.0.1 plays Graph from a script: it hands out an
//! upload session, takes 320 KiB ranges, rejects one with a 503 (the upload
//! asks the session what it still expects and sends that range again), and
//! answers the last range with the new drive item.

use docs2rs_runtime::client::{UploadSession, UPLOAD_CHUNK_UNIT};
use docs2rs_runtime::testing::{Exchange, ReplayServer};
use docs2rs_runtime::{Method, Operation, Permissions, Request, Scopes};
use serde_json::{json, Value};

/// `POST /me/drive/root:/{path}:/createUploadSession`, declared here as a
/// generated SDK declares it.
static CREATE_UPLOAD_SESSION: Operation = Operation {
    name: "driveItem: createUploadSession",
    method: Method::Post,
    path_template: "/me/drive/root:/{path}:/createUploadSession",
    permissions: Permissions {
        delegated_work_or_school: Scopes::AnyOf(&["Files.ReadWrite"]),
        delegated_personal: Scopes::AnyOf(&["Files.ReadWrite"]),
        application: Scopes::AnyOf(&["Files.ReadWrite.All"]),
    },
    query_options: &[],
};

const PATH: &str = "/me/drive/root:/report.bin:/createUploadSession";
const UNIT: usize = UPLOAD_CHUNK_UNIT;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 800 KiB: two full 320 KiB ranges and a shorter last one.
    let content: Vec<u8> = (0..5 * UNIT / 2).map(|at| (at % 251) as u8).collect();
    let server = ReplayServer::start(Vec::new()).await?;
    play_graph(&server, content.len());
    let client = server.client();

    // 1. Ask for an upload session (with Graph, the token goes with this one).
    let request = Request::<Value>::new(&CREATE_UPLOAD_SESSION, PATH.to_owned())
        .json(&json!({"item": {"@microsoft.graph.conflictBehavior": "rename"}}));
    let session = UploadSession::from_answer(&client.send(request).await?)?;
    println!("session: {}", session.upload_url);

    // 2. Upload in ranges; the upload URL is pre-authenticated, so no token
    //    goes with them. Any type the item decodes into will do.
    let item: Value = client
        .upload(session)
        .chunk_size(UNIT)
        .on_progress(|progress| println!("  {} of {} bytes", progress.uploaded, progress.total))
        .send_bytes(&content)
        .await?;
    println!("created {} ({} bytes)", item["name"], item["size"]);

    // 3. What went over the wire.
    for request in server.received() {
        let header = |name: &str| {
            let found = request.headers.iter().find(|(header, _)| header == name);
            found.map_or("-", |(_, value)| value.as_str()).to_owned()
        };
        println!(
            "{:<4} {:<48} range: {:<28} token: {}",
            request.method,
            request.target,
            header("content-range"),
            header("authorization"),
        );
    }
    Ok(())
}

/// Graph's side: the session, the ranges, one rejected, the item.
fn play_graph(server: &ReplayServer, length: usize) {
    let session = "/upload/session-1";
    let expecting = |method: &str, status: u16, from: usize| {
        let body = json!({"expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": [format!("{from}-")]});
        Exchange::json(method, session, status, &body)
    };
    let created = json!({
        "uploadUrl": format!("{}{session}?tempauth=abc", server.base_url()),
        "expirationDateTime": "2030-01-01T00:00:00Z",
        "nextExpectedRanges": ["0-"],
    });
    let unavailable = json!({"error": {"code": "serviceNotAvailable", "message": "try later"}});
    let item = json!({"id": "01ABC", "name": "report.bin", "size": length});
    server.push(Exchange::json("POST", PATH, 200, &created));
    server.push(expecting("PUT", 202, UNIT));
    server.push(Exchange::json("PUT", session, 503, &unavailable));
    server.push(expecting("GET", 200, UNIT));
    server.push(expecting("PUT", 202, 2 * UNIT));
    server.push(Exchange::json("PUT", session, 201, &item));
}
