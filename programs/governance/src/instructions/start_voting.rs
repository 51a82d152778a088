//! `start_voting`: the proposer opens the vote. The instruction list is parsed and fixed (only
//! the treasury may sign it, checked again in full), the proposer's position must have the
//! realm's minimum power (for a lock lasting the whole vote), and the rules, settings version,
//! the pool's total weight and its `min_voting_lockup` are snapshotted.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::hash::hash;
use psp_staking::state::voting_power;

use crate::constants::INSTRUCTIONS_SEED;
// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::VotingStarted;
use crate::state::{
    ensure_only_treasury_signs, pause, quorum_power, ProposalInstruction, ProposalInstructions, ProposalState,
};

/// Accounts of `start_voting`.
#[event_cpi]
#[derive(Accounts)]
pub struct StartVoting<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The proposer's position (the owner is the proposer, who signs).
    #[account(constraint = proposer.owner.key() == target.proposal.proposer @ GovernanceError::Unauthorized)]
    pub proposer: OwnedPosition<'info>,
    /// The instruction list.
    #[account(seeds = [INSTRUCTIONS_SEED, target.proposal.key().as_ref()], bump = instructions.bump)]
    pub instructions: Box<Account<'info, ProposalInstructions>>,
}

/// Opens the vote.
pub fn handler(ctx: Context<StartVoting>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let a = &ctx.accounts;
    let realm = &a.target.realm;
    realm.ensure_not_paused(pause::PROPOSE)?;
    a.proposer.check_pool(realm)?;
    require!(a.target.proposal.state == ProposalState::Draft, GovernanceError::NotDraft);
    let data = &a.instructions.data;
    let count = if data.is_empty() {
        0
    } else {
        let list =
            Vec::<ProposalInstruction>::try_from_slice(data).map_err(|_| GovernanceError::InvalidInstructions)?;
        u16::try_from(list.len()).map_err(|_| GovernanceError::InvalidInstructions)?
    };
    ensure_only_treasury_signs(data, &realm.treasury)?;
    let config = realm.config;
    let ends = now.checked_add(config.voting_period).ok_or(GovernanceError::MathOverflow)?;
    let power = voting_power(&a.proposer.position, &a.proposer.pool, now, ends);
    require!(power > 0 && power >= config.min_power_to_propose, GovernanceError::NotEnoughPowerToPropose);
    let total = a.proposer.pool.total_weight;
    let quorum = quorum_power(total, config.quorum_bps).ok_or(GovernanceError::MathOverflow)?;
    let (realm_key, config_version, position) = (realm.key(), realm.config_version, a.proposer.position.key());
    let min_voting_lockup = a.proposer.pool.min_voting_lockup;
    let instructions_hash = hash(data).to_bytes();

    let proposal = &mut ctx.accounts.target.proposal;
    proposal.state = ProposalState::Voting;
    proposal.proposer_position = position;
    proposal.voting_starts_at = now;
    proposal.voting_ends_at = ends;
    proposal.config = config;
    proposal.config_version = config_version;
    proposal.total_power = total;
    proposal.quorum_power = quorum;
    proposal.instruction_count = count;
    proposal.instructions_hash = instructions_hash;
    proposal.min_voting_lockup = min_voting_lockup;
    let expires_at = proposal.latest_expiry().ok_or(GovernanceError::MathOverflow)?;
    emit_cpi!(VotingStarted {
        realm: realm_key,
        proposal: proposal.key(),
        proposer: proposal.proposer,
        proposer_position: position,
        proposer_power: power,
        voting_ends_at: ends,
        expires_at,
        config,
        config_version,
        total_power: total,
        quorum_power: quorum,
        min_voting_lockup,
        instruction_count: count,
        instructions_hash,
        timestamp: now,
    });
    Ok(())
}
