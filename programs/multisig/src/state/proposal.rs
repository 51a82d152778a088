//! Proposals: the vote record and lifecycle of one config or vault transaction.
use anchor_lang::prelude::*;

use crate::errors::MultisigError;
use crate::state::bitmap;

/// Where a proposal is in its lifecycle. "Stale" is not stored: it is derived from the
/// multisig's `stale_transaction_index` (see [`crate::state::Multisig::is_stale`]).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalStatus {
    /// Open for votes since `timestamp`.
    Active { timestamp: i64 },
    /// Threshold reached at `timestamp`; executable after the time lock.
    Approved { timestamp: i64 },
    /// Enough rejections that the threshold can no longer be reached.
    Rejected { timestamp: i64 },
    /// Executed at `timestamp`.
    Executed { timestamp: i64 },
    /// Cancelled after approval by a threshold of cancel votes.
    Cancelled { timestamp: i64 },
}

/// A vote a member casts on a proposal.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vote {
    /// Approve an active proposal.
    Approve,
    /// Reject an active proposal.
    Reject,
    /// Cancel an approved, not yet executed proposal.
    Cancel,
}

/// The vote record of one transaction.
#[account]
#[derive(Debug)]
pub struct Proposal {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The multisig this proposal belongs to.
    pub multisig: Pubkey,
    /// Index of the transaction this proposal decides.
    pub transaction_index: u64,
    /// Lifecycle state.
    pub status: ProposalStatus,
    /// `config_generation` of the multisig when the cancel bitmap was started: member indexes
    /// may shift on any config change, so cancel votes restart when the generation moves.
    pub cancel_generation: u64,
    /// Space for future fields.
    pub reserved: [u8; 16],
    /// Approvals, one bit per member index.
    pub approved: Vec<u8>,
    /// Rejections, one bit per member index.
    pub rejected: Vec<u8>,
    /// Cancel votes, one bit per member index.
    pub cancelled: Vec<u8>,
}

impl Proposal {
    /// Account size (with discriminator) for a multisig of `members` members.
    pub fn size(members: usize) -> usize {
        8 + 1 + 1 + 32 + 8 + (1 + 8) + 8 + 16 + 3 * (4 + bitmap::byte_len(members))
    }

    /// Current serialized size (with discriminator); bitmaps may have grown since creation.
    pub fn serialized_size(&self) -> usize {
        8 + 1 + 1 + 32 + 8 + (1 + 8) + 8 + 16 + 3 * 4 + self.approved.len() + self.rejected.len() + self.cancelled.len()
    }

    /// Number of approvals.
    pub fn approvals(&self) -> usize {
        bitmap::count(&self.approved)
    }

    /// Number of rejections.
    pub fn rejections(&self) -> usize {
        bitmap::count(&self.rejected)
    }

    /// Number of cancel votes.
    pub fn cancellations(&self) -> usize {
        bitmap::count(&self.cancelled)
    }

    /// Records an approval or rejection of an active proposal by the member at `member`
    /// and moves the status on when the threshold or the rejection cutoff is reached. A member
    /// may switch sides; voting the same way twice fails.
    pub fn vote_on_active(
        &mut self,
        member: usize,
        vote: Vote,
        threshold: usize,
        rejection_cutoff: usize,
        now: i64,
    ) -> Result<()> {
        require!(matches!(self.status, ProposalStatus::Active { .. }), MultisigError::InvalidProposalStatus);
        let (add, remove) = match vote {
            Vote::Approve => (&mut self.approved, &mut self.rejected),
            Vote::Reject => (&mut self.rejected, &mut self.approved),
            Vote::Cancel => return err!(MultisigError::InvalidProposalStatus),
        };
        require!(bitmap::set(add, member), MultisigError::AlreadyVoted);
        bitmap::clear(remove, member);
        if self.approvals() >= threshold {
            self.status = ProposalStatus::Approved { timestamp: now };
        } else if self.rejections() >= rejection_cutoff {
            self.status = ProposalStatus::Rejected { timestamp: now };
        }
        Ok(())
    }

    /// Cancel votes that still count under the multisig's current `config_generation`.
    pub fn live_cancellations(&self, config_generation: u64) -> usize {
        if self.cancel_generation == config_generation {
            self.cancellations()
        } else {
            0
        }
    }

    /// Records a cancel vote on an approved proposal. `generation` is the multisig's current
    /// `config_generation`: cancel votes cast before a config change used member indexes that
    /// may have shifted (or belong to removed members), so they are reset.
    pub fn vote_cancel(&mut self, member: usize, threshold: usize, generation: u64, now: i64) -> Result<()> {
        require!(matches!(self.status, ProposalStatus::Approved { .. }), MultisigError::InvalidProposalStatus);
        if self.cancel_generation != generation {
            self.cancelled.iter_mut().for_each(|b| *b = 0);
            self.cancel_generation = generation;
        }
        require!(bitmap::set(&mut self.cancelled, member), MultisigError::AlreadyVoted);
        if self.cancellations() >= threshold {
            self.status = ProposalStatus::Cancelled { timestamp: now };
        }
        Ok(())
    }

