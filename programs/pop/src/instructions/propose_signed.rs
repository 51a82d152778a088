//! `propose_signed`: one transaction carries a quorum of attestations signed off-chain. The
//! ed25519 instruction right before this one holds the signatures (verified by the runtime);
//! the remaining accounts are the signers' attestor accounts (writable), in signature order.
//! Proposes the triple at once, subject to the same challenge window as on-chain votes, and
//! counts each signature in its attestor's `votes_cast` as `attest` counts a vote.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::ed25519_program;
use anchor_lang::solana_program::sysvar::instructions::{load_current_index_checked, load_instruction_at_checked};

use crate::constants::{DISTRIBUTOR_SEED, EPOCH_SEED};
use crate::ed25519::{attestation_message, signers_of};
use crate::errors::PopError;
use crate::events::Attested;
use crate::state::{Attestation, Attestor, Distributor, Epoch};
use crate::utils::{begin_vote, propose};

/// Accounts of `propose_signed` (then one writable attestor account per signature, in order).
#[derive(Accounts)]
#[instruction(epoch_index: u64)]
pub struct ProposeSigned<'info> {
    /// The distributor.
    #[account(seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// Pays rent of the epoch when first seen (anyone may submit signed attestations).
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The epoch.
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + Epoch::INIT_SPACE,
        seeds = [EPOCH_SEED, distributor.key().as_ref(), &epoch_index.to_le_bytes()],
        bump
    )]
    pub epoch: Box<Account<'info, Epoch>>,
    /// The instructions sysvar (to read the ed25519 instruction).
    /// CHECK: the address is the instructions sysvar's.
    #[account(address = anchor_lang::solana_program::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Checks the signatures' message and signers and proposes the triple.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, ProposeSigned<'info>>,
    epoch_index: u64,
    round: u32,
    attestation: Attestation,
) -> Result<()> {
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

    let sysvar = ctx.accounts.instructions.to_account_info();
    let current = load_current_index_checked(&sysvar)?;
    let ed25519_index = current.checked_sub(1).ok_or(PopError::MissingEd25519Instruction)?;
    let ed25519_ix = load_instruction_at_checked(usize::from(ed25519_index), &sysvar)?;
    require_keys_eq!(ed25519_ix.program_id, ed25519_program::ID, PopError::MissingEd25519Instruction);
    let message = attestation_message(ctx.program_id, &distributor_key, epoch_index, round, &attestation);
    let signers = signers_of(&ed25519_ix.data, ed25519_index, &message)?;

    require!(ctx.remaining_accounts.len() == signers.len(), PopError::AttestorMismatch);
    let mut attestors = Vec::with_capacity(signers.len());
    for (i, (info, signer)) in ctx.remaining_accounts.iter().zip(&signers).enumerate() {
        let attestor = Account::<Attestor>::try_from(info)?;
        require!(
            attestor.distributor == distributor_key && attestor.key == *signer && !signers[..i].contains(signer),
            PopError::AttestorMismatch
        );
        require!(attestor.active, PopError::AttestorInactive);
        require!(info.is_writable, anchor_lang::error::ErrorCode::ConstraintMut);
        attestors.push(attestor);
    }
    let votes = u32::try_from(signers.len()).map_err(|_| PopError::MathOverflow)?;
    let quorum = ctx.accounts.distributor.quorum;
    require!(votes >= quorum, PopError::QuorumNotReached);

    for (i, signer) in signers.iter().enumerate() {
        emit!(Attested {
            distributor: distributor_key,
            epoch: epoch_index,
            round,
            attestor: *signer,
            root: attestation.root,
            total: attestation.total,
            leaf_count: attestation.leaf_count,
            votes: i as u32 + 1,
            quorum,
            timestamp: now,
        });
    }
    for attestor in &mut attestors {
        attestor.votes_cast = attestor.votes_cast.checked_add(1).ok_or(PopError::MathOverflow)?;
        attestor.exit(ctx.program_id)?;
    }
    propose(&ctx.accounts.distributor, &mut ctx.accounts.epoch, &attestation, votes, true, now)
}
