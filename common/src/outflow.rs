//! Rolling-window outflow cap (circuit breaker).
//!
//! The window of `window_seconds` is split into [`BUCKETS`] buckets of
//! `ceil(window_seconds / BUCKETS)` seconds; outflows are summed per bucket in a ring of
//! `BUCKETS + 1` slots. A new outflow is checked against every bucket that overlaps the last
//! `window_seconds` (the current bucket and the `BUCKETS` before it), so the guarantee is strict:
//! **in no interval of `window_seconds` does the total outflow exceed `cap`**. The price is
//! granularity: an outflow stops counting between `window_seconds` and
//! `window_seconds + bucket_seconds` after it happened.
use anchor_lang::prelude::*;

/// Buckets per window (24: hourly buckets for a one-day window).
pub const BUCKETS: usize = 24;
const RING: usize = BUCKETS + 1;

/// Why an outflow was refused or a window could not be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutflowError {
    /// The outflow would exceed the cap: `used` in the window already, `cap` allowed.
    CapExceeded { used: u64, cap: u64 },
    /// A cap needs a window of at least one second.
    InvalidWindow,
}

/// Per-asset outflow accounting; `cap == 0` disables the breaker.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct OutflowWindow {
    /// Maximum outflow in any window (base units); 0 = no cap.
    pub cap: u64,
    /// Window length in seconds.
    pub window_seconds: u32,
    /// Bucket length: `ceil(window_seconds / BUCKETS)`.
    pub bucket_seconds: u32,
    /// Index (`timestamp / bucket_seconds`) of the newest bucket written.
    pub head: i64,
    /// Outflow per bucket; bucket `i` lives in slot `i mod (BUCKETS + 1)`.
    pub amounts: [u64; RING],
}

impl OutflowWindow {
    /// A fresh window; `cap == 0` means no cap (the window is then ignored).
    pub fn new(cap: u64, window_seconds: u32) -> std::result::Result<Self, OutflowError> {
        if cap > 0 && window_seconds == 0 {
            return Err(OutflowError::InvalidWindow);
        }
        let bucket_seconds = window_seconds.div_ceil(BUCKETS as u32).max(1);
        Ok(Self { cap, window_seconds, bucket_seconds, head: 0, amounts: [0; RING] })
    }

    fn bucket(&self, now: i64) -> i64 {
        now.div_euclid(i64::from(self.bucket_seconds.max(1)))
    }

    fn slot(index: i64) -> usize {
        index.rem_euclid(RING as i64) as usize
    }

    /// Outflow that still counts against the cap at `now`.
    pub fn used(&self, now: i64) -> u64 {
        // A clock that moved backwards is treated as the newest bucket (conservative).
        let current = self.bucket(now).max(self.head);
        let oldest = current.saturating_sub(BUCKETS as i64);
        (0..RING as i64)
            .map(|back| self.head.saturating_sub(back))
            .filter(|index| *index >= oldest)
            .fold(0u64, |sum, index| sum.saturating_add(self.amounts[Self::slot(index)]))
    }

    /// How much more may flow out at `now` (`u64::MAX` without a cap).
    pub fn remaining(&self, now: i64) -> u64 {
        if self.cap == 0 {
            return u64::MAX;
        }
        self.cap.saturating_sub(self.used(now))
    }

