//! `transaction_buffer_extend`: appends a chunk to a transaction buffer.
use anchor_lang::prelude::*;

use crate::constants::{MULTISIG_SEED, TRANSACTION_BUFFER_SEED};
use crate::errors::MultisigError;
use crate::state::{permission, Multisig, TransactionBuffer};

/// Accounts of `transaction_buffer_extend`.
#[derive(Accounts)]
pub struct TransactionBufferExtend<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The creator's buffer.
    #[account(
        mut,
        has_one = multisig @ MultisigError::TransactionMismatch,
        has_one = creator @ MultisigError::Unauthorized,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_BUFFER_SEED,
                 creator.key().as_ref(), &[transaction_buffer.buffer_index]],
        bump = transaction_buffer.bump
    )]
    pub transaction_buffer: Box<Account<'info, TransactionBuffer>>,
    /// The member that created the buffer (still a member with Initiate permission).
    pub creator: Signer<'info>,
}

/// Appends `buffer` without exceeding the declared final size.
pub fn handler(ctx: Context<TransactionBufferExtend>, buffer: Vec<u8>) -> Result<()> {
    let creator = ctx.accounts.creator.key();
    ctx.accounts.multisig.authorized_member(&creator, permission::INITIATE)?;
    let account = &mut ctx.accounts.transaction_buffer;
    let new_len = account.buffer.len().checked_add(buffer.len()).ok_or(MultisigError::Overflow)?;
    require!(new_len <= account.final_buffer_size as usize, MultisigError::BufferOverflow);
    account.buffer.extend_from_slice(&buffer);
    emit!(account.changed_event(account.key(), false, Clock::get()?.unix_timestamp));
    Ok(())
}
