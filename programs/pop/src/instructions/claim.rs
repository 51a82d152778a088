//! `claim`: a participant takes the amount of their leaf of a finalized epoch with a Merkle
//! proof, once (one bit per leaf), before the claim deadline.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::MAX_PROOF_LEN;
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::PopError;
use crate::events::Claimed;
use crate::state::{chunk_of, pause, ClaimChunk, EpochStatus};

/// Accounts of `claim`.
#[event_cpi]
#[derive(Accounts)]
pub struct Claim<'info> {
    /// The epoch, its distributor and vault.
    pub target: VaultEpoch<'info>,
    /// The bitmap chunk of the leaf (checked against the epoch and index by the handler).
    #[account(mut)]
    pub claim_chunk: AccountLoader<'info, ClaimChunk>,
    /// The leaf's claimant.
    pub claimant: Signer<'info>,
    /// Receives the tokens (any reward-mint account the claimant chooses, except the vault).
    #[account(
        mut,
        token::mint = target.reward.reward_mint,
        token::token_program = target.reward.token_program,
        constraint = destination.key() != target.reward.vault.key() @ PopError::InvalidReceiver
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Verifies leaf (epoch, `index`, claimant, `amount`) against the root, marks it and pays.
pub fn handler(ctx: Context<Claim>, index: u64, amount: u64, proof: Vec<[u8; 32]>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let claimant = ctx.accounts.claimant.key();
    let epoch_key = ctx.accounts.target.epoch.key();
    let distributor = &mut ctx.accounts.target.reward.distributor;
    distributor.ensure_not_paused(pause::CLAIM)?;
    let epoch = &mut ctx.accounts.target.epoch;
    require!(epoch.status == EpochStatus::Finalized, PopError::EpochNotFinalized);
    require!(now < epoch.claim_deadline, PopError::ClaimWindowClosed);
    require!(index < epoch.leaf_count, PopError::LeafOutOfRange);
    require!(proof.len() <= MAX_PROOF_LEN, PopError::ProofTooLong);
    require!(amount > 0, PopError::ZeroAmount);
    let leaf = psp_common::merkle::leaf_hash(epoch.index, index, &claimant, amount);
    require!(psp_common::merkle::verify(&epoch.root, leaf, &proof), PopError::InvalidProof);
    {
        let mut bitmap = ctx.accounts.claim_chunk.load_mut()?;
        require!(bitmap.epoch == epoch_key && u64::from(bitmap.chunk) == chunk_of(index), PopError::WrongClaimChunk);
        require!(bitmap.set(index), PopError::AlreadyClaimed);
    }
    let claimed_amount = epoch.claimed_amount.checked_add(amount).ok_or(PopError::MathOverflow)?;
    require!(claimed_amount <= epoch.total, PopError::ClaimExceedsTotal);
    epoch.claimed_amount = claimed_amount;
    epoch.claimed_count = epoch.claimed_count.checked_add(1).ok_or(PopError::MathOverflow)?;
    distributor.total_reserved = distributor.total_reserved.checked_sub(amount).ok_or(PopError::MathOverflow)?;
    distributor.total_claimed = distributor.total_claimed.checked_add(amount).ok_or(PopError::MathOverflow)?;

    let a = &ctx.accounts;
    a.target.reward.pay(a.destination.to_account_info(), amount)?;
    emit_cpi!(Claimed {
        distributor: a.target.reward.distributor.key(),
        mint: a.target.reward.reward_mint.key(),
        epoch: a.target.epoch.index,
        index,
        claimant,
        destination: a.destination.key(),
        amount,
        epoch_claimed_amount: a.target.epoch.claimed_amount,
        epoch_claimed_count: a.target.epoch.claimed_count,
        timestamp: now,
    });
    Ok(())
}
