//! `append_instructions`: the proposer appends a chunk of the borsh-serialized instruction
//! list (`Vec<ProposalInstruction>`) to a draft; lists larger than one transaction are
//! written in several chunks. The list is parsed and fixed when the vote starts; only the
//! realm's treasury may be marked as a signer, checked as each chunk lands.
use anchor_lang::prelude::*;

use crate::constants::{INSTRUCTIONS_SEED, MAX_INSTRUCTIONS_BYTES};
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::InstructionsAppended;
use crate::state::{ensure_only_treasury_signs, ProposalInstructions, ProposalState};

/// Accounts of `append_instructions`.
#[event_cpi]
#[derive(Accounts)]
#[instruction(bytes: Vec<u8>)]
pub struct AppendInstructions<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The proposer.
    #[account(address = target.proposal.proposer @ GovernanceError::Unauthorized)]
    pub proposer: Signer<'info>,
    /// Pays for the larger account.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The instruction list.
    #[account(
        mut,
        seeds = [INSTRUCTIONS_SEED, target.proposal.key().as_ref()],
        bump = instructions.bump,
        realloc = ProposalInstructions::space(instructions.data.len() + bytes.len()),
        realloc::payer = payer,
        realloc::zero = false
    )]
    pub instructions: Box<Account<'info, ProposalInstructions>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Appends `bytes` (refused when the list so far marks another signer than the treasury).
pub fn handler(ctx: Context<AppendInstructions>, bytes: Vec<u8>) -> Result<()> {
    require!(ctx.accounts.target.proposal.state == ProposalState::Draft, GovernanceError::NotDraft);
    let treasury = ctx.accounts.target.realm.treasury;
    let data = &mut ctx.accounts.instructions.data;
    require!(data.len() + bytes.len() <= MAX_INSTRUCTIONS_BYTES, GovernanceError::InstructionsTooLarge);
    data.extend_from_slice(&bytes);
    ensure_only_treasury_signs(data, &treasury)?;
    let total_bytes = data.len() as u32;
    emit_cpi!(InstructionsAppended {
        realm: ctx.accounts.target.realm.key(),
        proposal: ctx.accounts.target.proposal.key(),
        appended_bytes: bytes.len() as u32,
        total_bytes,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
