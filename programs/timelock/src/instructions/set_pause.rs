//! `set_pause`: the guardian adds pause bits at once; only the admin clears them. Without
//! `mint_policy` the bits are program-wide, with it they apply to that mint only.
use anchor_lang::prelude::*;

use crate::constants::{CONFIG_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::PauseChanged;
use crate::state::{pause, Config, MintPolicy};

/// Accounts of `set_pause`.
#[derive(Accounts)]
pub struct SetPause<'info> {
    /// Settings.
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The admin or the guardian.
    pub authority: Signer<'info>,
    /// A mint's policy, to pause that mint only.
    #[account(mut, seeds = [MINT_POLICY_SEED, mint_policy.mint.as_ref()], bump = mint_policy.bump)]
    pub mint_policy: Option<Box<Account<'info, MintPolicy>>>,
}

/// Replaces the pause bits with `flags`.
pub fn handler(ctx: Context<SetPause>, flags: u8) -> Result<()> {
    require!(flags & !pause::ALL == 0, TimelockError::UnknownPauseFlags);
    let authority = ctx.accounts.authority.key();
    let is_admin = authority == ctx.accounts.config.admin;
    require!(is_admin || authority == ctx.accounts.config.guardian, TimelockError::Unauthorized);
    let (mint, old_flags) = match ctx.accounts.mint_policy.as_mut() {
        Some(policy) => {
            let old = policy.paused;
            policy.paused = flags;
            (Some(policy.mint), old)
        }
        None => {
            let old = ctx.accounts.config.paused;
            ctx.accounts.config.paused = flags;
            (None, old)
        }
    };
    require!(is_admin || psp_common::pause::only_adds(old_flags, flags), TimelockError::GuardianCannotUnpause);
    emit!(PauseChanged { mint, authority, old_flags, new_flags: flags, timestamp: Clock::get()?.unix_timestamp });
    Ok(())
}
