//! `create_distributor`: a distributor for one reward mint, at the PDA of a create key that
//! signs (so nobody can take the address first), with its vault.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use psp_common::mint_policy::refused_mint_extension;

use crate::constants::{ACCOUNT_VERSION, DISTRIBUTOR_SEED, VAULT_SEED};
use crate::errors::PopError;
use crate::events::DistributorCreated;
use crate::state::{validate_epoch_clock, validate_windows, Distributor};

/// Settings of a new distributor.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreateDistributorArgs {
    /// Changes settings, kinds and attestors (a psp-multisig vault in production).
    pub admin: Pubkey,
    /// May pause and veto.
    pub guardian: Pubkey,
    /// Start of epoch 0 (unix seconds).
    pub genesis: i64,
    /// Epoch length (seconds, at least 60).
    pub epoch_length: i64,
    /// Veto window after a root reaches quorum (seconds).
    pub challenge_window: i64,
    /// Claim window after finalization (seconds).
    pub claim_window: i64,
    /// Most one epoch may distribute.
    pub max_epoch_total: u64,
    /// Agreeing attestor votes needed to propose a root.
    pub quorum: u32,
}

/// Accounts of `create_distributor`.
#[derive(Accounts)]
pub struct CreateDistributor<'info> {
    /// Seeds the distributor; signing proves the creator chose it.
    pub create_key: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The new distributor.
    #[account(init, payer = payer, space = 8 + Distributor::INIT_SPACE, seeds = [DISTRIBUTOR_SEED, create_key.key().as_ref()], bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The reward mint.
    #[account(mint::token_program = token_program)]
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The reward vault, owned by the distributor.
    #[account(
        init,
        payer = payer,
        seeds = [VAULT_SEED, distributor.key().as_ref()],
        bump,
        token::mint = reward_mint,
        token::authority = distributor,
        token::token_program = token_program
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives sweeps and reclaimed funds: a reward-mint token account.
    #[account(token::mint = reward_mint, token::token_program = token_program)]
    pub clawback_receiver: Box<InterfaceAccount<'info, TokenAccount>>,
    /// SPL Token or Token-2022.
    pub token_program: Interface<'info, TokenInterface>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Validates and writes the distributor.
pub fn handler(ctx: Context<CreateDistributor>, args: CreateDistributorArgs) -> Result<()> {
    validate_epoch_clock(args.genesis, args.epoch_length)?;
    validate_windows(args.challenge_window, args.claim_window)?;
    require!(args.quorum >= 1 && args.max_epoch_total > 0, PopError::InvalidConfig);
    require!(
        refused_mint_extension(&ctx.accounts.reward_mint.to_account_info())?.is_none(),
        PopError::UnsupportedMintExtension
    );
    let now = Clock::get()?.unix_timestamp;
    let distributor_key = ctx.accounts.distributor.key();
    let distributor = &mut ctx.accounts.distributor;
    distributor.set_inner(Distributor {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.distributor,
        create_key: ctx.accounts.create_key.key(),
        admin: args.admin,
        pending_admin: None,
        guardian: args.guardian,
        reward_mint: ctx.accounts.reward_mint.key(),
        reward_token_program: ctx.accounts.token_program.key(),
        vault: ctx.accounts.vault.key(),
        vault_bump: ctx.bumps.vault,
        genesis: args.genesis,
        epoch_length: args.epoch_length,
        challenge_window: args.challenge_window,
        claim_window: args.claim_window,
        clawback_receiver: ctx.accounts.clawback_receiver.key(),
        max_epoch_total: args.max_epoch_total,
        quorum: args.quorum,
        attestor_count: 0,
        attestor_generation: 0,
        kind_count: 0,
        paused: 0,
        total_reserved: 0,
        total_funded: 0,
        total_claimed: 0,
        total_swept: 0,
        epochs_finalized: 0,
        reserved: [0; 64],
    });
    emit!(DistributorCreated {
        distributor: distributor_key,
        admin: args.admin,
        guardian: args.guardian,
        reward_mint: distributor.reward_mint,
        vault: distributor.vault,
        genesis: args.genesis,
        epoch_length: args.epoch_length,
        challenge_window: args.challenge_window,
        claim_window: args.claim_window,
        clawback_receiver: distributor.clawback_receiver,
        max_epoch_total: args.max_epoch_total,
        quorum: args.quorum,
        timestamp: now,
    });
    Ok(())
}
