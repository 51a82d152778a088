//! `veto_lock`: during a high-value lock's delay the guardian returns everything to the sender,
//! with a reason that goes on record.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::MAX_REASON_LEN;
use crate::errors::TimelockError;
use crate::events::LockVetoed;
// The glob brings `LockVault` with the client modules its `Accounts` derive generates.
use crate::utils::*;

/// Accounts of `veto_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct VetoLock<'info> {
    /// The lock and its escrow, mint policy and settings.
    pub vault: LockVault<'info>,
    /// The guardian.
    #[account(address = vault.config.guardian @ TimelockError::Unauthorized)]
    pub guardian: Signer<'info>,
    /// Receives the refund.
    #[account(
        mut,
        token::mint = vault.mint,
        token::token_program = vault.token_program,
        constraint = sender_token_account.owner == vault.lock.sender @ TimelockError::WrongTokenAccountOwner
    )]
    pub sender_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Refunds the whole lock. Not pausable: it is the protection itself, and not subject to the
/// outflow cap (it returns funds to where they came from).
pub fn handler(ctx: Context<VetoLock>, reason: String) -> Result<()> {
    require!(reason.len() <= MAX_REASON_LEN, TimelockError::ReasonTooLong);
    let now = Clock::get()?.unix_timestamp;
    let vault = &mut ctx.accounts.vault;
    let lock_key = vault.lock.key();
    let refund = vault.lock.book_veto(now)?;
    let policy = &mut vault.mint_policy;
    policy.total_refunded = policy.total_refunded.checked_add(refund).ok_or(TimelockError::MathOverflow)?;
    vault.pay(ctx.accounts.sender_token_account.to_account_info(), refund)?;
    emit_cpi!(LockVetoed {
        lock: lock_key,
        mint: ctx.accounts.vault.lock.mint,
        guardian: ctx.accounts.guardian.key(),
        refunded_to_sender: refund,
        reason,
        timestamp: now,
    });
    Ok(())
}
