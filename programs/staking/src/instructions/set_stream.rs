//! `set_stream`: the admin changes an active stream's rate (settling first, so the old rate
//! pays exactly up to now) and/or its outflow cap.
use anchor_lang::prelude::*;
use psp_common::outflow::OutflowWindow;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::StreamChange;
use crate::state::Pool;
use crate::utils::{stream_changed, streams_settled};

/// A claim cap per rolling window.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutflowCap {
    /// Most base units claimed from the stream in any window; 0 = no cap.
    pub cap: u64,
    /// Window length (seconds); at least 1 with a cap.
    pub window_seconds: u32,
}

/// Stream changes; `None` keeps the current value.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetStreamArgs {
    /// New emission per second.
    pub rate_per_second: Option<u64>,
    /// New claim cap per rolling window. Restarts the window's accounting.
    pub outflow_cap: Option<OutflowCap>,
}

/// Accounts of `set_stream`.
#[event_cpi]
#[derive(Accounts)]
pub struct SetStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin.
    pub admin: Signer<'info>,
}

/// Settles every stream, then applies `args` to stream `index`: one `StreamChanged` per change
/// (rate, then cap), then `StreamsSettled`.
pub fn handler(ctx: Context<SetStream>, index: u8, args: SetStreamArgs) -> Result<()> {
    require!(args.rate_per_second.is_some() || args.outflow_cap.is_some(), StakingError::NothingToChange);
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    let stream = pool.settled_active_stream(index, now)?;
    let rate_change = args.rate_per_second.map(|new| {
        let old = std::mem::replace(&mut stream.rate_per_second, new);
        StreamChange::RateSet { old_rate_per_second: old, new_rate_per_second: new }
    });
    let cap_change = match args.outflow_cap {
        Some(OutflowCap { cap, window_seconds }) => {
            let new =
                OutflowWindow::new(cap, window_seconds).map_err(|_| error!(StakingError::InvalidOutflowWindow))?;
            let old = std::mem::replace(&mut stream.outflow, new);
            Some(StreamChange::OutflowCapSet {
                old_cap: old.cap,
                old_window_seconds: old.window_seconds,
                new_cap: cap,
                new_window_seconds: window_seconds,
            })
        }
        None => None,
    };
    let settled = streams_settled(pool_key, pool, now);
    for change in [rate_change, cap_change].into_iter().flatten() {
        let event = stream_changed(pool_key, pool, index, change, now);
        emit_cpi!(event);
    }
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
