//! A staking pool: stake mint and vault, boost curve, cooldown, reward streams, totals.
use anchor_lang::prelude::*;

use super::{RewardStream, StreamStatus};
use crate::constants::MAX_STREAMS;
use crate::errors::StakingError;

/// Operations the pause bits guard (below `psp_common::pause::HALT`).
pub mod pause {
    /// Creating positions, adding stake, extending locks.
    pub const STAKE: u8 = 1 << 0;
    /// Claiming rewards.
    pub const CLAIM: u8 = 1 << 1;
    /// Full halt: also stops unstaking (cooldown and withdrawal after a lock ends), which no
    /// single bit does.
    pub const HALT: u8 = psp_common::pause::HALT;
    /// Every defined bit.
    pub const ALL: u8 = STAKE | CLAIM | HALT;
}

/// A pool at `[POOL_SEED, create_key]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Pool {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// Signed the creation; seeds the PDA.
    pub create_key: Pubkey,
    /// Changes settings and streams (a psp-multisig vault in production).
    pub admin: Pubkey,
    /// Proposed next admin (two-step transfer).
    pub pending_admin: Option<Pubkey>,
    /// May pause at once.
    pub guardian: Pubkey,
    /// The staked mint.
    pub stake_mint: Pubkey,
    /// Its token program.
    pub stake_token_program: Pubkey,
    /// Vault of staked tokens (`[STAKE_VAULT_SEED, pool]`).
    pub stake_vault: Pubkey,
    /// Canonical bump of the stake vault.
    pub stake_vault_bump: u8,
    /// Longest lock, which earns the maximum multiplier.
    pub max_lockup: i64,
    /// Multiplier at the longest lock, in basis points (10_000 = 1x).
    pub max_multiplier_bps: u32,
    /// Shortest committed lock that gives voting power.
    pub min_voting_lockup: i64,
    /// Unbonding period between starting to unstake and withdrawing.
    pub cooldown: i64,
    /// Pause bits ([`pause`]).
    pub paused: u8,
    /// Tokens in positions, earning or cooling.
    pub total_staked: u64,
    /// Tokens cooling (not earning).
    pub total_cooling: u64,
    /// Sum of position weights (the accumulators' denominator).
    pub total_weight: u128,
    /// Positions ever created.
    pub position_count: u64,
    /// Next stream id.
    pub next_stream_id: u32,
    /// Reward stream slots.
    pub streams: [RewardStream; MAX_STREAMS],
    /// Space for upgrades.
    pub reserved: [u8; 64],
}

/// Checks a pool's boost curve, voting minimum and cooldown.
pub fn validate_pool_config(
    max_lockup: i64,
    max_multiplier_bps: u32,
    min_voting_lockup: i64,
    cooldown: i64,
) -> Result<()> {
    use crate::constants::{BPS, MAX_COOLDOWN, MAX_LOCKUP_LIMIT, MAX_MULTIPLIER_BPS};
    require!(
        (0..=MAX_LOCKUP_LIMIT).contains(&max_lockup)
            && (BPS..=MAX_MULTIPLIER_BPS).contains(&max_multiplier_bps)
            && (0..=max_lockup).contains(&min_voting_lockup)
            && (0..=MAX_COOLDOWN).contains(&cooldown),
        StakingError::InvalidPoolConfig
    );
    Ok(())
}

impl Pool {
    /// Brings every stream's accumulator up to `now` (before any weight, rate or funding change).
    pub fn accrue(&mut self, now: i64) -> Result<()> {
        let weight = self.total_weight;
        self.streams.iter_mut().try_for_each(|stream| stream.accrue(weight, now))
    }

    /// Settles every stream up to `now`, then returns stream `index`, which must be active
    /// (what every change of a stream's rate, funding or status starts with).
    pub fn settled_active_stream(&mut self, index: u8, now: i64) -> Result<&mut RewardStream> {
        self.accrue(now)?;
        let stream = self.stream(index)?;
        require!(stream.status == StreamStatus::Active, StakingError::StreamNotActive);
        Ok(stream)
    }

    /// Stream slot `index`, which must hold a stream.
    pub fn stream(&mut self, index: u8) -> Result<&mut RewardStream> {
        let stream = self.streams.get_mut(usize::from(index)).ok_or(StakingError::InvalidStreamIndex)?;
        require!(stream.status != StreamStatus::Empty, StakingError::InvalidStreamIndex);
        Ok(stream)
    }

    /// Adds `weight` to the total.
    pub fn add_weight(&mut self, weight: u128) -> Result<()> {
        self.total_weight = self.total_weight.checked_add(weight).ok_or(StakingError::MathOverflow)?;
        Ok(())
    }

    /// Removes `weight` from the total.
    pub fn remove_weight(&mut self, weight: u128) -> Result<()> {
        self.total_weight = self.total_weight.checked_sub(weight).ok_or(StakingError::MathOverflow)?;
        Ok(())
    }
}
