//! Helpers shared by instruction handlers: vault transfers signed by the distributor, the
//! checks every vote starts with, proposing a triple.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenInterface};

use crate::constants::DISTRIBUTOR_SEED;
use crate::errors::PopError;
use crate::events::{EpochProposed, RoundReset};
use crate::state::{pause, Attestation, Distributor, Epoch, EpochStatus};

/// Transfers `amount` from the distributor's `vault` to `to`, signed by the distributor PDA.
pub fn pay_from_vault<'info>(
    distributor: &Account<'info, Distributor>,
    vault: AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    token_program: &Interface<'info, TokenInterface>,
    to: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let bump = [distributor.bump];
    let seeds: &[&[u8]] = &[DISTRIBUTOR_SEED, distributor.create_key.as_ref(), &bump];
    psp_common::token::transfer(
        token_program.to_account_info(),
        vault,
        mint,
        to,
        distributor.to_account_info(),
        Some(seeds),
        amount,
    )
}

/// What every vote starts with (on-chain or signed): the distributor allows attesting, the
/// epoch has ended, the triple is within bounds; opens a new epoch account; the epoch is
/// voting and `round` is its current round (restarting it first, with a `RoundReset` event,
/// when the attestor set or quorum changed).
pub fn begin_vote(
    distributor: &Account<Distributor>,
    epoch: &mut Account<Epoch>,
    epoch_bump: u8,
    epoch_index: u64,
    round: u32,
    attestation: &Attestation,
    now: i64,
) -> Result<()> {
    distributor.ensure_not_paused(pause::ATTEST)?;
    distributor.ensure_epoch_ended(epoch_index, now)?;
    distributor.check_attestation(attestation)?;
    let generation = distributor.attestor_generation;
    if epoch.distributor == Pubkey::default() {
        epoch.open(epoch_bump, distributor.key(), epoch_index, generation);
    }
    require!(epoch.status == EpochStatus::Voting, PopError::EpochNotVoting);
    if epoch.sync_round(generation) {
        emit!(RoundReset {
            distributor: distributor.key(),
            epoch: epoch_index,
            round: epoch.round,
            attestor_generation: generation,
            timestamp: now
        });
    }
    require!(round == epoch.round, PopError::WrongRound);
    Ok(())
}

/// Proposes `attestation` with `votes` agreeing attestors (emits `EpochProposed`).
pub fn propose(
    distributor: &Account<Distributor>,
    epoch: &mut Account<Epoch>,
    attestation: &Attestation,
    votes: u32,
    signed_batch: bool,
    now: i64,
) -> Result<()> {
    epoch.propose(attestation, now, distributor.challenge_window).ok_or(PopError::MathOverflow)?;
    emit!(EpochProposed {
        distributor: distributor.key(),
        epoch: epoch.index,
        round: epoch.round,
        root: attestation.root,
        total: attestation.total,
        leaf_count: attestation.leaf_count,
        votes,
        signed_batch,
        challenge_ends_at: epoch.challenge_ends_at,
        timestamp: now,
    });
    Ok(())
}
