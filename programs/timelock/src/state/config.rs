//! The program's settings: admin (a multisig vault in production), guardian, pause bits.
use anchor_lang::prelude::*;

/// Operations the pause bits guard (below `psp_common::pause::HALT`).
pub mod pause {
    /// Creating locks.
    pub const CREATE: u8 = 1 << 0;
    /// Withdrawals cranked by third parties (the recipient's own withdrawal is an exit: only
    /// `HALT` stops it).
    pub const WITHDRAW: u8 = 1 << 1;
    /// Cancelling locks.
    pub const CANCEL: u8 = 1 << 2;
    /// Topping up locks.
    pub const TOP_UP: u8 = 1 << 3;
    /// Changing a lock's recipient.
    pub const TRANSFER: u8 = 1 << 4;
    /// Full halt: stops every value-moving operation including the recipient's withdrawals.
    pub const HALT: u8 = psp_common::pause::HALT;
    /// Every defined bit.
    pub const ALL: u8 = CREATE | WITHDRAW | CANCEL | TOP_UP | TRANSFER | HALT;
}

/// Program settings at `[CONFIG_SEED]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Config {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// Changes settings, unpauses, transfers admin (a psp-multisig vault in production).
    pub admin: Pubkey,
    /// Proposed next admin (two-step transfer), if any.
    pub pending_admin: Option<Pubkey>,
    /// May pause at once and veto high-value locks.
    pub guardian: Pubkey,
    /// Program-wide pause bits ([`pause`]).
    pub paused: u8,
    /// Locks created so far.
    pub lock_count: u64,
    /// Space for upgrades.
    pub reserved: [u8; 64],
}
