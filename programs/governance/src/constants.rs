//! Seeds and limits.

/// Seed of a [`crate::state::Realm`]: `[REALM_SEED, create_key]`.
pub const REALM_SEED: &[u8] = b"realm";
/// Seed of a realm's treasury (a system account that signs executed proposals): `[TREASURY_SEED, realm]`.
pub const TREASURY_SEED: &[u8] = b"treasury";
/// Seed of a [`crate::state::Proposal`]: `[PROPOSAL_SEED, realm, index (u64 LE)]`.
pub const PROPOSAL_SEED: &[u8] = b"proposal";
/// Seed of a proposal's [`crate::state::ProposalInstructions`]: `[INSTRUCTIONS_SEED, proposal]`.
pub const INSTRUCTIONS_SEED: &[u8] = b"instructions";
/// Seed of a [`crate::state::VoteRecord`]: `[VOTE_SEED, proposal, position]`.
pub const VOTE_SEED: &[u8] = b"vote";

/// Basis points of 100%.
pub const BPS: u16 = 10_000;
/// Longest title (bytes).
pub const MAX_TITLE_LEN: usize = 80;
/// Longest description link (bytes).
pub const MAX_LINK_LEN: usize = 200;
/// Largest serialized instruction list of one proposal (bytes; written in chunks).
pub const MAX_INSTRUCTIONS_BYTES: usize = 10_000;
/// Shortest voting period (seconds; realms choose days, tests and demos seconds).
pub const MIN_VOTING_PERIOD: i64 = 1;
/// Longest voting period, hold-up or execution window (1 year).
pub const MAX_PERIOD: i64 = 365 * 86_400;
/// Layout version written into every account.
pub const ACCOUNT_VERSION: u8 = 1;
