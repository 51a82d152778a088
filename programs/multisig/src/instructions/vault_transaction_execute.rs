//! `vault_transaction_execute`: runs an approved vault transaction by CPI signed by the vault,
//! once its time lock has passed. With `approve = true` the executor's approval is recorded
//! first, so the last approval and the execution take one instruction when the time lock is 0.
use anchor_lang::prelude::*;

use crate::constants::{EPHEMERAL_SIGNER_SEED, MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED, VAULT_SEED};
use crate::errors::MultisigError;
use crate::events::VaultTransactionExecuted;
use crate::state::{pause, permission, Multisig, Proposal, ProposalStatus, VaultTransaction, Vote};
use crate::utils::{cast_vote, execute_message};

/// Accounts of `vault_transaction_execute`. Remaining accounts: the message's account keys,
/// in order (the vault included, not as a signer).
#[event_cpi]
#[derive(Accounts)]
pub struct VaultTransactionExecute<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
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
    /// The vault transaction.
    #[account(
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED, &transaction.index.to_le_bytes()],
        bump = transaction.bump
    )]
    pub transaction: Box<Account<'info, VaultTransaction>>,
}

/// Marks the proposal executed, then runs every instruction signed by the vault.
pub fn handler<'info>(ctx: Context<'_, '_, 'info, 'info, VaultTransactionExecute<'info>>, approve: bool) -> Result<()> {
    let multisig_key = ctx.accounts.multisig.key();
    let member = ctx.accounts.member.key();
    require!(ctx.accounts.multisig.paused & pause::VAULT_TRANSACTIONS == 0, MultisigError::Paused);
    ctx.accounts.multisig.authorized_member(&member, permission::EXECUTE)?;
    if approve {
        cast_vote(&mut ctx.accounts.proposal, &ctx.accounts.multisig, multisig_key, &member, Vote::Approve, None)?;
    }
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.proposal.require_executable(ctx.accounts.multisig.time_lock, now)?;
    // State first: the proposal is final before any external call.
    ctx.accounts.proposal.status = ProposalStatus::Executed { timestamp: now };

    let transaction = &ctx.accounts.transaction;
    let vault_index = [transaction.vault_index];
    let vault_bump = [transaction.vault_bump];
    let transaction_key = transaction.key();
    let ephemeral: Vec<([u8; 1], [u8; 1])> =
        transaction.ephemeral_signer_bumps.iter().enumerate().map(|(i, bump)| ([i as u8], [*bump])).collect();
    let mut signer_seeds: Vec<Vec<&[u8]>> =
        vec![vec![MULTISIG_SEED, multisig_key.as_ref(), VAULT_SEED, &vault_index, &vault_bump]];
    for (index, bump) in &ephemeral {
        signer_seeds.push(vec![MULTISIG_SEED, transaction_key.as_ref(), EPHEMERAL_SIGNER_SEED, index, bump]);
    }
    let signer_seeds: Vec<&[&[u8]]> = signer_seeds.iter().map(Vec::as_slice).collect();
    let protected = [multisig_key, ctx.accounts.proposal.key(), transaction_key];
    execute_message(&transaction.message, ctx.remaining_accounts, &signer_seeds, &protected)?;

    emit_cpi!(VaultTransactionExecuted {
        multisig: multisig_key,
        transaction_index: transaction.index,
        vault: transaction.message.account_keys[0],
        vault_index: transaction.vault_index,
        executor: member,
        instruction_count: transaction.message.instructions.len() as u16,
        timestamp: now,
    });
    Ok(())
}
