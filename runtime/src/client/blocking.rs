//! The client for code without an async runtime of its own.

use super::{
    Batch, BatchResponses, Client, ClientBuilder, DeltaRound, Error, Response, ResponseBody,
    UploadSession,
};
use crate::collection::Collection;
use crate::request::Request;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::path::Path;

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

    /// The response's status and headers with its typed body (see
    /// [`Client::send_with_response`]).
    pub fn send_with_response<R: ResponseBody>(
        &self,
        request: Request<R>,
    ) -> Result<Response<R>, Error> {
        self.runtime
            .block_on(self.client.send_with_response(request))
    }

    /// Sends a JSON batch (see [`Client::send_batch`]).
    pub fn send_batch(&self, batch: Batch) -> BatchResponses {
        self.runtime.block_on(self.client.send_batch(batch))
    }

    /// One delta round, or the round after a stored delta link (see
    /// [`Client::delta`] and [`Client::delta_since`]).
    pub fn delta<T>(
        &self,
        request: Request<Collection<T>>,
        since: Option<&str>,
    ) -> Result<DeltaRound<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.runtime.block_on(async {
            match since {
                Some(link) => self.client.delta_since(request, link).await,
                None => self.client.delta(request).await,
            }
        })
    }

    /// Uploads a file through an upload session with the default chunk
    /// size (see [`Client::upload`] for chunk size and progress).
    pub fn upload_file<T: ResponseBody>(
        &self,
        session: UploadSession,
        path: &Path,
    ) -> Result<T, Error> {
        self.runtime
            .block_on(self.client.upload(session).send_file(path))
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
