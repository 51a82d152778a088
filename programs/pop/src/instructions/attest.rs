//! `attest`: an active attestor votes for (root, total, leaf count) of an ended epoch, once
//! per round. The vote that brings a triple to the quorum proposes its root, which the
//! guardian may veto until the challenge window ends.
use anchor_lang::prelude::*;

use crate::constants::{ATTESTOR_SEED, CANDIDATE_SEED, DISTRIBUTOR_SEED, EPOCH_SEED, VOTE_SEED};
use crate::errors::PopError;
use crate::events::Attested;
use crate::state::{Attestation, Attestor, Candidate, Distributor, Epoch, Vote};
use crate::utils::{begin_vote, propose};

/// Accounts of `attest`.
#[derive(Accounts)]
#[instruction(epoch_index: u64, round: u32, attestation: Attestation)]
pub struct Attest<'info> {
    /// The distributor.
    #[account(seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The attestor's signing key.
    pub authority: Signer<'info>,
    /// The attestor's account.
    #[account(
        mut,
        seeds = [ATTESTOR_SEED, distributor.key().as_ref(), authority.key().as_ref()],
        bump = attestor.bump,
        has_one = distributor,
        constraint = attestor.active @ PopError::AttestorInactive
    )]
    pub attestor: Box<Account<'info, Attestor>>,
    /// Pays rent of the vote (and of the epoch and candidate when first seen).
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The epoch (created by its first vote).
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + Epoch::INIT_SPACE,
        seeds = [EPOCH_SEED, distributor.key().as_ref(), &epoch_index.to_le_bytes()],
        bump
    )]
    pub epoch: Box<Account<'info, Epoch>>,
    /// The tally of this triple in this round.
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + Candidate::INIT_SPACE,
        seeds = [
            CANDIDATE_SEED,
            epoch.key().as_ref(),
            &round.to_le_bytes(),
            attestation.root.as_ref(),
            &attestation.total.to_le_bytes(),
            &attestation.leaf_count.to_le_bytes()
        ],
        bump
    )]
    pub candidate: Box<Account<'info, Candidate>>,
    /// The vote; a second vote in the same round fails here (the account exists).
    #[account(
        init,
        payer = payer,
        space = 8 + Vote::INIT_SPACE,
        seeds = [VOTE_SEED, epoch.key().as_ref(), &round.to_le_bytes(), authority.key().as_ref()],
        bump
    )]
    pub vote: Box<Account<'info, Vote>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Records the vote and proposes the triple when it reaches the quorum.
pub fn handler(ctx: Context<Attest>, epoch_index: u64, round: u32, attestation: Attestation) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    begin_vote(
        &ctx.accounts.distributor,
        &mut ctx.accounts.epoch,
        ctx.bumps.epoch,
        epoch_index,
        round,
        &attestation,
        now,
    )?;
    let distributor_key = ctx.accounts.distributor.key();
    let epoch_key = ctx.accounts.epoch.key();

    let candidate = &mut ctx.accounts.candidate;
    if candidate.epoch == Pubkey::default() {
        candidate.bump = ctx.bumps.candidate;
        candidate.epoch = epoch_key;
        candidate.round = round;
        candidate.root = attestation.root;
        candidate.total = attestation.total;
        candidate.leaf_count = attestation.leaf_count;
    }
    candidate.votes = candidate.votes.checked_add(1).ok_or(PopError::MathOverflow)?;
    let votes = candidate.votes;
    let authority = ctx.accounts.authority.key();
    ctx.accounts.vote.set_inner(Vote {
        bump: ctx.bumps.vote,
        epoch: epoch_key,
        round,
        attestor: authority,
        candidate: ctx.accounts.candidate.key(),
        voted_at: now,
    });
    let attestor = &mut ctx.accounts.attestor;
    attestor.votes_cast = attestor.votes_cast.checked_add(1).ok_or(PopError::MathOverflow)?;

    let quorum = ctx.accounts.distributor.quorum;
    emit!(Attested {
        distributor: distributor_key,
        epoch: epoch_index,
        round,
        attestor: authority,
        root: attestation.root,
        total: attestation.total,
        leaf_count: attestation.leaf_count,
        votes,
        quorum,
        timestamp: now,
    });
    if votes >= quorum {
        propose(&ctx.accounts.distributor, &mut ctx.accounts.epoch, &attestation, votes, false, now)?;
    }
    Ok(())
}
