//! `create_realm`: a DAO over one staking pool, at the PDA of a create key that signs (so
//! nobody can take the address first), with its treasury PDA and council.
use anchor_lang::prelude::*;
use psp_staking::state::Pool;

use crate::constants::{ACCOUNT_VERSION, REALM_SEED, TREASURY_SEED};
use crate::events::RealmCreated;
use crate::state::{Realm, RealmConfig};

/// Accounts of `create_realm`.
#[event_cpi]
#[derive(Accounts)]
pub struct CreateRealm<'info> {
    /// Seeds the realm; signing proves the creator chose it.
    pub create_key: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The new realm.
    #[account(init, payer = payer, space = 8 + Realm::INIT_SPACE, seeds = [REALM_SEED, create_key.key().as_ref()], bump)]
    pub realm: Box<Account<'info, Realm>>,
    /// The staking pool whose positions vote (owned by the staking program).
    pub pool: Box<Account<'info, Pool>>,
    /// The treasury: a system account PDA that signs executed proposals.
    /// CHECK: only its address (seeds) is used.
    #[account(seeds = [TREASURY_SEED, realm.key().as_ref()], bump)]
    pub treasury: UncheckedAccount<'info>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Validates and writes the realm.
pub fn handler(ctx: Context<CreateRealm>, config: RealmConfig, council: Pubkey) -> Result<()> {
    config.validate()?;
    let realm = &mut ctx.accounts.realm;
    realm.set_inner(Realm {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.realm,
        create_key: ctx.accounts.create_key.key(),
        pool: ctx.accounts.pool.key(),
        council,
        treasury: ctx.accounts.treasury.key(),
        treasury_bump: ctx.bumps.treasury,
        config,
        config_version: 0,
        proposal_count: 0,
        paused: 0,
        reserved: [0; 64],
    });
    emit_cpi!(RealmCreated {
        realm: realm.key(),
        create_key: realm.create_key,
        pool: realm.pool,
        council,
        treasury: realm.treasury,
        config,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
