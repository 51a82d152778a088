//! `claim_rewards`: the owner takes what a position earned from one stream, all or up to a
//! maximum (claim all streams with one instruction per stream in one transaction). Counts
//! against the stream's outflow cap.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::events::RewardsClaimed;
use crate::state::pause;
use crate::utils::{ensure_not_paused, pay_from_pool_vault, record_outflow, streams_settled};

/// Accounts of `claim_rewards`.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRewards<'info> {
    /// The position, its pool and its owner.
    pub owned: OwnedPosition<'info>,
    /// The stream's vault, mint and token program.
    pub stream: StreamVault<'info>,
    /// Receives the rewards (any reward-mint account the owner chooses).
    #[account(mut, token::mint = stream.reward_mint, token::token_program = stream.token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Settles and pays stream `index`'s pending rewards, or at most `max_amount` of them (so a
/// large balance can be claimed in parts under the stream's outflow cap).
pub fn handler(ctx: Context<ClaimRewards>, index: u8, max_amount: Option<u64>) -> Result<()> {
    let a = &ctx.accounts;
    let vault = &a.stream;
    vault.check(&a.owned.pool, index)?;
    require_keys_neq!(a.destination.key(), vault.reward_vault.key(), StakingError::WrongTokenAccountOwner);
    // (A reward mint may equal the stake mint: the stake vault is never a destination either.)
    require_keys_neq!(a.destination.key(), a.owned.pool.stake_vault, StakingError::WrongTokenAccountOwner);
    let now = Clock::get()?.unix_timestamp;
    let owned = &mut ctx.accounts.owned;
    let pool_key = owned.pool.key();
    let pool = &mut owned.pool;
    ensure_not_paused(pool, pause::CLAIM)?;
    pool.accrue(now)?;
    let position = &mut owned.position;
    position.settle(pool)?;
    let reward = &mut position.rewards[usize::from(index)];
    let amount = max_amount.map_or(reward.pending, |max| max.min(reward.pending));
    require!(amount > 0, StakingError::NothingToClaim);
    reward.pending -= amount;
    record_outflow(pool, pool_key, index, amount, now)?;
    let stream = pool.stream(index)?;
    stream.total_claimed = stream.total_claimed.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    let (stream_id, total_claimed) = (stream.id, stream.total_claimed);
    let settled = streams_settled(pool_key, pool, now);

    let a = &ctx.accounts;
    let vault = &a.stream;
    pay_from_pool_vault(
        &a.owned.pool,
        vault.reward_vault.to_account_info(),
        &vault.reward_mint,
        &vault.token_program,
        a.destination.to_account_info(),
        amount,
    )?;
    emit_cpi!(RewardsClaimed {
        pool: pool_key,
        position: a.owned.position.key(),
        owner: a.owned.owner.key(),
        index,
        stream_id,
        reward_mint: vault.reward_mint.key(),
        amount,
        total_claimed,
        rewards: a.owned.position.rewards,
        timestamp: now,
    });
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
