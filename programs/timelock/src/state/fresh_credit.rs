//! A lock's fresh credit: the part of its own recent deposits that may leave it without counting
//! against its mint's outflow window.
//!
//! The circuit breaker protects value that has been in escrow for at least one window. Tokens a
//! lock received less than a window ago were outside the program a moment before, so letting
//! them out again drains nothing that the breaker protects — and counting them would let anyone
//! fill the shared window with borrowed tokens (create a lock to oneself, withdraw or cancel,
//! close: one transaction) and so block every other recipient of the mint.
//!
//! Every deposit adds to the credit; every payout spends the credit first and counts only the
//! rest. The credit is conservative: a deposit made while older credit is still valid joins it
//! and expires with it (`since` never moves forward while credit is valid), so no deposit is
//! ever credited longer than one window, and the credit never exceeds the lock's deposits of the
//! last window minus what already left uncounted.
use anchor_lang::prelude::*;

use crate::errors::TimelockError;

/// Credit of a lock's recent deposits (16 bytes in the lock account).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FreshCredit {
    /// Base units that may still leave the lock uncounted (while valid).
    pub amount: u64,
    /// Time of the oldest deposit in `amount`; the credit is valid until `since + window`.
    pub since: i64,
}

/// How a payout splits between the fresh credit and the outflow window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayoutSplit {
    /// Paid from the lock's fresh credit: not counted.
    pub fresh: u64,
    /// The rest: counted against the mint's outflow window.
    pub counted: u64,
}

impl FreshCredit {
    /// The credit of a lock funded with `amount` at `now`.
    pub fn new(amount: u64, now: i64) -> Self {
        Self { amount, since: now }
    }

    /// Whether the credit may still be spent at `now` under a window of `window_seconds`.
    pub fn is_valid(&self, now: i64, window_seconds: u32) -> bool {
        now < self.since.saturating_add(i64::from(window_seconds))
    }

    /// The credit that may be spent at `now` (0 once expired).
    pub fn available(&self, now: i64, window_seconds: u32) -> u64 {
        if self.is_valid(now, window_seconds) {
            self.amount
        } else {
            0
        }
    }

    /// Adds a deposit of `amount` at `now`: it joins a valid, unspent credit and keeps its start
    /// (never extending older deposits), otherwise it starts a new credit.
    pub fn add(&mut self, amount: u64, now: i64, window_seconds: u32) -> Result<()> {
        if self.available(now, window_seconds) > 0 {
            self.amount = self.amount.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
        } else {
            *self = Self::new(amount, now);
        }
        Ok(())
    }

