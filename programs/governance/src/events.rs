//! Events: one per state change, with old and new values and the tallies the indexer needs for
//! governance turnout. All are emitted with `emit_cpi!` (inner instructions), so they survive
//! log truncation: an execution's own CPIs log first and `ProposalExecuted` comes last.
use anchor_lang::prelude::*;

use crate::state::{Choice, ProposalState, RealmConfig, Tally};

/// A realm was created.
#[event]
#[derive(Debug)]
pub struct RealmCreated {
    pub realm: Pubkey,
    /// Seeds the realm's address.
    pub create_key: Pubkey,
    pub pool: Pubkey,
    pub council: Pubkey,
    pub treasury: Pubkey,
    pub config: RealmConfig,
    pub timestamp: i64,
}

/// The realm's settings changed (by its own proposal).
#[event]
#[derive(Debug)]
pub struct RealmConfigChanged {
    pub realm: Pubkey,
    pub old_council: Pubkey,
    pub new_council: Pubkey,
    pub old_config: RealmConfig,
    pub new_config: RealmConfig,
    /// The new settings version (proposals voted under older ones are stale).
    pub config_version: u32,
    pub timestamp: i64,
}

/// Pause bits changed.
#[event]
#[derive(Debug)]
pub struct PauseChanged {
    pub realm: Pubkey,
    pub authority: Pubkey,
    pub old_flags: u8,
    pub new_flags: u8,
    pub timestamp: i64,
}

/// A proposal was drafted.
#[event]
#[derive(Debug)]
pub struct ProposalCreated {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub index: u64,
    pub proposer: Pubkey,
    pub title: String,
    pub description_link: String,
    pub description_hash: [u8; 32],
    pub timestamp: i64,
}

/// Instructions were appended to a draft.
#[event]
#[derive(Debug)]
pub struct InstructionsAppended {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub appended_bytes: u32,
    pub total_bytes: u32,
    pub timestamp: i64,
}

/// A vote started (at `timestamp`, with the snapshot it is judged by).
#[event]
#[derive(Debug)]
pub struct VotingStarted {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub proposer: Pubkey,
    /// The position whose power qualified the proposer, and that power.
    pub proposer_position: Pubkey,
    pub proposer_power: u128,
    pub voting_ends_at: i64,
    /// Latest time the proposal could execute if it passes (vote of full length + hold-up +
    /// execution window); `ProposalDecided` carries the actual one.
    pub expires_at: i64,
    /// The realm's rules the vote is judged by, and their version.
    pub config: RealmConfig,
    pub config_version: u32,
    pub total_power: u128,
    pub quorum_power: u128,
    /// The pool's minimum committed lock for voting, fixed for this vote.
    pub min_voting_lockup: i64,
    pub instruction_count: u16,
    pub instructions_hash: [u8; 32],
    pub timestamp: i64,
}

/// A position voted (or changed its vote); the tally after it.
#[event]
#[derive(Debug)]
pub struct VoteCast {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub position: Pubkey,
    pub voter: Pubkey,
    pub choice: Choice,
    pub power: u128,
    /// The replaced choice when the position had voted before.
    pub previous_choice: Option<Choice>,
    /// The replaced power (0 for a first vote).
    pub previous_power: u128,
    pub tally: Tally,
    pub voters: u32,
    pub timestamp: i64,
}

/// The outcome was decided (end of vote or tipping).
#[event]
#[derive(Debug)]
pub struct ProposalDecided {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub state: ProposalState,
    pub tipped: bool,
    pub tally: Tally,
    pub quorum_power: u128,
    pub total_power: u128,
    pub voters: u32,
    /// Earliest and latest execution (both 0 when defeated).
    pub executable_at: i64,
    pub expires_at: i64,
    pub timestamp: i64,
}

/// A proposal was cancelled, vetoed or expired (`authority` is the default key for an expiry).
#[event]
#[derive(Debug)]
pub struct ProposalClosed {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    /// Draft or Voting (cancelled), Succeeded (vetoed or expired).
    pub previous_state: ProposalState,
    pub state: ProposalState,
    pub authority: Pubkey,
    pub timestamp: i64,
}

/// A passed proposal's instructions ran.
#[event]
#[derive(Debug)]
pub struct ProposalExecuted {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub executor: Pubkey,
    pub instruction_count: u16,
    pub timestamp: i64,
}
