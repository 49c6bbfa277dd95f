//! An async client that sends [`Request`]s to Microsoft Graph (reqwest with
//! rustls, on tokio).
//!
//! ```no_run
//! # async fn run() -> Result<(), docs2rs_runtime::client::Error> {
//! use docs2rs_runtime::client::{ApiVersion, Client, StaticToken};
//! let token = std::env::var("GRAPH_TOKEN").unwrap_or_default();
//! let client = Client::builder()
//!     .version(ApiVersion::V1)
//!     .token_provider(StaticToken(token))
//!     .build()?;
//! # Ok(()) }
//! ```

mod auth;
mod batch;
#[cfg(feature = "blocking")]
mod blocking;
mod decode;
mod delta;
mod error;
#[cfg(feature = "azure-identity")]
mod identity;
mod paging;
mod request_id;
mod response;
mod retry;
mod target;
mod token_cache;
mod upload;

pub use auth::{BoxError, StaticToken, TokenFn, TokenFuture, TokenProvider};
pub use batch::{Batch, BatchId, BatchItem, BatchResponses, MAX_BATCH_SIZE};
#[cfg(feature = "blocking")]
pub use blocking::BlockingClient;
pub use decode::{RawResponse, ResponseBody};
pub use delta::DeltaRound;
pub use error::{Error, GraphError};
#[cfg(feature = "azure-identity")]
pub use identity::AzureCredential;
pub(crate) use response::header_pairs;
pub use response::{Headers, Response};
pub use retry::RetryPolicy;
pub use token_cache::{ExpiringToken, ExpiringTokenFuture, TokenCache, TokenSource};
pub use upload::{LargeFileUpload, Progress, UploadSession, UPLOAD_CHUNK_UNIT};

use crate::request::{Body, Request};
use std::sync::Arc;
use std::time::{Duration, Instant};
use target::Target;
use tracing::Instrument;

/// The Microsoft cloud a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cloud {
    /// `graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4: `graph.microsoft.us`.
    UsGovernment,
    /// US Government L5 (DOD): `dod-graph.microsoft.us`.
    UsGovernmentDod,
    /// Microsoft Graph operated by 21Vianet in China.
    China,
}

impl Cloud {
    pub fn origin(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovernment => "https://graph.microsoft.us",
            Cloud::UsGovernmentDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}

/// The Graph API version, the first path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    #[default]
    V1,
    Beta,
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// Makes the token provider once the cloud is known, so a provider whose
/// scope depends on the cloud does not depend on the order of builder calls.
type MakeProvider = Box<dyn FnOnce(Cloud) -> Arc<dyn TokenProvider> + Send + Sync>;

/// Builds a [`Client`].
pub struct ClientBuilder {
    cloud: Cloud,
    version: ApiVersion,
    base_url: Option<String>,
    token: Option<MakeProvider>,
    headers: Vec<(String, String)>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_pages: usize,
    user_agent: String,
}

impl ClientBuilder {
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Sends every request under this URL instead of the cloud's origin and
    /// version (a proxy, or a local test server): `http://127.0.0.1:8080/beta`.
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.trim_end_matches('/').to_owned());
        self
    }

    pub fn token_provider(self, provider: impl TokenProvider + 'static) -> Self {
        self.token_for_cloud(|_| provider)
    }

    fn token_for_cloud<P: TokenProvider + 'static>(
        mut self,
        make: impl FnOnce(Cloud) -> P + Send + Sync + 'static,
    ) -> Self {
        self.token = Some(Box::new(|cloud| Arc::new(make(cloud))));
        self
    }

    /// A header sent with every request (`ConsistencyLevel`, `Prefer`, ...).
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The limit for one attempt, from sending to the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The most pages [`Client::pages`] follows before giving
    /// [`Error::PageLimit`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// Replaces the default `User-Agent` (`docs2rs-runtime/VERSION`).
    pub fn user_agent(mut self, agent: &str) -> Self {
        self.user_agent = agent.to_owned();
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let base = self
            .base_url
            .unwrap_or_else(|| format!("{}/{}", self.cloud.origin(), self.version.as_str()));
        let base = reqwest::Url::parse(&base)
            .map_err(|error| Error::InvalidUrl(format!("`{base}`: {error}")))?;
        for (name, value) in &self.headers {
            target::check_header(name, value)?;
        }
        let http = reqwest::Client::builder()
            .user_agent(self.user_agent)
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(Error::Transport)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                token: self.token.map(|make| make(self.cloud)),
                headers: self.headers,
                timeout: self.timeout,
                retry: self.retry,
                max_pages: self.max_pages,
            }),
        })
    }
}

struct Inner {
    http: reqwest::Client,
    base: reqwest::Url,
    token: Option<Arc<dyn TokenProvider>>,
    headers: Vec<(String, String)>,
    timeout: Duration,
    retry: RetryPolicy,
    max_pages: usize,
}

