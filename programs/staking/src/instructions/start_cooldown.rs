//! `start_cooldown`: after the lock ends, the owner moves `amount` of stake into unbonding.
//! Cooling tokens earn nothing; a new cooldown restarts the clock for all cooling tokens.
//! An exit: only a full halt stops it.
use anchor_lang::prelude::*;

// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::utils::{ensure_not_halted, position_changed, reweight, streams_settled};

/// Accounts of `start_cooldown`.
#[event_cpi]
#[derive(Accounts)]
pub struct StartCooldown<'info> {
    /// The position, its pool and its owner.
    pub owned: OwnedPosition<'info>,
}

/// Settles, moves `amount` to cooling and re-weights the rest.
pub fn handler(ctx: Context<StartCooldown>, amount: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let owned = &mut ctx.accounts.owned;
    let pool = &mut owned.pool;
    ensure_not_halted(pool)?;
    require!(amount > 0, StakingError::ZeroAmount);
    let position = &mut owned.position;
    require!(now >= position.lock_end, StakingError::StillLocked);
    require!(amount <= position.amount, StakingError::AmountExceedsStake);
    pool.accrue(now)?;
    position.settle(pool)?;
    position.amount -= amount;
    position.cooling_amount = position.cooling_amount.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    position.cooldown_end = now.checked_add(pool.cooldown).ok_or(StakingError::MathOverflow)?;
    pool.total_cooling = pool.total_cooling.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let old_weight = reweight(pool, position, now)?;
    let event = position_changed(&owned.pool, &owned.position, "cooldown", amount, old_weight, now);
    let settled = streams_settled(owned.pool.key(), &owned.pool, now);
    emit_cpi!(event);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
