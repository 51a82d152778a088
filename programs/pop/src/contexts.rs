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

impl<'info> RewardVault<'info> {
    /// Pays `amount` from the vault to `to`, signed by the distributor.
    pub fn pay(&self, to: AccountInfo<'info>, amount: u64) -> Result<()> {
        crate::utils::pay_from_vault(
            &self.distributor,
            self.vault.to_account_info(),
            &self.reward_mint,
            &self.token_program,
            to,
            amount,
        )
    }
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

/// An epoch of a distributor, with the distributor's vault (what finalize, claim and sweep act on).
#[derive(Accounts)]
pub struct VaultEpoch<'info> {
    /// The distributor with its vault.
    pub reward: RewardVault<'info>,
    /// The epoch.
    #[account(
        mut,
        seeds = [EPOCH_SEED, reward.distributor.key().as_ref(), &epoch.index.to_le_bytes()],
        bump = epoch.bump,
        constraint = epoch.distributor == reward.distributor.key() @ PopError::Unauthorized
    )]
    pub epoch: Box<Account<'info, Epoch>>,
}
