//! How evenly a room took part.

/// The Gini coefficient of counts: 0 when every count is equal, approaching 1 when one holds
/// everything. Zeros count (a participant who wrote nothing is the point of the measure); an
/// empty list or all zeros is 0, perfectly even.
///
/// Computed on the sorted counts as `G = (2 Σ i·xᵢ) / (n Σ xᵢ) − (n + 1) / n`, with `i` from 1,
/// which equals the mean absolute difference over twice the mean without the n² pairs.
pub fn gini(counts: &[u64]) -> f64 {
    let n = counts.len();
    let total: u64 = counts.iter().sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let weighted: f64 = sorted.iter().enumerate().map(|(index, count)| (index as f64 + 1.0) * *count as f64).sum();
    let n = n as f64;
    (2.0 * weighted / (n * total as f64) - (n + 1.0) / n).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::gini;

    /// The definition itself, over every pair: the reference the fast form must match.
    fn gini_by_pairs(counts: &[u64]) -> f64 {
        let n = counts.len() as f64;
        let mean = counts.iter().sum::<u64>() as f64 / n;
        if mean == 0.0 {
            return 0.0;
        }
        let differences: f64 =
            counts.iter().flat_map(|a| counts.iter().map(move |b| (*a as f64 - *b as f64).abs())).sum();
        differences / (2.0 * n * n * mean)
    }

    #[test]
    fn equal_counts_are_perfectly_even() {
        assert_eq!(gini(&[4, 4, 4, 4]), 0.0);
        assert_eq!(gini(&[]), 0.0);
        assert_eq!(gini(&[0, 0, 0]), 0.0);
    }

    #[test]
    fn one_person_writing_everything_approaches_one() {
        // With n people the maximum is (n − 1) / n.
        assert!((gini(&[0, 0, 0, 10]) - 0.75).abs() < 1e-12);
        assert!((gini(&[0; 99].iter().copied().chain([1]).collect::<Vec<_>>()) - 0.99).abs() < 1e-12);
    }

    #[test]
    fn silent_participants_count_as_zeros() {
        let without = gini(&[5, 5]);
        let with = gini(&[5, 5, 0, 0]);
        assert_eq!(without, 0.0);
        assert!((with - 0.5).abs() < 1e-12, "{with}");
    }

    #[test]
    fn matches_the_definition_and_ignores_order() {
        let samples: [&[u64]; 4] = [&[1, 2, 3, 4, 5], &[10, 0, 3, 3, 1, 0, 7], &[1], &[2, 9, 9, 0, 41, 3]];
        for counts in samples {
            assert!((gini(counts) - gini_by_pairs(counts)).abs() < 1e-12, "{counts:?}");
            let mut reversed = counts.to_vec();
            reversed.reverse();
            assert_eq!(gini(counts), gini(&reversed));
        }
        // A known value: 1, 2, 3, 4, 5 gives 4/15.
        assert!((gini(&[1, 2, 3, 4, 5]) - 4.0 / 15.0).abs() < 1e-12);
    }
}
