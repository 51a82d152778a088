//! `set_pause`: the guardian adds pause bits at once; only the admin clears them.
use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::PauseChanged;
use crate::state::{pause, Pool};

/// Accounts of `set_pause`.
#[derive(Accounts)]
pub struct SetPause<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin or the guardian.
    pub authority: Signer<'info>,
}

/// Replaces the pause bits with `flags`.
pub fn handler(ctx: Context<SetPause>, flags: u8) -> Result<()> {
    require!(flags & !pause::ALL == 0, StakingError::UnknownPauseFlags);
    let authority = ctx.accounts.authority.key();
    let pool = &mut ctx.accounts.pool;
    let is_admin = authority == pool.admin;
    require!(is_admin || authority == pool.guardian, StakingError::Unauthorized);
    let old_flags = pool.paused;
    require!(is_admin || psp_common::pause::only_adds(old_flags, flags), StakingError::GuardianCannotUnpause);
    pool.paused = flags;
    emit!(PauseChanged {
        pool: pool.key(),
        authority,
        old_flags,
        new_flags: flags,
        timestamp: Clock::get()?.unix_timestamp
    });
    Ok(())
}
