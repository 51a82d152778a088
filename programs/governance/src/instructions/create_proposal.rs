//! `create_proposal`: a draft with a title, a description link and the description's hash,
//! and an empty instruction list for the proposer to fill.
use anchor_lang::prelude::*;

use crate::constants::{ACCOUNT_VERSION, INSTRUCTIONS_SEED, MAX_LINK_LEN, MAX_TITLE_LEN, PROPOSAL_SEED, REALM_SEED};
use crate::errors::GovernanceError;
use crate::events::ProposalCreated;
use crate::state::{pause, Proposal, ProposalInstructions, ProposalState, Realm, RealmConfig, Tally};

/// Accounts of `create_proposal`.
#[event_cpi]
#[derive(Accounts)]
pub struct CreateProposal<'info> {
    /// The realm.
    #[account(mut, seeds = [REALM_SEED, realm.create_key.as_ref()], bump = realm.bump)]
    pub realm: Box<Account<'info, Realm>>,
    /// The proposer.
    pub proposer: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The new proposal (the realm's next index).
    #[account(
        init,
        payer = payer,
        space = 8 + Proposal::INIT_SPACE,
        seeds = [PROPOSAL_SEED, realm.key().as_ref(), &realm.proposal_count.to_le_bytes()],
        bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// Its (empty) instruction list.
    #[account(
        init,
        payer = payer,
        space = ProposalInstructions::space(0),
        seeds = [INSTRUCTIONS_SEED, proposal.key().as_ref()],
        bump
    )]
    pub instructions: Box<Account<'info, ProposalInstructions>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Writes the draft.
pub fn handler(
    ctx: Context<CreateProposal>,
    title: String,
    description_link: String,
    description_hash: [u8; 32],
) -> Result<()> {
    require!(title.len() <= MAX_TITLE_LEN && description_link.len() <= MAX_LINK_LEN, GovernanceError::TextTooLong);
    let now = Clock::get()?.unix_timestamp;
    let realm = &mut ctx.accounts.realm;
    realm.ensure_not_paused(pause::PROPOSE)?;
    let index = realm.proposal_count;
    realm.proposal_count = index.checked_add(1).ok_or(GovernanceError::MathOverflow)?;
    let realm_key = realm.key();
    let proposal_key = ctx.accounts.proposal.key();
    ctx.accounts.instructions.set_inner(ProposalInstructions {
        bump: ctx.bumps.instructions,
        proposal: proposal_key,
        data: Vec::new(),
    });
    let proposer = ctx.accounts.proposer.key();
    ctx.accounts.proposal.set_inner(Proposal {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.proposal,
        realm: realm_key,
        index,
        proposer,
        proposer_position: Pubkey::default(),
        title: title.clone(),
        description_link: description_link.clone(),
        description_hash,
        state: ProposalState::Draft,
        created_at: now,
        voting_starts_at: 0,
        voting_ends_at: 0,
        config: RealmConfig {
            min_power_to_propose: 0,
            quorum_bps: 0,
            approval_bps: 0,
            voting_period: 0,
            hold_up: 0,
            execution_window: 0,
            tipping: false,
        },
        config_version: 0,
        total_power: 0,
        quorum_power: 0,
        tally: Tally::default(),
        voters: 0,
        decided_at: 0,
        executable_at: 0,
        expires_at: 0,
        closed_at: 0,
        instruction_count: 0,
        instructions_hash: [0; 32],
        min_voting_lockup: 0,
        reserved: [0; 24],
    });
    emit_cpi!(ProposalCreated {
        realm: realm_key,
        proposal: proposal_key,
        index,
        proposer,
        title,
        description_link,
        description_hash,
        timestamp: now
    });
    Ok(())
}
