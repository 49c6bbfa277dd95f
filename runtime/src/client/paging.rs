//! Following `@odata.nextLink` through the pages of a collection.

use super::target::Target;
use super::{decode_response, Client, Error};
use crate::collection::Collection;
use crate::request::Request;
use futures_util::stream::{self, Stream, StreamExt};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// Where the next page comes from.
enum Next {
    First,
    Link(String),
    Done,
}

impl Client {
    /// Every page of a collection, following `@odata.nextLink`, at most the
    /// client's page limit (then one [`Error::PageLimit`]). The stream ends
    /// after the first error.
    pub fn pages<T>(
        &self,
        request: Request<Collection<T>>,
    ) -> impl Stream<Item = Result<Collection<T>, Error>> + Send + '_
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.pages_from(request, None)
    }

    /// The pages from `first` (a stored link) when given, else from the
    /// request's own URL; the request always gives the headers.
    pub(super) fn pages_from<T>(
        &self,
        request: Request<Collection<T>>,
        first: Option<String>,
    ) -> impl Stream<Item = Result<Collection<T>, Error>> + Send + '_
    where
        T: DeserializeOwned + Send + 'static,
    {
        let limit = self.inner.max_pages;
        let request = Arc::new(request);
        let start = first.map_or(Next::First, Next::Link);
        stream::unfold((start, 0usize), move |(next, fetched)| {
            let request = Arc::clone(&request);
            async move {
                let target = match next {
                    Next::Done => return None,
                    Next::First => Target::of(&request),
                    Next::Link(link) => Target::Absolute(link),
                };
                if fetched == limit {
                    return Some((Err(Error::PageLimit(limit)), (Next::Done, fetched)));
                }
                let page = match self.execute(&request, target).await {
                    Ok(response) => decode_response::<Collection<T>>(response),
                    Err(error) => Err(error),
                };
                let next = match &page {
                    Ok(page) => page.next_link.clone().map_or(Next::Done, Next::Link),
                    Err(_) => Next::Done,
                };
                Some((page, (next, fetched + 1)))
            }
        })
    }

    /// Every item of every page, in order.
    pub fn items<T>(
        &self,
        request: Request<Collection<T>>,
    ) -> impl Stream<Item = Result<T, Error>> + Send + '_
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.pages(request).flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(page) => page.value.into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
    }
}
