//! `multisig_pause`: any voting member may pause spending limits or vault executions at once
//! in an emergency. Unpausing takes a config proposal (`SetPauseFlags`) or the config authority.
use anchor_lang::prelude::*;

use crate::constants::MULTISIG_SEED;
use crate::errors::MultisigError;
use crate::events::MultisigPaused;
use crate::state::{pause, permission, Multisig};

/// Accounts of `multisig_pause`.
#[derive(Accounts)]
pub struct MultisigPause<'info> {
    /// The multisig to pause.
    #[account(mut, seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// A member with Vote permission.
    pub member: Signer<'info>,
}

/// Adds `flags` to the pause bits (it can only add: clearing needs the threshold).
pub fn handler(ctx: Context<MultisigPause>, flags: u8) -> Result<()> {
    require!(flags != 0 && flags & !pause::ALL == 0, MultisigError::UnknownPauseFlags);
    let multisig = &mut ctx.accounts.multisig;
    multisig.authorized_member(&ctx.accounts.member.key(), permission::VOTE)?;
    let old_flags = multisig.paused;
    multisig.paused |= flags;
    emit!(MultisigPaused {
        multisig: multisig.key(),
        member: ctx.accounts.member.key(),
        old_flags,
        new_flags: multisig.paused,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
