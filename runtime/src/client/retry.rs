//! When to try a request again, and how long to wait first.

use crate::operation::Method;
use std::time::{Duration, SystemTime};

/// How throttled (429) and unavailable (503, 504) responses, and failed
/// connections, are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retrying off.
    pub max_attempts: u32,
    /// No retry starts later than this after the first attempt.
    pub max_elapsed: Duration,
    /// The first backoff step; each later one doubles, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Retry POST and PATCH too. Off by default: repeating them can create
    /// or change something twice.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_elapsed: Duration::from_secs(60),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether a request with this method may be sent again.
    pub fn allows(&self, method: Method) -> bool {
        self.retry_non_idempotent || matches!(method, Method::Get | Method::Put | Method::Delete)
    }

    /// The wait before attempt `attempt + 1`: the server's `Retry-After`
    /// when it gave one (in full: a wait past `max_elapsed` means no retry),
    /// else exponential backoff with full jitter.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait;
        }
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
            .min(self.max_delay);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Statuses worth another attempt.
pub fn retryable(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// A `Retry-After` value: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::{parse_retry_after, RetryPolicy};
    use crate::operation::Method;
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", SystemTime::now()), None);
    }

    #[test]
    fn backoff_grows_stays_bounded_and_only_idempotent_methods_retry() {
        let policy = RetryPolicy::default();
        for attempt in 1..20 {
            let ceiling = Duration::from_millis(500)
                .saturating_mul(2u32.saturating_pow(attempt - 1))
                .min(policy.max_delay);
            assert!(policy.delay(attempt, None) <= ceiling);
        }
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(90))),
            Duration::from_secs(90)
        );
        assert!(policy.allows(Method::Get) && policy.allows(Method::Delete));
        assert!(!policy.allows(Method::Post) && !policy.allows(Method::Patch));
    }
}
