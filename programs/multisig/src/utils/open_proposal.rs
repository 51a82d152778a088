//! Opens the proposal of a new transaction and records the creator's approval: create,
//! propose and first approval take one instruction (Squads v4 needs three).
use anchor_lang::prelude::*;

use crate::constants::ACCOUNT_VERSION;
use crate::errors::MultisigError;
use crate::events::ProposalVoted;
use crate::state::{bitmap, permission, Multisig, Proposal, ProposalStatus, Vote};
use crate::utils::status_code;

/// Reserves the next transaction index of `multisig` and returns it.
pub fn next_transaction_index(multisig: &mut Multisig) -> Result<u64> {
    let index = multisig.transaction_index.checked_add(1).ok_or(MultisigError::Overflow)?;
    multisig.transaction_index = index;
    Ok(index)
}

/// Fills a freshly created proposal and, when the creator may vote, records its approval
/// (which may already reach the threshold).
pub fn open_proposal(
    proposal: &mut Proposal,
    multisig: &Multisig,
    multisig_key: Pubkey,
    transaction_index: u64,
    bump: u8,
    creator_index: usize,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bitmap_len = bitmap::byte_len(multisig.members.len());
    *proposal = Proposal {
        version: ACCOUNT_VERSION,
        bump,
        multisig: multisig_key,
        transaction_index,
        status: ProposalStatus::Active { timestamp: now },
        cancel_generation: multisig.config_generation,
        reserved: [0; 16],
        approved: vec![0; bitmap_len],
        rejected: vec![0; bitmap_len],
        cancelled: vec![0; bitmap_len],
    };
    let creator = multisig.members[creator_index];
    if creator.has(permission::VOTE) {
        proposal.vote_on_active(
            creator_index,
            Vote::Approve,
            multisig.threshold as usize,
            multisig.rejection_cutoff(),
            now,
        )?;
        emit_vote(proposal, multisig, multisig_key, creator.key, Vote::Approve, None, now);
    }
    Ok(())
}

/// Emits the [`ProposalVoted`] event for the proposal's current tallies.
pub fn emit_vote(
    proposal: &Proposal,
    multisig: &Multisig,
    multisig_key: Pubkey,
    member: Pubkey,
    vote: Vote,
    memo: Option<String>,
    now: i64,
) {
    emit!(ProposalVoted {
        multisig: multisig_key,
        transaction_index: proposal.transaction_index,
        member,
        vote,
        approvals: proposal.approvals() as u16,
        rejections: proposal.rejections() as u16,
        cancellations: proposal.cancellations() as u16,
        threshold: multisig.threshold,
        status: status_code(&proposal.status),
        memo,
        timestamp: now,
    });
}

/// Records `member`'s approval or rejection of an active, non-stale proposal.
pub fn cast_vote(
    proposal: &mut Proposal,
    multisig: &Multisig,
    multisig_key: Pubkey,
    member: &Pubkey,
    vote: Vote,
    memo: Option<String>,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let index = multisig.authorized_member(member, permission::VOTE)?;
    match vote {
        Vote::Approve | Vote::Reject => {
            require!(!multisig.is_stale(proposal.transaction_index), MultisigError::StaleProposal);
            proposal.vote_on_active(index, vote, multisig.threshold as usize, multisig.rejection_cutoff(), now)?;
        }
        Vote::Cancel => {
            proposal.vote_cancel(index, multisig.threshold as usize, multisig.config_generation, now)?;
        }
    }
    emit_vote(proposal, multisig, multisig_key, *member, vote, memo, now);
    Ok(())
}
