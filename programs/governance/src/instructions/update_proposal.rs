//! `update_proposal`: anyone moves a proposal along with time: a vote past its end is decided
//! (quorum and approval share), and a passed proposal past its execution window expires.
use anchor_lang::prelude::*;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::ProposalClosed;
use crate::state::{passed, ProposalState};
use crate::utils::decide;

/// Accounts of `update_proposal`.
#[event_cpi]
#[derive(Accounts)]
pub struct UpdateProposal<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
}

/// Decides an ended vote or expires an unexecuted proposal.
pub fn handler(ctx: Context<UpdateProposal>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let realm_key = ctx.accounts.target.realm.key();
    let proposal_key = ctx.accounts.target.proposal.key();
    let proposal = &mut ctx.accounts.target.proposal;
    match proposal.state {
        ProposalState::Voting => {
            require!(now >= proposal.voting_ends_at, GovernanceError::VotingNotEnded);
            let outcome = passed(&proposal.tally, proposal.quorum_power, proposal.config.approval_bps)
                .ok_or(GovernanceError::MathOverflow)?;
            let event = decide(realm_key, proposal_key, proposal, outcome, false, now)?;
            emit_cpi!(event);
            Ok(())
        }
        ProposalState::Succeeded if now >= proposal.expires_at => {
            proposal.state = ProposalState::Expired;
            proposal.closed_at = now;
            emit_cpi!(ProposalClosed {
                realm: realm_key,
                proposal: proposal_key,
                previous_state: ProposalState::Succeeded,
                state: proposal.state,
                authority: Pubkey::default(),
                timestamp: now
            });
            Ok(())
        }
        _ => err!(GovernanceError::NothingToUpdate),
    }
}
