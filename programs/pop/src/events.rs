//! Events: one per state change, with the amounts and totals the indexer needs for PoP epoch
//! statistics. Value-moving events use `emit_cpi!`.
use anchor_lang::prelude::*;

/// A distributor was created.
#[event]
#[derive(Debug)]
pub struct DistributorCreated {
    pub distributor: Pubkey,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub reward_mint: Pubkey,
    pub vault: Pubkey,
    pub genesis: i64,
    pub epoch_length: i64,
    pub challenge_window: i64,
    pub claim_window: i64,
    pub clawback_receiver: Pubkey,
    pub max_epoch_total: u64,
    pub quorum: u32,
    pub timestamp: i64,
}

/// The admin proposed a successor, or a successor accepted.
#[event]
#[derive(Debug)]
pub struct AdminChanged {
    pub distributor: Pubkey,
    pub old_admin: Pubkey,
    pub new_admin: Pubkey,
    pub accepted: bool,
    pub timestamp: i64,
}

/// The admin changed settings (the values now in force).
#[event]
#[derive(Debug)]
pub struct ConfigChanged {
    pub distributor: Pubkey,
    pub guardian: Pubkey,
    pub challenge_window: i64,
    pub claim_window: i64,
    pub clawback_receiver: Pubkey,
    pub max_epoch_total: u64,
    pub quorum: u32,
    pub attestor_generation: u64,
    pub timestamp: i64,
}

/// Pause bits changed.
#[event]
#[derive(Debug)]
pub struct PauseChanged {
    pub distributor: Pubkey,
    pub authority: Pubkey,
    pub old_flags: u8,
    pub new_flags: u8,
    pub timestamp: i64,
}

/// A kind was defined or changed.
#[event]
#[derive(Debug)]
pub struct KindSet {
    pub distributor: Pubkey,
    pub kind: Pubkey,
    pub id: u32,
    pub name: String,
    pub weight: u64,
    pub max_units_per_participant: u64,
    pub active: bool,
    pub timestamp: i64,
}

/// An attestor was added, reactivated or deactivated.
#[event]
#[derive(Debug)]
pub struct AttestorSet {
    pub distributor: Pubkey,
    pub attestor: Pubkey,
    pub active: bool,
    pub attestor_count: u32,
    pub quorum: u32,
    pub attestor_generation: u64,
    pub timestamp: i64,
}

/// Rewards were deposited into the vault.
#[event]
#[derive(Debug)]
pub struct Funded {
    pub distributor: Pubkey,
    /// The reward mint (the distributor's; every amount here is in its base units).
    pub mint: Pubkey,
    pub funder: Pubkey,
    pub amount: u64,
    pub vault_balance: u64,
    pub total_reserved: u64,
    pub timestamp: i64,
}

/// An attestor voted for a triple (with the triple's tally after the vote).
#[event]
#[derive(Debug)]
pub struct Attested {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub round: u32,
    pub attestor: Pubkey,
    pub root: [u8; 32],
    pub total: u64,
    pub leaf_count: u64,
    pub votes: u32,
    pub quorum: u32,
    pub timestamp: i64,
}

/// A voting round restarted because the attestor set or quorum changed.
#[event]
#[derive(Debug)]
pub struct RoundReset {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub round: u32,
    pub attestor_generation: u64,
    pub timestamp: i64,
}

/// A triple reached quorum: its root is proposed.
#[event]
#[derive(Debug)]
pub struct EpochProposed {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub round: u32,
    pub root: [u8; 32],
    pub total: u64,
    pub leaf_count: u64,
    pub votes: u32,
    /// Whether the votes were ed25519 signatures carried by one transaction.
    pub signed_batch: bool,
    pub challenge_ends_at: i64,
    pub timestamp: i64,
}

/// The guardian (or admin) vetoed a proposed root; voting restarts in a new round.
#[event]
#[derive(Debug)]
pub struct EpochVetoed {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub round: u32,
    pub root: [u8; 32],
    pub authority: Pubkey,
    pub reason: String,
    pub timestamp: i64,
}

/// An epoch was finalized: its total is reserved from the vault.
#[event]
#[derive(Debug)]
pub struct EpochFinalized {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub root: [u8; 32],
    pub total: u64,
    pub leaf_count: u64,
    pub claim_deadline: i64,
    pub total_reserved: u64,
    pub timestamp: i64,
}

/// A claim bitmap chunk was opened.
#[event]
#[derive(Debug)]
pub struct ClaimChunkOpened {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub chunk: u32,
    pub payer: Pubkey,
    pub timestamp: i64,
}

/// A leaf was claimed.
#[event]
#[derive(Debug)]
pub struct Claimed {
    pub distributor: Pubkey,
    /// The reward mint (the distributor's; every amount here is in its base units).
    pub mint: Pubkey,
    pub epoch: u64,
    pub index: u64,
    pub claimant: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub epoch_claimed_amount: u64,
    pub epoch_claimed_count: u64,
    pub timestamp: i64,
}

/// The unclaimed rest of an epoch went to the clawback receiver.
#[event]
#[derive(Debug)]
pub struct Swept {
    pub distributor: Pubkey,
    /// The reward mint (the distributor's; every amount here is in its base units).
    pub mint: Pubkey,
    pub epoch: u64,
    pub receiver: Pubkey,
    pub amount: u64,
    pub claimed_amount: u64,
    pub claimed_count: u64,
    pub leaf_count: u64,
    pub timestamp: i64,
}

/// A swept epoch's claim chunk was closed (rent back to its payer).
#[event]
#[derive(Debug)]
pub struct ClaimChunkClosed {
    pub distributor: Pubkey,
    pub epoch: u64,
    pub chunk: u32,
    pub payer: Pubkey,
    pub timestamp: i64,
}

/// The admin moved unreserved vault tokens to the clawback receiver.
#[event]
#[derive(Debug)]
pub struct UnreservedReclaimed {
    pub distributor: Pubkey,
    /// The reward mint (the distributor's; every amount here is in its base units).
    pub mint: Pubkey,
    pub receiver: Pubkey,
    pub amount: u64,
    pub vault_balance: u64,
    pub timestamp: i64,
}
