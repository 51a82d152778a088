//! `fund`: anyone deposits rewards into the vault (only a full halt stops it).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::Funded;

/// Accounts of `fund`.
#[event_cpi]
#[derive(Accounts)]
pub struct Fund<'info> {
    /// The distributor with its vault.
    pub reward: RewardVault<'info>,
    /// The funder (owner of the source account).
    pub funder: Signer<'info>,
    /// Tokens come from here.
    #[account(mut, token::mint = reward.reward_mint, token::authority = funder, token::token_program = reward.token_program)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Moves `amount` into the vault.
pub fn handler(ctx: Context<Fund>, amount: u64) -> Result<()> {
    require!(amount > 0, PopError::ZeroAmount);
    let a = &ctx.accounts;
    require!(!psp_common::pause::blocks_exit(a.reward.distributor.paused), PopError::Paused);
    psp_common::token::transfer(
        a.reward.token_program.to_account_info(),
        a.source.to_account_info(),
        &a.reward.reward_mint,
        a.reward.vault.to_account_info(),
        a.funder.to_account_info(),
        None,
        amount,
    )?;
    let reward = &mut ctx.accounts.reward;
    reward.vault.reload()?;
    let distributor = &mut reward.distributor;
    distributor.total_funded = distributor.total_funded.checked_add(amount).ok_or(PopError::MathOverflow)?;
    emit_cpi!(Funded {
        distributor: distributor.key(),
        mint: ctx.accounts.reward.reward_mint.key(),
        funder: ctx.accounts.funder.key(),
        amount,
        vault_balance: ctx.accounts.reward.vault.amount,
        total_reserved: ctx.accounts.reward.distributor.total_reserved,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
