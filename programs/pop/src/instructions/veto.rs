//! `veto`: during the challenge window the guardian (or the admin) rejects a proposed root
//! with a reason; voting restarts in a new round, so earlier votes do not count again.
use anchor_lang::prelude::*;

use crate::constants::MAX_REASON_LEN;
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::EpochVetoed;
use crate::state::EpochStatus;

/// Accounts of `veto`.
#[derive(Accounts)]
pub struct Veto<'info> {
    /// The distributor and the epoch.
    pub target: DistributorEpoch<'info>,
    /// The guardian or the admin.
    pub authority: Signer<'info>,
}

/// Drops the proposal with `reason` (at most 200 bytes).
pub fn handler(ctx: Context<Veto>, reason: String) -> Result<()> {
    require!(reason.len() <= MAX_REASON_LEN, PopError::ReasonTooLong);
    let now = Clock::get()?.unix_timestamp;
    let authority = ctx.accounts.authority.key();
    let target = &mut ctx.accounts.target;
    let distributor = &target.distributor;
    require!(authority == distributor.guardian || authority == distributor.admin, PopError::Unauthorized);
    let epoch = &mut target.epoch;
    require!(epoch.status == EpochStatus::Proposed, PopError::EpochNotProposed);
    require!(now < epoch.challenge_ends_at, PopError::ChallengeWindowClosed);
    let (round, root) = (epoch.round, epoch.root);
    epoch.reopen(distributor.attestor_generation).ok_or(PopError::MathOverflow)?;
    emit!(EpochVetoed {
        distributor: distributor.key(),
        epoch: epoch.index,
        round,
        root,
        authority,
        reason,
        timestamp: now,
    });
    Ok(())
}
