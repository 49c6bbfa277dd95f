//! Sends an Azure Identity credential's sign-in to a token endpoint on
//! 127.0.0.1. `azure_identity` accepts only `https` authority hosts, so the
//! credential keeps its real token URL and this transport reroutes the
//! request, path and form body unchanged, to the local server.

use azure_core::http::{
    AsyncRawResponse, ClientOptions, HttpClient, Request, RetryOptions, Transport, Url,
};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// An `azure_core` HTTP client that sends every request to one local origin.
#[derive(Debug)]
pub struct LocalAuthority {
    origin: Url,
    inner: Arc<dyn HttpClient>,
}

impl LocalAuthority {
    /// Sends to `origin` (`http://127.0.0.1:PORT`, a
    /// [`ReplayServer`](super::ReplayServer)'s base URL) through `inner`,
    /// normally `azure_core::http::new_http_client(None)`.
    pub fn new(origin: &str, inner: Arc<dyn HttpClient>) -> azure_core::Result<Self> {
        Ok(LocalAuthority {
            origin: Url::parse(origin)?,
            inner,
        })
    }

    /// Client options for a credential: this transport, and no retries, so
    /// a token endpoint that is down fails at once.
    pub fn client_options(self) -> ClientOptions {
        ClientOptions {
            transport: Some(Transport::new(Arc::new(self))),
            retry: RetryOptions::none(),
            ..ClientOptions::default()
        }
    }
}

/// Spelled out as `async_trait` would expand it, which keeps that macro out
/// of the runtime's dependencies.
impl HttpClient for LocalAuthority {
    fn execute_request<'a, 'b, 'f>(
        &'a self,
        request: &'b Request,
    ) -> Pin<Box<dyn Future<Output = azure_core::Result<AsyncRawResponse>> + Send + 'f>>
    where
        'a: 'f,
        'b: 'f,
        Self: 'f,
    {
        let mut local = request.clone();
        let mut url = self.origin.clone();
        url.set_path(request.url().path());
        url.set_query(request.url().query());
        *local.url_mut() = url;
        Box::pin(async move { self.inner.execute_request(&local).await })
    }
}
