//! `cancel_lock`: in one instruction, pays the vested part to the recipient and refunds the
//! rest to the sender, as the lock's cancel policy allows. Both count as outflow, after the
//! lock's fresh credit.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::errors::TimelockError;
use crate::events::LockCancelled;
use crate::state::pause;
// The glob brings `LockVault` with the client modules its `Accounts` derive generates.
use crate::utils::*;

/// Accounts of `cancel_lock`.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelLock<'info> {
    /// The lock and its escrow, mint policy and settings.
    pub vault: LockVault<'info>,
    /// The sender or the recipient, as the cancel policy allows.
    pub authority: Signer<'info>,
    /// Receives the vested, unwithdrawn part.
    #[account(
        mut,
        token::mint = vault.mint,
        token::token_program = vault.token_program,
        constraint = recipient_token_account.owner == vault.lock.recipient @ TimelockError::WrongTokenAccountOwner
    )]
    pub recipient_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the unvested part.
    #[account(
        mut,
        token::mint = vault.mint,
        token::token_program = vault.token_program,
        constraint = sender_token_account.owner == vault.lock.sender @ TimelockError::WrongTokenAccountOwner
    )]
    pub sender_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Splits the escrow at the current vested amount.
pub fn handler(ctx: Context<CancelLock>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let authority = ctx.accounts.authority.key();
    let vault = &mut ctx.accounts.vault;
    ensure_not_paused(&vault.config, &vault.mint_policy, pause::CANCEL)?;
    let lock_key = vault.lock.key();
    let lock = &mut vault.lock;
    require!(lock.policies.cancel.allows(&authority, &lock.sender, &lock.recipient), TimelockError::CancelNotAllowed);
    let (to_recipient, to_sender) = lock.book_cancel(now)?;
    let paid = to_recipient.checked_add(to_sender).ok_or(TimelockError::MathOverflow)?;
    let outflow = vault.record_payout(paid, now)?;
    let policy = &mut vault.mint_policy;
    policy.total_withdrawn = policy.total_withdrawn.checked_add(to_recipient).ok_or(TimelockError::MathOverflow)?;
    policy.total_refunded = policy.total_refunded.checked_add(to_sender).ok_or(TimelockError::MathOverflow)?;
    vault.pay(ctx.accounts.recipient_token_account.to_account_info(), to_recipient)?;
    vault.pay(ctx.accounts.sender_token_account.to_account_info(), to_sender)?;

    let lock = &ctx.accounts.vault.lock;
    emit_cpi!(LockCancelled {
        lock: lock_key,
        mint: lock.mint,
        cancelled_by: authority,
        paid_to_recipient: to_recipient,
        refunded_to_sender: to_sender,
        withdrawn: lock.withdrawn,
        total: lock.total,
        fresh_credit_used: outflow.fresh_credit_used,
        window_outflow: outflow.window_outflow,
        timestamp: now,
    });
    Ok(())
}
