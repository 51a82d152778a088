//! `close_claim_chunk`: after an epoch is swept, anyone closes one of its claim bitmaps; the
//! rent goes back to whoever opened it.
use anchor_lang::prelude::*;

use crate::constants::CLAIMS_SEED;
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::ClaimChunkClosed;
use crate::state::{ClaimChunk, EpochStatus};

/// Accounts of `close_claim_chunk`.
#[derive(Accounts)]
pub struct CloseClaimChunk<'info> {
    /// The distributor and the epoch.
    pub target: DistributorEpoch<'info>,
    /// The bitmap.
    #[account(
        mut,
        close = payer,
        seeds = [CLAIMS_SEED, target.epoch.key().as_ref(), &claim_chunk.load()?.chunk.to_le_bytes()],
        bump = claim_chunk.load()?.bump,
        constraint = claim_chunk.load()?.epoch == target.epoch.key() @ PopError::WrongClaimChunk
    )]
    pub claim_chunk: AccountLoader<'info, ClaimChunk>,
    /// Opened the chunk; gets the rent back.
    /// CHECK: must be the payer recorded in the chunk; only receives lamports.
    #[account(mut, address = claim_chunk.load()?.payer @ PopError::Unauthorized)]
    pub payer: UncheckedAccount<'info>,
}

/// Closes the chunk.
pub fn handler(ctx: Context<CloseClaimChunk>) -> Result<()> {
    let chunk = ctx.accounts.claim_chunk.load()?.chunk;
    let epoch = &mut ctx.accounts.target.epoch;
    require!(epoch.status == EpochStatus::Swept, PopError::EpochNotSwept);
    epoch.chunks_open = epoch.chunks_open.checked_sub(1).ok_or(PopError::MathOverflow)?;
    emit!(ClaimChunkClosed {
        distributor: ctx.accounts.target.distributor.key(),
        epoch: epoch.index,
        chunk,
        payer: ctx.accounts.payer.key(),
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