/// Sends requests; cheap to clone (clones share one connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Global cloud, v1.0, 60 s timeout, four attempts for throttled GET,
    /// PUT and DELETE, at most 1,000 pages per collection, no token.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            cloud: Cloud::Global,
            version: ApiVersion::V1,
            base_url: None,
            token: None,
            headers: Vec::new(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            max_pages: 1000,
            user_agent: concat!("docs2rs-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// The URL every request path is appended to.
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// Sends a request and decodes the response into its type.
    pub async fn send<R: ResponseBody>(&self, request: Request<R>) -> Result<R, Error> {
        Ok(self.send_with_response(request).await?.body)
    }

    /// Sends a request and keeps the response's status and headers with
    /// its typed body: for a `Location`, an `ETag` or a `request-id`.
    pub async fn send_with_response<R: ResponseBody>(
        &self,
        request: Request<R>,
    ) -> Result<Response<R>, Error> {
        let raw = self.execute(&request, Target::of(&request)).await?;
        Response::decode(raw)
    }

    /// Sends a request and returns the successful response undecoded.
    pub async fn send_raw<R>(&self, request: &Request<R>) -> Result<RawResponse, Error> {
        self.execute(request, Target::of(request)).await
    }

    /// Sends with retries, inside a tracing span per request.
    async fn execute<R>(&self, request: &Request<R>, target: Target) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "graph_request",
            method = request.method().as_str(),
            path_template = request.operation.path_template,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            client_request_id = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        self.retrying(request, &target).instrument(span).await
    }

    async fn retrying<R>(
        &self,
        request: &Request<R>,
        target: &Target,
    ) -> Result<RawResponse, Error> {
        let url = target.url(&self.inner.base)?;
        let body = match &request.body {
            Body::Empty => None,
            Body::Json(value) => Some(
                serde_json::to_vec(value)
                    .map_err(|error| Error::Unserializable(error.to_string()))?,
            ),
            Body::Binary(binary) => Some(binary.bytes.clone()),
            Body::Unserializable(message) => return Err(Error::Unserializable(message.clone())),
        };
        for (name, value) in &request.headers {
            target::check_header(name, value)?;
        }
        // One id for every attempt: retries of a request are one request.
        let client_request_id =
            request_id::to_add(self.inner.headers.iter().chain(&request.headers));
        if let Some(id) = &client_request_id {
            tracing::Span::current().record("client_request_id", id.as_str());
        }
        let policy = &self.inner.retry;
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            let id = client_request_id.as_deref();
            let outcome = self.attempt(request, &url, body.clone(), id).await;
            let retry_after = match &outcome {
                Ok(raw) if retry::retryable(raw.status) => Some(raw.headers.retry_after()),
                Err(Error::Transport(error)) if error.is_connect() => Some(None),
                _ => None,
            };
            let wait = retry_after.map(|after| policy.delay(attempt, after));
            let may_retry = attempt < policy.max_attempts
                && policy.allows(request.method())
                && wait.is_some_and(|wait| started.elapsed() + wait <= policy.max_elapsed);
            match (wait, may_retry) {
                (Some(wait), true) => {
                    tracing::debug!(wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return outcome.and_then(successful),
            }
        }
    }

    /// One try: token, send, read the whole body within the timeout.
    async fn attempt<R>(
        &self,
        request: &Request<R>,
        url: &reqwest::Url,
        body: Option<Vec<u8>>,
        client_request_id: Option<&str>,
    ) -> Result<RawResponse, Error> {
        let mut builder = self
            .inner
            .http
            .request(target::method(request.method()), url.clone());
        if let Some(provider) = &self.inner.token {
            let token = provider.token().await.map_err(Error::Token)?;
            builder = builder.bearer_auth(token);
        }
        for (name, value) in self.inner.headers.iter().chain(&request.headers) {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(id) = client_request_id {
            builder = builder.header("client-request-id", id);
        }
        if let Some(body) = body {
            builder = builder.body(body);
        }
        self.exchange(builder).await
    }

    /// Sends a built request and reads the whole answer within the timeout,
    /// recording its status and request id in the current span.
    async fn exchange(&self, builder: reqwest::RequestBuilder) -> Result<RawResponse, Error> {
        let timeout = self.inner.timeout;
        let exchange = async {
            let response = builder.send().await?;
            let status = response.status().as_u16();
            let headers: Headers = header_pairs(response.headers()).collect();
            let content_type = headers.get("content-type").map(str::to_owned);
            let body = response.bytes().await?.to_vec();
            Ok::<_, reqwest::Error>(RawResponse {
                status,
                content_type,
                headers,
                body,
            })
        };
        let answer = match tokio::time::timeout(timeout, exchange).await {
            Err(_) => return Err(Error::Timeout(timeout)),
            Ok(Err(error)) if error.is_timeout() => return Err(Error::Timeout(timeout)),
            Ok(Err(error)) => return Err(Error::Transport(error)),
            Ok(Ok(answer)) => answer,
        };
        let span = tracing::Span::current();
        span.record("status", answer.status);
        if let Some(id) = answer.headers.request_id() {
            span.record("request_id", id);
        }
        Ok(answer)
    }
}

/// A success status gives the response; any other, the error it means.
fn successful(raw: RawResponse) -> Result<RawResponse, Error> {
    if (200..300).contains(&raw.status) {
        Ok(raw)
    } else {
        let request_id = raw.headers.request_id().map(str::to_owned);
        Err(error::from_response(raw.status, request_id, &raw.body))
    }
}

fn decode_response<R: ResponseBody>(response: RawResponse) -> Result<R, Error> {
    let status = response.status;
    R::from_response(response).map_err(|message| Error::Decode {
        status,
        type_name: std::any::type_name::<R>(),
        message,
    })
}
