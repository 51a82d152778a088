//! `veto_proposal`: the council stops a passed proposal during its hold-up.
use anchor_lang::prelude::*;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::ProposalClosed;
use crate::state::ProposalState;

/// Accounts of `veto_proposal`.
#[event_cpi]
#[derive(Accounts)]
pub struct VetoProposal<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The council.
    #[account(address = target.realm.council @ GovernanceError::Unauthorized)]
    pub council: Signer<'info>,
}

/// Vetoes the proposal.
pub fn handler(ctx: Context<VetoProposal>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let realm_key = ctx.accounts.target.realm.key();
    let proposal_key = ctx.accounts.target.proposal.key();
    let proposal = &mut ctx.accounts.target.proposal;
    require!(proposal.state == ProposalState::Succeeded, GovernanceError::NotSucceeded);
    require!(now < proposal.executable_at, GovernanceError::HoldUpOver);
    proposal.state = ProposalState::Vetoed;
    proposal.closed_at = now;
    emit_cpi!(ProposalClosed {
        realm: realm_key,
        proposal: proposal_key,
        previous_state: ProposalState::Succeeded,
        state: proposal.state,
        authority: ctx.accounts.council.key(),
        timestamp: now
    });
    Ok(())
}
