//! `vault_transaction_create_from_buffer`: turns a complete transaction buffer into a vault
//! transaction and its proposal, and closes the buffer.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::hash::hash;

use crate::constants::{MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_BUFFER_SEED, TRANSACTION_SEED};
use crate::errors::MultisigError;
use crate::instructions::vault_transaction_create::{store_vault_transaction, NewVaultTransaction};
use crate::state::{Multisig, Proposal, TransactionBuffer, VaultTransaction, VaultTransactionMessage};
use crate::utils::validate_memo;

/// Accounts of `vault_transaction_create_from_buffer`.
#[derive(Accounts)]
pub struct VaultTransactionCreateFromBuffer<'info> {
    /// The multisig.
    #[account(mut, seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The complete buffer; closed to the creator.
    #[account(
        mut,
        close = creator,
        has_one = multisig @ MultisigError::TransactionMismatch,
        has_one = creator @ MultisigError::Unauthorized,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_BUFFER_SEED,
                 creator.key().as_ref(), &[transaction_buffer.buffer_index]],
        bump = transaction_buffer.bump
    )]
    pub transaction_buffer: Box<Account<'info, TransactionBuffer>>,
    /// The new transaction, at the next index.
    #[account(
        init,
        payer = rent_payer,
        space = VaultTransaction::size_for_serialized(&transaction_buffer.buffer),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &multisig.transaction_index.saturating_add(1).to_le_bytes()],
        bump
    )]
    pub transaction: Box<Account<'info, VaultTransaction>>,
    /// The new proposal.
    #[account(
        init,
        payer = rent_payer,
        space = Proposal::size(multisig.members.len()),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &multisig.transaction_index.saturating_add(1).to_le_bytes(), PROPOSAL_SEED],
        bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// The member that wrote the buffer; gets the buffer's rent back.
    #[account(mut)]
    pub creator: Signer<'info>,
    /// Pays rent for the transaction and proposal.
    #[account(mut)]
    pub rent_payer: Signer<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

/// Checks the buffer against its declared size and hash, then stores it like
/// `vault_transaction_create` and reports the buffer closed.
pub fn handler(ctx: Context<VaultTransactionCreateFromBuffer>, memo: Option<String>) -> Result<()> {
    validate_memo(&memo)?;
    let buffer = &ctx.accounts.transaction_buffer;
    require!(
        buffer.buffer.len() == buffer.final_buffer_size as usize
            && hash(&buffer.buffer).to_bytes() == buffer.final_buffer_hash,
        MultisigError::BufferHashMismatch
    );
    let message = VaultTransactionMessage::try_from_slice(&buffer.buffer)
        .map_err(|_| error!(MultisigError::InvalidTransactionMessage))?;
    let new = NewVaultTransaction {
        multisig_key: ctx.accounts.multisig.key(),
        creator: ctx.accounts.creator.key(),
        transaction_bump: ctx.bumps.transaction,
        proposal_bump: ctx.bumps.proposal,
        vault_index: buffer.vault_index,
        message,
        memo,
    };
    emit!(buffer.changed_event(buffer.key(), true, Clock::get()?.unix_timestamp));
    let accounts = ctx.accounts;
    store_vault_transaction(&mut accounts.multisig, &mut accounts.transaction, &mut accounts.proposal, new)
}
