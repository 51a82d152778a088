//! Account groups several instructions share, each validated in one place.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{POOL_SEED, POSITION_SEED};
use crate::state::{Pool, Position};

/// A position with its pool, acted on by its owner (who signs).
#[derive(Accounts)]
pub struct OwnedPosition<'info> {
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
}

/// A reward stream's vault, mint and token program (matched against the stream slot by
/// [`StreamVault::check`], since the slot index is an argument).
#[derive(Accounts)]
pub struct StreamVault<'info> {
    /// The stream's reward vault.
    #[account(mut)]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The stream's reward mint.
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The reward mint's token program.
    pub token_program: Interface<'info, TokenInterface>,
}

impl StreamVault<'_> {
    /// The vault, mint and token program must be those of stream slot `index` of `pool`.
    pub fn check(&self, pool: &Pool, index: u8) -> Result<()> {
        crate::utils::check_stream_accounts(
            pool,
            index,
            &self.reward_vault.key(),
            &self.reward_mint.key(),
            &self.token_program.key(),
        )
    }
}
