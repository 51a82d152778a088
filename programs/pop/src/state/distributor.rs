//! A distributor: reward mint and vault, attestor quorum, epoch clock, windows, receiver.
use anchor_lang::prelude::*;

use crate::constants::{MAX_PERIOD, MIN_EPOCH_LENGTH};
use crate::errors::PopError;

/// Operations the pause bits guard (below `psp_common::pause::HALT`).
pub mod pause {
    /// Attesting (voting for epoch roots).
    pub const ATTEST: u8 = 1 << 0;
    /// Finalizing proposed epochs (reserving their totals).
    pub const FINALIZE: u8 = 1 << 1;
    /// Claiming rewards.
    pub const CLAIM: u8 = 1 << 2;
    /// Sweeping unclaimed rewards and reclaiming unreserved funds.
    pub const SWEEP: u8 = 1 << 3;
    /// Full halt: every operation above, and funding.
    pub const HALT: u8 = psp_common::pause::HALT;
    /// Every defined bit.
    pub const ALL: u8 = ATTEST | FINALIZE | CLAIM | SWEEP | HALT;
}

/// A distributor at `[DISTRIBUTOR_SEED, create_key]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Distributor {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// Signed the creation; seeds the PDA.
    pub create_key: Pubkey,
    /// Changes settings, kinds and attestors (a psp-multisig vault in production).
    pub admin: Pubkey,
    /// Proposed next admin (two-step transfer).
    pub pending_admin: Option<Pubkey>,
    /// May pause at once and veto proposed roots during the challenge window.
    pub guardian: Pubkey,
    /// The reward mint.
    pub reward_mint: Pubkey,
    /// Its token program.
    pub reward_token_program: Pubkey,
    /// Vault of rewards (`[VAULT_SEED, distributor]`), owned by the distributor.
    pub vault: Pubkey,
    /// Canonical bump of the vault.
    pub vault_bump: u8,
    /// Start of epoch 0 (unix seconds); fixed at creation.
    pub genesis: i64,
    /// Length of every epoch (seconds); fixed at creation.
    pub epoch_length: i64,
    /// Time between a root reaching quorum and the earliest finalization (guardian veto window).
    pub challenge_window: i64,
    /// Time after finalization during which leaves can be claimed.
    pub claim_window: i64,
    /// Token account (of the reward mint) that receives sweeps and reclaimed funds; only the admin sets it.
    pub clawback_receiver: Pubkey,
    /// Most one epoch may distribute (a bound on a wrong or malicious root).
    pub max_epoch_total: u64,
    /// Agreeing attestor votes needed to propose a root.
    pub quorum: u32,
    /// Active attestors.
    pub attestor_count: u32,
    /// Bumped by every change of the attestor set or quorum; voting rounds of another
    /// generation are stale and restart.
    pub attestor_generation: u64,
    /// Kinds ever defined.
    pub kind_count: u32,
    /// Pause bits ([`pause`]).
    pub paused: u8,
    /// Finalized but not yet claimed or swept (the vault must always hold at least this).
    pub total_reserved: u64,
    /// Tokens ever funded through `fund`.
    pub total_funded: u64,
    /// Tokens ever claimed.
    pub total_claimed: u64,
    /// Tokens ever swept or reclaimed to the receiver.
    pub total_swept: u64,
    /// Epochs finalized.
    pub epochs_finalized: u64,
    /// Space for upgrades.
    pub reserved: [u8; 64],
}

/// Checks the windows of a distributor (epoch length only at creation).
pub fn validate_windows(challenge_window: i64, claim_window: i64) -> Result<()> {
    require!(
        (0..=MAX_PERIOD).contains(&challenge_window) && (1..=MAX_PERIOD).contains(&claim_window),
        PopError::InvalidConfig
    );
    Ok(())
}

/// Checks an epoch clock.
pub fn validate_epoch_clock(genesis: i64, epoch_length: i64) -> Result<()> {
    require!(genesis >= 0 && (MIN_EPOCH_LENGTH..=MAX_PERIOD).contains(&epoch_length), PopError::InvalidConfig);
    Ok(())
}

impl Distributor {
    /// End (exclusive) of epoch `epoch`: `genesis + (epoch + 1) * epoch_length`.
    pub fn epoch_end(&self, epoch: u64) -> Option<i64> {
        let index = i64::try_from(epoch).ok()?.checked_add(1)?;
        self.genesis.checked_add(index.checked_mul(self.epoch_length)?)
    }

    /// Fails when operation `op` is paused (or the distributor is halted).
    pub fn ensure_not_paused(&self, op: u8) -> Result<()> {
        require!(!psp_common::pause::blocks(self.paused, op), PopError::Paused);
        Ok(())
    }

    /// Tokens in a vault holding `vault_amount` that no finalized epoch has reserved.
    pub fn unreserved(&self, vault_amount: u64) -> u64 {
        vault_amount.saturating_sub(self.total_reserved)
    }

    /// Records a change of the attestor set or quorum.
    pub fn bump_generation(&mut self) -> Result<()> {
        self.attestor_generation = self.attestor_generation.checked_add(1).ok_or(PopError::MathOverflow)?;
        Ok(())
    }
}

impl Distributor {
    /// Checks a triple against the distributor's bounds: non-zero root, total in
    /// `1..=max_epoch_total`, leaf count in `1..=MAX_LEAVES`.
    pub fn check_attestation(&self, attestation: &crate::state::Attestation) -> Result<()> {
        require!(
            attestation.root != [0; 32]
                && (1..=self.max_epoch_total).contains(&attestation.total)
                && (1..=crate::constants::MAX_LEAVES).contains(&attestation.leaf_count),
            crate::errors::PopError::InvalidAttestation
        );
        Ok(())
    }

    /// Fails unless epoch `epoch` has ended at `now`.
    pub fn ensure_epoch_ended(&self, epoch: u64, now: i64) -> Result<()> {
        let end = self.epoch_end(epoch).ok_or(crate::errors::PopError::MathOverflow)?;
        require!(now >= end, crate::errors::PopError::EpochNotEnded);
        Ok(())
    }
}
