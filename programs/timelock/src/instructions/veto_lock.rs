//! `veto_lock`: during a high-value lock's delay the guardian returns everything to the sender,
//! with a reason that goes on record.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MAX_REASON_LEN, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::LockVetoed;
use crate::state::{Config, Lock, MintPolicy};
use crate::utils::Escrow;

/// Accounts of `veto_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct VetoLock<'info> {
    /// Settings (the guardian).
    #[account(seeds = [CONFIG_SEED], bump = config.bump, has_one = guardian @ TimelockError::Unauthorized)]
    pub config: Box<Account<'info, Config>>,
    /// The guardian.
    pub guardian: Signer<'info>,
    /// The mint's policy (refund totals).
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
    /// Receives the refund.
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

/// Refunds the whole lock. Not pausable: it is the protection itself, and not subject to the
/// outflow cap (it returns funds to where they came from).
pub fn handler(ctx: Context<VetoLock>, reason: String) -> Result<()> {
    require!(reason.len() <= MAX_REASON_LEN, TimelockError::ReasonTooLong);
    let now = Clock::get()?.unix_timestamp;
    let lock_key = ctx.accounts.lock.key();
    let refund = ctx.accounts.lock.book_veto(now)?;
    let policy = &mut ctx.accounts.mint_policy;
    policy.total_refunded = policy.total_refunded.checked_add(refund).ok_or(TimelockError::MathOverflow)?;
    let escrow = Escrow {
        lock: &ctx.accounts.lock,
        escrow: &ctx.accounts.escrow,
        mint: &ctx.accounts.mint,
        token_program: &ctx.accounts.token_program,
    };
    escrow.pay(ctx.accounts.sender_token_account.to_account_info(), refund)?;
    emit_cpi!(LockVetoed {
        lock: lock_key,
        mint: ctx.accounts.lock.mint,
        guardian: ctx.accounts.guardian.key(),
        refunded_to_sender: refund,
        reason,
        timestamp: now,
    });
    Ok(())
}
