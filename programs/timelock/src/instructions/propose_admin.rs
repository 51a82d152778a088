//! `propose_admin`: step one of an admin transfer (the admin names a successor).
use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;
use crate::errors::TimelockError;
use crate::events::AdminChanged;
use crate::state::Config;

/// Accounts of `propose_admin`.
#[derive(Accounts)]
pub struct ProposeAdmin<'info> {
    /// Settings.
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump, has_one = admin @ TimelockError::Unauthorized)]
    pub config: Box<Account<'info, Config>>,
    /// The current admin.
    pub admin: Signer<'info>,
}

/// Records `new_admin` as pending; it takes effect when that key accepts.
pub fn handler(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
    let config = &mut ctx.accounts.config;
    config.pending_admin = Some(new_admin);
    emit!(AdminChanged {
        old_admin: config.admin,
        new_admin,
        accepted: false,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
