//! `set_pause`: the guardian adds pause bits at once; only the admin clears them.
use anchor_lang::prelude::*;

use crate::constants::DISTRIBUTOR_SEED;
use crate::errors::PopError;
use crate::events::PauseChanged;
use crate::state::{pause, Distributor};

/// Accounts of `set_pause`.
#[derive(Accounts)]
pub struct SetPause<'info> {
    /// The distributor.
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The admin or the guardian.
    pub authority: Signer<'info>,
}

/// Replaces the pause bits with `flags`.
pub fn handler(ctx: Context<SetPause>, flags: u8) -> Result<()> {
    require!(flags & !pause::ALL == 0, PopError::UnknownPauseFlags);
    let authority = ctx.accounts.authority.key();
    let distributor = &mut ctx.accounts.distributor;
    let is_admin = authority == distributor.admin;
    require!(is_admin || authority == distributor.guardian, PopError::Unauthorized);
    let old_flags = distributor.paused;
    require!(is_admin || psp_common::pause::only_adds(old_flags, flags), PopError::GuardianCannotUnpause);
    distributor.paused = flags;
    emit!(PauseChanged {
        distributor: distributor.key(),
        authority,
        old_flags,
        new_flags: flags,
        timestamp: Clock::get()?.unix_timestamp
    });
    Ok(())
}
