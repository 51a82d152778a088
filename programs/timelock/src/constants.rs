//! Seeds and limits.

/// Seed of the program's [`crate::state::Config`] singleton.
pub const CONFIG_SEED: &[u8] = b"config";
/// Seed of a per-mint [`crate::state::MintPolicy`]: `[MINT_POLICY_SEED, mint]`.
pub const MINT_POLICY_SEED: &[u8] = b"mint_policy";
/// Seed of a [`crate::state::Lock`]: `[LOCK_SEED, sender, id (u64 LE)]`.
pub const LOCK_SEED: &[u8] = b"lock";
/// Seed of a lock's escrow token account: `[ESCROW_SEED, lock]`.
pub const ESCROW_SEED: &[u8] = b"escrow";

/// Most steps in an explicit step schedule.
pub const MAX_STEPS: usize = 64;
/// Longest veto reason, in bytes.
pub const MAX_REASON_LEN: usize = 200;
/// Longest high-value minimum delay (one year).
pub const MAX_MIN_DELAY: i64 = 365 * 86_400;
/// Layout version written into every account.
pub const ACCOUNT_VERSION: u8 = 1;
