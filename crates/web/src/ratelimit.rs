//! Rate limits keyed on what an abuser cannot multiply cheaply: the account, the join code, the
//! participant, and the client's address only together with those, or generously: a whole room
//! of phones may share one address.

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

/// Failures per key with growing waits: the first `free` failures cost nothing, then each one
/// doubles the wait before the next attempt (1 s, 2 s, 4 s… up to `max_wait`). An hour without
/// a failure forgets them; a success clears them.
pub struct Backoff {
    free: u32,
    max_wait: Duration,
    entries: Mutex<HashMap<String, Failures>>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    blocked_until: Instant,
}

/// Failures older than this are forgotten.
const BACKOFF_MEMORY: Duration = Duration::from_secs(3600);

impl Backoff {
    pub fn new(free: u32, max_wait: Duration) -> Backoff {
        Backoff { free, max_wait, entries: Mutex::default() }
    }

    /// How long `key` must still wait before its next attempt.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        self.check_at(key, Instant::now())
    }

    pub fn failed(&self, key: &str) {
        self.failed_at(key, Instant::now());
    }

    pub fn succeeded(&self, key: &str) {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(key);
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match entries.get(key) {
            Some(failures) if failures.blocked_until > now => {
                Err(Duration::from_secs((failures.blocked_until - now).as_secs_f64().ceil().max(1.0) as u64))
            }
            _ => Ok(()),
        }
    }

    fn failed_at(&self, key: &str, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, failures| now.duration_since(failures.last) < BACKOFF_MEMORY);
        }
        let failures = entries.entry(key.to_owned()).or_insert(Failures { count: 0, last: now, blocked_until: now });
        if now.duration_since(failures.last) >= BACKOFF_MEMORY {
            failures.count = 0;
        }
        failures.count += 1;
        failures.last = now;
        if let Some(beyond) = failures.count.checked_sub(self.free + 1) {
            let wait = Duration::from_secs(1u64.checked_shl(beyond.min(30)).unwrap_or(u64::MAX)).min(self.max_wait);
            failures.blocked_until = now + wait;
        }
    }
}

/// The limits of the server.
pub struct RateLimits {
    /// Sign-in attempts per email and client: slows guessing one account's password.
    pub sign_in_per_account_and_client: RateLimiter,
    /// Wrong passwords per account, whatever the client (thirty addresses guessing one
    /// password share this): after ten, growing waits. A browser that signed in to the account
    /// before (its device cookie) is not held by it, so an attacker cannot lock the owner out.
    pub sign_in_failures_per_account: Backoff,
    /// Sign-in attempts per client, whatever the email: each attempt costs a password hash, so
    /// this bounds the work one client can ask for.
    pub sign_in_per_client: RateLimiter,
    /// Joins per workshop: a whole room joining in a minute fits with room to spare.
    pub join_per_code: RateLimiter,
    /// Join attempts per client, right code or wrong, checked before the workshop's budget so
    /// that one client never spends it: a room of 100 phones behind one venue router fits, a
    /// script joining hundreds of fakes does not. It also bounds how fast codes can be guessed.
    pub join_per_client: RateLimiter,
    /// Wrong codes per client: once spent, wrong codes are answered "slow down" instead of
    /// "unknown"; a right code still joins.
    pub unknown_code_per_client: RateLimiter,
    /// Wrong personal codes per client: a code is one of 29^8 and a workshop holds at most a
    /// few thousand people, so at this pace guessing anyone's takes centuries from one address.
    pub unknown_resume_per_client: RateLimiter,
    /// Contributions per participant.
    pub post_per_participant: RateLimiter,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            sign_in_per_account_and_client: RateLimiter::new(5, 5),
            sign_in_per_client: RateLimiter::new(20, 20),
            sign_in_failures_per_account: Backoff::new(10, Duration::from_secs(15 * 60)),
            join_per_code: RateLimiter::new(300, 300),
            join_per_client: RateLimiter::new(100, 60),
            unknown_code_per_client: RateLimiter::new(20, 10),
            unknown_resume_per_client: RateLimiter::new(30, 2),
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
    fn waits_grow_after_the_free_failures_and_a_success_clears_them() {
        let backoff = Backoff::new(2, Duration::from_secs(8));
        let start = Instant::now();
        for _ in 0..2 {
            backoff.failed_at("k", start);
            assert!(backoff.check_at("k", start).is_ok(), "the first failures are free");
        }
        let waits: Vec<Duration> = (0..5)
            .map(|_| {
                backoff.failed_at("k", start);
                backoff.check_at("k", start).unwrap_err()
            })
            .collect();
        let seconds: Vec<u64> = waits.iter().map(Duration::as_secs).collect();
        assert_eq!(seconds, [1, 2, 4, 8, 8], "doubling, then capped");
        assert!(backoff.check_at("k", start + Duration::from_secs(9)).is_ok());
        assert!(backoff.check_at("other", start).is_ok());
        backoff.succeeded("k");
        backoff.failed_at("k", start);
        assert!(backoff.check_at("k", start).is_ok(), "a success starts the count again");
        backoff.failed_at("old", start);
        backoff.failed_at("old", start);
        backoff.failed_at("old", start + BACKOFF_MEMORY);
        assert!(backoff.check_at("old", start + BACKOFF_MEMORY).is_ok(), "an hour forgets");
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
