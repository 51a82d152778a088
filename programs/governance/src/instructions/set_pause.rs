//! `set_pause`: the council (the realm's emergency multisig) or a passed proposal (the
//! treasury signs) sets the pause bits. The council may also clear them: execution itself can
//! be paused, so a proposal alone could never lift a halt.
use anchor_lang::prelude::*;

use crate::constants::REALM_SEED;
use crate::errors::GovernanceError;
use crate::events::PauseChanged;
use crate::state::{pause, Realm};

/// Accounts of `set_pause`.
#[event_cpi]
#[derive(Accounts)]
pub struct SetPause<'info> {
    /// The realm.
    #[account(mut, seeds = [REALM_SEED, realm.create_key.as_ref()], bump = realm.bump)]
    pub realm: Box<Account<'info, Realm>>,
    /// The council or the treasury.
    pub authority: Signer<'info>,
}

/// Replaces the pause bits with `flags`.
pub fn handler(ctx: Context<SetPause>, flags: u8) -> Result<()> {
    require!(flags & !pause::ALL == 0, GovernanceError::UnknownPauseFlags);
    let authority = ctx.accounts.authority.key();
    let realm = &mut ctx.accounts.realm;
    require!(authority == realm.treasury || authority == realm.council, GovernanceError::Unauthorized);
    let old_flags = realm.paused;
    realm.paused = flags;
    emit_cpi!(PauseChanged {
        realm: realm.key(),
        authority,
        old_flags,
        new_flags: flags,
        timestamp: Clock::get()?.unix_timestamp
    });
    Ok(())
}
