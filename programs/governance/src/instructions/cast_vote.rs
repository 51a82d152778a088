//! `cast_vote`: a staking position of the realm's pool votes yes, no or abstain with its
//! voting power as of now for a lock lasting until the vote ends. The position must predate
//! the vote (created and last grown before it started), so deposit -> vote -> execute in one
//! transaction fails. One record per (proposal, position): voting again replaces the old
//! choice and power. With tipping, the vote ends as soon as its outcome cannot change.
use anchor_lang::prelude::*;

use crate::constants::VOTE_SEED;
// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::VoteCast;
use crate::state::{pause, tipped, Choice, ProposalState, VoteRecord};
use crate::utils::decide;

/// Accounts of `cast_vote`.
#[event_cpi]
#[derive(Accounts)]
pub struct CastVote<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The voting position and its owner (who signs).
    pub voter: OwnedPosition<'info>,
    /// Pays rent of a first vote.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The position's vote on this proposal.
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + VoteRecord::INIT_SPACE,
        seeds = [VOTE_SEED, target.proposal.key().as_ref(), voter.position.key().as_ref()],
        bump
    )]
    pub vote_record: Box<Account<'info, VoteRecord>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Counts the vote (replacing an earlier one) and tips the outcome when it is decided.
pub fn handler(ctx: Context<CastVote>, choice: Choice) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let a = &ctx.accounts;
    a.target.realm.ensure_not_paused(pause::VOTE)?;
    a.voter.check_pool(&a.target.realm)?;
    let proposal = &a.target.proposal;
    require!(proposal.state == ProposalState::Voting, GovernanceError::NotVoting);
    require!(now < proposal.voting_ends_at, GovernanceError::VotingEnded);
    let position = &a.voter.position;
    let power = proposal.vote_power(position, &a.voter.pool, now)?;
    let (realm_key, proposal_key, position_key, voter) =
        (a.target.realm.key(), proposal.key(), position.key(), a.voter.owner.key());

    let record = &mut ctx.accounts.vote_record;
    let proposal = &mut ctx.accounts.target.proposal;
    let (previous_choice, previous_power) = if record.proposal == Pubkey::default() {
        record.bump = ctx.bumps.vote_record;
        record.proposal = proposal_key;
        record.position = position_key;
        record.voter = voter;
        proposal.voters = proposal.voters.checked_add(1).ok_or(GovernanceError::MathOverflow)?;
        (None, 0)
    } else {
        proposal.tally.remove(record.choice, record.power).ok_or(GovernanceError::MathOverflow)?;
        (Some(record.choice), record.power)
    };
    proposal.tally.add(choice, power).ok_or(GovernanceError::MathOverflow)?;
    record.choice = choice;
    record.power = power;
    record.voted_at = now;
    emit_cpi!(VoteCast {
        realm: realm_key,
        proposal: proposal_key,
        position: position_key,
        voter,
        choice,
        power,
        previous_choice,
        previous_power,
        tally: proposal.tally,
        voters: proposal.voters,
        timestamp: now,
    });
    // A tipped vote is decided and closed at once: final for everyone, including positions that
    // already voted (see `state::tally::tipped`).
    if proposal.config.tipping {
        let outcome =
            tipped(&proposal.tally, proposal.quorum_power, proposal.config.approval_bps, proposal.total_power)
                .ok_or(GovernanceError::MathOverflow)?;
        if let Some(passed) = outcome {
            let event = decide(realm_key, proposal_key, proposal, passed, true, now)?;
            emit_cpi!(event);
        }
    }
    Ok(())
}
