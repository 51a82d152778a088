//! Config transactions: a list of settings changes decided by a proposal.
use anchor_lang::prelude::*;

use crate::state::{Member, Period};

/// One change to a multisig's settings.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub enum ConfigAction {
    /// Add a member with the given permissions.
    AddMember { new_member: Member },
    /// Remove a member.
    RemoveMember { old_member: Pubkey },
    /// Replace a member's permission bits.
    ChangePermissions { member: Pubkey, permissions: u8 },
    /// Change the approval threshold.
    ChangeThreshold { new_threshold: u16 },
    /// Change the delay between approval and execution (0..=90 days).
    SetTimeLock { new_time_lock: u32 },
    /// Change (or unset) the receiver of closed accounts' rent.
    SetRentCollector { new_rent_collector: Option<Pubkey> },
    /// Create a spending limit; its account is
    /// `[MULTISIG_SEED, multisig, SPENDING_LIMIT_SEED, create_key]`.
    AddSpendingLimit {
        /// Seed of the spending limit PDA (any unused key).
        create_key: Pubkey,
        /// Vault the limit spends from.
        vault_index: u8,
        /// Mint spent; `Pubkey::default()` for native SOL.
        mint: Pubkey,
        /// Amount per period, in base units.
        amount: u64,
        /// Reset period.
        period: Period,
        /// Members allowed to use the limit.
        members: Vec<Pubkey>,
        /// Allowed destinations (wallets); empty means any.
        destinations: Vec<Pubkey>,
    },
    /// Close a spending limit. Its rent goes to the rent collector (vault 0 when none is set),
    /// never to an account the executor picks.
    RemoveSpendingLimit { spending_limit: Pubkey },
    /// Replace the pause bits (the way to unpause after an emergency pause).
    SetPauseFlags { flags: u8 },
    /// Change or remove the config authority. Only the current config authority may do this.
    SetConfigAuthority { new_config_authority: Option<Pubkey> },
}

/// A proposed list of config actions.
#[account]
#[derive(Debug)]
pub struct ConfigTransaction {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The multisig whose settings change.
    pub multisig: Pubkey,
    /// Member that created the transaction.
    pub creator: Pubkey,
    /// Transaction index (also in the PDA seeds).
    pub index: u64,
    /// Space for future fields.
    pub reserved: [u8; 16],
    /// Actions applied in order on execution.
    pub actions: Vec<ConfigAction>,
}

impl ConfigTransaction {
    /// Account size (with discriminator) for `actions`.
    pub fn size(actions: &[ConfigAction]) -> usize {
        let actions_len: usize = actions.iter().map(|a| a.try_to_vec().map_or(0, |v| v.len())).sum();
        8 + 1 + 1 + 32 + 32 + 8 + 16 + 4 + actions_len
    }
}
