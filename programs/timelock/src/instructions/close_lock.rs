//! `close_lock`: once a lock is fully paid out, cancelled or vetoed, its escrow and account are
//! closed and the rent goes back to the sender. Tokens someone sent to the escrow directly
//! (outside the books) go to the sender's token account first, so such a deposit cannot block
//! closing.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenAccount, TokenInterface};

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED};
use crate::errors::TimelockError;
use crate::events::LockClosed;
use crate::state::{Config, Lock};
use crate::utils::Escrow;

/// Accounts of `close_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseLock<'info> {
    /// Settings (a full halt stops closing too).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The finished lock.
    #[account(
        mut,
        close = sender,
        seeds = [LOCK_SEED, lock.sender.as_ref(), &lock.id.to_le_bytes()],
        bump = lock.bump,
        has_one = mint,
        has_one = escrow,
        has_one = sender
    )]
    pub lock: Box<Account<'info, Lock>>,
    /// The lock's escrow (closed).
    #[account(mut, seeds = [ESCROW_SEED, lock.key().as_ref()], bump = lock.escrow_bump)]
    pub escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The sender or the recipient.
    pub authority: Signer<'info>,
    /// The lock's sender: receives the rent.
    /// CHECK: pinned by `has_one = sender`.
    #[account(mut)]
    pub sender: UncheckedAccount<'info>,
    /// The sender's token account; needed only if the escrow holds stray tokens.
    #[account(
        mut,
        token::mint = mint,
        token::token_program = token_program,
        constraint = sender_token_account.owner == lock.sender @ TimelockError::WrongTokenAccountOwner
    )]
    pub sender_token_account: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// The lock's mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The lock's token program.
    #[account(address = lock.token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Closes the escrow and the lock.
pub fn handler(ctx: Context<CloseLock>) -> Result<()> {
    require!(!psp_common::pause::blocks_exit(ctx.accounts.config.paused), TimelockError::Paused);
    let authority = ctx.accounts.authority.key();
    let lock = &ctx.accounts.lock;
    require!(authority == lock.sender || authority == lock.recipient, TimelockError::Unauthorized);
    require!(lock.is_finished(), TimelockError::LockNotFinished);

    let escrow = Escrow {
        lock: &ctx.accounts.lock,
        escrow: &ctx.accounts.escrow,
        mint: &ctx.accounts.mint,
        token_program: &ctx.accounts.token_program,
    };
    let stray = ctx.accounts.escrow.amount;
    if stray > 0 {
        let to = ctx.accounts.sender_token_account.as_ref().ok_or(TimelockError::LockNotFinished)?;
        escrow.pay(to.to_account_info(), stray)?;
    }
    let id = lock.id.to_le_bytes();
    let bump = [lock.bump];
    let seeds: &[&[u8]] = &[LOCK_SEED, lock.sender.as_ref(), &id, &bump];
    token_interface::close_account(CpiContext::new_with_signer(
        ctx.accounts.token_program.to_account_info(),
        CloseAccount {
            account: ctx.accounts.escrow.to_account_info(),
            destination: ctx.accounts.sender.to_account_info(),
            authority: ctx.accounts.lock.to_account_info(),
        },
        &[seeds],
    ))?;
    emit_cpi!(LockClosed {
        lock: ctx.accounts.lock.key(),
        closed_by: authority,
        rent_receiver: ctx.accounts.sender.key(),
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
