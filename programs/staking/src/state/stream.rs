//! A reward stream: emission at a rate per second, from funded tokens only, shared by weight
//! through a u128 fixed-point reward-per-weight accumulator.
use anchor_lang::prelude::*;
use psp_common::outflow::OutflowWindow;

use crate::constants::ACC_SCALE;
use crate::errors::StakingError;

/// Life stage of a stream slot.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub enum StreamStatus {
    /// Never used.
    #[default]
    Empty,
    /// Emitting while funded.
    Active,
    /// No longer emitting; what was allocated stays claimable until the slot is reused.
    Retired,
}

/// One reward stream of a pool.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct RewardStream {
    /// Slot state.
    pub status: StreamStatus,
    /// Pool-unique id (a reused slot gets a new id; positions detect the change).
    pub id: u32,
    /// Canonical bump of the reward vault.
    pub vault_bump: u8,
    /// Reward mint.
    pub reward_mint: Pubkey,
    /// Reward vault (`[REWARD_VAULT_SEED, pool, id]`, owned by the pool).
    pub reward_vault: Pubkey,
    /// Token program of the reward mint.
    pub token_program: Pubkey,
    /// Base units emitted per second while funded and staked.
    pub rate_per_second: u64,
    /// Rewards per unit of weight since the stream started, scaled by `ACC_SCALE`.
    pub acc_per_weight: u128,
    /// Time up to which emission has been allocated.
    pub last_update: i64,
    /// Funded and not yet allocated to stakers.
    pub unallocated: u64,
    /// Ever funded.
    pub total_funded: u64,
    /// Ever allocated to stakers (an upper bound of what they can claim).
    pub total_allocated: u64,
    /// Ever claimed.
    pub total_claimed: u64,
    /// Ever returned to the admin (unallocated funds at retirement).
    pub total_refunded: u64,
    /// Retirement time (0 while active).
    pub retired_at: i64,
    /// Cap on claims from this stream's vault per rolling window.
    pub outflow: OutflowWindow,
}

impl RewardStream {
    /// Allocates the emission since `last_update` to `total_weight`: `rate x elapsed`, never
    /// more than the unallocated funds (emission stops when they run out, and a refill does
    /// not pay for the gap because time is allocated as it passes). With no weight staked,
    /// time passes without emission. Rounding keeps the funds side whole: the accumulator
    /// rounds down and the allocated amount rounds up. (Time too short to move the accumulator
    /// one step at a very large weight is carried to the next accrual rather than dropped.)
    pub fn accrue(&mut self, total_weight: u128, now: i64) -> Result<()> {
        if now <= self.last_update {
            return Ok(());
        }
        let elapsed = (now - self.last_update) as u128;
        if self.status != StreamStatus::Active || total_weight == 0 || self.rate_per_second == 0 {
            self.last_update = now;
            return Ok(());
        }
        let emission = (u128::from(self.rate_per_second))
            .checked_mul(elapsed)
            .ok_or(StakingError::MathOverflow)?
            .min(u128::from(self.unallocated));
        let delta = emission.checked_mul(ACC_SCALE).ok_or(StakingError::MathOverflow)? / total_weight;
        if delta == 0 && emission > 0 {
            // Too little for one accumulator step at this weight: keep the time so frequent
            // calls cannot stall emission; it is allocated once enough has accrued.
            return Ok(());
        }
        self.last_update = now;
        if delta == 0 {
            return Ok(());
        }
        let allocated = delta.checked_mul(total_weight).ok_or(StakingError::MathOverflow)?.div_ceil(ACC_SCALE);
        let allocated = u64::try_from(allocated).map_err(|_| StakingError::MathOverflow)?;
        self.acc_per_weight = self.acc_per_weight.checked_add(delta).ok_or(StakingError::MathOverflow)?;
        self.unallocated = self.unallocated.checked_sub(allocated).ok_or(StakingError::MathOverflow)?;
        self.total_allocated = self.total_allocated.checked_add(allocated).ok_or(StakingError::MathOverflow)?;
        Ok(())
    }

    /// When emission stops at the current rate if nobody refunds (None without a rate).
    pub fn funded_until(&self) -> Option<i64> {
        if self.status != StreamStatus::Active || self.rate_per_second == 0 {
            return None;
        }
        let seconds = self.unallocated / self.rate_per_second;
        Some(self.last_update.saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX)))
    }
}

/// The values of a stream slot that change as it is funded, allocated, claimed, re-rated or
/// retired: what an indexer needs to reproduce the stream, and (with the pool's total weight)
/// to run [`RewardStream::accrue`] itself between events. Carried by
/// [`crate::events::StreamsSettled`].
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamSnapshot {
    /// Stream id (0 while the slot is empty).
    pub id: u32,
    /// Slot state.
    pub status: StreamStatus,
    /// Base units emitted per second.
    pub rate_per_second: u64,
    /// Rewards per unit of weight since the stream started, scaled by `ACC_SCALE`.
    pub acc_per_weight: u128,
    /// Time up to which emission has been allocated.
    pub last_update: i64,
    /// Funded and not yet allocated.
    pub unallocated: u64,
    /// Ever funded.
    pub total_funded: u64,
    /// Ever allocated to stakers.
    pub total_allocated: u64,
    /// Ever claimed.
    pub total_claimed: u64,
    /// Ever refunded at retirement.
    pub total_refunded: u64,
    /// When emission stops at the current rate without new funds ([`RewardStream::funded_until`]).
    pub funded_until: Option<i64>,
}

impl RewardStream {
    /// The stream's changing values.
    pub fn snapshot(&self) -> StreamSnapshot {
        StreamSnapshot {
            id: self.id,
            status: self.status,
            rate_per_second: self.rate_per_second,
            acc_per_weight: self.acc_per_weight,
            last_update: self.last_update,
            unallocated: self.unallocated,
            total_funded: self.total_funded,
            total_allocated: self.total_allocated,
            total_claimed: self.total_claimed,
            total_refunded: self.total_refunded,
            funded_until: self.funded_until(),
        }
    }
}

impl StreamSnapshot {
    /// A stream with these values (and default accounts, retirement time and outflow window),
    /// enough for [`RewardStream::accrue`], [`RewardStream::funded_until`] and
    /// [`super::PositionReward::settle`] off chain.
    pub fn to_stream(&self) -> RewardStream {
        RewardStream {
            status: self.status,
            id: self.id,
            rate_per_second: self.rate_per_second,
            acc_per_weight: self.acc_per_weight,
            last_update: self.last_update,
            unallocated: self.unallocated,
            total_funded: self.total_funded,
            total_allocated: self.total_allocated,
            total_claimed: self.total_claimed,
            total_refunded: self.total_refunded,
            ..Default::default()
        }
    }
}

/// Rewards `weight` earned between accumulator values `from` and `to`, rounded down.
pub fn earned(weight: u128, from: u128, to: u128) -> Result<u64> {
    let delta = to.checked_sub(from).ok_or(StakingError::MathOverflow)?;
    let amount = weight.checked_mul(delta).ok_or(StakingError::MathOverflow)? / ACC_SCALE;
    Ok(u64::try_from(amount).map_err(|_| StakingError::MathOverflow)?)
}
