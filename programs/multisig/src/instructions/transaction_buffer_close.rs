//! `transaction_buffer_close`: abandons a transaction buffer and returns its rent.
use anchor_lang::prelude::*;

use crate::constants::{MULTISIG_SEED, TRANSACTION_BUFFER_SEED};
use crate::errors::MultisigError;
use crate::state::{Multisig, TransactionBuffer};

/// Accounts of `transaction_buffer_close`.
#[derive(Accounts)]
pub struct TransactionBufferClose<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The creator's buffer; rent goes back to the creator.
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
    /// The member that created the buffer.
    #[account(mut)]
    pub creator: Signer<'info>,
}

/// Closes the buffer (the creator may do so even after leaving the multisig).
pub fn handler(ctx: Context<TransactionBufferClose>) -> Result<()> {
    let buffer = &ctx.accounts.transaction_buffer;
    emit!(buffer.changed_event(buffer.key(), true, Clock::get()?.unix_timestamp));
    Ok(())
}
