//! Events: one per state change, with the tallies the indexer needs for governance turnout.
use anchor_lang::prelude::*;

use crate::state::{Choice, ProposalState, RealmConfig, Tally};

/// A realm was created.
#[event]
#[derive(Debug)]
pub struct RealmCreated {
    pub realm: Pubkey,
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
    pub council: Pubkey,
    pub config: RealmConfig,
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
    pub proposal: Pubkey,
    pub appended_bytes: u32,
    pub total_bytes: u32,
    pub timestamp: i64,
}

/// A vote started (with the snapshot it is judged by).
#[event]
#[derive(Debug)]
pub struct VotingStarted {
    pub realm: Pubkey,
    pub proposal: Pubkey,
    pub voting_ends_at: i64,
    pub total_power: u128,
    pub quorum_power: u128,
    pub approval_bps: u16,
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
    pub executable_at: i64,
    pub timestamp: i64,
}

/// A proposal was cancelled, vetoed or expired.
#[event]
#[derive(Debug)]
pub struct ProposalClosed {
    pub realm: Pubkey,
    pub proposal: Pubkey,
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
