//! `accept_admin`: step two of an admin transfer (the successor proves it can sign).
use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::AdminChanged;
use crate::state::Pool;

/// Accounts of `accept_admin`.
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// The pool.
    #[account(
        mut,
        seeds = [POOL_SEED, pool.create_key.as_ref()],
        bump = pool.bump,
        constraint = pool.pending_admin == Some(new_admin.key()) @ StakingError::NoPendingAdmin
    )]
    pub pool: Box<Account<'info, Pool>>,
    /// The pending admin.
    pub new_admin: Signer<'info>,
}

/// Makes the pending admin the admin.
pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let pool = &mut ctx.accounts.pool;
    let old_admin = pool.admin;
    pool.admin = ctx.accounts.new_admin.key();
    pool.pending_admin = None;
    emit!(AdminChanged {
        pool: pool.key(),
        old_admin,
        new_admin: pool.admin,
        accepted: true,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
