//! `propose_admin`: step one of an admin transfer (the admin names a successor).
use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::AdminChanged;
use crate::state::Pool;

/// Accounts of `propose_admin`.
#[derive(Accounts)]
pub struct ProposeAdmin<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The current admin.
    pub admin: Signer<'info>,
}

/// Records `new_admin` as pending.
pub fn handler(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
    let pool = &mut ctx.accounts.pool;
    pool.pending_admin = Some(new_admin);
    emit!(AdminChanged {
        pool: pool.key(),
        old_admin: pool.admin,
        new_admin,
        accepted: false,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
