//! The distributor's registries: attestors and kinds of participation.
use anchor_lang::prelude::*;

use crate::constants::MAX_KIND_NAME;

/// An attestor of a distributor, at `[ATTESTOR_SEED, distributor, key]`. Deactivated rather
/// than closed, so its history stays readable; re-adding reactivates it.
#[account]
#[derive(InitSpace, Debug)]
pub struct Attestor {
    /// Canonical bump.
    pub bump: u8,
    /// The distributor.
    pub distributor: Pubkey,
    /// The attestor's signing key.
    pub key: Pubkey,
    /// Whether its votes count.
    pub active: bool,
    /// When it was (last) added.
    pub added_at: i64,
    /// Votes counted: one per on-chain `attest`, and one per signature of a `propose_signed`
    /// batch that proposed. A signed batch carries a quorum by itself: its signatures are not
    /// added to the round's on-chain `Candidate` tally and leave no `Vote` account, so an
    /// attestor that voted on chain in a round and also signed the batch proposing in that
    /// round counts once for each.
    pub votes_cast: u64,
}

/// A kind of participation (mining shares, storage proofs, bandwidth, compute, ...), at
/// `[KIND_SEED, distributor, name]`: what the off-chain epoch builder reads its rules from.
#[account]
#[derive(InitSpace, Debug)]
pub struct Kind {
    /// Canonical bump.
    pub bump: u8,
    /// The distributor.
    pub distributor: Pubkey,
    /// Order of definition.
    pub id: u32,
    /// Name used by participation events.
    #[max_len(MAX_KIND_NAME)]
    pub name: String,
    /// Points per unit.
    pub weight: u64,
    /// Most units counted per participant and epoch (0: no cap).
    pub max_units_per_participant: u64,
    /// Whether events of this kind count.
    pub active: bool,
    /// Last change.
    pub updated_at: i64,
}
