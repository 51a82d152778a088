//! `update_position`: the owner adds stake and/or extends the lock. The boost is recomputed
//! from the remaining lock (as a refresh would), after settling rewards at the old weight.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::state::pause;
use crate::utils::{deposit, ensure_not_paused, position_changed, reweight, streams_settled};

/// Accounts of `update_position`.
#[event_cpi]
#[derive(Accounts)]
pub struct UpdatePosition<'info> {
    /// The position, its pool and its owner.
    pub owned: OwnedPosition<'info>,
    /// The owner's stake token account (for added stake).
    #[account(mut, token::mint = stake_mint, token::authority = owned.owner, token::token_program = token_program)]
    pub owner_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The pool's stake vault.
    #[account(mut, address = owned.pool.stake_vault)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stake mint.
    #[account(address = owned.pool.stake_mint)]
    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The stake mint's token program.
    #[account(address = owned.pool.stake_token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Settles, applies the new lock end and added stake, re-weights.
pub fn handler(ctx: Context<UpdatePosition>, add_amount: u64, new_lock_end: Option<i64>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let owned = &mut ctx.accounts.owned;
    let pool = &mut owned.pool;
    ensure_not_paused(pool, pause::STAKE)?;
    require!(add_amount > 0 || new_lock_end.is_some(), StakingError::ZeroAmount);
    pool.accrue(now)?;
    let position = &mut owned.position;
    position.settle(pool)?;
    if let Some(lock_end) = new_lock_end {
        require!(lock_end > position.lock_end && lock_end > now, StakingError::LockNotExtended);
        require!(lock_end - now <= pool.max_lockup, StakingError::LockTooLong);
        // A running lock keeps its start (the commitment only grows); an ended one restarts now.
        if position.lock_end <= now {
            position.lock_start = now;
        }
        position.lock_end = lock_end;
    }
    position.amount = position.amount.checked_add(add_amount).ok_or(StakingError::MathOverflow)?;
    pool.total_staked = pool.total_staked.checked_add(add_amount).ok_or(StakingError::MathOverflow)?;
    let old_weight = reweight(pool, position, now)?;
    // Added stake or a longer lock can raise voting power even when the stored weight (still
    // carrying an older, higher boost) does not grow: governance must see every such change.
    position.weight_increased_at = now;

    let a = &ctx.accounts;
    if add_amount > 0 {
        deposit(
            a.owner_token_account.to_account_info(),
            a.owned.owner.to_account_info(),
            a.stake_vault.to_account_info(),
            &a.stake_mint,
            &a.token_program,
            add_amount,
        )?;
    }
    let change = if add_amount > 0 { "added" } else { "extended" };
    let event = position_changed(&a.owned.pool, &a.owned.position, change, add_amount, old_weight, now);
    let settled = streams_settled(a.owned.pool.key(), &a.owned.pool, now);
    emit_cpi!(event);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
