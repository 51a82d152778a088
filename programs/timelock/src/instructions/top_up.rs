//! `top_up`: anyone adds tokens to a lock that allows top-ups. Linear schedules scale their
//! linear part; step schedules add to the last step. A top-up that makes the lock high-value
//! must respect the minimum delay from now, and opens the guardian's veto period. The deposit
//! adds to the lock's fresh credit.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::errors::TimelockError;
use crate::events::LockToppedUp;
use crate::state::{pause, LockStatus};
// The glob brings `LockVault` with the client modules its `Accounts` derive generates.
use crate::utils::*;

/// Accounts of `top_up`.
#[event_cpi]
#[derive(Accounts)]
pub struct TopUp<'info> {
    /// The lock and its escrow, mint policy and settings.
    pub vault: LockVault<'info>,
    /// Whoever adds the tokens.
    pub funder: Signer<'info>,
    /// The funder's token account.
    #[account(
        mut,
        token::mint = vault.mint,
        token::authority = funder,
        token::token_program = vault.token_program
    )]
    pub funder_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Adds `amount` to the lock.
pub fn handler(ctx: Context<TopUp>, amount: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let vault = &mut ctx.accounts.vault;
    ensure_not_paused(&vault.config, &vault.mint_policy, pause::TOP_UP)?;
    require!(amount > 0, TimelockError::ZeroAmount);
    let policy = &mut vault.mint_policy;
    let lock = &mut vault.lock;
    require!(lock.status == LockStatus::Active, TimelockError::LockNotActive);
    require!(lock.policies.top_up, TimelockError::TopUpNotAllowed);
    let total = lock.total.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
    lock.schedule.apply_top_up(amount)?;
    lock.schedule.validate(total)?;
    if !lock.high_value && policy.is_high_value(total) {
        let deadline = now.checked_add(policy.min_delay).ok_or(TimelockError::MathOverflow)?;
        require!(lock.schedule.first_release() >= deadline, TimelockError::HighValueDelayTooShort);
        lock.high_value = true;
        lock.veto_deadline = deadline;
    }
    lock.total = total;
    lock.fresh_credit.add(amount, now, policy.outflow.window_seconds)?;
    policy.total_locked = policy.total_locked.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
    vault.deposit(
        ctx.accounts.funder_token_account.to_account_info(),
        ctx.accounts.funder.to_account_info(),
        amount,
    )?;

    let lock = &ctx.accounts.vault.lock;
    emit_cpi!(LockToppedUp {
        lock: lock.key(),
        mint: lock.mint,
        funder: ctx.accounts.funder.key(),
        amount,
        total: lock.total,
        schedule: lock.schedule.clone(),
        high_value: lock.high_value,
        veto_deadline: lock.veto_deadline,
        fresh_credit: lock.fresh_credit.amount,
        fresh_credit_since: lock.fresh_credit.since,
        timestamp: now,
    });
    Ok(())
}
