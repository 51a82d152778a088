//! `set_realm_config`: the realm's rules and council change only by the realm's own passed
//! proposal (its treasury signs). Proposals voted under the old settings become stale.
use anchor_lang::prelude::*;

use crate::constants::{REALM_SEED, TREASURY_SEED};
use crate::errors::GovernanceError;
use crate::events::RealmConfigChanged;
use crate::state::{Realm, RealmConfig};

/// Accounts of `set_realm_config`.
#[event_cpi]
#[derive(Accounts)]
pub struct SetRealmConfig<'info> {
    /// The realm.
    #[account(mut, seeds = [REALM_SEED, realm.create_key.as_ref()], bump = realm.bump)]
    pub realm: Box<Account<'info, Realm>>,
    /// The realm's treasury, signing through `execute_proposal`.
    #[account(
        seeds = [TREASURY_SEED, realm.key().as_ref()],
        bump = realm.treasury_bump,
        constraint = treasury.is_signer @ GovernanceError::NotTreasury
    )]
    pub treasury: Signer<'info>,
}

/// Replaces the rules and the council.
pub fn handler(ctx: Context<SetRealmConfig>, config: RealmConfig, council: Pubkey) -> Result<()> {
    config.validate()?;
    let realm = &mut ctx.accounts.realm;
    let (old_config, old_council) = (realm.config, realm.council);
    realm.config = config;
    realm.council = council;
    realm.config_version = realm.config_version.checked_add(1).ok_or(GovernanceError::MathOverflow)?;
    emit_cpi!(RealmConfigChanged {
        realm: realm.key(),
        old_council,
        new_council: council,
        old_config,
        new_config: config,
        config_version: realm.config_version,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
