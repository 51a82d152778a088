//! `cancel_lock`: in one instruction, pays the vested part to the recipient and refunds the
//! rest to the sender, as the lock's cancel policy allows.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::LockCancelled;
use crate::state::{pause, Config, Lock, MintPolicy};
use crate::utils::{ensure_not_paused, record_outflow, Escrow};

/// Accounts of `cancel_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelLock<'info> {
    /// Settings (pause bits).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (outflow cap).
    #[account(mut, seeds = [MINT_POLICY_SEED, lock.mint.as_ref()], bump = mint_policy.bump)]
    pub mint_policy: Box<Account<'info, MintPolicy>>,
    /// The lock.
    #[account(
        mut,
        seeds = [LOCK_SEED, lock.sender.as_ref(), &lock.id.to_le_bytes()],
        bump = lock.bump,
        has_one = mint,
        has_one = escrow
    )]
    pub lock: Box<Account<'info, Lock>>,
    /// The lock's escrow.
    #[account(mut, seeds = [ESCROW_SEED, lock.key().as_ref()], bump = lock.escrow_bump)]
    pub escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The sender or the recipient, as the cancel policy allows.
    pub authority: Signer<'info>,
    /// Receives the vested, unwithdrawn part.
    #[account(
        mut,
        token::mint = mint,
        token::token_program = token_program,
        constraint = recipient_token_account.owner == lock.recipient @ TimelockError::WrongTokenAccountOwner
    )]
    pub recipient_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the unvested part.
    #[account(
        mut,
        token::mint = mint,
        token::token_program = token_program,
        constraint = sender_token_account.owner == lock.sender @ TimelockError::WrongTokenAccountOwner
    )]
    pub sender_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The lock's mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The lock's token program.
    #[account(address = lock.token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Splits the escrow at the current vested amount.
pub fn handler(ctx: Context<CancelLock>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ensure_not_paused(&ctx.accounts.config, &ctx.accounts.mint_policy, pause::CANCEL)?;
    let authority = ctx.accounts.authority.key();
    let lock_key = ctx.accounts.lock.key();
    let lock = &mut ctx.accounts.lock;
    require!(lock.policies.cancel.allows(&authority, &lock.sender, &lock.recipient), TimelockError::CancelNotAllowed);
    let (to_recipient, to_sender) = lock.book_cancel(now)?;
    let outflow = to_recipient.checked_add(to_sender).ok_or(TimelockError::MathOverflow)?;
    record_outflow(&mut ctx.accounts.mint_policy, lock_key, outflow, now)?;
    let policy = &mut ctx.accounts.mint_policy;
    policy.total_withdrawn = policy.total_withdrawn.checked_add(to_recipient).ok_or(TimelockError::MathOverflow)?;
    policy.total_refunded = policy.total_refunded.checked_add(to_sender).ok_or(TimelockError::MathOverflow)?;

    let escrow = Escrow {
        lock: &ctx.accounts.lock,
        escrow: &ctx.accounts.escrow,
        mint: &ctx.accounts.mint,
        token_program: &ctx.accounts.token_program,
    };
    escrow.pay(ctx.accounts.recipient_token_account.to_account_info(), to_recipient)?;
    escrow.pay(ctx.accounts.sender_token_account.to_account_info(), to_sender)?;
    let lock = &ctx.accounts.lock;
    emit_cpi!(LockCancelled {
        lock: lock_key,
        mint: lock.mint,
        cancelled_by: authority,
        paid_to_recipient: to_recipient,
        refunded_to_sender: to_sender,
        withdrawn: lock.withdrawn,
        total: lock.total,
        timestamp: now,
    });
    Ok(())
}
