//! Release schedules: a pure function of time, monotone, never above the total, rounded down.
use anchor_lang::prelude::*;

use crate::constants::MAX_STEPS;
use crate::errors::TimelockError;

/// One step of an explicit schedule: `amount` becomes available `offset` seconds after the
/// schedule's start. 12 bytes, so 64 steps fit one (v0) transaction.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Seconds after the schedule's `start_time` at which the step unlocks.
    pub offset: u32,
    /// Base units unlocked.
    pub amount: u64,
}

impl Step {
    /// Unix time at which this step unlocks under a schedule starting at `start_time`.
    pub fn time(&self, start_time: i64) -> i64 {
        start_time.saturating_add(i64::from(self.offset))
    }
}

/// How a lock's total becomes available to its recipient.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Nothing before `cliff_time`; at and after it, `cliff_amount` plus the linear part
    /// (`total - cliff_amount`) released in equal installments every `period` seconds from
    /// `start_time` to `end_time`. A classic 1-year cliff of a 4-year vesting has
    /// `cliff_amount = 0`: the linear part accrued by the cliff unlocks at the cliff.
    /// No cliff: `cliff_time = start_time`, `cliff_amount = 0`.
    Linear { start_time: i64, cliff_time: i64, cliff_amount: u64, end_time: i64, period: u64 },
    /// Explicit steps (1..=64) after `start_time`, strictly increasing in offset; their amounts
    /// add up to the total. Top-ups add to the last step.
    Steps { start_time: i64, steps: Vec<Step> },
}

impl Schedule {
    /// Serialized size in bytes (the lock account's schedule field).
    pub fn serialized_len(&self) -> usize {
        match self {
            Schedule::Linear { .. } => 1 + 8 * 5,
            Schedule::Steps { steps, .. } => 1 + 8 + 4 + steps.len() * 12,
        }
    }

    /// Checks the schedule against the deposited `total`.
    // `u64::is_multiple_of` is newer than platform-tools' rustc.
    #[allow(clippy::manual_is_multiple_of)]
    pub fn validate(&self, total: u64) -> Result<()> {
        match self {
            Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period } => {
                require!(
                    start_time < end_time && start_time <= cliff_time && cliff_time <= end_time,
                    TimelockError::InvalidScheduleTimes
                );
                let span = end_time.checked_sub(*start_time).ok_or(TimelockError::MathOverflow)? as u64;
                require!(*period > 0 && span % period == 0, TimelockError::InvalidPeriod);
                require!(*cliff_amount <= total, TimelockError::CliffExceedsTotal);
            }
            Schedule::Steps { steps, .. } => {
                require!(!steps.is_empty() && steps.len() <= MAX_STEPS, TimelockError::InvalidSteps);
                require!(steps.iter().all(|s| s.amount > 0), TimelockError::InvalidSteps);
                require!(steps.windows(2).all(|w| w[0].offset < w[1].offset), TimelockError::InvalidSteps);
                let sum = steps
                    .iter()
                    .try_fold(0u64, |sum, s| sum.checked_add(s.amount))
                    .ok_or(TimelockError::MathOverflow)?;
                require!(sum == total, TimelockError::StepsTotalMismatch);
            }
        }
        Ok(())
    }

    /// Amount vested at `now` out of `total` (rounded down; `total` at and after the end).
    pub fn vested(&self, total: u64, now: i64) -> u64 {
        match self {
            Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period } => {
                if now < *cliff_time {
                    return 0;
                }
                if now >= *end_time {
                    return total;
                }
                let linear = total.saturating_sub(*cliff_amount) as u128;
                let installments = ((end_time - start_time) as u64 / period.max(&1)) as u128;
                let elapsed = ((now - start_time).max(0) as u64 / period.max(&1)) as u128;
                let released = linear * elapsed.min(installments) / installments.max(1);
                cliff_amount.saturating_add(released as u64).min(total)
            }
            Schedule::Steps { start_time, steps } => steps
                .iter()
                .take_while(|s| s.time(*start_time) <= now)
                .fold(0u64, |sum, s| sum.saturating_add(s.amount))
                .min(total),
        }
    }

    /// Earliest time anything can vest (a lower bound: nothing vests before it).
    pub fn first_release(&self) -> i64 {
        match self {
            Schedule::Linear { start_time, cliff_time, cliff_amount, period, .. } => {
                if *cliff_amount > 0 {
                    *cliff_time
                } else {
                    (*cliff_time).max(start_time.saturating_add(*period as i64))
                }
            }
            Schedule::Steps { start_time, steps } => steps.first().map_or(i64::MAX, |s| s.time(*start_time)),
        }
    }

    /// The time the whole total has vested.
    pub fn end(&self) -> i64 {
        match self {
            Schedule::Linear { end_time, .. } => *end_time,
            Schedule::Steps { start_time, steps } => steps.last().map_or(i64::MIN, |s| s.time(*start_time)),
        }
    }

    /// The next time after `now` at which more vests (`None` once everything has).
    pub fn next_release(&self, total: u64, now: i64) -> Option<i64> {
        let current = self.vested(total, now);
        if current >= total {
            return None;
        }
        match self {
            Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period } => {
                if now < *cliff_time && self.vested(total, *cliff_time) > 0 {
                    return Some(*cliff_time);
                }
                // Smallest installment k with cliff_amount + linear * k / n > current.
                let linear = total.saturating_sub(*cliff_amount) as u128;
                let installments = ((end_time - start_time) as u64 / period) as u128;
                let needed = (current as u128 + 1).saturating_sub(*cliff_amount as u128);
                let k = (needed * installments).div_ceil(linear.max(1));
                let t = start_time.saturating_add((k as i64).saturating_mul(*period as i64));
                Some(t.max(*cliff_time).min(*end_time))
            }
            Schedule::Steps { start_time, steps } => steps.iter().map(|s| s.time(*start_time)).find(|t| *t > now),
        }
    }

    /// Adds a top-up of `amount` (to the last step of a step schedule; linear schedules scale).
    pub fn apply_top_up(&mut self, amount: u64) -> Result<()> {
        if let Schedule::Steps { steps, .. } = self {
            let last = steps.last_mut().ok_or(TimelockError::InvalidSteps)?;
            last.amount = last.amount.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
        }
        Ok(())
    }
}
