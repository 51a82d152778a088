//! PSP governance: token-holder proposals voted with staking positions.
//!
//! A realm (one per DAO) names a psp-staking pool, a council (a multisig vault that may veto
//! passed proposals during their hold-up) and a treasury PDA that executes passed proposals.
//! Proposals carry a title, a description link and hash, and instructions the treasury runs
//! (written in chunks when large; only the treasury may be marked as their signer, so an
//! executor's signature is never spent). Positions of the realm's pool vote yes / no / abstain
//! with their lock-weighted voting power read from the position account itself, under the
//! pool's minimum committed lock copied when the vote started; a position must predate the vote
//! and stay locked until it ends, so deposit -> vote -> execute in one transaction fails and
//! nothing needs relinquishing before a later withdrawal. Votes can be changed while the vote is
//! open; with tipping the vote closes, final for everyone, once no power not yet cast could
//! change its outcome. The realm's settings change only by its own proposals. Every event is
//! emitted with `emit_cpi!`.
#![allow(unexpected_cfgs)]
// Anchor 0.31's `#[program]` expansion calls the deprecated `AccountInfo::realloc`.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod contexts;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
pub mod utils;

#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::*;

declare_id!("4ruRAwYqMDvAN9MKxbeXnVzYwMuW3nN8fn8PRLDodo96");

/// Instruction dispatch; each handler lives in `instructions/`.
#[program]
pub mod psp_governance {
    use super::*;

    /// Creates a realm over a staking pool (the create key signs).
    pub fn create_realm(ctx: Context<CreateRealm>, config: RealmConfig, council: Pubkey) -> Result<()> {
        instructions::create_realm::handler(ctx, config, council)
    }

    /// Changes the rules and council (only through the realm's own proposal).
    pub fn set_realm_config(ctx: Context<SetRealmConfig>, config: RealmConfig, council: Pubkey) -> Result<()> {
        instructions::set_realm_config::handler(ctx, config, council)
    }

    /// The council or the treasury sets the pause bits.
    pub fn set_pause(ctx: Context<SetPause>, flags: u8) -> Result<()> {
        instructions::set_pause::handler(ctx, flags)
    }

    /// Drafts a proposal.
    pub fn create_proposal(
        ctx: Context<CreateProposal>,
        title: String,
        description_link: String,
        description_hash: [u8; 32],
    ) -> Result<()> {
        instructions::create_proposal::handler(ctx, title, description_link, description_hash)
    }

    /// Appends a chunk of the draft's serialized instruction list.
    pub fn append_instructions(ctx: Context<AppendInstructions>, bytes: Vec<u8>) -> Result<()> {
        instructions::append_instructions::handler(ctx, bytes)
    }

    /// Opens the vote (the proposer's position must have the minimum power).
    pub fn start_voting(ctx: Context<StartVoting>) -> Result<()> {
        instructions::start_voting::handler(ctx)
    }

    /// A position votes (again: replaces its vote).
    pub fn cast_vote(ctx: Context<CastVote>, choice: Choice) -> Result<()> {
        instructions::cast_vote::handler(ctx, choice)
    }

    /// Anyone decides an ended vote or expires an unexecuted proposal.
    pub fn update_proposal(ctx: Context<UpdateProposal>) -> Result<()> {
        instructions::update_proposal::handler(ctx)
    }

    /// The proposer cancels a draft or an open vote.
    pub fn cancel_proposal(ctx: Context<CancelProposal>) -> Result<()> {
        instructions::cancel_proposal::handler(ctx)
    }

    /// The council vetoes a passed proposal during its hold-up.
    pub fn veto_proposal(ctx: Context<VetoProposal>) -> Result<()> {
        instructions::veto_proposal::handler(ctx)
    }

    /// Anyone executes a passed proposal after its hold-up, once.
    pub fn execute_proposal<'info>(ctx: Context<'_, '_, 'info, 'info, ExecuteProposal<'info>>) -> Result<()> {
        instructions::execute_proposal::handler(ctx)
    }
}
