//! `accept_admin`: step two of an admin transfer (the successor proves it can sign).
use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;
use crate::errors::TimelockError;
use crate::events::AdminChanged;
use crate::state::Config;

/// Accounts of `accept_admin`.
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// Settings.
    #[account(
        mut,
        seeds = [CONFIG_SEED],
        bump = config.bump,
        constraint = config.pending_admin == Some(new_admin.key()) @ TimelockError::NoPendingAdmin
    )]
    pub config: Box<Account<'info, Config>>,
    /// The pending admin.
    pub new_admin: Signer<'info>,
}

/// Makes the pending admin the admin.
pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_admin = config.admin;
    config.admin = ctx.accounts.new_admin.key();
    config.pending_admin = None;
    emit!(AdminChanged { old_admin, new_admin: config.admin, accepted: true, timestamp: Clock::get()?.unix_timestamp });
    Ok(())
}
