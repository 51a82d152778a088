//! `transaction_buffer_create`: starts writing a large vault transaction message in chunks.
use anchor_lang::prelude::*;

use crate::constants::{ACCOUNT_VERSION, MAX_BUFFER_SIZE, MULTISIG_SEED, TRANSACTION_BUFFER_SEED};
use crate::errors::MultisigError;
use crate::state::{permission, Multisig, TransactionBuffer};

/// Arguments of `transaction_buffer_create`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct TransactionBufferCreateArgs {
    /// Creator-chosen index (several buffers per creator).
    pub buffer_index: u8,
    /// Vault the transaction will run as.
    pub vault_index: u8,
    /// SHA-256 of the complete message bytes.
    pub final_buffer_hash: [u8; 32],
    /// Length of the complete message bytes.
    pub final_buffer_size: u16,
    /// First chunk.
    pub buffer: Vec<u8>,
}

/// Accounts of `transaction_buffer_create`.
#[derive(Accounts)]
#[instruction(args: TransactionBufferCreateArgs)]
pub struct TransactionBufferCreate<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The new buffer, sized for the final message up front.
    #[account(
        init,
        payer = rent_payer,
        space = TransactionBuffer::size(args.final_buffer_size as usize),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_BUFFER_SEED,
                 creator.key().as_ref(), &[args.buffer_index]],
        bump
    )]
    pub transaction_buffer: Box<Account<'info, TransactionBuffer>>,
    /// A member with Initiate permission.
    pub creator: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub rent_payer: Signer<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

/// Stores the declared hash and size and the first chunk.
pub fn handler(ctx: Context<TransactionBufferCreate>, args: TransactionBufferCreateArgs) -> Result<()> {
    let creator = ctx.accounts.creator.key();
    ctx.accounts.multisig.authorized_member(&creator, permission::INITIATE)?;
    require!(args.final_buffer_size as usize <= MAX_BUFFER_SIZE, MultisigError::BufferTooLarge);
    require!(args.buffer.len() <= args.final_buffer_size as usize, MultisigError::BufferOverflow);
    let buffer = &mut ctx.accounts.transaction_buffer;
    buffer.set_inner(TransactionBuffer {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.transaction_buffer,
        multisig: ctx.accounts.multisig.key(),
        creator,
        buffer_index: args.buffer_index,
        vault_index: args.vault_index,
        final_buffer_hash: args.final_buffer_hash,
        final_buffer_size: args.final_buffer_size,
        reserved: [0; 16],
        buffer: args.buffer,
    });
    emit!(buffer.changed_event(buffer.key(), false, Clock::get()?.unix_timestamp));
    Ok(())
}
