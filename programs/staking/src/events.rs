//! Events: one per state change, with the amounts, weights and resulting totals the indexer
//! needs for TVL and APR. Value-moving events use `emit_cpi!`.
use anchor_lang::prelude::*;

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

/// A stream was added, funded, re-rated, capped or retired: its state after the change.
#[event]
#[derive(Debug)]
pub struct StreamChanged {
    pub pool: Pubkey,
    pub index: u8,
    pub stream_id: u32,
    pub reward_mint: Pubkey,
    /// "added", "funded", "rate", "outflow_cap" or "retired".
    pub change: String,
    /// Tokens moved by this change (funding in, or the refund at retirement).
    pub amount: u64,
    pub old_rate_per_second: u64,
    pub rate_per_second: u64,
    pub unallocated: u64,
    pub total_funded: u64,
    pub total_allocated: u64,
    pub funded_until: Option<i64>,
    pub total_weight: u128,
    pub total_staked: u64,
    pub timestamp: i64,
}

/// A position's stake, lock or weight changed.
#[event]
#[derive(Debug)]
pub struct PositionChanged {
    pub pool: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
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
    pub total_claimed: u64,
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
