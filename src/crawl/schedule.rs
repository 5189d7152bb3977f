//! When to poll a source next: the interval adapts to how often the source has
//! new items, and failing sources back off exponentially.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::Settings;

/// The interval a source starts with when the config names none.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(3600);

/// The next interval after a successful poll that found `new_items`.
pub fn next_interval(
    settings: &Settings,
    base: Option<Duration>,
    current: Option<u64>,
    new_items: usize,
) -> Duration {
    let start = current
        .map(Duration::from_secs)
        .or(base)
        .unwrap_or(DEFAULT_INTERVAL);
    let next = if new_items >= 5 {
        start / 2
    } else if new_items > 0 {
        start.mul_f64(0.8)
    } else {
        start.mul_f64(1.5)
    };
    next.clamp(settings.min_interval, settings.max_interval)
}

/// When a source that has now failed `failures` times in a row is tried again:
/// 5 min, 10 min, 20 min, ... up to the maximum interval.
pub fn retry_at(settings: &Settings, now: DateTime<Utc>, failures: u32) -> DateTime<Utc> {
    let backoff = Duration::from_secs(300)
        .saturating_mul(1u32 << failures.saturating_sub(1).min(16))
        .min(settings.max_interval);
    now + chrono::Duration::from_std(backoff).unwrap_or(chrono::Duration::hours(24))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adapts_within_bounds() {
        let s = Settings::default();
        let quiet = next_interval(&s, None, Some(80_000), 0);
        assert_eq!(quiet, s.max_interval);
        let busy = next_interval(&s, None, Some(700), 20);
        assert_eq!(busy, s.min_interval);
        assert!(next_interval(&s, None, None, 1) < DEFAULT_INTERVAL);
    }

    #[test]
    fn backs_off_exponentially() {
        let s = Settings::default();
        let now = Utc::now();
        let a = retry_at(&s, now, 1) - now;
        let b = retry_at(&s, now, 3) - now;
        assert_eq!(a.num_seconds(), 300);
        assert_eq!(b.num_seconds(), 1200);
        assert_eq!(
            (retry_at(&s, now, 30) - now).num_seconds(),
            s.max_interval.as_secs() as i64
        );
    }
}
