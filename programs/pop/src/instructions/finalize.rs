//! `finalize`: after the challenge window anyone finalizes a proposed epoch; its total is
//! reserved from the vault's unreserved balance and the claim window starts.
use anchor_lang::prelude::*;

// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::EpochFinalized;
use crate::state::{pause, EpochStatus};

/// Accounts of `finalize`.
#[event_cpi]
#[derive(Accounts)]
pub struct Finalize<'info> {
    /// The epoch, its distributor and vault.
    pub target: VaultEpoch<'info>,
}

/// Reserves the epoch's total and opens claims.
pub fn handler(ctx: Context<Finalize>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let vault_amount = ctx.accounts.target.reward.vault.amount;
    let distributor = &mut ctx.accounts.target.reward.distributor;
    distributor.ensure_not_paused(pause::FINALIZE)?;
    let epoch = &mut ctx.accounts.target.epoch;
    require!(epoch.status == EpochStatus::Proposed, PopError::EpochNotProposed);
    require!(now >= epoch.challenge_ends_at, PopError::ChallengeWindowOpen);
    // The cap may have been lowered since the proposal.
    require!(epoch.total <= distributor.max_epoch_total, PopError::EpochTotalTooLarge);
    require!(distributor.unreserved(vault_amount) >= epoch.total, PopError::InsufficientFunds);
    distributor.total_reserved = distributor.total_reserved.checked_add(epoch.total).ok_or(PopError::MathOverflow)?;
    distributor.epochs_finalized = distributor.epochs_finalized.checked_add(1).ok_or(PopError::MathOverflow)?;
    epoch.status = EpochStatus::Finalized;
    epoch.finalized_at = now;
    epoch.claim_deadline = now.checked_add(distributor.claim_window).ok_or(PopError::MathOverflow)?;
    emit_cpi!(EpochFinalized {
        distributor: distributor.key(),
        epoch: epoch.index,
        root: epoch.root,
        total: epoch.total,
        leaf_count: epoch.leaf_count,
        claim_deadline: epoch.claim_deadline,
        total_reserved: distributor.total_reserved,
        timestamp: now,
    });
    Ok(())
}
