//! Proposals: text, the instructions the treasury executes, the vote and its outcome.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::AccountMeta;
use psp_staking::state::{voting_power, Pool, Position};

use super::RealmConfig;
use crate::constants::{MAX_LINK_LEN, MAX_TITLE_LEN};
use crate::errors::GovernanceError;

/// Where a proposal stands.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ProposalState {
    /// Being written: the proposer appends instructions, then starts the vote.
    Draft,
    /// Open for votes until `voting_ends_at` (or until it tips).
    Voting,
    /// Passed; executable after the hold-up, until the execution window ends.
    Succeeded,
    /// Did not reach the quorum or the approval share.
    Defeated,
    /// Vetoed by the council during the hold-up.
    Vetoed,
    /// Its instructions ran (once).
    Executed,
    /// Withdrawn by the proposer before the vote ended.
    Cancelled,
    /// Passed but not executed in time.
    Expired,
}

/// A vote's choice.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts toward the quorum only.
    Abstain,
}

/// Power cast per choice.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct Tally {
    /// Power voting yes.
    pub yes: u128,
    /// Power voting no.
    pub no: u128,
    /// Power abstaining.
    pub abstain: u128,
}

/// Proposal `index` of a realm, at `[PROPOSAL_SEED, realm, index]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Proposal {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// The realm.
    pub realm: Pubkey,
    /// Position in the realm's sequence.
    pub index: u64,
    /// Who wrote it (the owner of the proposing position).
    pub proposer: Pubkey,
    /// The position whose power qualified the proposer.
    pub proposer_position: Pubkey,
    /// Title.
    #[max_len(MAX_TITLE_LEN)]
    pub title: String,
    /// Link to the full description.
    #[max_len(MAX_LINK_LEN)]
    pub description_link: String,
    /// SHA-256 of the description document (so the link cannot change what was voted on).
    pub description_hash: [u8; 32],
    /// Lifecycle state.
    pub state: ProposalState,
    /// Creation time.
    pub created_at: i64,
    /// Vote start (positions created or grown at or after it cannot vote).
    pub voting_starts_at: i64,
    /// Vote end (positions must stay locked at least until then).
    pub voting_ends_at: i64,
    /// The realm's rules when the vote started.
    pub config: RealmConfig,
    /// The realm's settings version when the vote started.
    pub config_version: u32,
    /// The pool's total weight when the vote started (an upper bound of all eligible power).
    pub total_power: u128,
    /// Power that must take part: `ceil(total_power x quorum_bps / 10,000)`.
    pub quorum_power: u128,
    /// Power cast per choice.
    pub tally: Tally,
    /// Positions that voted.
    pub voters: u32,
    /// When the outcome was decided (end of vote, or tipping).
    pub decided_at: i64,
    /// Earliest execution (decided + hold-up).
    pub executable_at: i64,
    /// Latest execution (executable + execution window).
    pub expires_at: i64,
    /// When it was executed, vetoed, cancelled or expired.
    pub closed_at: i64,
    /// Number of instructions to execute.
    pub instruction_count: u16,
    /// SHA-256 of the serialized instructions, fixed when the vote starts.
    pub instructions_hash: [u8; 32],
    /// The pool's `min_voting_lockup` when the vote started: every vote is judged by it, so the
    /// pool's admin changing it mid-vote changes no position's eligibility.
    pub min_voting_lockup: i64,
    /// Space for upgrades.
    pub reserved: [u8; 24],
}

impl Proposal {
    /// Voting power of `position` (of the realm's `pool`) on this open vote at `now`: it must
    /// predate the vote and not have grown since it started, and gets psp-staking's
    /// `voting_power` for a lock lasting until the vote ends, under the pool's boost curve with
    /// the minimum committed lock copied when the vote started. The CLI uses it too.
    pub fn vote_power(&self, position: &Position, pool: &Pool, now: i64) -> std::result::Result<u128, GovernanceError> {
        if position.created_at >= self.voting_starts_at {
            return Err(GovernanceError::PositionTooNew);
        }
        if position.weight_increased_at >= self.voting_starts_at {
            return Err(GovernanceError::WeightChangedDuringVote);
        }
        let mut rules = Box::new(pool.clone());
        rules.min_voting_lockup = self.min_voting_lockup;
        match voting_power(position, &rules, now, self.voting_ends_at) {
            0 => Err(GovernanceError::NoVotingPower),
            power => Ok(power),
        }
    }

    /// Latest time a passed proposal can still execute: when the vote runs its full length
    /// (tipping decides earlier and expires earlier; `expires_at` holds the actual time once
    /// decided).
    pub fn latest_expiry(&self) -> Option<i64> {
        self.voting_ends_at.checked_add(self.config.hold_up)?.checked_add(self.config.execution_window)
    }
}

/// One account of a stored instruction.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct InstructionAccount {
    /// The account.
    pub pubkey: Pubkey,
    /// Whether it signs (only the treasury can, by the program's seeds).
    pub is_signer: bool,
    /// Whether it is written.
    pub is_writable: bool,
}

impl InstructionAccount {
    /// The meta an execution invokes with: only `treasury` ever signs; a signer flag stored on
    /// any other account (a list written before signers were checked) is dropped, so an
    /// executor's signature on the outer transaction is never passed on.
    pub fn meta(&self, treasury: &Pubkey) -> AccountMeta {
        AccountMeta {
            pubkey: self.pubkey,
            is_signer: self.is_signer && self.pubkey == *treasury,
            is_writable: self.is_writable,
        }
    }
}

/// An instruction the treasury executes when the proposal passes.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct ProposalInstruction {
    /// Program to call.
    pub program_id: Pubkey,
    /// Its accounts.
    pub accounts: Vec<InstructionAccount>,
    /// Its data.
    pub data: Vec<u8>,
}

/// The serialized instruction list of a proposal (`Vec<ProposalInstruction>`, borsh), at
/// `[INSTRUCTIONS_SEED, proposal]`; appended in chunks while the proposal is a draft, so a list
/// larger than one transaction can be written.
#[account]
#[derive(Debug)]
pub struct ProposalInstructions {
    /// Canonical bump.
    pub bump: u8,
    /// The proposal.
    pub proposal: Pubkey,
    /// Borsh bytes of `Vec<ProposalInstruction>`.
    pub data: Vec<u8>,
}

impl ProposalInstructions {
    /// Account size holding `len` bytes of instructions.
    pub fn space(len: usize) -> usize {
        8 + 1 + 32 + 4 + len
    }
}

/// A position's vote on a proposal, at `[VOTE_SEED, proposal, position]` (one per position;
/// voting again replaces it).
#[account]
#[derive(InitSpace, Debug)]
pub struct VoteRecord {
    /// Canonical bump.
    pub bump: u8,
    /// The proposal.
    pub proposal: Pubkey,
    /// The staking position.
    pub position: Pubkey,
    /// Its owner, who voted.
    pub voter: Pubkey,
    /// The current choice.
    pub choice: Choice,
    /// Power counted for it.
    pub power: u128,
    /// Last vote time.
    pub voted_at: i64,
}
