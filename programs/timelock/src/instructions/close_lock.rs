//! `close_lock`: once a lock is fully paid out, cancelled or vetoed, its escrow and account are
//! closed and the rent goes back to the sender. Tokens someone sent to the escrow directly
//! (outside the books) go to the sender's token account first, so such a deposit cannot block
//! closing.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, TokenAccount};

use crate::constants::LOCK_SEED;
use crate::errors::TimelockError;
use crate::events::LockClosed;
// The glob brings `LockVault` with the client modules its `Accounts` derive generates.
use crate::utils::*;

/// Accounts of `close_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseLock<'info> {
    /// The finished lock and its escrow, mint policy and settings.
    pub vault: LockVault<'info>,
    /// The sender or the recipient.
    pub authority: Signer<'info>,
    /// The lock's sender: receives the rent.
    /// CHECK: must be the lock's sender (constraint).
    #[account(mut, address = vault.lock.sender)]
    pub sender: UncheckedAccount<'info>,
    /// The sender's token account; needed only if the escrow holds stray tokens.
    #[account(
        mut,
        token::mint = vault.mint,
        token::token_program = vault.token_program,
        constraint = sender_token_account.owner == vault.lock.sender @ TimelockError::WrongTokenAccountOwner
    )]
    pub sender_token_account: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
}

/// Sweeps stray tokens, closes the escrow, then the lock. The sweep is not counted against the
/// outflow cap: stray tokens are outside the books, no lock's value; counting them would let
/// anyone fill the window by sending tokens to their own lock's escrow and closing it.
pub fn handler(ctx: Context<CloseLock>) -> Result<()> {
    let vault = &ctx.accounts.vault;
    ensure_exit_open(&vault.config, &vault.mint_policy)?;
    let authority = ctx.accounts.authority.key();
    let lock = &vault.lock;
    require!(authority == lock.sender || authority == lock.recipient, TimelockError::Unauthorized);
    require!(lock.is_finished(), TimelockError::LockNotFinished);

    let swept = vault.escrow.amount;
    let swept_to = if swept == 0 {
        None
    } else {
        let to = ctx.accounts.sender_token_account.as_ref().ok_or(TimelockError::LockNotFinished)?;
        vault.pay(to.to_account_info(), swept)?;
        Some(to.key())
    };
    let rent_returned = lock
        .to_account_info()
        .lamports()
        .checked_add(vault.escrow.to_account_info().lamports())
        .ok_or(TimelockError::MathOverflow)?;
    let id = lock.id.to_le_bytes();
    let bump = [lock.bump];
    let seeds: &[&[u8]] = &[LOCK_SEED, lock.sender.as_ref(), &id, &bump];
    token_interface::close_account(CpiContext::new_with_signer(
        vault.token_program.to_account_info(),
        CloseAccount {
            account: vault.escrow.to_account_info(),
            destination: ctx.accounts.sender.to_account_info(),
            authority: lock.to_account_info(),
        },
        &[seeds],
    ))?;
    let (lock_key, mint) = (lock.key(), lock.mint);
    ctx.accounts.vault.lock.close(ctx.accounts.sender.to_account_info())?;
    emit_cpi!(LockClosed {
        lock: lock_key,
        mint,
        closed_by: authority,
        swept,
        swept_to,
        rent_receiver: ctx.accounts.sender.key(),
        rent_returned,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
