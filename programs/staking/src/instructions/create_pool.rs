//! `create_pool`: a pool for one stake mint, at the PDA of a create key that signs (so nobody
//! can take the address first), with its stake vault.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use psp_common::mint_policy::refused_mint_extension;

use crate::constants::{ACCOUNT_VERSION, MAX_STREAMS, POOL_SEED, STAKE_VAULT_SEED};
use crate::errors::StakingError;
use crate::events::PoolCreated;
use crate::state::{validate_pool_config, Pool, RewardStream};

/// Settings of a new pool.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreatePoolArgs {
    /// Changes settings and streams (a psp-multisig vault in production).
    pub admin: Pubkey,
    /// May pause at once.
    pub guardian: Pubkey,
    /// Longest lock (seconds), which earns `max_multiplier_bps`.
    pub max_lockup: i64,
    /// Multiplier at the longest lock (10_000 = 1x, up to 100_000).
    pub max_multiplier_bps: u32,
    /// Shortest committed lock that gives voting power.
    pub min_voting_lockup: i64,
    /// Unbonding period (seconds).
    pub cooldown: i64,
}

/// Accounts of `create_pool`.
#[derive(Accounts)]
pub struct CreatePool<'info> {
    /// Seeds the pool; signing proves the creator chose it.
    pub create_key: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The new pool.
    #[account(init, payer = payer, space = 8 + Pool::INIT_SPACE, seeds = [POOL_SEED, create_key.key().as_ref()], bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The stake mint.
    #[account(mint::token_program = token_program)]
    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The stake vault, owned by the pool.
    #[account(
        init,
        payer = payer,
        seeds = [STAKE_VAULT_SEED, pool.key().as_ref()],
        bump,
        token::mint = stake_mint,
        token::authority = pool,
        token::token_program = token_program
    )]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// SPL Token or Token-2022.
    pub token_program: Interface<'info, TokenInterface>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Validates and writes the pool.
pub fn handler(ctx: Context<CreatePool>, args: CreatePoolArgs) -> Result<()> {
    validate_pool_config(args.max_lockup, args.max_multiplier_bps, args.min_voting_lockup, args.cooldown)?;
    require!(
        refused_mint_extension(&ctx.accounts.stake_mint.to_account_info())?.is_none(),
        StakingError::UnsupportedMintExtension
    );
    let pool = &mut ctx.accounts.pool;
    pool.set_inner(Pool {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.pool,
        create_key: ctx.accounts.create_key.key(),
        admin: args.admin,
        pending_admin: None,
        guardian: args.guardian,
        stake_mint: ctx.accounts.stake_mint.key(),
        stake_token_program: ctx.accounts.token_program.key(),
        stake_vault: ctx.accounts.stake_vault.key(),
        stake_vault_bump: ctx.bumps.stake_vault,
        max_lockup: args.max_lockup,
        max_multiplier_bps: args.max_multiplier_bps,
        min_voting_lockup: args.min_voting_lockup,
        cooldown: args.cooldown,
        paused: 0,
        total_staked: 0,
        total_cooling: 0,
        total_weight: 0,
        position_count: 0,
        next_stream_id: 1,
        streams: [RewardStream::default(); MAX_STREAMS],
        reserved: [0; 64],
    });
    emit!(PoolCreated {
        pool: pool.key(),
        admin: args.admin,
        guardian: args.guardian,
        stake_mint: pool.stake_mint,
        max_lockup: args.max_lockup,
        max_multiplier_bps: args.max_multiplier_bps,
        min_voting_lockup: args.min_voting_lockup,
        cooldown: args.cooldown,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
