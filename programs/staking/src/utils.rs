//! Helpers shared by instruction handlers: pause checks, vault transfers signed by the pool,
//! outflow accounting, token-account checks.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenInterface};
use psp_common::outflow::OutflowError;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::{OutflowCapReached, PositionChanged, StreamChange, StreamChanged, StreamsSettled};
use crate::state::{boost, Pool, Position, StreamStatus};

/// Fails when operation `op` is paused (or the pool is halted).
pub fn ensure_not_paused(pool: &Pool, op: u8) -> Result<()> {
    require!(!psp_common::pause::blocks(pool.paused, op), StakingError::Paused);
    Ok(())
}

/// Fails only on a full halt: unstaking after a lock ends, and funding streams, stay open
/// otherwise.
pub fn ensure_not_halted(pool: &Pool) -> Result<()> {
    require!(!psp_common::pause::blocks_exit(pool.paused), StakingError::Paused);
    Ok(())
}

/// Transfers `amount` of `mint` from `vault` (owned by the pool) to `to`, signed by the pool PDA.
pub fn pay_from_pool_vault<'info>(
    pool: &Account<'info, Pool>,
    vault: AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    token_program: &Interface<'info, TokenInterface>,
    to: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let bump = [pool.bump];
    let seeds: &[&[u8]] = &[POOL_SEED, pool.create_key.as_ref(), &bump];
    psp_common::token::transfer(
        token_program.to_account_info(),
        vault,
        mint,
        to,
        pool.to_account_info(),
        Some(seeds),
        amount,
    )
}

/// Transfers `amount` of `mint` into `vault` from `from`, signed by its owner `authority`.
pub fn deposit<'info>(
    from: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    vault: AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    token_program: &Interface<'info, TokenInterface>,
    amount: u64,
) -> Result<()> {
    psp_common::token::transfer(token_program.to_account_info(), from, mint, vault, authority, None, amount)
}

/// Counts a claim of `amount` against stream `index`'s outflow cap; a refusal logs
/// [`OutflowCapReached`].
pub fn record_outflow(pool: &mut Pool, pool_key: Pubkey, index: u8, amount: u64, now: i64) -> Result<()> {
    let stream = pool.stream(index)?;
    match stream.outflow.try_record(amount, now) {
        Ok(_) => Ok(()),
        Err(OutflowError::CapExceeded { used, cap }) => {
            emit!(OutflowCapReached {
                pool: pool_key,
                index,
                attempted: amount,
                window_outflow: used,
                cap,
                timestamp: now
            });
            err!(StakingError::OutflowCapExceeded)
        }
        Err(OutflowError::InvalidWindow) => err!(StakingError::InvalidOutflowWindow),
    }
}

/// Re-weights `position` from its amount and remaining lock at `now` (the position must be
/// settled first), keeping the pool's total in step; returns the old weight.
pub fn reweight(pool: &mut Pool, position: &mut Position, now: i64) -> Result<u128> {
    let remaining = position.lock_end.saturating_sub(now).max(0);
    let multiplier = boost::multiplier_bps(remaining, pool.max_lockup, pool.max_multiplier_bps);
    let old = position.weight;
    let new = boost::weight(position.amount, multiplier);
    pool.remove_weight(old)?;
    pool.add_weight(new)?;
    position.multiplier_bps = multiplier;
    position.weight = new;
    if new > old {
        position.weight_increased_at = now;
    }
    Ok(old)
}

/// The [`StreamChanged`] event of stream `index` of `pool`.
pub fn stream_changed(pool_key: Pubkey, pool: &Pool, index: u8, change: StreamChange, now: i64) -> StreamChanged {
    let stream = &pool.streams[usize::from(index)];
    StreamChanged {
        pool: pool_key,
        index,
        stream_id: stream.id,
        reward_mint: stream.reward_mint,
        change,
        timestamp: now,
    }
}

/// The [`StreamsSettled`] event of `pool` as it is now (boxed: ~420 bytes, kept off the SBF
/// stack); `None` when the pool has no stream (nothing to report).
pub fn streams_settled(pool_key: Pubkey, pool: &Pool, now: i64) -> Option<Box<StreamsSettled>> {
    if pool.streams.iter().all(|s| s.status == StreamStatus::Empty) {
        return None;
    }
    Some(Box::new(StreamsSettled {
        pool: pool_key,
        total_weight: pool.total_weight,
        total_staked: pool.total_staked,
        streams: pool.streams.map(|s| s.snapshot()),
        timestamp: now,
    }))
}

/// The reward vault, mint and token program passed for stream `index` must be the stream's.
pub fn check_stream_accounts(
    pool: &Pool,
    index: u8,
    vault: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> Result<()> {
    let stream = pool.streams.get(usize::from(index)).ok_or(StakingError::InvalidStreamIndex)?;
    require!(stream.status != StreamStatus::Empty, StakingError::InvalidStreamIndex);
    require!(
        stream.reward_vault == *vault && stream.reward_mint == *mint && stream.token_program == *token_program,
        StakingError::WrongStream
    );
    Ok(())
}

/// The [`PositionChanged`] event of `position` after a change.
pub fn position_changed(
    pool: &Account<Pool>,
    position: &Account<Position>,
    change: &str,
    amount: u64,
    old_weight: u128,
    now: i64,
) -> PositionChanged {
    PositionChanged {
        pool: pool.key(),
        position: position.key(),
        owner: position.owner,
        mint: pool.stake_mint,
        change: change.to_string(),
        amount,
        position_amount: position.amount,
        cooling_amount: position.cooling_amount,
        lock_end: position.lock_end,
        multiplier_bps: position.multiplier_bps,
        old_weight,
        new_weight: position.weight,
        total_staked: pool.total_staked,
        total_weight: pool.total_weight,
        rewards: position.rewards,
        timestamp: now,
    }
}
