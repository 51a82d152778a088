//! `set_stream`: the admin changes an active stream's rate (settling first, so the old rate
//! pays exactly up to now) and/or its outflow cap.
use anchor_lang::prelude::*;
use psp_common::outflow::OutflowWindow;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::state::Pool;
use crate::utils::stream_changed;

/// Stream changes; `None` keeps the current value.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetStreamArgs {
    /// New emission per second.
    pub rate_per_second: Option<u64>,
    /// New claim cap per rolling window: `(cap, window_seconds)`; cap 0 = none. Restarts the
    /// window's accounting.
    pub outflow_cap: Option<(u64, u32)>,
}

/// Accounts of `set_stream`.
#[derive(Accounts)]
pub struct SetStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin.
    pub admin: Signer<'info>,
}

/// Settles every stream, then applies `args` to stream `index`.
pub fn handler(ctx: Context<SetStream>, index: u8, args: SetStreamArgs) -> Result<()> {
    require!(args.rate_per_second.is_some() || args.outflow_cap.is_some(), StakingError::NothingToChange);
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    let stream = pool.settled_active_stream(index, now)?;
    let old_rate = stream.rate_per_second;
    let mut change = "rate";
    if let Some(rate) = args.rate_per_second {
        stream.rate_per_second = rate;
    }
    if let Some((cap, window)) = args.outflow_cap {
        stream.outflow = OutflowWindow::new(cap, window).map_err(|_| error!(StakingError::InvalidOutflowWindow))?;
        change = if args.rate_per_second.is_some() { "rate_and_outflow_cap" } else { "outflow_cap" };
    }
    emit!(stream_changed(pool_key, pool, index, change, 0, old_rate, now));
    Ok(())
}
