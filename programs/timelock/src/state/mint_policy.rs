//! Per-mint protection: high-value threshold and delay, outflow circuit breaker, pause bits.
use anchor_lang::prelude::*;
use psp_common::outflow::OutflowWindow;

/// Protection settings and outflow accounting for one mint at `[MINT_POLICY_SEED, mint]`.
/// Created with defaults (no threshold, no cap) by the first lock of a mint, or by the admin.
#[account]
#[derive(InitSpace, Debug)]
pub struct MintPolicy {
    /// Layout version.
    pub version: u8,
    /// Canonical bump.
    pub bump: u8,
    /// The mint.
    pub mint: Pubkey,
    /// Locks of at least this many base units are high-value (0 = off).
    pub high_value_threshold: u64,
    /// High-value locks release nothing for this many seconds after creation, during which
    /// the guardian may veto them.
    pub min_delay: i64,
    /// Pause bits for this mint only (same bits as the config's).
    pub paused: u8,
    /// Rolling-window cap on all outflows of this mint from the program.
    pub outflow: OutflowWindow,
    /// Total ever locked (deposits and top-ups).
    pub total_locked: u64,
    /// Total ever paid to recipients.
    pub total_withdrawn: u64,
    /// Total ever refunded to senders.
    pub total_refunded: u64,
    /// Space for upgrades.
    pub reserved: [u8; 64],
}

impl MintPolicy {
    /// Fills in a freshly created policy (no threshold, no cap); no-op when already set up.
    pub fn ensure_initialized(&mut self, mint: Pubkey, bump: u8) {
        if self.version == 0 {
            self.version = crate::constants::ACCOUNT_VERSION;
            self.bump = bump;
            self.mint = mint;
        }
    }

    /// Whether a lock of `total` base units is high-value.
    pub fn is_high_value(&self, total: u64) -> bool {
        self.high_value_threshold > 0 && total >= self.high_value_threshold
    }
}