    /// Records `amount` at `now` if it fits under the cap; returns the outflow now counted.
    pub fn try_record(&mut self, amount: u64, now: i64) -> std::result::Result<u64, OutflowError> {
        if self.cap == 0 {
            return Ok(0);
        }
        let used = self.used(now);
        let total = used.checked_add(amount).filter(|t| *t <= self.cap);
        let Some(total) = total else {
            return Err(OutflowError::CapExceeded { used, cap: self.cap });
        };
        let current = self.bucket(now).max(self.head);
        // Clear the slots of buckets skipped since the last write (at most the whole ring).
        let mut index = current;
        while index > self.head && current - index < RING as i64 {
            self.amounts[Self::slot(index)] = 0;
            index -= 1;
        }
        self.head = current;
        let slot = Self::slot(current);
        self.amounts[slot] = self.amounts[slot].saturating_add(amount);
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: u32 = 86_400;
    const HOUR: i64 = 3_600;

    #[test]
    fn no_cap_records_nothing_and_never_refuses() {
        let mut w = OutflowWindow::new(0, 0).unwrap();
        assert_eq!(w.try_record(u64::MAX, 5), Ok(0));
        assert_eq!(w.remaining(5), u64::MAX);
    }

    #[test]
    fn cap_needs_a_window() {
        assert_eq!(OutflowWindow::new(1, 0), Err(OutflowError::InvalidWindow));
    }

    #[test]
    fn full_cap_then_refuse_until_window_plus_one_bucket() {
        let mut w = OutflowWindow::new(1_000, DAY).unwrap();
        assert_eq!(w.try_record(1_000, 0), Ok(1_000));
        assert_eq!(w.try_record(1, 1), Err(OutflowError::CapExceeded { used: 1_000, cap: 1_000 }));
        // Still counted one second before window + bucket, released exactly then.
        assert_eq!(w.try_record(1, 25 * HOUR - 1), Err(OutflowError::CapExceeded { used: 1_000, cap: 1_000 }));
        assert_eq!(w.try_record(1_000, 25 * HOUR), Ok(1_000));
    }

    #[test]
    fn partial_use_accumulates_across_buckets() {
        let mut w = OutflowWindow::new(100, DAY).unwrap();
        assert_eq!(w.try_record(40, 10), Ok(40));
        assert_eq!(w.try_record(40, 5 * HOUR), Ok(80));
        assert_eq!(w.remaining(5 * HOUR), 20);
        assert!(w.try_record(21, 6 * HOUR).is_err());
        // The first 40 expires at 25h, the second at 30h.
        assert_eq!(w.remaining(25 * HOUR), 60);
        assert_eq!(w.remaining(30 * HOUR), 100);
    }

    #[test]
    fn long_silence_clears_the_ring() {
        let mut w = OutflowWindow::new(100, DAY).unwrap();
        w.try_record(100, 0).unwrap();
        assert_eq!(w.try_record(100, 1_000 * HOUR), Ok(100));
        assert_eq!(w.used(1_000 * HOUR), 100);
    }

    #[test]
    fn clock_going_backwards_is_conservative() {
        let mut w = OutflowWindow::new(100, DAY).unwrap();
        w.try_record(100, 10 * HOUR).unwrap();
        assert!(w.try_record(1, 9 * HOUR).is_err());
    }

    #[test]
    fn uneven_window_rounds_buckets_up() {
        let w = OutflowWindow::new(1, 100).unwrap();
        assert_eq!(w.bucket_seconds, 5);
        let w = OutflowWindow::new(1, 10).unwrap();
        assert_eq!(w.bucket_seconds, 1);
    }

    proptest! {
        /// In every interval of `window_seconds`, accepted outflows sum to at most `cap`.
        #[test]
        fn never_more_than_cap_in_any_window(
            cap in 1u64..1_000,
            window in 1u32..200,
            steps in proptest::collection::vec((0i64..40, 0u64..600), 1..80),
        ) {
            let mut w = OutflowWindow::new(cap, window).unwrap();
            let mut now = 0i64;
            let mut accepted: Vec<(i64, u64)> = Vec::new();
            for (dt, amount) in steps {
                now += dt;
                if w.try_record(amount, now).is_ok() {
                    accepted.push((now, amount));
                }
            }
            for (start, _) in &accepted {
                let sum: u64 = accepted
                    .iter()
                    .filter(|(t, _)| *t >= *start && *t <= *start + i64::from(window))
                    .map(|(_, a)| *a)
                    .sum();
                prop_assert!(sum <= cap, "{sum} > {cap} in window starting at {start}");
            }
        }
    }
}
