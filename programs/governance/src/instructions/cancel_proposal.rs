//! `cancel_proposal`: the proposer withdraws a draft or a proposal still being voted on.
use anchor_lang::prelude::*;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::ProposalClosed;
use crate::state::ProposalState;

/// Accounts of `cancel_proposal`.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelProposal<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The proposer.
    #[account(address = target.proposal.proposer @ GovernanceError::Unauthorized)]
    pub proposer: Signer<'info>,
}

/// Cancels the proposal.
pub fn handler(ctx: Context<CancelProposal>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let realm_key = ctx.accounts.target.realm.key();
    let proposal_key = ctx.accounts.target.proposal.key();
    let proposal = &mut ctx.accounts.target.proposal;
    let open_vote = proposal.state == ProposalState::Voting && now < proposal.voting_ends_at;
    require!(proposal.state == ProposalState::Draft || open_vote, GovernanceError::CannotCancel);
    let previous_state = proposal.state;
    proposal.state = ProposalState::Cancelled;
    proposal.closed_at = now;
    emit_cpi!(ProposalClosed {
        realm: realm_key,
        proposal: proposal_key,
        previous_state,
        state: proposal.state,
        authority: ctx.accounts.proposer.key(),
        timestamp: now
    });
    Ok(())
}
