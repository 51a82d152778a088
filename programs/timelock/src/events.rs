//! Events: one per state change, with what the indexer needs to draw unlock schedules and
//! compute flows. Value-moving events use `emit_cpi!` (inner instructions survive log truncation).
use anchor_lang::prelude::*;

use crate::state::{LockPolicies, Schedule};

/// The config was created.
#[event]
#[derive(Debug)]
pub struct ConfigInitialized {
    pub config: Pubkey,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub timestamp: i64,
}

/// The admin proposed a new admin, or accepted as one.
#[event]
#[derive(Debug)]
pub struct AdminChanged {
    pub old_admin: Pubkey,
    /// The proposed admin (while pending) or the new admin (when accepted).
    pub new_admin: Pubkey,
    /// Whether the transfer completed (false: only proposed).
    pub accepted: bool,
    pub timestamp: i64,
}

/// The guardian changed.
#[event]
#[derive(Debug)]
pub struct GuardianChanged {
    pub old_guardian: Pubkey,
    pub new_guardian: Pubkey,
    pub timestamp: i64,
}

/// Pause bits changed, program-wide (`mint` = None) or for one mint.
#[event]
#[derive(Debug)]
pub struct PauseChanged {
    pub mint: Option<Pubkey>,
    pub authority: Pubkey,
    pub old_flags: u8,
    pub new_flags: u8,
    pub timestamp: i64,
}

/// A mint's protection settings changed (old and new values).
#[event]
#[derive(Debug)]
pub struct MintPolicyChanged {
    pub mint: Pubkey,
    pub old_high_value_threshold: u64,
    pub new_high_value_threshold: u64,
    pub old_min_delay: i64,
    pub new_min_delay: i64,
    pub old_outflow_cap: u64,
    pub new_outflow_cap: u64,
    pub old_window_seconds: u32,
    pub new_window_seconds: u32,
    pub timestamp: i64,
}

/// A lock was created and funded.
#[event]
#[derive(Debug)]
pub struct LockCreated {
    pub lock: Pubkey,
    pub id: u64,
    pub sender: Pubkey,
    pub recipient: Pubkey,
    pub mint: Pubkey,
    /// Escrowed; also the lock's fresh credit from `timestamp` (it may leave uncounted by the
    /// outflow cap for one window of the mint's policy).
    pub amount: u64,
    pub schedule: Schedule,
    pub policies: LockPolicies,
    pub high_value: bool,
    pub veto_deadline: i64,
    pub timestamp: i64,
}

/// Tokens were paid out to the recipient.
#[event]
#[derive(Debug)]
pub struct TokensWithdrawn {
    pub lock: Pubkey,
    pub mint: Pubkey,
    pub recipient: Pubkey,
    pub destination: Pubkey,
    /// The signer (the recipient, or a third party cranking).
    pub authority: Pubkey,
    pub amount: u64,
    /// Withdrawn so far, after this one.
    pub withdrawn: u64,
    /// Vested at this time.
    pub vested: u64,
    pub total: u64,
    /// Part of `amount` paid from the lock's fresh credit (its own deposits of the last
    /// window): not counted against the outflow cap.
    pub fresh_credit_used: u64,
    /// Fresh credit the lock has left.
    pub fresh_credit_left: u64,
    /// Outflow of this mint counted in the current window, after this one (it grew by
    /// `amount - fresh_credit_used`).
    pub window_outflow: u64,
    pub timestamp: i64,
}

/// A lock was cancelled: vested part paid, the rest refunded.
#[event]
#[derive(Debug)]
pub struct LockCancelled {
    pub lock: Pubkey,
    pub mint: Pubkey,
    pub cancelled_by: Pubkey,
    pub paid_to_recipient: u64,
    pub refunded_to_sender: u64,
    /// Withdrawn in total, including the final payment.
    pub withdrawn: u64,
    pub total: u64,
    /// Part of the payout and refund paid from the lock's fresh credit (its own deposits of
    /// the last window): not counted against the outflow cap.
    pub fresh_credit_used: u64,
    /// Outflow of this mint counted in the current window, after this cancel (it grew by
    /// `paid_to_recipient + refunded_to_sender - fresh_credit_used`).
    pub window_outflow: u64,
    pub timestamp: i64,
}

/// The guardian vetoed a high-value lock during its delay; everything went back to the sender.
#[event]
#[derive(Debug)]
pub struct LockVetoed {
    pub lock: Pubkey,
    pub mint: Pubkey,
    pub guardian: Pubkey,
    pub refunded_to_sender: u64,
    pub reason: String,
    pub timestamp: i64,
}

/// A lock's recipient changed.
#[event]
#[derive(Debug)]
pub struct RecipientChanged {
    pub lock: Pubkey,
    pub old_recipient: Pubkey,
    pub new_recipient: Pubkey,
    pub authority: Pubkey,
    pub timestamp: i64,
}

/// Tokens were added to a lock.
#[event]
#[derive(Debug)]
pub struct LockToppedUp {
    pub lock: Pubkey,
    pub mint: Pubkey,
    pub funder: Pubkey,
    pub amount: u64,
    pub total: u64,
    pub schedule: Schedule,
    pub high_value: bool,
    pub veto_deadline: i64,
    /// The lock's fresh credit after this deposit: what may leave it without counting against
    /// the outflow cap until `fresh_credit_since` plus the mint's window.
    pub fresh_credit: u64,
    /// Time of the oldest deposit in `fresh_credit` (a top-up never extends older credit).
    pub fresh_credit_since: i64,
    pub timestamp: i64,
}

/// A finished lock and its escrow were closed; tokens sent to the escrow outside the books were
/// swept to the sender's token account, and the rent went to the sender.
#[event]
#[derive(Debug)]
pub struct LockClosed {
    pub lock: Pubkey,
    pub mint: Pubkey,
    pub closed_by: Pubkey,
    /// Stray tokens swept out of the escrow (outside the books: not counted against the
    /// outflow cap).
    pub swept: u64,
    /// The sender's token account that received them (`None` when nothing was swept).
    pub swept_to: Option<Pubkey>,
    pub rent_receiver: Pubkey,
    /// Lamports of the lock and escrow accounts returned to `rent_receiver`.
    pub rent_returned: u64,
    pub timestamp: i64,
}

/// The circuit breaker refused an outflow. Logged by the failing transaction (its logs are kept
/// on chain), so the indexer can raise an alert.
#[event]
#[derive(Debug)]
pub struct OutflowCapReached {
    pub mint: Pubkey,
    pub lock: Pubkey,
    /// The part of the payout that would have counted (the lock's fresh credit paid the rest).
    pub attempted: u64,
    pub window_outflow: u64,
    pub cap: u64,
    pub window_seconds: u32,
    pub timestamp: i64,
}
