//! Account groups several instructions share, each validated in one place.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{DISTRIBUTOR_SEED, EPOCH_SEED, VAULT_SEED};
use crate::errors::PopError;
use crate::state::{Distributor, Epoch};

/// A distributor's reward vault with its mint and token program (all matched to the distributor).
#[derive(Accounts)]
pub struct RewardVault<'info> {
    /// The distributor.
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()],
        bump = distributor.bump,
        has_one = reward_mint,
        has_one = vault
    )]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The reward vault.
    #[account(mut, seeds = [VAULT_SEED, distributor.key().as_ref()], bump = distributor.vault_bump)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The reward mint.
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The reward mint's token program.
    #[account(address = distributor.reward_token_program @ PopError::Unauthorized)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// An epoch of a distributor.
#[derive(Accounts)]
pub struct DistributorEpoch<'info> {
    /// The distributor.
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The epoch.
    #[account(
        mut,
        seeds = [EPOCH_SEED, distributor.key().as_ref(), &epoch.index.to_le_bytes()],
        bump = epoch.bump,
        has_one = distributor
    )]
    pub epoch: Box<Account<'info, Epoch>>,
}
