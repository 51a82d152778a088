//! `withdraw`: after the cooldown, the owner takes the cooling tokens back. An exit: only a
//! full halt stops it.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::utils::{ensure_not_halted, pay_from_pool_vault, position_changed};

/// Accounts of `withdraw`.
#[event_cpi]
#[derive(Accounts)]
pub struct Withdraw<'info> {
    /// The position, its pool and its owner.
    pub owned: OwnedPosition<'info>,
    /// Receives the tokens (any stake-mint account the owner chooses).
    #[account(mut, token::mint = stake_mint, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The pool's stake vault.
    #[account(mut, address = owned.pool.stake_vault)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stake mint.
    #[account(address = owned.pool.stake_mint)]
    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The stake mint's token program.
    #[account(address = owned.pool.stake_token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Pays out every cooling token once the cooldown has ended.
pub fn handler(ctx: Context<Withdraw>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let owned = &mut ctx.accounts.owned;
    let pool = &mut owned.pool;
    ensure_not_halted(pool)?;
    let position = &mut owned.position;
    let amount = position.cooling_amount;
    require!(amount > 0, StakingError::NothingCooling);
    require!(now >= position.cooldown_end, StakingError::CooldownNotOver);
    require_keys_neq!(ctx.accounts.destination.key(), pool.stake_vault, StakingError::WrongTokenAccountOwner);
    position.cooling_amount = 0;
    pool.total_cooling = pool.total_cooling.checked_sub(amount).ok_or(StakingError::MathOverflow)?;
    pool.total_staked = pool.total_staked.checked_sub(amount).ok_or(StakingError::MathOverflow)?;
    let a = &ctx.accounts;
    let (pool, position) = (&a.owned.pool, &a.owned.position);
    pay_from_pool_vault(
        pool,
        a.stake_vault.to_account_info(),
        &a.stake_mint,
        &a.token_program,
        a.destination.to_account_info(),
        amount,
    )?;
    let event = position_changed(pool, position, "withdrawn", amount, position.weight, now);
    emit_cpi!(event);
    Ok(())
}
