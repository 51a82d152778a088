//! `create_position`: the owner stakes under a lock of `lock_seconds` (0 = unlocked, 1x) in a
//! new position `index` (an owner may hold many).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{ACCOUNT_VERSION, MAX_STREAMS, POOL_SEED, POSITION_SEED};
use crate::errors::StakingError;
use crate::state::{pause, Pool, Position, PositionReward};
use crate::utils::{deposit, ensure_not_paused, position_changed, reweight, streams_settled};

/// Accounts of `create_position`.
#[event_cpi]
#[derive(Accounts)]
#[instruction(index: u32)]
pub struct CreatePosition<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The new position.
    #[account(
        init,
        payer = owner,
        space = 8 + Position::INIT_SPACE,
        seeds = [POSITION_SEED, pool.key().as_ref(), owner.key().as_ref(), &index.to_le_bytes()],
        bump
    )]
    pub position: Box<Account<'info, Position>>,
    /// The staker (pays rent).
    #[account(mut)]
    pub owner: Signer<'info>,
    /// The owner's stake token account.
    #[account(mut, token::mint = stake_mint, token::authority = owner, token::token_program = token_program)]
    pub owner_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The pool's stake vault.
    #[account(mut, address = pool.stake_vault)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stake mint.
    #[account(address = pool.stake_mint)]
    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The stake mint's token program.
    #[account(address = pool.stake_token_program)]
    pub token_program: Interface<'info, TokenInterface>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Settles the pool, opens the position and escrows the stake.
pub fn handler(ctx: Context<CreatePosition>, index: u32, amount: u64, lock_seconds: i64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    ensure_not_paused(pool, pause::STAKE)?;
    require!(amount > 0, StakingError::ZeroAmount);
    require!((0..=pool.max_lockup).contains(&lock_seconds), StakingError::LockTooLong);
    pool.accrue(now)?;
    let lock_end = now.checked_add(lock_seconds).ok_or(StakingError::MathOverflow)?;
    let position = &mut ctx.accounts.position;
    position.set_inner(Position {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.position,
        pool: pool_key,
        owner: ctx.accounts.owner.key(),
        index,
        amount,
        lock_start: now,
        lock_end,
        multiplier_bps: 0,
        weight: 0,
        cooling_amount: 0,
        cooldown_end: 0,
        created_at: now,
        weight_increased_at: now,
        rewards: [PositionReward::default(); MAX_STREAMS],
        reserved: [0; 64],
    });
    position.checkpoint_all(pool);
    reweight(pool, position, now)?;
    pool.total_staked = pool.total_staked.checked_add(amount).ok_or(StakingError::MathOverflow)?;
    pool.position_count = pool.position_count.checked_add(1).ok_or(StakingError::MathOverflow)?;

    let a = &ctx.accounts;
    deposit(
        a.owner_token_account.to_account_info(),
        a.owner.to_account_info(),
        a.stake_vault.to_account_info(),
        &a.stake_mint,
        &a.token_program,
        amount,
    )?;
    let event = position_changed(&a.pool, &a.position, "created", amount, 0, now);
    let settled = streams_settled(pool_key, &a.pool, now);
    emit_cpi!(event);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
