//! `config_transaction_execute`: applies an approved config transaction once its time lock
//! has passed. With `approve = true` the executor's approval is recorded first, so the last
//! approval and the execution take one instruction when the time lock is zero.
use anchor_lang::prelude::*;

use crate::constants::{MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED};
use crate::errors::MultisigError;
use crate::events::ConfigTransactionExecuted;
use crate::state::{permission, ConfigTransaction, Multisig, Proposal, ProposalStatus, Vote};
use crate::utils::{apply_config_actions, cast_vote, ConfigEnv};

/// Accounts of `config_transaction_execute`. Remaining accounts (writable): spending limit PDAs
/// named by Add/RemoveSpendingLimit actions and, with a removal, the rent collector (vault 0 when
/// none is set).
#[event_cpi]
#[derive(Accounts)]
pub struct ConfigTransactionExecute<'info> {
    /// The multisig whose settings change.
    #[account(mut, seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// A member with Execute permission (and Vote, when approving).
    pub member: Signer<'info>,
    /// The transaction's proposal.
    #[account(
        mut,
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &transaction.index.to_le_bytes(), PROPOSAL_SEED],
        bump = proposal.bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// The config transaction.
    #[account(
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED, &transaction.index.to_le_bytes()],
        bump = transaction.bump
    )]
    pub transaction: Box<Account<'info, ConfigTransaction>>,
    /// Pays for account growth and new spending limits (never receives rent).
    #[account(mut)]
    pub rent_payer: Option<Signer<'info>>,
    /// Needed with `rent_payer`.
    pub system_program: Option<Program<'info, System>>,
}

/// Applies the actions; every other pending proposal becomes stale.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, ConfigTransactionExecute<'info>>,
    approve: bool,
) -> Result<()> {
    let multisig_key = ctx.accounts.multisig.key();
    let member = ctx.accounts.member.key();
    let index = ctx.accounts.transaction.index;
    ctx.accounts.multisig.authorized_member(&member, permission::EXECUTE)?;
    if approve {
        cast_vote(&mut ctx.accounts.proposal, &ctx.accounts.multisig, multisig_key, &member, Vote::Approve, None)?;
    }
    // An approved config change written against settings that changed since is not applied.
    require!(!ctx.accounts.multisig.is_stale(index), MultisigError::StaleProposal);
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.proposal.require_executable(ctx.accounts.multisig.time_lock, now)?;
    ctx.accounts.proposal.status = ProposalStatus::Executed { timestamp: now };

    let env = ConfigEnv {
        multisig_info: ctx.accounts.multisig.to_account_info(),
        program_id: ctx.program_id,
        remaining_accounts: ctx.remaining_accounts,
        rent_payer: ctx.accounts.rent_payer.as_ref().map(|s| s.to_account_info()),
        system_program: ctx.accounts.system_program.as_ref().map(|s| s.to_account_info()),
        transaction_index: Some(index),
    };
    apply_config_actions(&mut ctx.accounts.multisig, &env, &ctx.accounts.transaction.actions)?;
    emit_cpi!(ConfigTransactionExecuted {
        multisig: multisig_key,
        transaction_index: index,
        executor: member,
        action_count: ctx.accounts.transaction.actions.len() as u16,
        timestamp: now,
    });
    Ok(())
}
