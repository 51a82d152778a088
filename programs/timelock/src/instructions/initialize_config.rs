//! `initialize_config`: creates the program's settings once.
//!
//! Init front-running is closed by binding the initializer: when the program is deployed by the
//! upgradeable loader, only its upgrade authority may initialize (typically in the deploy
//! script, naming a multisig vault as admin). Natively hosted builds (tests, the embedded
//! validator) have no upgrade authority; there the first caller initializes.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::bpf_loader_upgradeable;

use crate::constants::{ACCOUNT_VERSION, CONFIG_SEED};
use crate::errors::TimelockError;
use crate::events::ConfigInitialized;
use crate::state::Config;

/// Accounts of `initialize_config`.
#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    /// The settings singleton.
    #[account(init, payer = initializer, space = 8 + Config::INIT_SPACE, seeds = [CONFIG_SEED], bump)]
    pub config: Box<Account<'info, Config>>,
    /// Pays rent; must be the upgrade authority when the program is upgradeable.
    #[account(mut)]
    pub initializer: Signer<'info>,
    /// This program's account.
    /// CHECK: address pinned to this program id.
    #[account(address = crate::ID)]
    pub program: UncheckedAccount<'info>,
    /// The program's ProgramData (required when deployed by the upgradeable loader).
    /// CHECK: address and contents verified in the handler.
    pub program_data: Option<UncheckedAccount<'info>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Checks the initializer and writes the settings.
pub fn handler(ctx: Context<InitializeConfig>, admin: Pubkey, guardian: Pubkey) -> Result<()> {
    let initializer = ctx.accounts.initializer.key();
    if *ctx.accounts.program.owner == bpf_loader_upgradeable::ID {
        let program_data = ctx.accounts.program_data.as_ref().ok_or(TimelockError::NotUpgradeAuthority)?;
        let expected = Pubkey::find_program_address(&[crate::ID.as_ref()], &bpf_loader_upgradeable::ID).0;
        require_keys_eq!(program_data.key(), expected, TimelockError::NotUpgradeAuthority);
        let data = program_data.try_borrow_data()?;
        let state = ProgramData::try_deserialize(&mut &data[..])?;
        require!(state.upgrade_authority_address == Some(initializer), TimelockError::NotUpgradeAuthority);
    }
    let config = &mut ctx.accounts.config;
    config.set_inner(Config {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.config,
        admin,
        pending_admin: None,
        guardian,
        paused: 0,
        lock_count: 0,
        reserved: [0; 64],
    });
    emit!(ConfigInitialized { config: config.key(), admin, guardian, timestamp: Clock::get()?.unix_timestamp });
    Ok(())
}
