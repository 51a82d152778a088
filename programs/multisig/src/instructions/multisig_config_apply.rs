//! `multisig_config_apply`: the config authority of a controlled multisig changes settings
//! directly, without a proposal.
use anchor_lang::prelude::*;

use crate::constants::MULTISIG_SEED;
use crate::errors::MultisigError;
use crate::events::MultisigConfigApplied;
use crate::state::{ConfigAction, Multisig};
use crate::utils::{apply_config_actions, validate_memo, ConfigEnv};

/// Accounts of `multisig_config_apply`. Remaining accounts (writable): the spending limit PDAs
/// that Add/RemoveSpendingLimit actions name and, with a removal, the rent collector (vault 0
/// when none is set).
#[derive(Accounts)]
pub struct MultisigConfigApply<'info> {
    /// The controlled multisig.
    #[account(
        mut,
        seeds = [MULTISIG_SEED, multisig.create_key.as_ref()],
        bump = multisig.bump,
        constraint = !multisig.is_autonomous() @ MultisigError::NotConfigAuthority,
        constraint = multisig.config_authority == config_authority.key() @ MultisigError::NotConfigAuthority,
    )]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The multisig's config authority.
    pub config_authority: Signer<'info>,
    /// Pays for account growth and new spending limits (the rent of removed ones goes to the
    /// rent collector, or vault 0, passed among the remaining accounts).
    #[account(mut)]
    pub rent_payer: Option<Signer<'info>>,
    /// Needed with `rent_payer`.
    pub system_program: Option<Program<'info, System>>,
}

/// Applies `actions` in order; every pending proposal becomes stale and earlier cancel votes
/// stop counting. The closing event carries the authority and the memo.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, MultisigConfigApply<'info>>,
    actions: Vec<ConfigAction>,
    memo: Option<String>,
) -> Result<()> {
    validate_memo(&memo)?;
    let env = ConfigEnv {
        multisig_info: ctx.accounts.multisig.to_account_info(),
        program_id: ctx.program_id,
        remaining_accounts: ctx.remaining_accounts,
        rent_payer: ctx.accounts.rent_payer.as_ref().map(|s| s.to_account_info()),
        system_program: ctx.accounts.system_program.as_ref().map(|s| s.to_account_info()),
        transaction_index: None,
    };
    apply_config_actions(&mut ctx.accounts.multisig, &env, &actions)?;
    emit!(MultisigConfigApplied {
        multisig: ctx.accounts.multisig.key(),
        config_authority: ctx.accounts.config_authority.key(),
        action_count: actions.len() as u16,
        config_generation: ctx.accounts.multisig.config_generation,
        memo,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
