//! The upload session Graph hands out, and the byte ranges it still expects.

use crate::client::Error;
use serde::Serialize;
use serde_json::Value;

/// Where a large upload goes: the answer of a `createUploadSession` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSession {
    /// Pre-authenticated: the ranges go there without the client's token.
    pub upload_url: String,
    /// When Graph drops the session (ISO 8601, as given).
    pub expiration_date_time: Option<String>,
    /// `"start-end"` or `"start-"`, inclusive byte offsets. Empty means
    /// unknown: the upload asks the session first, which is how a stored
    /// upload URL is resumed.
    pub next_expected_ranges: Vec<String>,
}

impl UploadSession {
    /// A session known only by its URL (stored from an earlier run).
    pub fn new(upload_url: &str) -> Self {
        UploadSession {
            upload_url: upload_url.to_owned(),
            expiration_date_time: None,
            next_expected_ranges: Vec::new(),
        }
    }

    /// Reads the session out of `createUploadSession`'s answer, whatever type
    /// it was decoded into (a generated model, or `serde_json::Value`).
    pub fn from_answer(answer: &impl Serialize) -> Result<Self, Error> {
        let value = serde_json::to_value(answer)
            .map_err(|error| Error::Protocol(format!("the upload session: {error}")))?;
        let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
        let upload_url = text("uploadUrl").ok_or_else(|| {
            Error::Protocol(format!("the upload session has no `uploadUrl`: {value}"))
        })?;
        Ok(UploadSession {
            upload_url,
            expiration_date_time: text("expirationDateTime"),
            next_expected_ranges: expected_ranges(&value).unwrap_or_default(),
        })
    }
}

/// An answer's `nextExpectedRanges`, when it has them.
pub(super) fn expected_ranges(answer: &Value) -> Option<Vec<String>> {
    let ranges = answer.get("nextExpectedRanges")?.as_array()?;
    Some(
        ranges
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

/// The inclusive byte ranges the session still expects, within the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Remaining(Vec<(u64, u64)>);

impl Remaining {
    /// Parses the session's ranges against a content of `length` bytes
    /// (at least one); `"start-"` runs to the end of the content.
    pub fn parse(ranges: &[String], length: u64) -> Result<Self, Error> {
        ranges
            .iter()
            .map(|range| parse_range(range, length))
            .collect::<Result<_, _>>()
            .map(Remaining)
    }

    /// Everything from `start` on.
    pub fn from(start: u64, length: u64) -> Self {
        Remaining(if start < length {
            vec![(start, length - 1)]
        } else {
            Vec::new()
        })
    }

    /// The first range to send, at most `size` bytes long.
    pub fn next_chunk(&self, size: u64) -> Option<(u64, u64)> {
        let &(start, end) = self.0.first()?;
        Some((start, end.min(start.saturating_add(size - 1))))
    }

    /// How many bytes the session still expects.
    pub fn bytes(&self) -> u64 {
        self.0.iter().map(|(start, end)| end - start + 1).sum()
    }
}

fn parse_range(range: &str, length: u64) -> Result<(u64, u64), Error> {
    let invalid = || {
        Error::Protocol(format!(
            "the session expects bytes `{range}`, which a content of {length} bytes does not have"
        ))
    };
    let (start, end) = range.trim().split_once('-').ok_or_else(invalid)?;
    let last = length.checked_sub(1).ok_or_else(invalid)?;
    let start: u64 = start.parse().map_err(|_| invalid())?;
    let end: u64 = match end {
        "" => last,
        end => end.parse().map_err(|_| invalid())?,
    };
    if start > end || end > last {
        return Err(invalid());
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::{Remaining, UploadSession};
    use serde_json::json;

    fn ranges(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    #[test]
    fn ranges_with_gaps_are_sent_in_order_and_in_chunks() {
        let remaining = match Remaining::parse(&ranges(&["0-9", "20-"]), 100) {
            Ok(remaining) => remaining,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(remaining, Remaining(vec![(0, 9), (20, 99)]));
        assert_eq!(remaining.next_chunk(4), Some((0, 3)));
        assert_eq!(remaining.next_chunk(50), Some((0, 9)));
        assert_eq!(remaining.bytes(), 90);
        assert_eq!(Remaining::from(100, 100).next_chunk(4), None);
    }

    #[test]
    fn ranges_outside_the_content_are_errors() {
        for bad in ["5-200", "9-3", "x-", "12", "100-"] {
            assert!(
                Remaining::parse(&ranges(&[bad]), 100).is_err(),
                "{bad} accepted"
            );
        }
        assert!(Remaining::parse(&ranges(&["0-"]), 0).is_err());
    }

    #[test]
    fn a_session_is_read_from_any_answer_with_an_upload_url() {
        let answer = json!({
            "uploadUrl": "https://up.example/s?x=1",
            "expirationDateTime": "2030-01-01T00:00:00Z",
            "nextExpectedRanges": ["0-"]
        });
        let session = UploadSession::from_answer(&answer).ok();
        assert_eq!(
            session.map(|s| (s.upload_url, s.next_expected_ranges)),
            Some(("https://up.example/s?x=1".to_owned(), ranges(&["0-"])))
        );
        assert!(UploadSession::from_answer(&json!({"id": "x"})).is_err());
    }
}
