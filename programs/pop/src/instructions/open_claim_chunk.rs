//! `open_claim_chunk`: anyone opens the claim bitmap account for leaves
//! `[chunk * 65,536, (chunk + 1) * 65,536)` of a finalized epoch and pays its rent (returned
//! when the chunk is closed after the sweep). Claims need the chunk of their leaf.
use anchor_lang::prelude::*;

use crate::constants::{CLAIMS_SEED, LEAVES_PER_CHUNK};
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::ClaimChunkOpened;
use crate::state::{ClaimChunk, EpochStatus};

/// Accounts of `open_claim_chunk`.
#[derive(Accounts)]
#[instruction(chunk: u32)]
pub struct OpenClaimChunk<'info> {
    /// The distributor and the epoch.
    pub target: DistributorEpoch<'info>,
    /// Pays the rent.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The new bitmap.
    #[account(
        init,
        payer = payer,
        space = 8 + std::mem::size_of::<ClaimChunk>(),
        seeds = [CLAIMS_SEED, target.epoch.key().as_ref(), &chunk.to_le_bytes()],
        bump
    )]
    pub claim_chunk: AccountLoader<'info, ClaimChunk>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Initializes bitmap `chunk`.
pub fn handler(ctx: Context<OpenClaimChunk>, chunk: u32) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let epoch = &mut ctx.accounts.target.epoch;
    require!(epoch.status == EpochStatus::Finalized, PopError::EpochNotFinalized);
    require!(now < epoch.claim_deadline, PopError::ClaimWindowClosed);
    let chunks = epoch.leaf_count.div_ceil(LEAVES_PER_CHUNK);
    require!(u64::from(chunk) < chunks, PopError::LeafOutOfRange);
    epoch.chunks_open = epoch.chunks_open.checked_add(1).ok_or(PopError::MathOverflow)?;
    let mut bitmap = ctx.accounts.claim_chunk.load_init()?;
    bitmap.epoch = epoch.key();
    bitmap.payer = ctx.accounts.payer.key();
    bitmap.chunk = chunk;
    bitmap.bump = ctx.bumps.claim_chunk;
    emit!(ClaimChunkOpened {
        distributor: ctx.accounts.target.distributor.key(),
        epoch: epoch.index,
        chunk,
        payer: bitmap.payer,
        timestamp: now,
    });
    Ok(())
}
