//! PSP Proof-of-Participation: attested per-epoch Merkle reward distribution.
//!
//! A distributor (admin = a psp-multisig vault) holds one reward mint. Its admin defines kinds
//! of participation (weights the off-chain epoch builder reads) and an attestor set of any
//! size with a quorum. After an epoch ends, attestors vote for (root, total, leaf count) — one
//! vote each per round, on chain or as ed25519-signed attestations carried by one transaction.
//! A triple reaching the quorum is proposed; the guardian may veto it during the challenge
//! window (a new round starts); afterwards anyone finalizes it, reserving its total from the
//! vault. Participants claim their leaf with a Merkle proof (one bit per leaf, 65,536 leaves
//! per bitmap account) until the claim deadline; then anyone sweeps the rest to the clawback
//! receiver the admin configured.
#![allow(unexpected_cfgs)]
// Anchor 0.31's `#[program]` expansion calls the deprecated `AccountInfo::realloc`.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod contexts;
pub mod ed25519;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
pub mod utils;

#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::*;

declare_id!("2yHu1GLSTeyVB2KsC4rE6oRDfxFQweQqitnme3cKDC1d");

/// Instruction dispatch; each handler lives in `instructions/`.
#[program]
pub mod psp_pop {
    use super::*;

    /// Creates a distributor for a reward mint (the create key signs).
    pub fn create_distributor(ctx: Context<CreateDistributor>, args: CreateDistributorArgs) -> Result<()> {
        instructions::create_distributor::handler(ctx, args)
    }

    /// The admin proposes a successor (two-step transfer).
    pub fn propose_admin(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
        instructions::propose_admin::handler(ctx, new_admin)
    }

    /// The proposed admin accepts.
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::accept_admin::handler(ctx)
    }

    /// The admin sets the guardian, windows, clawback receiver, epoch cap and quorum.
    pub fn set_config(ctx: Context<SetConfig>, args: ConfigArgs) -> Result<()> {
        instructions::set_config::handler(ctx, args)
    }

    /// The guardian adds pause bits; the admin sets any.
    pub fn set_pause(ctx: Context<SetPause>, flags: u8) -> Result<()> {
        instructions::set_pause::handler(ctx, flags)
    }

    /// The admin defines or changes a kind of participation.
    pub fn set_kind(ctx: Context<SetKind>, args: KindArgs) -> Result<()> {
        instructions::set_kind::handler(ctx, args)
    }

    /// The admin adds, reactivates or deactivates an attestor.
    pub fn set_attestor(ctx: Context<SetAttestor>, key: Pubkey, active: bool) -> Result<()> {
        instructions::set_attestor::handler(ctx, key, active)
    }

    /// Anyone deposits rewards.
    pub fn fund(ctx: Context<Fund>, amount: u64) -> Result<()> {
        instructions::fund::handler(ctx, amount)
    }

    /// An attestor votes for an ended epoch's (root, total, leaf count).
    pub fn attest(ctx: Context<Attest>, epoch_index: u64, round: u32, attestation: Attestation) -> Result<()> {
        instructions::attest::handler(ctx, epoch_index, round, attestation)
    }

    /// Anyone submits a quorum of ed25519-signed attestations in one transaction.
    pub fn propose_signed<'info>(
        ctx: Context<'_, '_, 'info, 'info, ProposeSigned<'info>>,
        epoch_index: u64,
        round: u32,
        attestation: Attestation,
    ) -> Result<()> {
        instructions::propose_signed::handler(ctx, epoch_index, round, attestation)
    }

    /// The guardian (or admin) vetoes a proposed root during the challenge window.
    pub fn veto(ctx: Context<Veto>, reason: String) -> Result<()> {
        instructions::veto::handler(ctx, reason)
    }

    /// Anyone finalizes a proposed epoch after the challenge window (reserves its total).
    pub fn finalize(ctx: Context<Finalize>) -> Result<()> {
        instructions::finalize::handler(ctx)
    }

    /// Anyone opens a claim bitmap chunk of a finalized epoch.
    pub fn open_claim_chunk(ctx: Context<OpenClaimChunk>, chunk: u32) -> Result<()> {
        instructions::open_claim_chunk::handler(ctx, chunk)
    }

    /// A participant claims a leaf with its Merkle proof.
    pub fn claim(ctx: Context<Claim>, index: u64, amount: u64, proof: Vec<[u8; 32]>) -> Result<()> {
        instructions::claim::handler(ctx, index, amount, proof)
    }

    /// Anyone sweeps an epoch's unclaimed rest to the clawback receiver after the deadline.
    pub fn sweep(ctx: Context<Sweep>) -> Result<()> {
        instructions::sweep::handler(ctx)
    }

    /// Anyone closes a swept epoch's claim chunk (rent to its payer).
    pub fn close_claim_chunk(ctx: Context<CloseClaimChunk>) -> Result<()> {
        instructions::close_claim_chunk::handler(ctx)
    }

    /// The admin moves unreserved vault tokens to the clawback receiver.
    pub fn reclaim_unreserved(ctx: Context<ReclaimUnreserved>, amount: u64) -> Result<()> {
        instructions::reclaim_unreserved::handler(ctx, amount)
    }
}
