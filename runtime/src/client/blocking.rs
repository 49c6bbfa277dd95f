//! The client for code without an async runtime of its own.

use super::{Client, ClientBuilder, Error, ResponseBody};
use crate::collection::Collection;
use crate::request::Request;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

/// A [`Client`] that blocks: each call runs on a private current-thread
/// tokio runtime. Do not use it inside an async runtime; use [`Client`] there.
pub struct BlockingClient {
    client: Client,
    runtime: tokio::runtime::Runtime,
}

impl BlockingClient {
    pub fn new(builder: ClientBuilder) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| Error::InvalidUrl(format!("no runtime for the client: {error}")))?;
        let client = runtime.block_on(async { builder.build() })?;
        Ok(BlockingClient { client, runtime })
    }

    pub fn send<R: ResponseBody>(&self, request: Request<R>) -> Result<R, Error> {
        self.runtime.block_on(self.client.send(request))
    }

    /// Every page of a collection, collected (see [`Client::pages`]).
    pub fn pages<T>(&self, request: Request<Collection<T>>) -> Result<Vec<Collection<T>>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.runtime.block_on(async {
            let mut pages = Vec::new();
            let mut stream = std::pin::pin!(self.client.pages(request));
            while let Some(page) = stream.next().await {
                pages.push(page?);
            }
            Ok(pages)
        })
    }
}
