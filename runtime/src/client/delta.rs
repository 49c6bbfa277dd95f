//! Change tracking: one round of a delta query, from its first request or
//! from the `@odata.deltaLink` the previous round ended with.

use super::{Client, Error};
use crate::collection::Collection;
use crate::request::Request;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

/// What changed in one round, and where the next round starts.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRound<T> {
    /// Every item of every page, in order (removed items carry `@removed`).
    pub items: Vec<T>,
    /// Store it: [`Client::delta_since`] with it gives the changes after
    /// this round.
    pub delta_link: String,
}

impl Client {
    /// The first round of a delta query: its pages up to the one with the
    /// `@odata.deltaLink`. A round is whole or fails; a failed round can be
    /// started again from the same request or link.
    ///
    /// ```no_run
    /// # async fn run(
    /// #     client: docs2rs_runtime::client::Client,
    /// #     users_delta: impl Fn() -> docs2rs_runtime::Request<
    /// #         docs2rs_runtime::Collection<serde_json::Value>,
    /// #     >,
    /// # ) -> Result<(), docs2rs_runtime::client::Error> {
    /// let round = client.delta(users_delta()).await?;
    /// let stored = round.delta_link; // kept until the next run
    /// let changes = client.delta_since(users_delta(), &stored).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delta<T>(&self, request: Request<Collection<T>>) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.delta_round(request, None).await
    }

    /// The round after a stored delta link. The request supplies the item
    /// type and the headers (such as `Prefer`); its path is not used.
    pub async fn delta_since<T>(
        &self,
        request: Request<Collection<T>>,
        delta_link: &str,
    ) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.delta_round(request, Some(delta_link.to_owned())).await
    }

    async fn delta_round<T>(
        &self,
        request: Request<Collection<T>>,
        first: Option<String>,
    ) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let mut items = Vec::new();
        let mut pages = std::pin::pin!(self.pages_from(request, first));
        while let Some(page) = pages.next().await {
            let page = page?;
            items.extend(page.value);
            if let Some(delta_link) = page.delta_link {
                return Ok(DeltaRound { items, delta_link });
            }
        }
        Err(Error::Protocol(
            "the delta query's last page has neither @odata.nextLink nor @odata.deltaLink"
                .to_owned(),
        ))
    }
}
