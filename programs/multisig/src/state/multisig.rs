//! The multisig account: members, permissions, threshold, time lock and authority settings.
use anchor_lang::prelude::*;

use crate::constants::{MAX_MEMBERS, MAX_TIME_LOCK_SECONDS};
use crate::errors::MultisigError;

/// Permission bits a member can hold.
pub mod permission {
    /// May create proposals (config or vault transactions) and transaction buffers.
    pub const INITIATE: u8 = 1 << 0;
    /// May approve, reject and cancel proposals; counts towards the threshold.
    pub const VOTE: u8 = 1 << 1;
    /// May execute approved proposals.
    pub const EXECUTE: u8 = 1 << 2;
    /// Every defined bit.
    pub const ALL: u8 = INITIATE | VOTE | EXECUTE;
}

/// Pause bits of a multisig (fine-grained emergency stop). Config transactions are never
/// pausable, so the members can always vote their way out of a pause.
pub mod pause {
    /// Spending limits cannot be used.
    pub const SPENDING_LIMITS: u8 = 1 << 0;
    /// Vault transactions cannot be executed.
    pub const VAULT_TRANSACTIONS: u8 = 1 << 1;
    /// Every defined bit.
    pub const ALL: u8 = SPENDING_LIMITS | VAULT_TRANSACTIONS;
}

/// One member of a multisig and the permission bits it holds.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// The member's signing key (a wallet, or another multisig's vault for nesting).
    pub key: Pubkey,
    /// Bitmask of [`permission`] bits.
    pub permissions: u8,
}

impl Member {
    /// Serialized size of one member.
    pub const SIZE: usize = 32 + 1;

    /// Whether this member holds every bit of `mask`.
    pub fn has(&self, mask: u8) -> bool {
        self.permissions & mask == mask
    }
}

/// A multisig: the root of every authority in PSP.
#[account]
#[derive(Debug)]
pub struct Multisig {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Key that seeded this PDA; it signed creation, so nobody can front-run the address.
    pub create_key: Pubkey,
    /// Key allowed to change settings directly; `Pubkey::default()` means autonomous
    /// (settings change only through this multisig's own config proposals).
    pub config_authority: Pubkey,
    /// Approvals needed to pass a proposal.
    pub threshold: u16,
    /// Seconds between approval and the earliest execution.
    pub time_lock: u32,
    /// Index of the last transaction created.
    pub transaction_index: u64,
    /// Every proposal with an index at or below this is stale (created before a config change).
    pub stale_transaction_index: u64,
    /// Receiver of the rent of closed proposals, transactions and buffers.
    pub rent_collector: Option<Pubkey>,
    /// Bitmask of [`pause`] bits currently set.
    pub paused: u8,
    /// Number of config changes applied so far (by proposal or by the config authority). Member
    /// indexes may shift on any of them, so cancel votes recorded under an older generation no
    /// longer count (see [`crate::state::Proposal::vote_cancel`]).
    pub config_generation: u64,
    /// Space for future fields without a migration.
    pub reserved: [u8; 24],
    /// Members in index order; votes are bitmaps over these indexes.
    pub members: Vec<Member>,
}

impl Multisig {
    /// Account size (with discriminator) for `members` members.
    pub fn size(members: usize) -> usize {
        8 + 1 + 1 + 32 + 32 + 2 + 4 + 8 + 8 + (1 + 32) + 1 + 8 + 24 + 4 + members * Member::SIZE
    }

    /// Whether the multisig is autonomous (no config authority).
    pub fn is_autonomous(&self) -> bool {
        self.config_authority == Pubkey::default()
    }

    /// Index of `key` in the member list.
    pub fn member_index(&self, key: &Pubkey) -> Option<usize> {
        self.members.iter().position(|m| m.key == *key)
    }

    /// Index of `key`, which must be a member holding every bit of `mask`.
    pub fn authorized_member(&self, key: &Pubkey, mask: u8) -> Result<usize> {
        let index = self.member_index(key).ok_or(MultisigError::NotAMember)?;
        require!(self.members[index].has(mask), MultisigError::Unauthorized);
        Ok(index)
    }

    /// Number of members that can vote.
    pub fn voter_count(&self) -> usize {
        self.members.iter().filter(|m| m.has(permission::VOTE)).count()
    }

    /// Rejections that make reaching the threshold impossible.
    pub fn rejection_cutoff(&self) -> usize {
        self.voter_count().saturating_sub(self.threshold as usize) + 1
    }

