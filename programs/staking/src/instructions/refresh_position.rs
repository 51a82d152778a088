//! `refresh_position`: anyone re-weights a position from its remaining lock, so boosts decay
//! as locks run down (keepers and other stakers have the incentive) and drop to 1x at the end.
use anchor_lang::prelude::*;

use crate::constants::{POOL_SEED, POSITION_SEED};
use crate::state::{Pool, Position};
use crate::utils::{position_changed, reweight, streams_settled};

/// Accounts of `refresh_position`.
#[event_cpi]
#[derive(Accounts)]
pub struct RefreshPosition<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The position.
    #[account(
        mut,
        seeds = [POSITION_SEED, pool.key().as_ref(), position.owner.as_ref(), &position.index.to_le_bytes()],
        bump = position.bump,
        has_one = pool
    )]
    pub position: Box<Account<'info, Position>>,
}

/// Settles at the old weight, then re-weights.
pub fn handler(ctx: Context<RefreshPosition>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let pool = &mut ctx.accounts.pool;
    pool.accrue(now)?;
    let position = &mut ctx.accounts.position;
    position.settle(pool)?;
    let old_weight = reweight(pool, position, now)?;
    let (pool, position) = (&ctx.accounts.pool, &ctx.accounts.position);
    let event = position_changed(pool, position, "refreshed", 0, old_weight, now);
    let settled = streams_settled(pool.key(), pool, now);
    emit_cpi!(event);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
