//! A lock: tokens escrowed for a recipient under a schedule and fixed policies.
use anchor_lang::prelude::*;

use super::{FreshCredit, Schedule};
use crate::errors::TimelockError;

/// Who may perform a lock operation (cancel, change the recipient).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyPolicy {
    /// Nobody: the lock is irrevocable in this respect.
    Nobody,
    /// Only the sender.
    Sender,
    /// Only the recipient.
    Recipient,
    /// Either the sender or the recipient.
    Either,
}

impl PartyPolicy {
    /// Whether `signer` may act on a lock with this `sender` and `recipient`.
    pub fn allows(&self, signer: &Pubkey, sender: &Pubkey, recipient: &Pubkey) -> bool {
        match self {
            PartyPolicy::Nobody => false,
            PartyPolicy::Sender => signer == sender,
            PartyPolicy::Recipient => signer == recipient,
            PartyPolicy::Either => signer == sender || signer == recipient,
        }
    }
}

/// Life stage of a lock.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockStatus {
    /// Releasing per its schedule.
    Active,
    /// Cancelled: vested part paid to the recipient, the rest refunded to the sender.
    Cancelled,
    /// Vetoed by the guardian during its high-value delay: everything refunded to the sender.
    Vetoed,
}

/// Policies fixed at creation.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockPolicies {
    /// Who may cancel.
    pub cancel: PartyPolicy,
    /// Who may change the recipient.
    pub change_recipient: PartyPolicy,
    /// Whether anyone may add tokens.
    pub top_up: bool,
    /// Whether anyone may crank a withdrawal to the recipient's own token account.
    pub crank: bool,
}

/// A lock account at `[LOCK_SEED, sender, id]`. Fixed-size fields come first so that
/// `sender` and `recipient` sit at fixed offsets for `getProgramAccounts` filters.
#[account]
#[derive(Debug)]
pub struct Lock {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Canonical bump of the escrow token account.
    pub escrow_bump: u8,
    /// Who funded the lock (receives refunds and rent).
    pub sender: Pubkey,
    /// Who receives vested tokens.
    pub recipient: Pubkey,
    /// Sender-chosen id; with `sender` it seeds the PDA.
    pub id: u64,
    /// Escrowed mint.
    pub mint: Pubkey,
    /// Token program of the mint (SPL Token or Token-2022).
    pub token_program: Pubkey,
    /// Escrow token account (`[ESCROW_SEED, lock]`, owned by this lock).
    pub escrow: Pubkey,
    /// Everything deposited (initial amount plus top-ups).
    pub total: u64,
    /// Paid to recipients so far.
    pub withdrawn: u64,
    /// Returned to the sender (cancel or veto).
    pub refunded: u64,
    /// Creation time.
    pub created_at: i64,
    /// Time of cancel or veto (0 while active).
    pub ended_at: i64,
    /// Life stage.
    pub status: LockStatus,
    /// Policies fixed at creation.
    pub policies: LockPolicies,
    /// Whether the lock is at or above its mint's high-value threshold.
    pub high_value: bool,
    /// End of the guardian's veto period (0 when not high-value).
    pub veto_deadline: i64,
    /// Credit of the lock's deposits of the last outflow window: payouts spend it first, and
    /// only the rest counts against the mint's outflow cap ([`FreshCredit`]). Zero in locks
    /// written before it existed (the bytes were reserved), which is the conservative value.
    pub fresh_credit: FreshCredit,
    /// Space for upgrades.
    pub reserved: [u8; 16],
    /// Release schedule.
    pub schedule: Schedule,
}

/// Offset of `sender` in the account data (after the 8-byte discriminator).
pub const LOCK_SENDER_OFFSET: usize = 8 + 3;
/// Offset of `recipient` in the account data.
pub const LOCK_RECIPIENT_OFFSET: usize = LOCK_SENDER_OFFSET + 32;
/// Fixed part of the account: discriminator through `reserved` (`fresh_credit` is 16 bytes).
pub const LOCK_FIXED_LEN: usize = 8 + 3 + 32 + 32 + 8 + 32 * 3 + 8 * 5 + 1 + 4 + 1 + 8 + 16 + 16;

/// Serialized size of a `Schedule::Linear`, the floor of the schedule field's space: `init`
/// deserializes the zero-filled account, whose schedule then reads as a `Linear` (variant 0).
const MIN_SCHEDULE_LEN: usize = 1 + 8 * 5;

impl Lock {
    /// Account size for `schedule` (short step schedules get the room a `Linear` needs).
    pub fn space(schedule: &Schedule) -> usize {
        LOCK_FIXED_LEN + schedule.serialized_len().max(MIN_SCHEDULE_LEN)
    }

    /// Vested at `now`.
    pub fn vested(&self, now: i64) -> u64 {
        self.schedule.vested(self.total, now)
    }

    /// What the recipient may withdraw at `now`.
    pub fn available(&self, now: i64) -> u64 {
        match self.status {
            LockStatus::Active => self.vested(now).saturating_sub(self.withdrawn),
            _ => 0,
        }
    }

    /// Tokens still in escrow by the books.
    pub fn remaining(&self) -> u64 {
        self.total.saturating_sub(self.withdrawn).saturating_sub(self.refunded)
    }

    /// Books a withdrawal of `amount` (or everything available when `None`); returns the amount.
    pub fn book_withdrawal(&mut self, amount: Option<u64>, now: i64) -> Result<u64> {
        require!(self.status == LockStatus::Active, TimelockError::LockNotActive);
        let available = self.available(now);
        let amount = amount.unwrap_or(available);
        require!(available > 0, TimelockError::NothingToWithdraw);
        require!(amount > 0, TimelockError::ZeroAmount);
        require!(amount <= available, TimelockError::AmountExceedsAvailable);
        self.withdrawn = self.withdrawn.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
        Ok(amount)
    }

    /// Books a cancel at `now`: returns (paid to recipient, refunded to sender).
    pub fn book_cancel(&mut self, now: i64) -> Result<(u64, u64)> {
        require!(self.status == LockStatus::Active, TimelockError::LockNotActive);
        let vested = self.vested(now);
        let to_recipient = vested.checked_sub(self.withdrawn).ok_or(TimelockError::MathOverflow)?;
        let to_sender = self.total.checked_sub(vested).ok_or(TimelockError::MathOverflow)?;
        self.withdrawn = vested;
        self.refunded = to_sender;
        self.status = LockStatus::Cancelled;
        self.ended_at = now;
        Ok((to_recipient, to_sender))
    }

    /// Books a veto at `now`: everything not withdrawn goes back; returns the refund.
    pub fn book_veto(&mut self, now: i64) -> Result<u64> {
        require!(self.status == LockStatus::Active, TimelockError::LockNotActive);
        require!(self.high_value, TimelockError::NotVetoable);
        require!(now < self.veto_deadline, TimelockError::VetoPeriodOver);
        let refund = self.total.checked_sub(self.withdrawn).ok_or(TimelockError::MathOverflow)?;
        self.refunded = refund;
        self.status = LockStatus::Vetoed;
        self.ended_at = now;
        Ok(refund)
    }

    /// Whether the lock's life has ended (nothing left in escrow by the books).
    pub fn is_finished(&self) -> bool {
        self.remaining() == 0
    }
}
