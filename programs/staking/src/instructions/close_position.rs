//! `close_position`: the owner closes an empty position (no stake, nothing cooling, nothing
//! unclaimed) and gets its rent back.
use anchor_lang::prelude::*;

use crate::constants::{POOL_SEED, POSITION_SEED};
use crate::errors::StakingError;
use crate::events::PositionClosed;
use crate::state::{Pool, Position};
use crate::utils::streams_settled;

/// Accounts of `close_position`.
#[event_cpi]
#[derive(Accounts)]
pub struct ClosePosition<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The empty position.
    #[account(
        mut,
        close = owner,
        seeds = [POSITION_SEED, pool.key().as_ref(), owner.key().as_ref(), &position.index.to_le_bytes()],
        bump = position.bump,
        has_one = pool,
        has_one = owner
    )]
    pub position: Box<Account<'info, Position>>,
    /// The owner (receives the rent).
    #[account(mut)]
    pub owner: Signer<'info>,
}

/// Settles (so rewards earned up to now count) and closes if empty.
pub fn handler(ctx: Context<ClosePosition>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let pool = &mut ctx.accounts.pool;
    pool.accrue(now)?;
    let position = &mut ctx.accounts.position;
    position.settle(pool)?;
    require!(position.is_empty(), StakingError::PositionNotEmpty);
    let closed = PositionClosed { pool: pool.key(), position: position.key(), owner: position.owner, timestamp: now };
    let settled = streams_settled(pool.key(), pool, now);
    emit_cpi!(closed);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
