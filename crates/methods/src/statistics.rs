//! Medians, quartiles and spreads over histograms of integer scores.
//!
//! Scores and grades live on small integer scales, so a histogram per candidate holds everything
//! the statistics need, in memory proportional to the scale rather than to the voters, and
//! adding a ballot is O(candidates).

use serde::{Deserialize, Serialize};

/// Counts of each integer value in `min..=min + counts.len() - 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Histogram {
    min: i32,
    counts: Vec<u64>,
}

impl Histogram {
    pub fn new(min: i32, len: usize) -> Self {
        Self { min, counts: vec![0; len] }
    }

    /// Adds `count` observations of `value`; the caller has checked that it is on the scale.
    pub fn add(&mut self, value: i32, count: u64) {
        self.counts[(i64::from(value) - i64::from(self.min)) as usize] += count;
    }

    /// Removes one observation of `value`, which must be present.
    pub fn remove_one(&mut self, value: i32) {
        self.counts[(i64::from(value) - i64::from(self.min)) as usize] -= 1;
    }

    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn value_at(&self, slot: usize) -> i32 {
        self.min + slot as i32
    }

    /// The `rank`-th smallest value, 0-based; `rank` must be below `total()`.
    pub fn nth_smallest(&self, rank: u64) -> i32 {
        let mut seen = 0;
        for (slot, &count) in self.counts.iter().enumerate() {
            seen += count;
            if rank < seen {
                return self.value_at(slot);
            }
        }
        self.value_at(self.counts.len().saturating_sub(1))
    }

    /// The lower median: with an even count, the lower of the two middle values. Majority
    /// judgment uses it (Balinski and Laraki's "majority grade") so that the grade is one that a
    /// majority supports, never an average of two grades.
    pub fn lower_median(&self) -> Option<i32> {
        let total = self.total();
        (total > 0).then(|| self.nth_smallest((total - 1) / 2))
    }

    /// The quantile `p` in `0..=1`, interpolated linearly between order statistics (the default of
    /// numpy and R's type 7), so the median of an even count is the mean of the two middle values.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let position = (total - 1) as f64 * p;
        let below = position.floor() as u64;
        let fraction = position - below as f64;
        let low = f64::from(self.nth_smallest(below));
        let high = f64::from(self.nth_smallest((below + 1).min(total - 1)));
        Some(low + fraction * (high - low))
    }

    pub fn mean(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| {
            let sum: f64 =
                self.counts.iter().enumerate().map(|(slot, &c)| f64::from(self.value_at(slot)) * c as f64).sum();
            sum / total as f64
        })
    }

    /// The summary shown for one candidate, or `None` when nobody scored it.
    pub fn summary(&self) -> Option<DistributionSummary> {
        let count = self.total();
        let mean = self.mean()?;
        let variance = self
            .counts
            .iter()
            .enumerate()
            .map(|(slot, &c)| (f64::from(self.value_at(slot)) - mean).powi(2) * c as f64)
            .sum::<f64>()
            / count as f64;
        let first_quartile = self.quantile(0.25)?;
        let third_quartile = self.quantile(0.75)?;
        Some(DistributionSummary {
            count,
            mean,
            median: self.quantile(0.5)?,
            first_quartile,
            third_quartile,
            interquartile_range: third_quartile - first_quartile,
            standard_deviation: variance.sqrt(),
            lowest: self.nth_smallest(0),
            highest: self.nth_smallest(count - 1),
        })
    }
}

/// Location and spread of one candidate's scores. The spread says how divided the room was on
/// it: the interquartile range ignores a few outliers, the standard deviation does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistributionSummary {
    pub count: u64,
    pub mean: f64,
    pub median: f64,
    pub first_quartile: f64,
    pub third_quartile: f64,
    pub interquartile_range: f64,
    /// Population standard deviation.
    pub standard_deviation: f64,
    pub lowest: i32,
    pub highest: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(values: &[i32]) -> Histogram {
        let mut histogram = Histogram::new(1, 5);
        for &value in values {
            histogram.add(value, 1);
        }
        histogram
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_values_but_the_majority_grade_is_the_lower() {
        let histogram = histogram(&[1, 2, 4, 5]);
        assert_eq!(histogram.quantile(0.5), Some(3.0));
        assert_eq!(histogram.lower_median(), Some(2));
    }

    #[test]
    fn quartiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4, 5], [25, 75]) == [2.0, 4.0]; ([1, 2, 3, 4], 25) == 1.75
        let summary = histogram(&[1, 2, 3, 4, 5]).summary().unwrap();
        assert_eq!((summary.first_quartile, summary.third_quartile), (2.0, 4.0));
        assert_eq!(histogram(&[1, 2, 3, 4]).quantile(0.25), Some(1.75));
        assert!((summary.standard_deviation - 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn nobody_scoring_gives_no_summary() {
        assert_eq!(histogram(&[]).summary(), None);
        assert_eq!(histogram(&[]).lower_median(), None);
    }
}
