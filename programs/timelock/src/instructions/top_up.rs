//! `top_up`: anyone adds tokens to a lock that allows top-ups. Linear schedules scale their
//! linear part; step schedules add to the last step. A top-up that makes the lock high-value
//! must respect the minimum delay from now, and opens the guardian's veto period.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::LockToppedUp;
use crate::state::{pause, Config, Lock, LockStatus, MintPolicy};
use crate::utils::ensure_not_paused;

/// Accounts of `top_up`.
#[event_cpi]
#[derive(Accounts)]
pub struct TopUp<'info> {
    /// Settings (pause bits).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (threshold, totals).
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
    /// Whoever adds the tokens.
    pub funder: Signer<'info>,
    /// The funder's token account.
    #[account(mut, token::mint = mint, token::authority = funder, token::token_program = token_program)]
    pub funder_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The lock's mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The lock's token program.
    #[account(address = lock.token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Adds `amount` to the lock.
pub fn handler(ctx: Context<TopUp>, amount: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ensure_not_paused(&ctx.accounts.config, &ctx.accounts.mint_policy, pause::TOP_UP)?;
    require!(amount > 0, TimelockError::ZeroAmount);
    let policy = &mut ctx.accounts.mint_policy;
    let lock = &mut ctx.accounts.lock;
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
    policy.total_locked = policy.total_locked.checked_add(amount).ok_or(TimelockError::MathOverflow)?;

    token_interface::transfer_checked(
        CpiContext::new(
            ctx.accounts.token_program.to_account_info(),
            TransferChecked {
                from: ctx.accounts.funder_token_account.to_account_info(),
                mint: ctx.accounts.mint.to_account_info(),
                to: ctx.accounts.escrow.to_account_info(),
                authority: ctx.accounts.funder.to_account_info(),
            },
        ),
        amount,
        ctx.accounts.mint.decimals,
    )?;
    let lock = &ctx.accounts.lock;
    emit_cpi!(LockToppedUp {
        lock: lock.key(),
        mint: lock.mint,
        funder: ctx.accounts.funder.key(),
        amount,
        total: lock.total,
        schedule: lock.schedule.clone(),
        high_value: lock.high_value,
        veto_deadline: lock.veto_deadline,
        timestamp: now,
    });
    Ok(())
}
