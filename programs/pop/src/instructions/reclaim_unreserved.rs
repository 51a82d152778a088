//! `reclaim_unreserved`: the admin moves vault tokens no finalized epoch has reserved to the
//! clawback receiver (only there), e.g. to wind a distributor down.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::UnreservedReclaimed;
use crate::state::pause;

/// Accounts of `reclaim_unreserved`.
#[event_cpi]
#[derive(Accounts)]
pub struct ReclaimUnreserved<'info> {
    /// The distributor with its vault.
    pub reward: RewardVault<'info>,
    /// The admin.
    #[account(address = reward.distributor.admin @ PopError::Unauthorized)]
    pub admin: Signer<'info>,
    /// The configured clawback receiver.
    #[account(mut, address = reward.distributor.clawback_receiver @ PopError::InvalidReceiver)]
    pub clawback_receiver: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Moves `amount` (at most the unreserved balance) to the receiver.
pub fn handler(ctx: Context<ReclaimUnreserved>, amount: u64) -> Result<()> {
    require!(amount > 0, PopError::ZeroAmount);
    let a = &ctx.accounts;
    let distributor = &a.reward.distributor;
    distributor.ensure_not_paused(pause::SWEEP)?;
    require!(amount <= distributor.unreserved(a.reward.vault.amount), PopError::ExceedsUnreserved);
    a.reward.pay(a.clawback_receiver.to_account_info(), amount)?;
    let reward = &mut ctx.accounts.reward;
    reward.vault.reload()?;
    let distributor = &mut reward.distributor;
    distributor.total_swept = distributor.total_swept.checked_add(amount).ok_or(PopError::MathOverflow)?;
    emit_cpi!(UnreservedReclaimed {
        distributor: distributor.key(),
        mint: ctx.accounts.reward.reward_mint.key(),
        receiver: ctx.accounts.clawback_receiver.key(),
        amount,
        vault_balance: ctx.accounts.reward.vault.amount,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
