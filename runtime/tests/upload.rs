//! Large uploads against a real HTTP server on 127.0.0.1: ranges and their
//! headers, progress, the item decoded, a rejected range resumed from the
//! session's status, a session with gaps, retries running out.
#![cfg(feature = "test-server")]

use docs2rs_runtime::client::{Error, Progress, RetryPolicy, UploadSession, UPLOAD_CHUNK_UNIT};
use docs2rs_runtime::testing::{Exchange, Received, ReplayServer};
use serde_json::{json, Map, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The item a finished upload answers with, decoded as a generated model
/// would be.
#[derive(Clone, Default)]
struct DriveItem {
    odata_type: Option<String>,
    id: Option<String>,
    size: Option<u64>,
    additional_properties: Map<String, Value>,
}

docs2rs_runtime::impl_model!(DriveItem { "id" => id, "size" => size });

const UNIT: u64 = UPLOAD_CHUNK_UNIT as u64;
/// Two and a half units: two full ranges and a short last one.
const LENGTH: u64 = 5 * UNIT / 2;

fn content() -> Vec<u8> {
    (0..LENGTH).map(|at| (at % 251) as u8).collect()
}

async fn server() -> ReplayServer {
    ReplayServer::start(Vec::new())
        .await
        .unwrap_or_else(|error| panic!("server: {error}"))
}

fn session_url(server: &ReplayServer) -> String {
    format!("{}/upload/s1?guid=7", server.base_url())
}

fn expecting(method: &str, ranges: &[String]) -> Exchange {
    let body = json!({"expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": ranges});
    let status = if method == "PUT" { 202 } else { 200 };
    Exchange::json(method, "/upload/s1", status, &body)
}

fn from(start: u64) -> Vec<String> {
    vec![format!("{start}-")]
}

fn item() -> Exchange {
    let body = json!({"id": "item-1", "name": "big.bin", "size": LENGTH});
    Exchange::json("PUT", "/upload/s1", 201, &body)
}

fn header<'a>(received: &'a Received, name: &str) -> Option<&'a str> {
    received
        .headers
        .iter()
        .find(|(header, _)| header == name)
        .map(|(_, value)| value.as_str())
}

/// Each PUT's `Content-Range`, after checking that its body is those bytes
/// of the content, that `Content-Length` says so, and that no request to
/// the pre-authenticated URL carries the token.
fn ranges_sent(server: &ReplayServer, content: &[u8]) -> Vec<String> {
    let mut ranges = Vec::new();
    for received in server.received() {
        assert_eq!(header(&received, "authorization"), None, "token sent");
        if received.method != "PUT" {
            continue;
        }
        let range = header(&received, "content-range").unwrap_or_default();
        let bounds = range
            .strip_prefix("bytes ")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(span, total)| Some((span.split_once('-')?, total)));
        let Some(((start, end), total)) = bounds else {
            panic!("Content-Range `{range}`")
        };
        let parse = |text: &str| {
            text.parse::<usize>()
                .unwrap_or_else(|_| panic!("`{range}`"))
        };
        assert_eq!(parse(total), content.len());
        assert!(
            received.body == content[parse(start)..=parse(end)],
            "{range}: other bytes"
        );
        let length = received.body.len().to_string();
        assert_eq!(header(&received, "content-length"), Some(length.as_str()));
        ranges.push(range.to_owned());
    }
    ranges
}

#[tokio::test]
async fn a_file_goes_up_in_ranges_with_progress_and_the_item_decoded() {
    let server = server().await;
    server.push(expecting("PUT", &from(UNIT)));
    server.push(expecting("PUT", &from(2 * UNIT)));
    server.push(item());
    let content = content();
    let path = std::env::temp_dir().join(format!("docs2rs-upload-{}.bin", std::process::id()));
    std::fs::write(&path, &content).unwrap_or_else(|error| panic!("{error}"));
    let session = json!({
        "uploadUrl": session_url(&server),
        "expirationDateTime": "2030-01-01T00:00:00Z",
        "nextExpectedRanges": ["0-"]
    });
    let session = UploadSession::from_answer(&session).unwrap_or_else(|error| panic!("{error}"));
    let reports = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&reports);
    let client = server.client();
    let uploaded: Result<DriveItem, Error> = client
        .upload(session)
        .chunk_size(UPLOAD_CHUNK_UNIT + 1000)
        .on_progress(move |progress| {
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(progress)
        })
        .send_file(&path)
        .await;
    let _ = std::fs::remove_file(&path);
    let item = uploaded.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        (item.id.as_deref(), item.size),
        (Some("item-1"), Some(LENGTH))
    );
    assert_eq!(
        item.additional_properties.get("name"),
        Some(&json!("big.bin"))
    );
    let progress = |uploaded| Progress {
        uploaded,
        total: LENGTH,
    };
    assert_eq!(
        *reports.lock().unwrap_or_else(|e| e.into_inner()),
        [progress(UNIT), progress(2 * UNIT), progress(LENGTH)]
    );
    let last = LENGTH - 1;
    assert_eq!(
        ranges_sent(&server, &content),
        [
            format!("bytes 0-{}/{LENGTH}", UNIT - 1),
            format!("bytes {UNIT}-{}/{LENGTH}", 2 * UNIT - 1),
            format!("bytes {}-{last}/{LENGTH}", 2 * UNIT),
        ]
    );
    server.finish();
}

