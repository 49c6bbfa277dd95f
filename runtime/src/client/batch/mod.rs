//! JSON batching: many requests in one `POST /$batch` round trip.
//!
//! Why: every HTTP round trip costs latency, and a client that needs twenty
//! small reads (a user, their manager, their groups, ...) spends most of its
//! time waiting. Graph's `$batch` endpoint takes up to
//! [`MAX_BATCH_SIZE`] requests at once and answers each separately, so each
//! keeps its own status, headers, body and error.
//!
//! ```no_run
//! # async fn run(client: docs2rs_runtime::client::Client,
//! #     me: docs2rs_runtime::Request<serde_json::Value>,
//! #     manager: docs2rs_runtime::Request<serde_json::Value>,
//! # ) -> Result<(), docs2rs_runtime::client::Error> {
//! use docs2rs_runtime::client::Batch;
//! let mut batch = Batch::new();
//! let me = batch.add(me)?;
//! // Runs only after `me` succeeded (Graph answers 424 otherwise).
//! let manager = batch.add_after(manager, &[me.id()])?;
//! let mut answers = client.send_batch(batch).await;
//! let me = answers.take(me)?; // typed as the request said
//! let manager = answers.take(manager);
//! # Ok(()) }
//! ```

mod envelope;
mod send;

pub use send::BatchResponses;

use super::decode::ResponseBody;
use super::target;
use super::Error;
use crate::operation::Method;
use crate::request::{Body, Request};
use serde_json::{Map, Value};
use std::marker::PhantomData;

/// The most requests Graph accepts in one `$batch`; a [`Batch`] holding
/// more is sent as several.
pub const MAX_BATCH_SIZE: usize = 20;

/// Requests to send together, each answered on its own. Build it with
/// [`add`](Batch::add) and [`add_after`](Batch::add_after), send it with
/// [`Client::send_batch`](super::Client::send_batch).
///
/// More than [`MAX_BATCH_SIZE`] requests are split into several `$batch`
/// calls. Requests linked by `dependsOn` always travel in the same call,
/// since Graph resolves `dependsOn` only within one; so a chain of dependent
/// requests may hold at most [`MAX_BATCH_SIZE`].
#[derive(Debug, Default)]
pub struct Batch {
    items: Vec<Item>,
    /// Per item, the index of the first item of its dependency group.
    group: Vec<usize>,
}

/// A request with its response type set aside, as the batch sends it.
#[derive(Debug)]
struct Item {
    method: Method,
    /// The path and query under the API version: `/users/1?$select=id`.
    url: String,
    headers: Map<String, Value>,
    body: Option<Value>,
    /// Indexes of earlier items that must succeed first.
    depends_on: Vec<usize>,
}

/// Names an item of a [`Batch`] in [`Batch::add_after`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BatchId(usize);

/// The handle of a request added to a [`Batch`]; it gives back that
/// request's response, decoded into its type `R`, from [`BatchResponses`].
#[derive(Debug)]
#[must_use = "the handle is the only way to read the item's response"]
pub struct BatchItem<R> {
    index: usize,
    response: PhantomData<fn() -> R>,
}

impl<R> BatchItem<R> {
    /// The id other items name to run after this one.
    pub fn id(&self) -> BatchId {
        BatchId(self.index)
    }
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a request that runs independently of the others.
    pub fn add<R: ResponseBody>(&mut self, request: Request<R>) -> Result<BatchItem<R>, Error> {
        self.add_after(request, &[])
    }

    /// Adds a request Graph runs only after every item in `after` succeeded
    /// (`dependsOn`); if one fails, this one is answered `424 Failed
    /// Dependency`. Items can only depend on items added before them, so
    /// no cycle can be built. Fails, adding nothing, when the request's
    /// body could not be serialised, an id is not of this batch, or the
    /// items linked this way would exceed [`MAX_BATCH_SIZE`].
    pub fn add_after<R: ResponseBody>(
        &mut self,
        request: Request<R>,
        after: &[BatchId],
    ) -> Result<BatchItem<R>, Error> {
        let index = self.items.len();
        if let Some(BatchId(unknown)) = after.iter().find(|BatchId(at)| *at >= index) {
            return Err(Error::Batch(format!(
                "item {} depends on item {}, which is not in this batch",
                index + 1,
                unknown + 1
            )));
        }
        let mut groups: Vec<usize> = after.iter().map(|BatchId(at)| self.group[*at]).collect();
        groups.sort_unstable();
        groups.dedup();
        let linked = 1 + self.group.iter().filter(|g| groups.contains(g)).count();
        if linked > MAX_BATCH_SIZE {
            return Err(Error::Batch(format!(
                "item {} would link {linked} requests by dependsOn; one $batch holds at most {MAX_BATCH_SIZE}",
                index + 1
            )));
        }
        let item = Item::of(&request, after)?;
        // The merged group is named by its earliest item.
        let leader = groups.first().copied().unwrap_or(index);
        for group in &mut self.group {
            if groups.contains(group) {
                *group = leader;
            }
        }
        self.group.push(leader);
        self.items.push(item);
        Ok(BatchItem {
            index,
            response: PhantomData,
        })
    }

