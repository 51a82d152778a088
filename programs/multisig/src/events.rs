//! Events: every state change emits one, with the values an indexer needs. Value-moving
//! events (executions, spending) are emitted with `emit_cpi!` so log truncation cannot drop them.
use anchor_lang::prelude::*;

use crate::state::{ConfigAction, Member, Period, Vote};

/// Kind of transaction a proposal decides.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionKind {
    /// Settings change.
    Config,
    /// Instructions signed by a vault.
    Vault,
}

/// A multisig was created.
#[event]
#[derive(Debug)]
pub struct MultisigCreated {
    pub multisig: Pubkey,
    pub create_key: Pubkey,
    pub creator: Pubkey,
    pub config_authority: Option<Pubkey>,
    pub threshold: u16,
    pub time_lock: u32,
    pub rent_collector: Option<Pubkey>,
    pub members: Vec<Member>,
    pub memo: Option<String>,
    pub timestamp: i64,
}

/// The settings of a multisig an indexer tracks, before or after one config action.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingsSnapshot {
    pub threshold: u16,
    pub time_lock: u32,
    pub member_count: u16,
    pub paused: u8,
    pub rent_collector: Option<Pubkey>,
    /// `None` when autonomous.
    pub config_authority: Option<Pubkey>,
}

/// One config action was applied (through a proposal or by the config authority).
#[event]
#[derive(Debug)]
pub struct ConfigActionApplied {
    pub multisig: Pubkey,
    /// Transaction index of the config proposal; `None` when applied by the config authority.
    pub transaction_index: Option<u64>,
    pub action: ConfigAction,
    pub before: SettingsSnapshot,
    pub after: SettingsSnapshot,
    /// Permissions the member held before a RemoveMember or ChangePermissions action.
    pub old_permissions: Option<u8>,
    pub stale_transaction_index: u64,
    /// Config generation after the change; cancel votes of earlier generations no longer count.
    pub config_generation: u64,
    pub timestamp: i64,
}

/// The config authority applied a list of config actions directly (one
/// [`ConfigActionApplied`] per action precedes this event).
#[event]
#[derive(Debug)]
pub struct MultisigConfigApplied {
    pub multisig: Pubkey,
    pub config_authority: Pubkey,
    pub action_count: u16,
    pub config_generation: u64,
    pub memo: Option<String>,
    pub timestamp: i64,
}

/// A member set pause bits in an emergency.
#[event]
#[derive(Debug)]
pub struct MultisigPaused {
    pub multisig: Pubkey,
    pub member: Pubkey,
    pub old_flags: u8,
    pub new_flags: u8,
    pub timestamp: i64,
}

/// A transaction and its proposal were created (with the creator's approval when it can vote).
#[event]
#[derive(Debug)]
pub struct ProposalCreated {
    pub multisig: Pubkey,
    pub transaction_index: u64,
    pub kind: TransactionKind,
    pub creator: Pubkey,
    pub transaction: Pubkey,
    pub proposal: Pubkey,
    pub vault_index: Option<u8>,
    pub memo: Option<String>,
    pub timestamp: i64,
}

/// A member voted on a proposal.
#[event]
#[derive(Debug)]
pub struct ProposalVoted {
    pub multisig: Pubkey,
    pub transaction_index: u64,
    pub member: Pubkey,
    pub vote: Vote,
    pub approvals: u16,
    pub rejections: u16,
    pub cancellations: u16,
    pub threshold: u16,
    /// Status after the vote: 0 active, 1 approved, 2 rejected, 3 executed, 4 cancelled.
    pub status: u8,
    pub memo: Option<String>,
    pub timestamp: i64,
}

/// A config transaction was executed.
#[event]
#[derive(Debug)]
pub struct ConfigTransactionExecuted {
    pub multisig: Pubkey,
    pub transaction_index: u64,
    pub executor: Pubkey,
    pub action_count: u16,
    pub timestamp: i64,
}

/// A vault transaction was executed.
#[event]
#[derive(Debug)]
pub struct VaultTransactionExecuted {
    pub multisig: Pubkey,
    pub transaction_index: u64,
    pub vault: Pubkey,
    pub vault_index: u8,
    pub executor: Pubkey,
    pub instruction_count: u16,
    pub timestamp: i64,
}

/// A spending limit was used.
#[event]
#[derive(Debug)]
pub struct SpendingLimitUsed {
    pub multisig: Pubkey,
    pub spending_limit: Pubkey,
    pub member: Pubkey,
    pub vault: Pubkey,
    /// `Pubkey::default()` for native SOL.
    pub mint: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub remaining_amount: u64,
    pub memo: Option<String>,
    pub timestamp: i64,
}

/// A spending limit account was created or closed by a config action.
#[event]
#[derive(Debug)]
pub struct SpendingLimitChanged {
    pub multisig: Pubkey,
    pub spending_limit: Pubkey,
    pub created: bool,
    pub vault_index: u8,
    /// `Pubkey::default()` for native SOL.
    pub mint: Pubkey,
    pub amount: u64,
    pub period: Period,
    /// Left in the current period when the limit was closed (the full amount on creation).
    pub remaining_amount: u64,
    /// Rent paid for the account (created) or returned (closed).
    pub lamports: u64,
    /// Who paid the rent (created) or received it (closed: the rent collector, or vault 0).
    pub rent_account: Pubkey,
    pub timestamp: i64,
}

/// A transaction buffer was created, extended or closed.
#[event]
#[derive(Debug)]
pub struct TransactionBufferChanged {
    pub multisig: Pubkey,
    pub buffer: Pubkey,
    pub creator: Pubkey,
    pub size: u16,
    pub final_size: u16,
    pub closed: bool,
    pub timestamp: i64,
}

/// A finished proposal and its transaction were closed and their rent reclaimed.
#[event]
#[derive(Debug)]
pub struct TransactionAccountsClosed {
    pub multisig: Pubkey,
    pub transaction_index: u64,
    pub rent_collector: Pubkey,
    pub lamports: u64,
    pub timestamp: i64,
}
