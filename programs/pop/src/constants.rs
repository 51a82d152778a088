//! Seeds and limits.

/// Seed of a [`crate::state::Distributor`]: `[DISTRIBUTOR_SEED, create_key]`.
pub const DISTRIBUTOR_SEED: &[u8] = b"distributor";
/// Seed of a distributor's reward vault: `[VAULT_SEED, distributor]`.
pub const VAULT_SEED: &[u8] = b"vault";
/// Seed of a [`crate::state::Kind`]: `[KIND_SEED, distributor, name]`.
pub const KIND_SEED: &[u8] = b"kind";
/// Seed of an [`crate::state::Attestor`]: `[ATTESTOR_SEED, distributor, key]`.
pub const ATTESTOR_SEED: &[u8] = b"attestor";
/// Seed of an [`crate::state::Epoch`]: `[EPOCH_SEED, distributor, epoch (u64 LE)]`.
pub const EPOCH_SEED: &[u8] = b"epoch";
/// Seed of a [`crate::state::Candidate`]:
/// `[CANDIDATE_SEED, epoch, round (u32 LE), root, total (u64 LE), leaf_count (u64 LE)]`.
pub const CANDIDATE_SEED: &[u8] = b"candidate";
/// Seed of a [`crate::state::Vote`]: `[VOTE_SEED, epoch, round (u32 LE), attestor key]`.
pub const VOTE_SEED: &[u8] = b"vote";
/// Seed of a [`crate::state::ClaimChunk`]: `[CLAIMS_SEED, epoch, chunk (u32 LE)]`.
pub const CLAIMS_SEED: &[u8] = b"claims";

/// Bytes of claim bitmap per chunk account.
pub const CHUNK_BYTES: usize = 8_192;
/// Leaves tracked per chunk account (one bit each).
pub const LEAVES_PER_CHUNK: u64 = (CHUNK_BYTES as u64) * 8;
/// Most leaves an epoch may have (256 chunks, 16,777,216 leaves).
pub const MAX_LEAVES: u64 = LEAVES_PER_CHUNK * 256;
/// Longest Merkle proof accepted (enough for 2^32 leaves).
pub const MAX_PROOF_LEN: usize = 32;
/// Longest kind name (bytes; it is a PDA seed).
pub const MAX_KIND_NAME: usize = 32;
/// Longest veto reason (bytes).
pub const MAX_REASON_LEN: usize = 200;
/// Shortest epoch (one minute).
pub const MIN_EPOCH_LENGTH: i64 = 60;
/// Longest epoch, challenge window or claim window (~2 years).
pub const MAX_PERIOD: i64 = 2 * 366 * 86_400;
/// Layout version written into every account.
pub const ACCOUNT_VERSION: u8 = 1;
