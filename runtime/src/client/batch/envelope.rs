//! The `$batch` wire format: the body sent, and the answers read back.
//! Item ids are the item's position in the [`Batch`](super::Batch) from 1,
//! so an answer maps back to its request whatever order Graph answers in.

use super::Item;
use crate::client::decode::RawResponse;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// The `$batch` body for these items. A `dependsOn` naming an item not in
/// `send` is left out: that item already succeeded in an earlier round.
pub(super) fn request_body(items: &[Item], send: &[usize]) -> Value {
    let requests: Vec<Value> = send
        .iter()
        .map(|&index| {
            let item = &items[index];
            let mut request = json!({
                "id": id(index),
                "method": item.method.as_str(),
                "url": item.url,
            });
            let depends_on: Vec<Value> = item
                .depends_on
                .iter()
                .filter(|at| send.contains(at))
                .map(|&at| Value::String(id(at)))
                .collect();
            if !depends_on.is_empty() {
                request["dependsOn"] = Value::Array(depends_on);
            }
            if !item.headers.is_empty() {
                request["headers"] = Value::Object(item.headers.clone());
            }
            if let Some(body) = &item.body {
                request["body"] = body.clone();
            }
            request
        })
        .collect();
    json!({ "requests": requests })
}

fn id(index: usize) -> String {
    (index + 1).to_string()
}

/// Each answer of a `$batch` response, by the index of its item among
/// `sent`; or what makes the response unreadable.
pub(super) fn answers(body: &[u8], sent: &[usize]) -> Result<Vec<(usize, RawResponse)>, String> {
    let envelope: Value = serde_json::from_slice(body).map_err(|error| error.to_string())?;
    let responses = envelope
        .get("responses")
        .and_then(Value::as_array)
        .ok_or("no `responses` array")?;
    responses.iter().map(|answer| read(answer, sent)).collect()
}

/// One answer: `{"id", "status", "headers", "body"}`.
fn read(answer: &Value, sent: &[usize]) -> Result<(usize, RawResponse), String> {
    let named = answer.get("id").and_then(Value::as_str).unwrap_or("");
    let index = named
        .parse::<usize>()
        .ok()
        .and_then(|id| id.checked_sub(1))
        .filter(|index| sent.contains(index))
        .ok_or_else(|| format!("an answer for id `{named}`, which was not sent"))?;
    let status = answer
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|status| u16::try_from(status).ok())
        .ok_or_else(|| format!("the answer for id `{named}` has no status"))?;
    let empty = Map::new();
    let headers = answer
        .get("headers")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let headers = headers
        .iter()
        .map(|(name, value)| {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (name.clone(), value)
        })
        .collect::<crate::client::Headers>();
    let content_type = headers.get("content-type").map(str::to_owned);
    let body = answer.get("body").map_or_else(Vec::new, |body| {
        let json = content_type
            .as_deref()
            .is_none_or(|media| media.contains("json"));
        bytes(body, json)
    });
    Ok((
        index,
        RawResponse {
            status,
            content_type,
            headers,
            body,
        },
    ))
}

/// A body's bytes: JSON as JSON text; other content arrives as a base64
/// string (plain text, which is not valid base64, as itself).
fn bytes(body: &Value, json: bool) -> Vec<u8> {
    match body {
        Value::String(text) if !json => STANDARD
            .decode(text)
            .unwrap_or_else(|_| text.clone().into_bytes()),
        other => serde_json::to_vec(other).unwrap_or_default(),
    }
}

/// Raw content as a batch item body carries it.
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::answers;
    use serde_json::json;

    #[test]
    fn answers_map_back_by_id_and_other_content_is_base64_decoded() {
        let body = json!({"responses": [
            {"id": "3", "status": 200, "headers": {"Content-Type": "image/png"}, "body": "AQID"},
            {"id": "1", "status": 204},
            {"id": "2", "status": 404, "body": {"error": {"code": "x"}}},
        ]});
        let read = answers(body.to_string().as_bytes(), &[0, 1, 2]);
        let read = read.unwrap_or_else(|error| panic!("{error}"));
        let summary: Vec<(usize, u16, Vec<u8>)> = read
            .into_iter()
            .map(|(index, raw)| (index, raw.status, raw.body))
            .collect();
        assert_eq!(summary[0], (2, 200, vec![1, 2, 3]));
        assert_eq!(summary[1], (0, 204, vec![]));
        assert_eq!(summary[2].2, br#"{"error":{"code":"x"}}"#);
    }

    #[test]
    fn an_answer_for_an_item_not_sent_makes_the_response_unreadable() {
        let body = json!({"responses": [{"id": "7", "status": 200}]});
        let read = answers(body.to_string().as_bytes(), &[0]);
        assert_eq!(
            read.err().as_deref(),
            Some("an answer for id `7`, which was not sent")
        );
        assert!(answers(b"<html>", &[0]).is_err());
    }
}
