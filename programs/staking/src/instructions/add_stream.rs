//! `add_stream`: the admin adds a reward stream in a free slot (never used, or retired at
//! least `STREAM_REUSE_DELAY` ago), with its reward vault owned by the pool.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use psp_common::mint_policy::refused_mint_extension;
use psp_common::outflow::OutflowWindow;

use crate::constants::{POOL_SEED, REWARD_VAULT_SEED, STREAM_REUSE_DELAY};
use crate::errors::StakingError;
use crate::events::StreamChange;
use crate::state::{Pool, RewardStream, StreamStatus};
use crate::utils::{stream_changed, streams_settled};

/// Accounts of `add_stream`.
#[event_cpi]
#[derive(Accounts)]
pub struct AddStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin.
    pub admin: Signer<'info>,
    /// Pays the vault's rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The reward mint.
    #[account(mint::token_program = token_program)]
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The stream's reward vault, owned by the pool.
    #[account(
        init,
        payer = payer,
        seeds = [REWARD_VAULT_SEED, pool.key().as_ref(), &pool.next_stream_id.to_le_bytes()],
        bump,
        token::mint = reward_mint,
        token::authority = pool,
        token::token_program = token_program
    )]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The reward mint's token program.
    pub token_program: Interface<'info, TokenInterface>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Settles, then starts the stream (unfunded until someone funds it).
pub fn handler(ctx: Context<AddStream>, rate_per_second: u64) -> Result<()> {
    require!(
        refused_mint_extension(&ctx.accounts.reward_mint.to_account_info())?.is_none(),
        StakingError::UnsupportedMintExtension
    );
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    pool.accrue(now)?;
    let index = pool
        .streams
        .iter()
        .position(|s| match s.status {
            StreamStatus::Empty => true,
            StreamStatus::Retired => s.retired_at.saturating_add(STREAM_REUSE_DELAY) <= now,
            StreamStatus::Active => false,
        })
        .ok_or(StakingError::NoFreeStreamSlot)?;
    let id = pool.next_stream_id;
    pool.next_stream_id = id.checked_add(1).ok_or(StakingError::MathOverflow)?;
    pool.streams[index] = RewardStream {
        status: StreamStatus::Active,
        id,
        vault_bump: ctx.bumps.reward_vault,
        reward_mint: ctx.accounts.reward_mint.key(),
        reward_vault: ctx.accounts.reward_vault.key(),
        token_program: ctx.accounts.token_program.key(),
        rate_per_second,
        last_update: now,
        outflow: OutflowWindow::default(),
        ..Default::default()
    };
    let changed = stream_changed(pool_key, pool, index as u8, StreamChange::Added { rate_per_second }, now);
    let settled = streams_settled(pool_key, pool, now);
    emit_cpi!(changed);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
