//! Rate limits keyed on what an abuser cannot multiply cheaply: the account, the join code, the
//! participant. Never on the IP address alone: a whole room of phones shares one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket per key.
pub struct RateLimiter {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Keys beyond this count trigger a sweep of the buckets that have refilled.
const SWEEP_ABOVE: usize = 10_000;

impl RateLimiter {
    /// Allows bursts of `capacity`, refilled at `per_minute`.
    pub fn new(capacity: u32, per_minute: u32) -> RateLimiter {
        RateLimiter { capacity: capacity as f64, per_second: per_minute as f64 / 60.0, buckets: Mutex::default() }
    }

    /// Takes one token for `key`, or says how long to wait for one.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        self.check_at(key, Instant::now())
    }

    /// Says whether `check` would pass now, without taking a token: for limits on failures,
    /// which must refuse before the attempt and count only once it has failed.
    pub fn peek(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(bucket) = buckets.get(key) else { return Ok(()) };
        let tokens =
            (bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * self.per_second).min(self.capacity);
        if tokens >= 1.0 {
            Ok(())
        } else {
            Err(Duration::from_secs_f64(((1.0 - tokens) / self.per_second).ceil().max(1.0)))
        }
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > SWEEP_ABOVE {
            let (capacity, per_second) = (self.capacity, self.per_second);
            buckets.retain(|_, bucket| {
                bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * per_second < capacity
            });
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket { tokens: self.capacity, updated: now });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0)))
        }
    }
}

/// The limits of the server.
pub struct RateLimits {
    /// Sign-in attempts per email and client: slows guessing one account's password.
    pub sign_in_per_account_and_client: RateLimiter,
    /// Sign-in attempts per client, whatever the email: each attempt costs a password hash, so
    /// this bounds the work one client can ask for. There is deliberately no limit per email
    /// alone: anyone could then lock a facilitator out by trying their email.
    pub sign_in_per_client: RateLimiter,
    /// Joins per workshop: a whole room joining in a minute fits with room to spare.
    pub join_per_code: RateLimiter,
    /// Failed joins (unknown codes) per client: slows down guessing codes. Checked before the
    /// lookup, spent on failure, so a right guess after the budget is spent is refused too.
    pub unknown_code_per_client: RateLimiter,
    /// Contributions per participant.
    pub post_per_participant: RateLimiter,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            sign_in_per_account_and_client: RateLimiter::new(5, 5),
            sign_in_per_client: RateLimiter::new(20, 20),
            join_per_code: RateLimiter::new(300, 300),
            unknown_code_per_client: RateLimiter::new(20, 10),
            post_per_participant: RateLimiter::new(20, 60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_waits_for_the_refill() {
        let limiter = RateLimiter::new(3, 60);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at("k", start).is_ok());
        }
        assert_eq!(limiter.check_at("k", start), Err(Duration::from_secs(1)));
        assert!(limiter.check_at("other", start).is_ok(), "keys are independent");
        assert!(limiter.check_at("k", start + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn peeking_takes_no_token() {
        let limiter = RateLimiter::new(1, 1);
        assert!(limiter.peek("k").is_ok());
        assert!(limiter.peek("k").is_ok());
        assert!(limiter.check("k").is_ok());
        assert!(limiter.peek("k").is_err());
    }

    #[test]
    fn sixty_joins_to_one_workshop_in_a_minute_pass() {
        let limits = RateLimits::default();
        let start = Instant::now();
        for i in 0..60 {
            assert!(limits.join_per_code.check_at("ABC123", start + Duration::from_millis(i * 100)).is_ok());
        }
    }
}
