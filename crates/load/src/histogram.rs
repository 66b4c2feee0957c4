//! Latencies in microseconds, counted in log-linear buckets: 128 buckets per power of two, so a
//! percentile is within 1 % of the true value whatever the range, in a fixed 64 KiB. Shared by
//! every task of a run through relaxed atomic counters, so recording costs one addition.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Buckets per power of two (and the values below this are counted exactly).
const SUB_BUCKETS: u64 = 128;
const SUB_BITS: u32 = 7;
const BUCKETS: usize = (64 - SUB_BITS as usize + 1) * SUB_BUCKETS as usize;

pub struct Histogram {
    counts: Vec<AtomicU64>,
    total: AtomicU64,
    max: AtomicU64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram { counts: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(), total: AtomicU64::new(0), max: 0.into() }
    }
}

fn bucket_of(micros: u64) -> usize {
    if micros < SUB_BUCKETS {
        return micros as usize;
    }
    let exponent = 63 - micros.leading_zeros();
    let shift = exponent - SUB_BITS;
    let sub = (micros >> shift) - SUB_BUCKETS;
    (SUB_BUCKETS + u64::from(shift) * SUB_BUCKETS + sub) as usize
}

/// The middle of a bucket's range.
fn value_of(bucket: usize) -> u64 {
    let bucket = bucket as u64;
    if bucket < SUB_BUCKETS {
        return bucket;
    }
    let shift = (bucket - SUB_BUCKETS) / SUB_BUCKETS;
    let sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
    let low = (SUB_BUCKETS + sub) << shift;
    low + ((1u64 << shift) >> 1)
}

impl Histogram {
    pub fn record(&self, elapsed: Duration) {
        self.record_micros(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX));
    }

    pub fn record_micros(&self, micros: u64) {
        self.counts[bucket_of(micros)].fetch_add(1, Ordering::Relaxed);
        self.total.fetch_add(1, Ordering::Relaxed);
        self.max.fetch_max(micros, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// The value at quantile `q` (0.5 for the median), `None` when nothing was recorded.
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0;
        for (bucket, count) in self.counts.iter().enumerate() {
            seen += count.load(Ordering::Relaxed);
            if seen >= rank {
                let max = self.max.load(Ordering::Relaxed);
                return Some(Duration::from_micros(value_of(bucket).min(max)));
            }
        }
        self.max()
    }

    pub fn max(&self) -> Option<Duration> {
        (self.count() > 0).then(|| Duration::from_micros(self.max.load(Ordering::Relaxed)))
    }

    /// Median, 99th percentile and maximum, for reports.
    pub fn summary(&self) -> LatencySummary {
        LatencySummary { count: self.count(), p50: self.quantile(0.5), p99: self.quantile(0.99), max: self.max() }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct LatencySummary {
    pub count: u64,
    pub p50: Option<Duration>,
    pub p99: Option<Duration>,
    pub max: Option<Duration>,
}

impl LatencySummary {
    pub fn to_json(self) -> serde_json::Value {
        let ms = |value: Option<Duration>| value.map(|d| (d.as_secs_f64() * 1e6).round() / 1e3);
        serde_json::json!({"count": self.count, "p50_ms": ms(self.p50), "p99_ms": ms(self.p99), "max_ms": ms(self.max)})
    }
}

impl std::fmt::Display for LatencySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |value: Option<Duration>| value.map_or("—".to_owned(), format_duration);
        write!(f, "p50 {} · p99 {} · max {} ({} samples)", show(self.p50), show(self.p99), show(self.max), self.count)
    }
}

/// 0.84 ms, 12.3 ms, 1.52 s.
pub fn format_duration(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_round_trip_within_one_percent() {
        for micros in [0, 1, 127, 128, 129, 255, 256, 1_000, 65_535, 1_000_000, 123_456_789] {
            let back = value_of(bucket_of(micros));
            let error = back.abs_diff(micros) as f64 / micros.max(1) as f64;
            assert!(error <= 0.01, "{micros} came back as {back}");
        }
        assert!(bucket_of(u64::MAX) < BUCKETS);
    }

    #[test]
    fn quantiles_of_a_known_spread() {
        let histogram = Histogram::default();
        for micros in 1..=1000 {
            histogram.record_micros(micros);
        }
        let p50 = histogram.quantile(0.5).unwrap().as_micros() as f64;
        let p99 = histogram.quantile(0.99).unwrap().as_micros() as f64;
        assert!((p50 - 500.0).abs() <= 5.0, "p50 {p50}");
        assert!((p99 - 990.0).abs() <= 10.0, "p99 {p99}");
        assert_eq!(histogram.max(), Some(Duration::from_micros(1000)));
        assert_eq!(Histogram::default().quantile(0.5), None);
    }
}
