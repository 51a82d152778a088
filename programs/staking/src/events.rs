//! Events: one per state change, with the amounts, weights and resulting totals the indexer
//! needs for TVL and APR. Value-moving events use `emit_cpi!`.
//!
//! Replaying the events alone reproduces the reward state exactly: every instruction that
//! settles the pool (or changes a stream) emits [`StreamsSettled`] with every stream slot's
//! values after it, and every instruction that settles a position emits that position's reward
//! checkpoints after it ([`PositionChanged::rewards`], [`RewardsClaimed::rewards`]). Between
//! events, a position's accrued-unclaimed rewards of slot `i` are what
//! `PositionReward::settle(weight, stream)` gives after `RewardStream::accrue(total_weight, now)`
//! on `streams[i].to_stream()` (the program's own math, in `psp_staking::state`).
use anchor_lang::prelude::*;

use crate::constants::MAX_STREAMS;
use crate::state::{PositionReward, StreamSnapshot};

/// A pool was created.
#[event]
#[derive(Debug)]
pub struct PoolCreated {
    pub pool: Pubkey,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub stake_mint: Pubkey,
    pub max_lockup: i64,
    pub max_multiplier_bps: u32,
    pub min_voting_lockup: i64,
    pub cooldown: i64,
    pub timestamp: i64,
}

/// The admin proposed a successor, or a successor accepted.
#[event]
#[derive(Debug)]
pub struct AdminChanged {
    pub pool: Pubkey,
    pub old_admin: Pubkey,
    pub new_admin: Pubkey,
    pub accepted: bool,
    pub timestamp: i64,
}

/// The guardian, cooldown or minimum voting lockup changed (old and new values).
#[event]
#[derive(Debug)]
pub struct PoolConfigChanged {
    pub pool: Pubkey,
    pub old_guardian: Pubkey,
    pub new_guardian: Pubkey,
    pub old_cooldown: i64,
    pub new_cooldown: i64,
    pub old_min_voting_lockup: i64,
    pub new_min_voting_lockup: i64,
    pub timestamp: i64,
}

/// Pause bits changed.
#[event]
#[derive(Debug)]
pub struct PauseChanged {
    pub pool: Pubkey,
    pub authority: Pubkey,
    pub old_flags: u8,
    pub new_flags: u8,
    pub timestamp: i64,
}

/// What happened to a stream (its resulting values are in the [`StreamsSettled`] event the same
/// instruction emits).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamChange {
    /// The admin added the stream (unfunded) at this rate.
    Added { rate_per_second: u64 },
    /// `funder` added `amount` to the unallocated funds.
    Funded { funder: Pubkey, amount: u64 },
    /// The admin changed the emission rate (the old rate paid up to now).
    RateSet { old_rate_per_second: u64, new_rate_per_second: u64 },
    /// The admin replaced the claim cap per rolling window (cap 0 = none); the window's
    /// accounting restarted.
    OutflowCapSet { old_cap: u64, old_window_seconds: u32, new_cap: u64, new_window_seconds: u32 },
    /// The admin retired the stream; `refund` unallocated tokens went back to the admin.
    Retired { refund: u64 },
}

/// A stream was added, funded, re-rated, capped or retired (one event per change; `set_stream`
/// with a rate and a cap emits two).
#[event]
#[derive(Debug)]
pub struct StreamChanged {
    pub pool: Pubkey,
    pub index: u8,
    pub stream_id: u32,
    pub reward_mint: Pubkey,
    pub change: StreamChange,
    pub timestamp: i64,
}

/// Every stream slot of the pool after an instruction that settled the pool's accumulators or
/// changed a stream (funded, allocated, claimed and unallocated amounts, `funded_until`, the
/// accumulator and its last update): emitted by every such instruction, once, after its other
/// changes, when the pool has at least one stream. Empty slots are all zero.
#[event]
#[derive(Debug)]
pub struct StreamsSettled {
    pub pool: Pubkey,
    /// The accumulators' denominator from now on.
    pub total_weight: u128,
    pub total_staked: u64,
    pub streams: [StreamSnapshot; MAX_STREAMS],
    pub timestamp: i64,
}

/// A position's stake, lock or weight changed.
#[event]
#[derive(Debug)]
pub struct PositionChanged {
    pub pool: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
    /// The stake mint (`amount` and the totals are in its base units).
    pub mint: Pubkey,
    /// "created", "added", "extended", "refreshed", "cooldown" or "withdrawn".
    pub change: String,
    /// Tokens moved by this change (staked, moved to cooldown, or withdrawn).
    pub amount: u64,
    pub position_amount: u64,
    pub cooling_amount: u64,
    pub lock_end: i64,
    pub multiplier_bps: u32,
    pub old_weight: u128,
    pub new_weight: u128,
    pub total_staked: u64,
    pub total_weight: u128,
    /// The position's reward checkpoints per stream slot after the change (earned and
    /// unclaimed amount, accumulator at settlement, stream id).
    pub rewards: [PositionReward; MAX_STREAMS],
    pub timestamp: i64,
}

/// Rewards of one stream were paid to a position's owner.
#[event]
#[derive(Debug)]
pub struct RewardsClaimed {
    pub pool: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
    pub index: u8,
    pub stream_id: u32,
    pub reward_mint: Pubkey,
    pub amount: u64,
    /// The stream's claims ever, this one included.
    pub total_claimed: u64,
    /// The position's reward checkpoints per stream slot after the claim (the claim settles
    /// every slot).
    pub rewards: [PositionReward; MAX_STREAMS],
    pub timestamp: i64,
}

/// An empty position was closed.
#[event]
#[derive(Debug)]
pub struct PositionClosed {
    pub pool: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
    pub timestamp: i64,
}

/// A claim was refused by the stream's outflow cap (logged by the failing transaction).
#[event]
#[derive(Debug)]
pub struct OutflowCapReached {
    pub pool: Pubkey,
    pub index: u8,
    pub attempted: u64,
    pub window_outflow: u64,
    pub cap: u64,
    pub timestamp: i64,
}