    /// The item indexes of each `$batch` call: whole dependency groups,
    /// packed in the order they were added, at most [`MAX_BATCH_SIZE`] each.
    fn calls(&self) -> Vec<Vec<usize>> {
        let mut calls: Vec<Vec<usize>> = Vec::new();
        for (index, leader) in self.group.iter().enumerate() {
            if *leader != index {
                continue;
            }
            let members: Vec<usize> = (index..self.group.len())
                .filter(|at| self.group[*at] == *leader)
                .collect();
            match calls.last_mut() {
                Some(call) if call.len() + members.len() <= MAX_BATCH_SIZE => {
                    call.extend(members);
                    call.sort_unstable();
                }
                _ => calls.push(members),
            }
        }
        calls
    }
}

impl Item {
    fn of<R>(request: &Request<R>, after: &[BatchId]) -> Result<Self, Error> {
        let query = target::encode_query(&request.query);
        let url = if query.is_empty() {
            request.path.clone()
        } else {
            format!("{}?{query}", request.path)
        };
        let mut headers: Map<String, Value> = request
            .headers
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect();
        let body = match &request.body {
            Body::Empty => None,
            Body::Json(value) => Some(value.clone()),
            Body::Binary(binary) => {
                // Graph takes other content base64-encoded, typed by the
                // item's Content-Type.
                if binary.content_type.is_none() {
                    let octets = Value::String("application/octet-stream".to_owned());
                    headers.insert("Content-Type".to_owned(), octets);
                }
                Some(Value::String(envelope::base64_encode(&binary.bytes)))
            }
            Body::Unserializable(message) => return Err(Error::Unserializable(message.clone())),
        };
        let mut depends_on: Vec<usize> = after.iter().map(|BatchId(at)| *at).collect();
        depends_on.sort_unstable();
        depends_on.dedup();
        Ok(Item {
            method: request.method(),
            url,
            headers,
            body,
            depends_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Batch, BatchId, MAX_BATCH_SIZE};
    use crate::client::Error;
    use crate::{Method, Operation, Request};

    static GET: Operation = Operation::unlisted("get", Method::Get, "/users/{id}");

    fn get(id: usize) -> Request<serde_json::Value> {
        Request::new(&GET, format!("/users/{id}"))
    }

    fn add(batch: &mut Batch, id: usize, after: &[BatchId]) -> BatchId {
        match batch.add_after(get(id), after) {
            Ok(item) => item.id(),
            Err(error) => panic!("item {id}: {error}"),
        }
    }

    #[test]
    fn dependency_groups_stay_in_one_call_and_calls_hold_at_most_twenty() {
        let mut batch = Batch::new();
        let first = add(&mut batch, 0, &[]);
        for id in 1..19 {
            add(&mut batch, id, &[]);
        }
        let a = add(&mut batch, 19, &[]);
        add(&mut batch, 20, &[a]);
        // Joins the first item's group, so travels in the first call.
        add(&mut batch, 21, &[first]);
        let calls = batch.calls();
        let sizes: Vec<usize> = calls.iter().map(Vec::len).collect();
        assert_eq!(sizes, [MAX_BATCH_SIZE, 2]);
        assert_eq!(calls[0].last(), Some(&21));
        // The pair does not fit beside the first 20 and moves on whole.
        assert_eq!(calls[1], [19, 20]);
    }

    #[test]
    fn a_chain_longer_than_a_call_and_foreign_ids_are_refused() {
        let mut batch = Batch::new();
        let mut last = add(&mut batch, 0, &[]);
        for id in 1..MAX_BATCH_SIZE {
            last = add(&mut batch, id, &[last]);
        }
        let refused = batch.add_after(get(99), &[last]);
        assert!(matches!(refused, Err(Error::Batch(_))), "{refused:?}");
        assert_eq!(batch.len(), MAX_BATCH_SIZE, "nothing added on failure");
        let foreign = Batch::new().add_after(get(1), &[last]);
        assert!(matches!(foreign, Err(Error::Batch(_))), "{foreign:?}");
    }
}