    /// Records an applied config change: every proposal created so far becomes stale and the
    /// config generation moves, which voids cancel votes cast before the change. Called once for
    /// every applied change, whoever applies it; two changes with no transaction in between
    /// leave `stale_transaction_index` unchanged but still move the generation.
    pub fn record_config_change(&mut self) -> Result<()> {
        self.stale_transaction_index = self.transaction_index;
        self.config_generation = self.config_generation.checked_add(1).ok_or(MultisigError::Overflow)?;
        Ok(())
    }

    /// Whether the proposal with `index` predates the last config change.
    pub fn is_stale(&self, index: u64) -> bool {
        index <= self.stale_transaction_index
    }

    /// Checks every invariant of the settings; called after creation and every change.
    pub fn validate(&self) -> Result<()> {
        validate_settings(&self.members, self.threshold, self.time_lock)
    }
}

/// Invariants of a member list with a threshold and a time lock (pure; shared by creation
/// and every config change).
pub fn validate_settings(members: &[Member], threshold: u16, time_lock: u32) -> Result<()> {
    require!(!members.is_empty(), MultisigError::EmptyMembers);
    require!(members.len() <= MAX_MEMBERS, MultisigError::TooManyMembers);
    let mut keys: Vec<&Pubkey> = members.iter().map(|m| &m.key).collect();
    keys.sort_unstable();
    require!(keys.windows(2).all(|w| w[0] != w[1]), MultisigError::DuplicateMember);
    require!(members.iter().all(|m| m.permissions & !permission::ALL == 0), MultisigError::UnknownPermissions);
    let voters = members.iter().filter(|m| m.has(permission::VOTE)).count();
    require!(threshold >= 1 && threshold as usize <= voters, MultisigError::InvalidThreshold);
    require!(
        members.iter().any(|m| m.has(permission::INITIATE)) && members.iter().any(|m| m.has(permission::EXECUTE)),
        MultisigError::MissingRequiredPermission
    );
    require!(time_lock <= MAX_TIME_LOCK_SECONDS, MultisigError::TimeLockTooLong);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(permissions: u8) -> Member {
        Member { key: Pubkey::new_unique(), permissions }
    }

    #[test]
    fn settings_invariants() {
        let all = vec![member(permission::ALL), member(permission::ALL)];
        assert!(validate_settings(&all, 2, 0).is_ok());
        assert!(validate_settings(&all, 3, 0).is_err(), "threshold above voters");
        assert!(validate_settings(&all, 0, 0).is_err(), "zero threshold");
        assert!(validate_settings(&[], 1, 0).is_err(), "no members");
        assert!(validate_settings(&all, 1, MAX_TIME_LOCK_SECONDS).is_ok());
        assert!(validate_settings(&all, 1, MAX_TIME_LOCK_SECONDS + 1).is_err());
        let dup = vec![all[0], all[0]];
        assert!(validate_settings(&dup, 1, 0).is_err(), "duplicate key");
        let voters_only = vec![member(permission::VOTE), member(permission::VOTE)];
        assert!(validate_settings(&voters_only, 1, 0).is_err(), "nobody can initiate/execute");
        assert!(validate_settings(&[member(0x08 | permission::ALL)], 1, 0).is_err());
    }

    #[test]
    fn every_config_change_moves_the_generation() {
        let mut ms = Multisig {
            version: 1,
            bump: 255,
            create_key: Pubkey::new_unique(),
            config_authority: Pubkey::default(),
            threshold: 1,
            time_lock: 0,
            transaction_index: 4,
            stale_transaction_index: 0,
            rent_collector: None,
            paused: 0,
            config_generation: 0,
            reserved: [0; 24],
            members: vec![member(7)],
        };
        ms.record_config_change().unwrap();
        ms.record_config_change().unwrap();
        assert_eq!((ms.stale_transaction_index, ms.config_generation), (4, 2), "no new transaction in between");
    }

    #[test]
    fn size_matches_serialization() {
        let ms = Multisig {
            version: 1,
            bump: 255,
            create_key: Pubkey::new_unique(),
            config_authority: Pubkey::default(),
            threshold: 1,
            time_lock: 0,
            transaction_index: 0,
            stale_transaction_index: 0,
            rent_collector: Some(Pubkey::new_unique()),
            paused: 0,
            config_generation: 0,
            reserved: [0; 24],
            members: vec![member(7); 5],
        };
        assert_eq!(ms.try_to_vec().unwrap().len() + 8, Multisig::size(5));
    }
}
