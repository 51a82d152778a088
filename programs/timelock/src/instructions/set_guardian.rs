//! `set_guardian`: the admin replaces the guardian.
use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;
use crate::errors::TimelockError;
use crate::events::GuardianChanged;
use crate::state::Config;

/// Accounts of `set_guardian`.
#[derive(Accounts)]
pub struct SetGuardian<'info> {
    /// Settings.
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump, has_one = admin @ TimelockError::Unauthorized)]
    pub config: Box<Account<'info, Config>>,
    /// The admin.
    pub admin: Signer<'info>,
}

/// Sets the guardian.
pub fn handler(ctx: Context<SetGuardian>, guardian: Pubkey) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let old_guardian = config.guardian;
    config.guardian = guardian;
    emit!(GuardianChanged { old_guardian, new_guardian: guardian, timestamp: Clock::get()?.unix_timestamp });
    Ok(())
}
