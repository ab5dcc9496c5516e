//! When to ask again: bounded retries with exponential backoff and jitter, and `Retry-After`.

/// How often and how patiently a failed request is repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// Delay before the first retry; doubled for each further one.
    pub base_delay_ms: u64,
    /// Upper bound of a backoff delay.
    pub max_delay_ms: u64,
    /// A `Retry-After` longer than this is not waited for: the request fails instead.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay_ms: 500,
            max_delay_ms: 30_000,
            max_retry_after_ms: 120_000,
        }
    }
}

/// Backoff delays with "equal jitter": half the exponential delay, plus a random part of the
/// other half, so that many clients retrying at once spread out. Seeded, so tests are exact.
#[derive(Debug, Clone)]
pub struct Backoff {
    rng: fastrand::Rng,
}

impl Backoff {
    pub fn new(seed: u64) -> Backoff {
        Backoff {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// The delay before retry number `retry` (1 for the first retry).
    pub fn delay_ms(&mut self, policy: &RetryPolicy, retry: u32) -> u64 {
        let exponent = retry.saturating_sub(1).min(32);
        let full = policy
            .base_delay_ms
            .saturating_mul(1u64 << exponent)
            .min(policy.max_delay_ms);
        let half = full / 2;
        half + self.rng.u64(0..=full - half)
    }

    /// A random number, for request ids.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.u64(..)
    }
}

/// Reads `Retry-After` (RFC 9110 §10.2.3): a number of seconds, or an HTTP date compared with
/// `now_ms`. A date in the past means "now" (0).
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at_ms = at.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis();
    let at_ms = i64::try_from(at_ms).ok()?;
    Some(u64::try_from(at_ms.saturating_sub(now_ms)).unwrap_or(0))
}
