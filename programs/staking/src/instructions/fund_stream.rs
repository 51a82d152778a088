//! `fund_stream`: anyone adds reward tokens to an active stream (settling first, so funds
//! added now never pay for time that has passed).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::state::{Pool, StreamStatus};
use crate::utils::{check_stream_accounts, deposit, stream_changed};

/// Accounts of `fund_stream`.
#[event_cpi]
#[derive(Accounts)]
pub struct FundStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// Whoever adds the rewards.
    pub funder: Signer<'info>,
    /// The funder's token account of the reward mint.
    #[account(mut, token::mint = reward_mint, token::authority = funder, token::token_program = token_program)]
    pub funder_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stream's reward vault.
    #[account(mut)]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stream's reward mint.
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The reward mint's token program.
    pub token_program: Interface<'info, TokenInterface>,
}

/// Settles, then adds `amount` to the stream's unallocated funds.
pub fn handler(ctx: Context<FundStream>, index: u8, amount: u64) -> Result<()> {
    require!(amount > 0, StakingError::ZeroAmount);
    let a = &ctx.accounts;
    check_stream_accounts(&a.pool, index, &a.reward_vault.key(), &a.reward_mint.key(), &a.token_program.key())?;
    deposit(
        a.funder_token_account.to_account_info(),
        a.funder.to_account_info(),
        a.reward_vault.to_account_info(),
        &a.reward_mint,
        &a.token_program,
        amount,
    )?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    pool.accrue(now)?;
    let stream = pool.stream(index)?;
    require!(stream.status == StreamStatus::Active, StakingError::StreamNotActive);
    stream.unallocated = stream.unallocated.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    stream.total_funded = stream.total_funded.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let rate = stream.rate_per_second;
    let event = stream_changed(pool_key, pool, index, "funded", amount, rate, now);
    emit_cpi!(event);
    Ok(())
}
