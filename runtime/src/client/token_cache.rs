//! Keeps a token that expires until shortly before it does, so a client
//! asks the token endpoint once per token lifetime rather than per request,
//! and once in total when many requests ask at the same moment.

use super::auth::{BoxError, TokenFuture, TokenProvider};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long before expiry a token is replaced: a request sent with it still
/// has time for retries, and clocks that disagree a little do no harm.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A token and how long it stays valid from when it was asked for (OAuth's
/// `expires_in`).
#[derive(Clone)]
pub struct ExpiringToken {
    pub secret: String,
    pub expires_in: Duration,
}

impl fmt::Debug for ExpiringToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpiringToken")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// The future a [`TokenSource`] returns.
pub type ExpiringTokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ExpiringToken, BoxError>> + Send + 'a>>;

/// Fetches tokens that expire; [`TokenCache`] turns one into a
/// [`TokenProvider`]. A fetch should give up on its own (a connect and read
/// timeout, as `azure_core`'s HTTP client has): requests wait for it.
pub trait TokenSource: Send + Sync {
    fn fetch(&self) -> ExpiringTokenFuture<'_>;
}

/// A [`TokenProvider`] that reuses its source's token until five minutes
/// before expiry (halfway through, for tokens living under ten minutes).
/// One fetch runs at a time: requests arriving meanwhile wait for it and share
/// its token, or its error.
pub struct TokenCache<S> {
    source: S,
    slot: Mutex<Slot>,
}

#[derive(Default)]
struct Slot {
    token: Option<Held>,
    failure: Option<Failure>,
}

struct Held {
    secret: String,
    refresh_at: Instant,
}

struct Failure {
    at: Instant,
    error: Arc<BoxError>,
}

impl<S: TokenSource> TokenCache<S> {
    pub fn new(source: S) -> Self {
        TokenCache {
            source,
            slot: Mutex::new(Slot::default()),
        }
    }

    /// What the tokens come from.
    pub fn source(&self) -> &S {
        &self.source
    }

    async fn get(&self) -> Result<String, BoxError> {
        let asked = Instant::now();
        let mut slot = self.slot.lock().await;
        if let Some(held) = slot.token.as_ref().filter(|held| asked < held.refresh_at) {
            return Ok(held.secret.clone());
        }
        // A fetch that failed while this caller waited answers it too, so a
        // token endpoint that is down is asked once, not once per request.
        if let Some(failure) = slot.failure.as_ref().filter(|failure| failure.at >= asked) {
            return Err(Box::new(SharedFailure(Arc::clone(&failure.error))));
        }
        let started = Instant::now();
        match self.source.fetch().await {
            Ok(token) => {
                slot.failure = None;
                slot.token = Some(Held {
                    secret: token.secret.clone(),
                    refresh_at: started + fresh_for(token.expires_in),
                });
                Ok(token.secret)
            }
            Err(error) => {
                let error = Arc::new(error);
                slot.failure = Some(Failure {
                    at: Instant::now(),
                    error: Arc::clone(&error),
                });
                Err(Box::new(SharedFailure(error)))
            }
        }
    }
}

impl<S: TokenSource> TokenProvider for TokenCache<S> {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get())
    }
}

impl<S> fmt::Debug for TokenCache<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCache(..)")
    }
}

/// How long a token with this lifetime is used before it is replaced.
fn fresh_for(lifetime: Duration) -> Duration {
    lifetime - REFRESH_MARGIN.min(lifetime / 2)
}

/// One fetch's error, handed to every caller that waited for that fetch.
#[derive(Debug)]
struct SharedFailure(Arc<BoxError>);

impl fmt::Display for SharedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SharedFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Hands out `token-1`, `token-2`, ... after `delay`, or fails when
    /// `failing`.
    struct Counter {
        fetches: AtomicUsize,
        lifetime: Duration,
        delay: Duration,
        failing: bool,
    }

    impl Counter {
        fn new(lifetime: Duration) -> Self {
            Counter {
                fetches: AtomicUsize::new(0),
                lifetime,
                delay: Duration::ZERO,
                failing: false,
            }
        }

        fn fetches(&self) -> usize {
            self.fetches.load(Ordering::SeqCst)
        }
    }

    impl TokenSource for Counter {
        fn fetch(&self) -> ExpiringTokenFuture<'_> {
            Box::pin(async move {
                let number = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(self.delay).await;
                if self.failing {
                    return Err(format!("endpoint down (fetch {number})").into());
                }
                Ok(ExpiringToken {
                    secret: format!("token-{number}"),
                    expires_in: self.lifetime,
                })
            })
        }
    }

    async fn token<S: TokenSource>(cache: &TokenCache<S>) -> Result<String, String> {
        cache.token().await.map_err(|error| error.to_string())
    }

    #[test]
    fn long_tokens_are_replaced_five_minutes_early_short_ones_halfway() {
        let hour = Duration::from_secs(3600);
        assert_eq!(fresh_for(hour), Duration::from_secs(3300));
        assert_eq!(fresh_for(Duration::from_secs(2)), Duration::from_secs(1));
        assert_eq!(fresh_for(Duration::ZERO), Duration::ZERO);
    }

    #[tokio::test]
    async fn a_token_is_reused_until_its_refresh_time_then_fetched_again() {
        // Fresh for one second of its two.
        let cache = TokenCache::new(Counter::new(Duration::from_secs(2)));
        assert_eq!(token(&cache).await, Ok("token-1".to_owned()));
        assert_eq!(token(&cache).await, Ok("token-1".to_owned()));
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(token(&cache).await, Ok("token-2".to_owned()));
        assert_eq!(cache.source.fetches(), 2);
    }

    #[tokio::test]
    async fn concurrent_requests_share_one_fetch() {
        let mut source = Counter::new(Duration::from_secs(3600));
        source.delay = Duration::from_millis(100);
        let cache = TokenCache::new(source);
        let tokens = futures_util::future::join_all((0..16).map(|_| token(&cache))).await;
        assert!(tokens.iter().all(|token| token.as_deref() == Ok("token-1")));
        assert_eq!(cache.source.fetches(), 1);
    }

    #[tokio::test]
    async fn a_failed_fetch_answers_its_waiters_and_the_next_request_tries_again() {
        let mut source = Counter::new(Duration::from_secs(3600));
        source.delay = Duration::from_millis(100);
        source.failing = true;
        let cache = TokenCache::new(source);
        let errors = futures_util::future::join_all((0..8).map(|_| token(&cache))).await;
        let shared = Err("endpoint down (fetch 1)".to_owned());
        assert!(errors.iter().all(|error| *error == shared), "{errors:?}");
        assert_eq!(cache.source.fetches(), 1);
        assert_eq!(
            token(&cache).await,
            Err("endpoint down (fetch 2)".to_owned())
        );
    }
}
