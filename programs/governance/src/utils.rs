//! Helpers shared by instruction handlers: deciding a vote's outcome.
use anchor_lang::prelude::*;

use crate::errors::GovernanceError;
use crate::events::ProposalDecided;
use crate::state::{Proposal, ProposalState};

/// Records the outcome (`passed`) at `now`: succeeded proposals become executable after the
/// hold-up and expire after the execution window. Returns the event for the caller to emit
/// (`emit_cpi!` needs the instruction's context).
pub fn decide(
    realm: Pubkey,
    proposal_key: Pubkey,
    proposal: &mut Proposal,
    passed: bool,
    tipped: bool,
    now: i64,
) -> Result<ProposalDecided> {
    proposal.state = if passed { ProposalState::Succeeded } else { ProposalState::Defeated };
    proposal.decided_at = now;
    if passed {
        proposal.executable_at = now.checked_add(proposal.config.hold_up).ok_or(GovernanceError::MathOverflow)?;
        proposal.expires_at = proposal
            .executable_at
            .checked_add(proposal.config.execution_window)
            .ok_or(GovernanceError::MathOverflow)?;
    }
    Ok(ProposalDecided {
        realm,
        proposal: proposal_key,
        state: proposal.state,
        tipped,
        tally: proposal.tally,
        quorum_power: proposal.quorum_power,
        total_power: proposal.total_power,
        voters: proposal.voters,
        executable_at: proposal.executable_at,
        expires_at: proposal.expires_at,
        timestamp: now,
    })
}
