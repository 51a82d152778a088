//! A realm: one DAO's staking pool, council, treasury and voting rules.
use anchor_lang::prelude::*;

use crate::constants::{BPS, MAX_PERIOD, MIN_VOTING_PERIOD};
use crate::errors::GovernanceError;

/// Operations the pause bits guard (below `psp_common::pause::HALT`).
pub mod pause {
    /// Creating proposals and starting votes.
    pub const PROPOSE: u8 = 1 << 0;
    /// Casting votes.
    pub const VOTE: u8 = 1 << 1;
    /// Executing passed proposals.
    pub const EXECUTE: u8 = 1 << 2;
    /// Full halt.
    pub const HALT: u8 = psp_common::pause::HALT;
    /// Every defined bit.
    pub const ALL: u8 = PROPOSE | VOTE | EXECUTE | HALT;
}

/// The voting rules of a realm (snapshotted into each proposal when its vote starts).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct RealmConfig {
    /// Voting power a proposer's position must have to start a vote.
    pub min_power_to_propose: u128,
    /// Share of the pool's total weight at the vote's start that must take part (yes + no + abstain), in bps.
    pub quorum_bps: u16,
    /// Share of yes among yes + no needed to pass, in bps (above 50% is usual).
    pub approval_bps: u16,
    /// Length of a vote (seconds).
    pub voting_period: i64,
    /// Time between success and the earliest execution (the council's veto window).
    pub hold_up: i64,
    /// Time after the hold-up during which a passed proposal can be executed; then it expires.
    pub execution_window: i64,
    /// Whether a vote ends as soon as its outcome cannot change.
    pub tipping: bool,
}

impl RealmConfig {
    /// Checks the rules: quorum 1..=100%, approval 1..=100%, periods within bounds.
    pub fn validate(&self) -> Result<()> {
        require!(
            (1..=BPS).contains(&self.quorum_bps)
                && (1..=BPS).contains(&self.approval_bps)
                && (MIN_VOTING_PERIOD..=MAX_PERIOD).contains(&self.voting_period)
                && (0..=MAX_PERIOD).contains(&self.hold_up)
                && (1..=MAX_PERIOD).contains(&self.execution_window),
            GovernanceError::InvalidConfig
        );
        Ok(())
    }
}

/// A realm at `[REALM_SEED, create_key]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Realm {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// Signed the creation; seeds the PDA.
    pub create_key: Pubkey,
    /// The staking pool whose positions vote.
    pub pool: Pubkey,
    /// May veto passed proposals during the hold-up and set pause bits (a multisig vault).
    pub council: Pubkey,
    /// Signs executed proposals (`[TREASURY_SEED, realm]`); also the only signer that can change this realm.
    pub treasury: Pubkey,
    /// Canonical bump of the treasury.
    pub treasury_bump: u8,
    /// Voting rules.
    pub config: RealmConfig,
    /// Bumped by every settings change; proposals voted under older settings cannot execute.
    pub config_version: u32,
    /// Proposals ever created (the next index).
    pub proposal_count: u64,
    /// Pause bits ([`pause`]).
    pub paused: u8,
    /// Space for upgrades.
    pub reserved: [u8; 64],
}

impl Realm {
    /// Fails when operation `op` is paused (or the realm is halted).
    pub fn ensure_not_paused(&self, op: u8) -> Result<()> {
        require!(!psp_common::pause::blocks(self.paused, op), GovernanceError::Paused);
        Ok(())
    }
}
