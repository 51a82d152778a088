//! Spending limits: members spend from a vault within a per-period allowance, no proposal needed.
use anchor_lang::prelude::*;

use crate::errors::MultisigError;

/// How often a spending limit refills.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Never refills.
    OneTime,
    /// Every 24 hours.
    Day,
    /// Every 7 days.
    Week,
    /// Every 30 days.
    Month,
}

impl Period {
    /// Length in seconds; `None` for one-time limits.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Period::OneTime => None,
            Period::Day => Some(86_400),
            Period::Week => Some(7 * 86_400),
            Period::Month => Some(30 * 86_400),
        }
    }
}

/// A per-period allowance over one mint of one vault.
#[account]
#[derive(Debug)]
pub struct SpendingLimit {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Multisig that owns the vault.
    pub multisig: Pubkey,
    /// Seed of this PDA.
    pub create_key: Pubkey,
    /// Vault the limit spends from.
    pub vault_index: u8,
    /// Mint spent; `Pubkey::default()` for native SOL.
    pub mint: Pubkey,
    /// Allowance per period, in base units.
    pub amount: u64,
    /// Refill period.
    pub period: Period,
    /// What can still be spent in the current period.
    pub remaining_amount: u64,
    /// Start of the current period (unix seconds).
    pub last_reset: i64,
    /// Space for future fields.
    pub reserved: [u8; 16],
    /// Members allowed to spend.
    pub members: Vec<Pubkey>,
    /// Allowed destination wallets; empty means any.
    pub destinations: Vec<Pubkey>,
}

impl SpendingLimit {
    /// Account size (with discriminator) for the given list lengths.
    pub fn size(members: usize, destinations: usize) -> usize {
        8 + 1 + 1 + 32 + 32 + 1 + 32 + 8 + 1 + 8 + 8 + 16 + 4 + 32 * members + 4 + 32 * destinations
    }

    /// Refills if one or more periods have passed, then debits `amount`.
    pub fn spend(&mut self, amount: u64, now: i64) -> Result<()> {
        let (remaining, last_reset) = refill(self.amount, self.remaining_amount, self.last_reset, self.period, now)?;
        self.remaining_amount = remaining.checked_sub(amount).ok_or(MultisigError::SpendingLimitExceeded)?;
        self.last_reset = last_reset;
        Ok(())
    }
}

/// Pure refill rule: after `k >= 1` whole periods since `last_reset`, the allowance is back to
/// `amount` and the period start moves forward by exactly `k` periods (so periods don't drift).
pub fn refill(amount: u64, remaining: u64, last_reset: i64, period: Period, now: i64) -> Result<(u64, i64)> {
    let Some(len) = period.seconds() else {
        return Ok((remaining, last_reset));
    };
    let elapsed = now.saturating_sub(last_reset);
    if elapsed < len {
        return Ok((remaining, last_reset));
    }
    let periods = elapsed / len;
    let moved = periods.checked_mul(len).and_then(|d| last_reset.checked_add(d)).ok_or(MultisigError::Overflow)?;
    Ok((amount, moved))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_time_never_refills() {
        assert_eq!(refill(100, 5, 0, Period::OneTime, 10_000_000).unwrap(), (5, 0));
    }

    #[test]
    fn day_refills_on_boundary() {
        assert_eq!(refill(100, 5, 0, Period::Day, 86_399).unwrap(), (5, 0));
        assert_eq!(refill(100, 5, 0, Period::Day, 86_400).unwrap(), (100, 86_400));
        assert_eq!(refill(100, 5, 0, Period::Day, 3 * 86_400 + 7).unwrap(), (100, 3 * 86_400));
    }

    proptest! {
        /// Within any window of one period, total spending never exceeds the allowance.
        #[test]
        fn never_spends_more_than_allowance_per_period(
            amount in 1u64..1_000_000,
            spends in proptest::collection::vec((0i64..20_000, 0u64..400_000), 1..60),
        ) {
            let mut limit = SpendingLimit {
                version: 1, bump: 0, multisig: Pubkey::default(), create_key: Pubkey::default(),
                vault_index: 0, mint: Pubkey::default(), amount, period: Period::Day,
                remaining_amount: amount, last_reset: 0, reserved: [0; 16],
                members: vec![], destinations: vec![],
            };
            let mut now = 0i64;
            let mut spent_in_period = 0u64;
            let mut period_start = 0i64;
            for (dt, want) in spends {
                now += dt;
                if limit.spend(want, now).is_ok() {
                    if limit.last_reset != period_start {
                        period_start = limit.last_reset;
                        spent_in_period = 0;
                    }
                    spent_in_period += want;
                    prop_assert!(spent_in_period <= amount);
                    prop_assert!(now - limit.last_reset < 86_400);
                }
            }
        }
    }
}
