//! The figures the progress bars of `generate` and `validate` show: the
//! rate so far and the seconds left at that rate, computed once here.

use std::time::Duration;

/// Units done per second since the start (the elapsed time is taken as at
/// least a millisecond, so the first tick divides by no zero).
pub fn rate(done: u64, elapsed: Duration) -> f64 {
    done as f64 / elapsed.as_secs_f64().max(0.001)
}

/// Whole seconds left to reach `total` at `rate`; `None` before anything
/// is done (no rate yet).
pub fn seconds_left(done: u64, total: u64, rate: f64) -> Option<u64> {
    (rate > 0.0).then(|| (total.saturating_sub(done) as f64 / rate).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_seconds_left() {
        let r = rate(500, Duration::from_secs(2));
        assert_eq!(r, 250.0);
        assert_eq!(seconds_left(500, 1_000, r), Some(2));
        assert_eq!(seconds_left(500, 1_001, r), Some(3));
        assert_eq!(seconds_left(1_000, 1_000, r), Some(0));
        assert_eq!(seconds_left(0, 1_000, rate(0, Duration::ZERO)), None);
    }
}
