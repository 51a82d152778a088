//! A staking position: an amount under a lock, its boosted weight, its cooldown, and its
//! reward checkpoints per stream slot.
use anchor_lang::prelude::*;

use super::{earned, Pool, RewardStream, StreamStatus};
use crate::constants::MAX_STREAMS;
use crate::errors::StakingError;

/// A position's share of one stream slot.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct PositionReward {
    /// Id of the stream these values belong to.
    pub stream_id: u32,
    /// The stream's accumulator when this position last settled.
    pub acc_snapshot: u128,
    /// Earned and not yet claimed.
    pub pending: u64,
}

impl PositionReward {
    /// Moves what `weight` earned from `stream` since this checkpoint into `pending` (the
    /// stream's accumulator must be current). A checkpoint of another stream (the slot was
    /// reused) restarts from the new stream's beginning; an empty slot changes nothing.
    pub fn settle(&mut self, weight: u128, stream: &RewardStream) -> Result<()> {
        if stream.status == StreamStatus::Empty {
            return Ok(());
        }
        if self.stream_id != stream.id {
            *self = PositionReward { stream_id: stream.id, acc_snapshot: 0, pending: 0 };
        }
        let amount = earned(weight, self.acc_snapshot, stream.acc_per_weight)?;
        self.pending = self.pending.checked_add(amount).ok_or(StakingError::MathOverflow)?;
        self.acc_snapshot = stream.acc_per_weight;
        Ok(())
    }
}

/// A position at `[POSITION_SEED, pool, owner, index]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// The pool.
    pub pool: Pubkey,
    /// The owner.
    pub owner: Pubkey,
    /// Owner-chosen index; with `pool` and `owner` it seeds the PDA.
    pub index: u32,
    /// Staked and earning (excludes the cooling amount).
    pub amount: u64,
    /// When the current lock was set or last extended.
    pub lock_start: i64,
    /// When the lock ends (unstaking may start then).
    pub lock_end: i64,
    /// Boost fixed at the last lock change (drops to 1x when a refresh finds the lock ended).
    pub multiplier_bps: u32,
    /// `amount x multiplier`: the share of rewards and the voting power.
    pub weight: u128,
    /// Tokens unbonding.
    pub cooling_amount: u64,
    /// When the cooling tokens can be withdrawn.
    pub cooldown_end: i64,
    /// Creation time (governance counts only positions created before a proposal started).
    pub created_at: i64,
    /// Last time the weight or the voting power could have grown (stake added, lock extended,
    /// weight raised): governance refuses positions changed during a vote.
    pub weight_increased_at: i64,
    /// Reward checkpoints per stream slot.
    pub rewards: [PositionReward; MAX_STREAMS],
    /// Space for upgrades.
    pub reserved: [u8; 64],
}

impl Position {
    /// Moves what the current weight earned since the last settlement into `pending`, for
    /// every stream slot of `pool` (whose accumulators must be current): see
    /// [`PositionReward::settle`].
    pub fn settle(&mut self, pool: &Pool) -> Result<()> {
        let weight = self.weight;
        self.rewards.iter_mut().zip(pool.streams.iter()).try_for_each(|(reward, stream)| reward.settle(weight, stream))
    }

    /// Starts checkpoints at the pool's current accumulators (a new position earns from now).
    pub fn checkpoint_all(&mut self, pool: &Pool) {
        for (reward, stream) in self.rewards.iter_mut().zip(pool.streams.iter()) {
            *reward = PositionReward { stream_id: stream.id, acc_snapshot: stream.acc_per_weight, pending: 0 };
        }
    }

    /// Whether anything is still held for the owner (stake, cooling tokens or rewards).
    pub fn is_empty(&self) -> bool {
        self.amount == 0 && self.cooling_amount == 0 && self.rewards.iter().all(|r| r.pending == 0)
    }
}

/// Voting power at `now` of `position` for a vote ending at `until`: its weight, with the boost
/// recomputed from the lock remaining at `now` (so an unrefreshed position never votes with a
/// stale boost), if the lock lasts at least until `until` and was committed for at least the
/// pool's `min_voting_lockup`; 0 otherwise (also while everything is unbonding). Pure, so
/// governance can verify it on chain from the pool and position accounts alone.
pub fn voting_power(position: &Position, pool: &Pool, now: i64, until: i64) -> u128 {
    let committed = position.lock_end.saturating_sub(position.lock_start);
    if position.lock_end < until || committed < pool.min_voting_lockup {
        return 0;
    }
    let remaining = position.lock_end.saturating_sub(now).max(0);
    let multiplier = super::boost::multiplier_bps(remaining, pool.max_lockup, pool.max_multiplier_bps);
    super::boost::weight(position.amount, multiplier).min(position.weight)
}
