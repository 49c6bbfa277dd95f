//! Answers computed from the request, for exchanges a fixed response cannot
//! script (a `$batch` whose answers depend on the items sent).

use super::server::{Exchange, Received};
use std::fmt;
use std::sync::Arc;

/// Sets the exchange's `status`, `headers` and `response` from the
/// received request before the server answers.
#[derive(Clone)]
pub struct Reply(Arc<Fill>);

type Fill = dyn Fn(&Received, &mut Exchange) + Send + Sync;

impl Reply {
    pub fn new(reply: impl Fn(&Received, &mut Exchange) + Send + Sync + 'static) -> Self {
        Reply(Arc::new(reply))
    }

    pub(super) fn fill(&self, received: &Received, exchange: &mut Exchange) {
        (self.0)(received, exchange);
    }
}

impl fmt::Debug for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reply(..)")
    }
}