#[tokio::test]
async fn a_rejected_or_timed_out_range_is_sent_again_from_what_the_session_expects() {
    let server = server().await;
    server.push(expecting("PUT", &from(UNIT)));
    let unavailable = json!({"error": {"code": "serviceNotAvailable", "message": "later"}});
    server.push(Exchange::json("PUT", "/upload/s1", 503, &unavailable));
    server.push(expecting("GET", &from(UNIT)));
    let mut slow = expecting("PUT", &from(2 * UNIT));
    slow.delay = Duration::from_secs(3);
    server.push(slow);
    server.push(expecting("GET", &from(UNIT)));
    server.push(expecting("PUT", &from(2 * UNIT)));
    server.push(item());
    let content = content();
    let mut session = UploadSession::new(&session_url(&server));
    session.next_expected_ranges = from(0);
    let client = server
        .client_builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let item: DriveItem = client
        .upload(session)
        .chunk_size(UPLOAD_CHUNK_UNIT)
        .send_bytes(&content)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(item.id.as_deref(), Some("item-1"));
    let methods: Vec<String> = server.received().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["PUT", "PUT", "GET", "PUT", "GET", "PUT", "PUT"]);
    let ranges = ranges_sent(&server, &content);
    assert!(
        ranges[2..4].iter().all(|range| *range == ranges[1]),
        "the failed range is sent again: {ranges:?}"
    );
    server.finish();
}

#[tokio::test]
async fn a_stored_session_with_gaps_gets_only_the_missing_ranges() {
    let server = server().await;
    let gaps = vec!["0-99".to_owned(), "400000-".to_owned()];
    server.push(expecting("GET", &gaps));
    server.push(expecting("PUT", &from(400_000)));
    server.push(expecting("PUT", &from(400_000 + UNIT)));
    server.push(item());
    let content = content();
    let reports = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&reports);
    let _: DriveItem = server
        .client()
        .upload(UploadSession::new(&session_url(&server)))
        .chunk_size(UPLOAD_CHUNK_UNIT)
        .on_progress(move |progress| {
            seen.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(progress.uploaded)
        })
        .send_bytes(&content)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let last = LENGTH - 1;
    assert_eq!(
        ranges_sent(&server, &content),
        [
            format!("bytes 0-99/{LENGTH}"),
            format!("bytes 400000-{}/{LENGTH}", 400_000 + UNIT - 1),
            format!("bytes {}-{last}/{LENGTH}", 400_000 + UNIT),
        ]
    );
    // The session already held bytes 100-399999.
    assert_eq!(
        *reports.lock().unwrap_or_else(|e| e.into_inner()),
        [400_000, 400_000 + UNIT, LENGTH]
    );
    server.finish();
}

#[tokio::test]
async fn retries_run_out_with_the_last_error_and_a_lost_session_stops_at_once() {
    let failing = json!({"error": {"code": "generalException", "message": "boom"}});
    let server = server().await;
    server.push(Exchange::json("PUT", "/upload/s1", 500, &failing));
    server.push(expecting("GET", &from(0)));
    server.push(Exchange::json("PUT", "/upload/s1", 500, &failing));
    let client = server
        .client_builder()
        .retry(RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let content = content();
    let mut session = UploadSession::new(&session_url(&server));
    session.next_expected_ranges = from(0);
    let result = client
        .upload(session.clone())
        .send_bytes::<Value>(&content)
        .await;
    assert!(
        matches!(&result, Err(Error::Graph(e)) if e.status == 500 && e.code == "generalException"),
        "{result:?}"
    );
    server.finish();

    let server = self::server().await;
    let gone =
        json!({"error": {"code": "itemNotFound", "message": "The upload session was not found"}});
    server.push(Exchange::json("PUT", "/upload/s1", 404, &gone));
    session.upload_url = session_url(&server);
    let result = server
        .client()
        .upload(session)
        .send_bytes::<Value>(&content)
        .await;
    assert!(
        matches!(&result, Err(Error::Graph(e)) if e.status == 404),
        "{result:?}"
    );
    assert_eq!(server.received().len(), 1, "a lost session is not retried");
    server.finish();
}

#[tokio::test]
async fn a_session_that_gets_no_further_is_an_error_not_a_loop() {
    let cases = [
        (vec![expecting("GET", &[])], "deferCommit"),
        (
            vec![expecting("GET", &from(0)), expecting("PUT", &from(0))],
            "still expects 10 bytes",
        ),
    ];
    for (script, message) in cases {
        let server = server().await;
        script
            .into_iter()
            .for_each(|exchange| server.push(exchange));
        let result = server
            .client()
            .upload(UploadSession::new(&session_url(&server)))
            .send_bytes::<Value>(b"some bytes")
            .await;
        match result {
            Err(error @ Error::Protocol(_)) => assert!(error.to_string().contains(message)),
            other => panic!("{other:?}"),
        }
        server.finish();
    }
}
