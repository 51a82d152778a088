//! `retire_stream`: the admin stops a stream. Emission up to now is settled and stays
//! claimable; the unallocated funds go back to the admin's token account.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::POOL_SEED;
// The glob brings the account groups with the client modules their `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::StakingError;
use crate::events::StreamChange;
use crate::state::{Pool, StreamStatus};
use crate::utils::{pay_from_pool_vault, stream_changed, streams_settled};

/// Accounts of `retire_stream`.
#[event_cpi]
#[derive(Accounts)]
pub struct RetireStream<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin.
    pub admin: Signer<'info>,
    /// The stream's vault, mint and token program.
    pub stream: StreamVault<'info>,
    /// Receives the unallocated funds (owned by the admin).
    #[account(
        mut,
        token::mint = stream.reward_mint,
        token::authority = admin,
        token::token_program = stream.token_program
    )]
    pub admin_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Settles, retires stream `index` and refunds its unallocated funds.
pub fn handler(ctx: Context<RetireStream>, index: u8) -> Result<()> {
    let a = &ctx.accounts;
    let vault = &a.stream;
    vault.check(&a.pool, index)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = ctx.accounts.pool.key();
    let pool = &mut ctx.accounts.pool;
    let stream = pool.settled_active_stream(index, now)?;
    let refund = stream.unallocated;
    stream.unallocated = 0;
    stream.total_refunded = stream.total_refunded.checked_add(refund).ok_or(StakingError::MathOverflow)?;
    stream.rate_per_second = 0;
    stream.status = StreamStatus::Retired;
    stream.retired_at = now;
    let changed = stream_changed(pool_key, pool, index, StreamChange::Retired { refund }, now);
    let settled = streams_settled(pool_key, pool, now);
    let a = &ctx.accounts;
    let vault = &a.stream;
    if refund > 0 {
        pay_from_pool_vault(
            &a.pool,
            vault.reward_vault.to_account_info(),
            &vault.reward_mint,
            &vault.token_program,
            a.admin_token_account.to_account_info(),
            refund,
        )?;
    }
    emit_cpi!(changed);
    if let Some(settled) = settled {
        emit_cpi!(*settled);
    }
    Ok(())
}
