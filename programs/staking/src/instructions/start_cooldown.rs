//! `start_cooldown`: after the lock ends, the owner moves `amount` of stake into unbonding.
//! Cooling tokens earn nothing; a new cooldown restarts the clock for all cooling tokens.
//! An exit: only a full halt stops it.
use anchor_lang::prelude::*;

use crate::constants::{POOL_SEED, POSITION_SEED};
use crate::errors::StakingError;
use crate::state::{Pool, Position};
use crate::utils::{ensure_exit_open, position_changed, reweight};

/// Accounts of `start_cooldown`.
#[event_cpi]
#[derive(Accounts)]
pub struct StartCooldown<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The position.
    #[account(
        mut,
        seeds = [POSITION_SEED, pool.key().as_ref(), owner.key().as_ref(), &position.index.to_le_bytes()],
        bump = position.bump,
        has_one = pool,
        has_one = owner
    )]
    pub position: Box<Account<'info, Position>>,
    /// The owner.
    pub owner: Signer<'info>,
}

/// Settles, moves `amount` to cooling and re-weights the rest.
pub fn handler(ctx: Context<StartCooldown>, amount: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let pool = &mut ctx.accounts.pool;
    ensure_exit_open(pool)?;
    require!(amount > 0, StakingError::ZeroAmount);
    let position = &mut ctx.accounts.position;
    require!(now >= position.lock_end, StakingError::StillLocked);
    require!(amount <= position.amount, StakingError::AmountExceedsStake);
    pool.accrue(now)?;
    position.settle(pool)?;
    position.amount -= amount;
    position.cooling_amount = position.cooling_amount.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    position.cooldown_end = now.checked_add(pool.cooldown).ok_or(StakingError::MathOverflow)?;
    pool.total_cooling = pool.total_cooling.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let old_weight = reweight(pool, position, now)?;
    let event = position_changed(&ctx.accounts.pool, &ctx.accounts.position, "cooldown", amount, old_weight, now);
    emit_cpi!(event);
    Ok(())
}
