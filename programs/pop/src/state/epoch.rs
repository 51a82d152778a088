//! An epoch's lifecycle: voting rounds, the proposed root, finalization, claims, sweep.
use anchor_lang::prelude::*;

/// Where an epoch stands.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum EpochStatus {
    /// Attestors vote for (root, total, leaf count); no triple has quorum yet.
    Voting,
    /// A triple reached quorum; the guardian may veto until the challenge window ends.
    Proposed,
    /// Reserved from the vault; leaves are claimable until the claim deadline.
    Finalized,
    /// The unclaimed rest went to the clawback receiver; nothing more moves.
    Swept,
}

/// Epoch `index` of a distributor, at `[EPOCH_SEED, distributor, index]`. Created by its first vote.
#[account]
#[derive(InitSpace, Debug)]
pub struct Epoch {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// The distributor.
    pub distributor: Pubkey,
    /// Epoch number (part of every leaf hash).
    pub index: u64,
    /// Lifecycle state.
    pub status: EpochStatus,
    /// Voting round: a veto or a change of the attestor set starts a new one with fresh votes.
    pub round: u32,
    /// The distributor's attestor generation this round counts votes of.
    pub generation: u64,
    /// Vetoes so far.
    pub vetoes: u32,
    /// Proposed (then finalized) Merkle root; zero while voting.
    pub root: [u8; 32],
    /// Proposed total of all leaves.
    pub total: u64,
    /// Proposed number of leaves.
    pub leaf_count: u64,
    /// When the root reached quorum.
    pub proposed_at: i64,
    /// Earliest finalization (fixed at proposal, so later config changes cannot shorten it).
    pub challenge_ends_at: i64,
    /// When the epoch was finalized.
    pub finalized_at: i64,
    /// Claims are accepted before this time; sweeping after it.
    pub claim_deadline: i64,
    /// Tokens claimed so far (never above `total`).
    pub claimed_amount: u64,
    /// Leaves claimed so far.
    pub claimed_count: u64,
    /// Tokens swept to the receiver.
    pub swept_amount: u64,
    /// Claim bitmap chunks currently open.
    pub chunks_open: u32,
    /// Space for upgrades.
    pub reserved: [u8; 32],
}

impl Epoch {
    /// The round a vote cast now belongs to: the current one, or the next when the attestor
    /// set or quorum changed since the round started (its votes are stale).
    pub fn voting_round(&self, generation: u64) -> u32 {
        if self.generation == generation {
            self.round
        } else {
            self.round.saturating_add(1)
        }
    }

    /// Tokens reserved and not yet claimed.
    pub fn unclaimed(&self) -> u64 {
        self.total.saturating_sub(self.claimed_amount)
    }
}

/// The tally of one (root, total, leaf count) triple in one round, at
/// `[CANDIDATE_SEED, epoch, round, root, total, leaf_count]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Candidate {
    /// Canonical bump.
    pub bump: u8,
    /// The epoch.
    pub epoch: Pubkey,
    /// The round.
    pub round: u32,
    /// Proposed root.
    pub root: [u8; 32],
    /// Proposed total.
    pub total: u64,
    /// Proposed leaf count.
    pub leaf_count: u64,
    /// Votes so far.
    pub votes: u32,
}

/// One attestor's vote in one round, at `[VOTE_SEED, epoch, round, attestor key]`: its
/// existence is what stops a second vote.
#[account]
#[derive(InitSpace, Debug)]
pub struct Vote {
    /// Canonical bump.
    pub bump: u8,
    /// The epoch.
    pub epoch: Pubkey,
    /// The round.
    pub round: u32,
    /// The attestor's signing key.
    pub attestor: Pubkey,
    /// The candidate voted for.
    pub candidate: Pubkey,
    /// When.
    pub voted_at: i64,
}

/// A triple attestors vote for.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attestation {
    /// Merkle root over the epoch's leaves.
    pub root: [u8; 32],
    /// Sum of the leaves' amounts.
    pub total: u64,
    /// Number of leaves.
    pub leaf_count: u64,
}

impl Epoch {
    /// Starts voting on a new epoch account.
    pub fn open(&mut self, bump: u8, distributor: Pubkey, index: u64, generation: u64) {
        self.version = crate::constants::ACCOUNT_VERSION;
        self.bump = bump;
        self.distributor = distributor;
        self.index = index;
        self.status = EpochStatus::Voting;
        self.round = 0;
        self.generation = generation;
    }

    /// Moves to the round votes cast now belong to (a new one when the attestor set or quorum
    /// changed); returns whether it restarted.
    pub fn sync_round(&mut self, generation: u64) -> bool {
        let round = self.voting_round(generation);
        let restarted = round != self.round;
        self.round = round;
        self.generation = generation;
        restarted
    }

    /// Records `attestation` as proposed at `now`, vetoable until `now + challenge_window`.
    pub fn propose(&mut self, attestation: &Attestation, now: i64, challenge_window: i64) -> Option<()> {
        self.status = EpochStatus::Proposed;
        self.root = attestation.root;
        self.total = attestation.total;
        self.leaf_count = attestation.leaf_count;
        self.proposed_at = now;
        self.challenge_ends_at = now.checked_add(challenge_window)?;
        Some(())
    }

    /// Drops the proposal and opens a new round (after a veto).
    pub fn reopen(&mut self, generation: u64) -> Option<()> {
        self.status = EpochStatus::Voting;
        self.round = self.round.checked_add(1)?;
        self.generation = generation;
        self.vetoes = self.vetoes.checked_add(1)?;
        self.root = [0; 32];
        self.total = 0;
        self.leaf_count = 0;
        self.proposed_at = 0;
        self.challenge_ends_at = 0;
        Some(())
    }
}
