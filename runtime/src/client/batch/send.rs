//! Sending a [`Batch`]: one `$batch` call per group of at most
//! [`MAX_BATCH_SIZE`](super::MAX_BATCH_SIZE) items, throttled items sent
//! again after the wait Graph asks for.

use super::{envelope, Batch, BatchItem};
use crate::client::decode::{RawResponse, ResponseBody};
use crate::client::{retry, successful, Client, Error, Response, RetryPolicy};
use crate::operation::{Method, Operation};
use crate::request::Request;
use std::time::Instant;

static BATCH: Operation = Operation::unlisted("batch", Method::Post, "/$batch");

/// `424 Failed Dependency`: Graph did not run the item because an item it
/// depends on failed.
const FAILED_DEPENDENCY: u16 = 424;

/// What each item of a sent [`Batch`] got, read once per item by its handle.
#[derive(Debug)]
pub struct BatchResponses {
    outcomes: Vec<Option<Result<RawResponse, Error>>>,
}

impl BatchResponses {
    /// The item's body decoded into its request's type, or the error its
    /// answer (or its `$batch` call) means.
    pub fn take<R: ResponseBody>(&mut self, item: BatchItem<R>) -> Result<R, Error> {
        Ok(self.take_response(item)?.body)
    }

    /// [`take`](BatchResponses::take) with the item's status and headers.
    pub fn take_response<R: ResponseBody>(
        &mut self,
        item: BatchItem<R>,
    ) -> Result<Response<R>, Error> {
        let outcome = self
            .outcomes
            .get_mut(item.index)
            .and_then(Option::take)
            .ok_or_else(|| Error::Batch(format!("item {} is not of this batch", item.index + 1)))?;
        Response::decode(outcome?)
    }
}

impl Client {
    /// Sends a batch, one `$batch` call after the other so the batch itself
    /// does not add to throttling, and gives each item's answer.
    ///
    /// An item answered `429`, `503` or `504` is sent again (with the items
    /// that failed only because they depend on it) after the longest
    /// `Retry-After` among them, else after the client's backoff, within the
    /// client's [`RetryPolicy`] (its attempts, its time limit, and POST and
    /// PATCH only when it allows them). A `$batch` call that fails as a
    /// whole gives its error to each of its items. Never fails as a whole.
    pub async fn send_batch(&self, batch: Batch) -> BatchResponses {
        let mut outcomes: Vec<Option<Result<RawResponse, Error>>> =
            (0..batch.len()).map(|_| None).collect();
        for call in batch.calls() {
            self.send_call(&batch, call, &mut outcomes).await;
        }
        BatchResponses { outcomes }
    }

    /// One `$batch` call and its rounds of retries.
    async fn send_call(
        &self,
        batch: &Batch,
        mut pending: Vec<usize>,
        outcomes: &mut [Option<Result<RawResponse, Error>>],
    ) {
        let policy = &self.inner.retry;
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let mut answers = match self.post_batch(batch, &pending).await {
                Ok(answers) => answers,
                Err(error) => {
                    for &index in &pending {
                        outcomes[index] = Some(Err(for_each_item(&error)));
                    }
                    return;
                }
            };
            answers.sort_by_key(|(index, _)| *index);
            for &index in &pending {
                if !answers.iter().any(|(answered, _)| *answered == index) {
                    let message = format!("the $batch answer says nothing of item {}", index + 1);
                    outcomes[index] = Some(Err(Error::Batch(message)));
                }
            }
            let again = to_retry(batch, &answers, policy);
            let retry_after = answers
                .iter()
                .filter(|(index, _)| again.contains(index))
                .filter_map(|(_, raw)| raw.headers.retry_after())
                .max();
            let wait = policy.delay(attempt, retry_after);
            let retrying = !again.is_empty()
                && attempt < policy.max_attempts
                && started.elapsed() + wait <= policy.max_elapsed;
            for (index, raw) in answers {
                if !(retrying && again.contains(&index)) {
                    outcomes[index] = Some(successful(raw));
                }
            }
            if !retrying {
                return;
            }
            tracing::debug!(
                items = again.len(),
                wait_ms = wait.as_millis() as u64,
                "retrying batch items"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
            pending = again;
        }
    }

    /// `POST /$batch` with these items; their answers by item index.
    async fn post_batch(
        &self,
        batch: &Batch,
        send: &[usize],
    ) -> Result<Vec<(usize, RawResponse)>, Error> {
        let body = envelope::request_body(&batch.items, send);
        let request = Request::<()>::new(&BATCH, BATCH.path_template.to_owned()).json(&body);
        let raw = self.send_raw(&request).await?;
        envelope::answers(&raw.body, send).map_err(|message| Error::Decode {
            status: raw.status,
            type_name: "$batch response",
            message,
        })
    }
}

/// The answered items to send again, in item order: throttled or
/// unavailable ones, and those refused only because an item they depend on
/// is sent again (dependencies come first, so one pass finds them all).
fn to_retry(batch: &Batch, answers: &[(usize, RawResponse)], policy: &RetryPolicy) -> Vec<usize> {
    let mut again = Vec::new();
    for (index, raw) in answers {
        let item = &batch.items[*index];
        let blocked =
            raw.status == FAILED_DEPENDENCY && item.depends_on.iter().any(|at| again.contains(at));
        if (retry::retryable(raw.status) || blocked) && policy.allows(item.method) {
            again.push(*index);
        }
    }
    again
}

/// The error of a failed `$batch` call, for each of its items. A transport
/// or token error cannot be copied, so those items get its message.
fn for_each_item(error: &Error) -> Error {
    match error {
        Error::Graph(graph) => Error::Graph(graph.clone()),
        Error::Status {
            status,
            body,
            request_id,
        } => Error::Status {
            status: *status,
            body: body.clone(),
            request_id: request_id.clone(),
        },
        Error::Timeout(after) => Error::Timeout(*after),
        other => Error::Batch(format!("the $batch call failed: {other}")),
    }
}
