//! `vault_transaction_accounts_close`: closes a finished (or dead stale) vault transaction and
//! its proposal; their rent goes to the multisig's rent collector. Anyone may call it.
use anchor_lang::prelude::*;

use crate::constants::{MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED};
use crate::errors::MultisigError;
use crate::events::TransactionAccountsClosed;
use crate::state::{Multisig, Proposal, VaultTransaction};

/// Accounts of `vault_transaction_accounts_close`.
#[derive(Accounts)]
pub struct VaultTransactionAccountsClose<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The proposal to close.
    #[account(
        mut,
        close = rent_collector,
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &transaction.index.to_le_bytes(), PROPOSAL_SEED],
        bump = proposal.bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// The transaction to close.
    #[account(
        mut,
        close = rent_collector,
        has_one = multisig @ MultisigError::TransactionMismatch,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED, &transaction.index.to_le_bytes()],
        bump = transaction.bump
    )]
    pub transaction: Box<Account<'info, VaultTransaction>>,
    /// The multisig's rent collector.
    /// CHECK: only receives lamports; must equal `multisig.rent_collector`.
    #[account(
        mut,
        constraint = multisig.rent_collector == Some(rent_collector.key()) @ MultisigError::RentCollectorNotSet
    )]
    pub rent_collector: UncheckedAccount<'info>,
}

/// Checks the proposal can never run again; Anchor's `close` does the rest.
pub fn handler(ctx: Context<VaultTransactionAccountsClose>) -> Result<()> {
    let index = ctx.accounts.transaction.index;
    let stale = ctx.accounts.multisig.is_stale(index);
    require!(ctx.accounts.proposal.is_closable(stale, false), MultisigError::AccountNotClosable);
    let lamports = ctx.accounts.proposal.get_lamports().saturating_add(ctx.accounts.transaction.get_lamports());
    emit!(TransactionAccountsClosed {
        multisig: ctx.accounts.multisig.key(),
        transaction_index: index,
        rent_collector: ctx.accounts.rent_collector.key(),
        lamports,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