    /// Fails unless the proposal is approved and its time lock has elapsed at `now`.
    pub fn require_executable(&self, time_lock: u32, now: i64) -> Result<()> {
        let ProposalStatus::Approved { timestamp } = self.status else {
            return err!(MultisigError::InvalidProposalStatus);
        };
        let release = timestamp.checked_add(time_lock as i64).ok_or(MultisigError::Overflow)?;
        require!(now >= release, MultisigError::TimeLockNotReleased);
        Ok(())
    }

    /// Whether the proposal and its transaction may be closed: final, or stale and never
    /// executable again. Approved vault transactions stay executable when stale; approved
    /// config transactions do not (they were written against older settings).
    pub fn is_closable(&self, stale: bool, is_config: bool) -> bool {
        match self.status {
            ProposalStatus::Active { .. } => stale,
            ProposalStatus::Approved { .. } => stale && is_config,
            _ => true,
        }
    }

    /// Whether the proposal has reached a final state.
    pub fn is_final(&self) -> bool {
        matches!(
            self.status,
            ProposalStatus::Executed { .. } | ProposalStatus::Rejected { .. } | ProposalStatus::Cancelled { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(members: usize) -> Proposal {
        let n = bitmap::byte_len(members);
        Proposal {
            version: 1,
            bump: 255,
            multisig: Pubkey::new_unique(),
            transaction_index: 1,
            status: ProposalStatus::Active { timestamp: 0 },
            cancel_generation: 0,
            reserved: [0; 16],
            approved: vec![0; n],
            rejected: vec![0; n],
            cancelled: vec![0; n],
        }
    }

    #[test]
    fn approve_reaches_threshold() {
        let mut p = proposal(3);
        p.vote_on_active(0, Vote::Approve, 2, 2, 10).unwrap();
        assert!(p.vote_on_active(0, Vote::Approve, 2, 2, 10).is_err(), "double vote");
        assert_eq!(p.status, ProposalStatus::Active { timestamp: 0 });
        p.vote_on_active(2, Vote::Approve, 2, 2, 11).unwrap();
        assert_eq!(p.status, ProposalStatus::Approved { timestamp: 11 });
        assert!(p.vote_on_active(1, Vote::Approve, 2, 2, 12).is_err(), "closed for votes");
    }

    #[test]
    fn rejection_cutoff_and_switching_sides() {
        // 3 voters, threshold 2: two rejections make approval impossible.
        let mut p = proposal(3);
        p.vote_on_active(0, Vote::Reject, 2, 2, 1).unwrap();
        p.vote_on_active(0, Vote::Approve, 2, 2, 2).unwrap();
        assert_eq!((p.approvals(), p.rejections()), (1, 0), "switch moves the vote");
        p.vote_on_active(1, Vote::Reject, 2, 2, 3).unwrap();
        p.vote_on_active(2, Vote::Reject, 2, 2, 4).unwrap();
        assert_eq!(p.status, ProposalStatus::Rejected { timestamp: 4 });
    }

    #[test]
    fn cancel_after_approval_resets_on_config_change() {
        let mut p = proposal(3);
        assert!(p.vote_cancel(0, 2, 0, 1).is_err(), "only approved proposals can be cancelled");
        p.status = ProposalStatus::Approved { timestamp: 1 };
        p.vote_cancel(0, 2, 0, 2).unwrap();
        // A config change moved the generation: the old vote (old indexes) no longer counts.
        assert_eq!(p.live_cancellations(1), 0);
        p.vote_cancel(1, 2, 1, 3).unwrap();
        assert_eq!(p.cancellations(), 1);
        p.vote_cancel(0, 2, 1, 4).unwrap();
        assert_eq!(p.status, ProposalStatus::Cancelled { timestamp: 4 });
    }

    #[test]
    fn time_lock_boundary() {
        let mut p = proposal(1);
        p.status = ProposalStatus::Approved { timestamp: 100 };
        assert!(p.require_executable(60, 159).is_err());
        assert!(p.require_executable(60, 160).is_ok());
        assert!(p.require_executable(0, 100).is_ok());
    }

    #[test]
    fn closable_states() {
        let mut p = proposal(1);
        assert!(!p.is_closable(false, true));
        assert!(p.is_closable(true, false), "stale active");
        p.status = ProposalStatus::Approved { timestamp: 1 };
        assert!(!p.is_closable(true, false), "stale approved vault tx can still execute");
        assert!(p.is_closable(true, true), "stale approved config tx cannot");
        p.status = ProposalStatus::Executed { timestamp: 2 };
        assert!(p.is_closable(false, false));
    }

    #[test]
    fn size_matches_serialization() {
        let mut p = proposal(256);
        assert_eq!(p.try_to_vec().unwrap().len() + 8, Proposal::size(256));
        bitmap::set(&mut p.cancelled, 300);
        assert_eq!(p.try_to_vec().unwrap().len() + 8, p.serialized_size());
    }
}
