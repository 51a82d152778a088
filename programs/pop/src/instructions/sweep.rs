//! `sweep`: after the claim deadline anyone sends an epoch's unclaimed rest to the clawback
//! receiver (only there) and releases its reservation; the epoch takes no more claims.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::Swept;
use crate::state::{pause, EpochStatus};

/// Accounts of `sweep`.
#[event_cpi]
#[derive(Accounts)]
pub struct Sweep<'info> {
    /// The epoch, its distributor and vault.
    pub target: VaultEpoch<'info>,
    /// The configured clawback receiver.
    #[account(mut, address = target.reward.distributor.clawback_receiver @ PopError::InvalidReceiver)]
    pub clawback_receiver: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Pays the unclaimed rest to the receiver.
pub fn handler(ctx: Context<Sweep>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let distributor = &mut ctx.accounts.target.reward.distributor;
    distributor.ensure_not_paused(pause::SWEEP)?;
    let epoch = &mut ctx.accounts.target.epoch;
    require!(epoch.status == EpochStatus::Finalized, PopError::EpochNotFinalized);
    require!(now >= epoch.claim_deadline, PopError::ClaimWindowOpen);
    let amount = epoch.unclaimed();
    epoch.status = EpochStatus::Swept;
    epoch.swept_amount = amount;
    distributor.total_reserved = distributor.total_reserved.checked_sub(amount).ok_or(PopError::MathOverflow)?;
    distributor.total_swept = distributor.total_swept.checked_add(amount).ok_or(PopError::MathOverflow)?;

    let a = &ctx.accounts;
    if amount > 0 {
        a.target.reward.pay(a.clawback_receiver.to_account_info(), amount)?;
    }
    emit_cpi!(Swept {
        distributor: a.target.reward.distributor.key(),
        mint: a.target.reward.reward_mint.key(),
        epoch: a.target.epoch.index,
        receiver: a.clawback_receiver.key(),
        amount,
        claimed_amount: a.target.epoch.claimed_amount,
        claimed_count: a.target.epoch.claimed_count,
        leaf_count: a.target.epoch.leaf_count,
        timestamp: now,
    });
    Ok(())
}