    /// Splits a payout of `amount` at `now`: the valid credit pays first, uncounted; an expired
    /// credit is dropped. Applies to every payout whether or not the mint has a cap, so credit
    /// spent while there is none cannot be spent again once a cap is set.
    pub fn spend(&mut self, amount: u64, now: i64, window_seconds: u32) -> PayoutSplit {
        let available = self.available(now, window_seconds);
        let fresh = amount.min(available);
        self.amount = available - fresh;
        PayoutSplit { fresh, counted: amount - fresh }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use psp_common::outflow::OutflowWindow;

    use super::*;

    const W: u32 = 100;

    #[test]
    fn a_new_credit_pays_within_the_window_and_expires_at_its_end() {
        let mut c = FreshCredit::new(500, 1_000);
        assert_eq!(c.spend(200, 1_099, W), PayoutSplit { fresh: 200, counted: 0 });
        assert_eq!(c.amount, 300);
        assert_eq!(c.spend(400, 1_099, W), PayoutSplit { fresh: 300, counted: 100 });
        assert_eq!(c.spend(1, 1_099, W), PayoutSplit { fresh: 0, counted: 1 });
        let mut c = FreshCredit::new(500, 1_000);
        assert_eq!(c.spend(1, 1_100, W), PayoutSplit { fresh: 0, counted: 1 });
        assert_eq!(c.amount, 0, "an expired credit is dropped");
    }

    #[test]
    fn a_deposit_joins_valid_credit_without_extending_it() {
        let mut c = FreshCredit::new(500, 1_000);
        c.add(50, 1_099, W).unwrap();
        assert_eq!(c, FreshCredit { amount: 550, since: 1_000 });
        assert_eq!(c.spend(550, 1_100, W), PayoutSplit { fresh: 0, counted: 550 });
    }

    #[test]
    fn a_deposit_after_expiry_or_after_the_credit_is_spent_starts_anew() {
        let mut c = FreshCredit::new(500, 1_000);
        c.add(50, 1_100, W).unwrap();
        assert_eq!(c, FreshCredit { amount: 50, since: 1_100 });
        c.spend(50, 1_150, W);
        c.add(20, 1_160, W).unwrap();
        assert_eq!(c, FreshCredit { amount: 20, since: 1_160 });
        assert_eq!(c.spend(20, 1_259, W).fresh, 20);
    }

    #[test]
    fn without_a_window_nothing_is_fresh() {
        let mut c = FreshCredit::new(500, 1_000);
        assert_eq!(c.spend(10, 1_000, 0), PayoutSplit { fresh: 0, counted: 10 });
        // A zeroed account (a lock written before the credit existed) has none either.
        assert_eq!(FreshCredit::default().spend(10, 5, W).fresh, 0);
    }

    #[test]
    fn credit_spent_while_there_is_no_cap_is_gone_when_one_is_set() {
        // The window length is set, the cap is 0: payouts count nowhere but still spend credit.
        let mut c = FreshCredit::new(500, 1_000);
        c.spend(500, 1_010, W);
        assert_eq!(c.spend(500, 1_020, W).counted, 500);
    }

    #[test]
    fn overflowing_deposits_are_refused() {
        let mut c = FreshCredit::new(u64::MAX, 0);
        assert!(c.add(1, 1, W).is_err());
    }

    /// One operation on one of a mint's locks, `dt` seconds after the previous one.
    #[derive(Debug, Clone)]
    enum Op {
        Deposit { lock: usize, dt: i64, amount: u64 },
        Payout { lock: usize, dt: i64, amount: u64 },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..3, 0i64..60, 1u64..400).prop_map(|(lock, dt, amount)| Op::Deposit { lock, dt, amount }),
            (0usize..3, 0i64..60, 1u64..400).prop_map(|(lock, dt, amount)| Op::Payout { lock, dt, amount }),
        ]
    }

    /// Reference model of a lock: its deposits as `(time, unspent amount)` lots. A payout takes
    /// the newest lots first; what it takes from lots deposited at least a window ago is old value.
    #[derive(Default)]
    struct ModelLock {
        lots: Vec<(i64, u64)>,
        credit: FreshCredit,
    }

    impl ModelLock {
        fn balance(&self) -> u64 {
            self.lots.iter().map(|l| l.1).sum()
        }

        fn deposits_since(&self, after: i64, deposits: &[(i64, u64)]) -> u64 {
            deposits.iter().filter(|d| d.0 > after).map(|d| d.1).sum()
        }

        /// Takes `amount` newest first; returns the old value taken.
        fn take(&mut self, mut amount: u64, now: i64, window: i64) -> u64 {
            let mut old = 0;
            for lot in self.lots.iter_mut().rev() {
                let part = amount.min(lot.1);
                lot.1 -= part;
                amount -= part;
                if lot.0 <= now - window {
                    old += part;
                }
            }
            old
        }
    }

    proptest! {
        /// Driving a mint's outflow window the way the program does (credit first, the rest
        /// recorded): in no interval of a window does more than `cap` of old value leave, and a
        /// lock's credit never exceeds its own deposits of the last window.
        #[test]
        fn credit_never_lets_more_than_the_cap_of_old_value_out(
            cap in 1u64..800,
            ops in proptest::collection::vec(op(), 1..120),
        ) {
            let mut window = OutflowWindow::new(cap, W).unwrap();
            let mut locks: Vec<ModelLock> = (0..3).map(|_| ModelLock::default()).collect();
            let mut deposits: Vec<Vec<(i64, u64)>> = vec![Vec::new(); 3];
            let mut old_out: Vec<(i64, u64)> = Vec::new();
            let mut now = 0i64;
            for op in ops {
                match op {
                    Op::Deposit { lock, dt, amount } => {
                        now += dt;
                        locks[lock].credit.add(amount, now, W).unwrap();
                        locks[lock].lots.push((now, amount));
                        deposits[lock].push((now, amount));
                    }
                    Op::Payout { lock, dt, amount } => {
                        now += dt;
                        let l = &mut locks[lock];
                        let amount = amount.min(l.balance());
                        // The program's transaction reverts on refusal: work on a copy.
                        let mut credit = l.credit;
                        let split = credit.spend(amount, now, W);
                        if window.try_record(split.counted, now).is_ok() {
                            l.credit = credit;
                            let old = l.take(amount, now, i64::from(W));
                            prop_assert!(old <= split.counted, "old {old} left uncounted ({split:?})");
                            old_out.push((now, old));
                        }
                    }
                }
                for (l, d) in locks.iter().zip(&deposits) {
                    let recent = l.deposits_since(now - i64::from(W), d);
                    prop_assert!(l.credit.available(now, W) <= recent.min(l.balance()));
                }
            }
            for (start, _) in &old_out {
                let sum: u64 = old_out
                    .iter()
                    .filter(|(t, _)| *t >= *start && *t <= *start + i64::from(W))
                    .map(|(_, a)| *a)
                    .sum();
                prop_assert!(sum <= cap, "{sum} of old value left in the window from {start}");
            }
        }
    }
}
