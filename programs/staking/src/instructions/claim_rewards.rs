//! `claim_rewards`: the owner takes what a position earned from one stream, all or up to a
//! maximum (claim all streams with one instruction per stream in one transaction). Counts
//! against the stream's outflow cap.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{POOL_SEED, POSITION_SEED};
use crate::errors::StakingError;
use crate::events::RewardsClaimed;
use crate::state::{pause, Pool, Position};
use crate::utils::{check_stream_accounts, ensure_not_paused, pay_from_pool_vault, record_outflow};

/// Accounts of `claim_rewards`.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRewards<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The position.
    #[account(
        mut,
        seeds = [POSITION_SEED, pool.key().as_ref(), owner.key().as_ref(), &position.index.to_le_bytes()],
        bump = position.bump,
        has_one = pool,
        has_one = owner
    )]
    pub position: Box<Account<'info, Position>>,
    /// The owner.
    pub owner: Signer<'info>,
    /// Receives the rewards (any reward-mint account the owner chooses).
    #[account(mut, token::mint = reward_mint, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stream's reward vault.
    #[account(mut)]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stream's reward mint.
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The reward mint's token program.
    pub token_program: Interface<'info, TokenInterface>,
}

/// Settles and pays stream `index`'s pending rewards, or at most `max_amount` of them (so a
/// large balance can be claimed in parts under the stream's outflow cap).
pub fn handler(ctx: Context<ClaimRewards>, index: u8, max_amount: Option<u64>) -> Result<()> {
    let a = &ctx.accounts;
    check_stream_accounts(&a.pool, index, &a.reward_vault.key(), &a.reward_mint.key(), &a.token_program.key())?;
    require_keys_neq!(a.destination.key(), a.reward_vault.key(), StakingError::WrongTokenAccountOwner);
    // (A reward mint may equal the stake mint: the stake vault is never a destination either.)
    require_keys_neq!(a.destination.key(), a.pool.stake_vault, StakingError::WrongTokenAccountOwner);
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    ensure_not_paused(pool, pause::CLAIM)?;
    pool.accrue(now)?;
    let position = &mut ctx.accounts.position;
    position.settle(pool)?;
    let reward = &mut position.rewards[usize::from(index)];
    let amount = max_amount.map_or(reward.pending, |max| max.min(reward.pending));
    require!(amount > 0, StakingError::NothingToClaim);
    reward.pending -= amount;
    record_outflow(pool, pool_key, index, amount, now)?;
    let stream = pool.stream(index)?;
    stream.total_claimed = stream.total_claimed.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let (stream_id, total_claimed) = (stream.id, stream.total_claimed);

    let a = &ctx.accounts;
    pay_from_pool_vault(&a.pool, a.reward_vault.to_account_info(), &a.reward_mint, &a.token_program, a.destination.to_account_info(), amount)?;
    emit_cpi!(RewardsClaimed {
        pool: pool_key,
        position: a.position.key(),
        owner: a.owner.key(),
        index,
        stream_id,
        reward_mint: a.reward_mint.key(),
        amount,
        total_claimed,
        timestamp: now,
    });
    Ok(())
}
