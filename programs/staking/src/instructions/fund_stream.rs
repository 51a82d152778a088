//! `fund_stream`: anyone adds reward tokens to an active stream (settling first, so funds
//! added now never pay for time that has passed).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::POOL_SEED;
// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::events::StreamChange;
use crate::state::Pool;
use crate::utils::{deposit, ensure_not_halted, stream_changed, streams_settled};

/// Accounts of `fund_stream`.
#[event_cpi]
#[derive(Accounts)]
pub struct FundStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The stream's vault, mint and token program.
    pub stream: StreamVault<'info>,
    /// Whoever adds the rewards.
    pub funder: Signer<'info>,
    /// The funder's token account of the reward mint.
    #[account(
        mut,
        token::mint = stream.reward_mint,
        token::authority = funder,
        token::token_program = stream.token_program
    )]
    pub funder_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Settles, then adds `amount` to the stream's unallocated funds. Only a full halt stops it (as
/// PoP's `fund`): funding moves tokens in and changes the emission runway.
pub fn handler(ctx: Context<FundStream>, index: u8, amount: u64) -> Result<()> {
    require!(amount > 0, StakingError::ZeroAmount);
    let a = &ctx.accounts;
    ensure_not_halted(&a.pool)?;
    let vault = &a.stream;
    vault.check(&a.pool, index)?;
    deposit(
        a.funder_token_account.to_account_info(),
        a.funder.to_account_info(),
        vault.reward_vault.to_account_info(),
        &vault.reward_mint,
        &vault.token_program,
        amount,
    )?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    let stream = pool.settled_active_stream(index, now)?;
    stream.unallocated = stream.unallocated.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    stream.total_funded = stream.total_funded.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let funder = ctx.accounts.funder.key();
    let changed = stream_changed(pool_key, pool, index, StreamChange::Funded { funder, amount }, now);
    let settled = streams_settled(pool_key, pool, now);
    emit_cpi!(changed);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
