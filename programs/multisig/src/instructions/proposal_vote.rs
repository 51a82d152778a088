//! `proposal_approve`, `proposal_reject`, `proposal_cancel`: members vote on a proposal.
//! Approve and reject apply to active proposals; cancel to approved, unexecuted ones.
use anchor_lang::prelude::*;

use crate::constants::{MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED};
use crate::errors::MultisigError;
use crate::state::{Multisig, Proposal, Vote};
use crate::utils::{cast_vote, grow_account, validate_memo};

/// Accounts of the three vote instructions.
#[derive(Accounts)]
pub struct ProposalVote<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// A member with Vote permission. Writable: pays if a cancel vote must grow the proposal
    /// (members added since it was created have indexes beyond its bitmaps).
    #[account(mut)]
    pub member: Signer<'info>,
    /// The proposal voted on.
    #[account(
        mut,
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &proposal.transaction_index.to_le_bytes(), PROPOSAL_SEED],
        bump = proposal.bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// Needed only when the proposal grows.
    pub system_program: Option<Program<'info, System>>,
}

/// Records `vote` by the signing member.
pub fn handler(ctx: Context<ProposalVote>, vote: Vote, memo: Option<String>) -> Result<()> {
    validate_memo(&memo)?;
    let multisig_key = ctx.accounts.multisig.key();
    let member = ctx.accounts.member.key();
    cast_vote(&mut ctx.accounts.proposal, &ctx.accounts.multisig, multisig_key, &member, vote, memo)?;
    let needed = ctx.accounts.proposal.serialized_size();
    grow_account(
        &ctx.accounts.proposal.to_account_info(),
        needed,
        Some(&ctx.accounts.member.to_account_info()),
        ctx.accounts.system_program.as_ref().map(|p| p.to_account_info()).as_ref(),
    )
}
