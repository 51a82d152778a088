//! Seeds and limits.

/// Seed of a [`crate::state::Pool`]: `[POOL_SEED, create_key]`.
pub const POOL_SEED: &[u8] = b"pool";
/// Seed of a pool's stake vault: `[STAKE_VAULT_SEED, pool]`.
pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
/// Seed of a stream's reward vault: `[REWARD_VAULT_SEED, pool, stream id (u32 LE)]`.
pub const REWARD_VAULT_SEED: &[u8] = b"reward_vault";
/// Seed of a [`crate::state::Position`]: `[POSITION_SEED, pool, owner, index (u32 LE)]`.
pub const POSITION_SEED: &[u8] = b"position";

/// Reward streams per pool.
pub const MAX_STREAMS: usize = 4;
/// Fixed-point scale of the reward-per-weight accumulators.
pub const ACC_SCALE: u128 = 1_000_000_000_000_000_000;
/// Basis points of a 1x multiplier.
pub const BPS: u32 = 10_000;
/// Highest boost a pool may configure (10x).
pub const MAX_MULTIPLIER_BPS: u32 = 100_000;
/// Longest lockup a pool may configure (10 years).
pub const MAX_LOCKUP_LIMIT: i64 = 10 * 365 * 86_400;
/// Longest cooldown a pool may configure (1 year).
pub const MAX_COOLDOWN: i64 = 365 * 86_400;
/// A retired stream's slot can take a new stream only this long after retirement; until then
/// its allocated rewards stay claimable.
pub const STREAM_REUSE_DELAY: i64 = 90 * 86_400;
/// Layout version written into every account.
pub const ACCOUNT_VERSION: u8 = 1;
