//! Vault transactions: arbitrary instructions executed by CPI, signed by a vault PDA.
use anchor_lang::prelude::*;

use crate::errors::MultisigError;

/// One instruction of a vault transaction, referring to accounts by index into
/// [`VaultTransactionMessage::account_keys`].
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CompiledInstruction {
    /// Index of the program to call.
    pub program_id_index: u8,
    /// Indexes of the instruction's accounts, in order.
    pub account_indexes: Vec<u8>,
    /// Instruction data.
    pub data: Vec<u8>,
}

/// Accounts of a vault transaction loaded from an address lookup table, like a v0 message's
/// lookups: they follow the static keys, writable ones first (table by table), then read-only.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct MessageAddressTableLookup {
    /// The address lookup table account.
    pub account_key: Pubkey,
    /// Indexes of writable accounts in the table.
    pub writable_indexes: Vec<u8>,
    /// Indexes of read-only accounts in the table.
    pub readonly_indexes: Vec<u8>,
}

/// A compiled message, like a Solana legacy message: keys are ordered writable signers,
/// read-only signers, writable non-signers, read-only non-signers. Signers are the vault (key 0)
/// and then the transaction's ephemeral signer PDAs in order (keys 1..num_signers), all signed
/// for by the program with their seeds.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct VaultTransactionMessage {
    /// Number of signer keys at the front of `account_keys`: the vault plus ephemeral signers.
    pub num_signers: u8,
    /// How many of the signers are writable.
    pub num_writable_signers: u8,
    /// How many of the non-signers (right after the signers) are writable.
    pub num_writable_non_signers: u8,
    /// Every account the instructions use.
    pub account_keys: Vec<Pubkey>,
    /// Instructions, executed in order.
    pub instructions: Vec<CompiledInstruction>,
    /// Accounts loaded from address lookup tables (indexes after the static keys).
    pub address_table_lookups: Vec<MessageAddressTableLookup>,
}

impl VaultTransactionMessage {
    /// Length of the borsh serialization.
    pub fn serialized_len(&self) -> usize {
        self.try_to_vec().map_or(0, |v| v.len())
    }

    /// Whether key `index` is a signer.
    pub fn is_signer(&self, index: usize) -> bool {
        index < self.num_signers as usize
    }

    /// Whether key `index` is writable (static keys by the header, looked-up keys by table).
    pub fn is_writable(&self, index: usize) -> bool {
        let signers = self.num_signers as usize;
        let statics = self.account_keys.len();
        if index < signers {
            index < self.num_writable_signers as usize
        } else if index < statics {
            index - signers < self.num_writable_non_signers as usize
        } else {
            index - statics < self.num_lookup_writable()
        }
    }

    /// Writable accounts loaded from lookup tables.
    pub fn num_lookup_writable(&self) -> usize {
        self.address_table_lookups.iter().map(|l| l.writable_indexes.len()).sum()
    }

    /// Every account the instructions can refer to: static keys plus looked-up ones.
    pub fn num_all_keys(&self) -> usize {
        let looked_up: usize =
            self.address_table_lookups.iter().map(|l| l.writable_indexes.len() + l.readonly_indexes.len()).sum();
        self.account_keys.len() + looked_up
    }

    /// Number of ephemeral signers (signers after the vault).
    pub fn ephemeral_signer_count(&self) -> usize {
        (self.num_signers as usize).saturating_sub(1)
    }

    /// Checks the header and every index: `vault` must be key 0, followed by exactly the
    /// `ephemeral_signers` as the only other signers.
    pub fn validate(&self, vault: &Pubkey, ephemeral_signers: &[Pubkey]) -> Result<()> {
        let statics = self.account_keys.len();
        let keys = self.num_all_keys();
        require!(
            self.num_signers >= 1
                && self.account_keys.first() == Some(vault)
                && self.ephemeral_signer_count() == ephemeral_signers.len()
                && self.account_keys.get(1..self.num_signers as usize) == Some(ephemeral_signers),
            MultisigError::InvalidVaultSigner
        );
        require!(
            self.num_writable_signers <= self.num_signers
                && self.num_signers as usize + self.num_writable_non_signers as usize <= statics
                && keys <= u8::MAX as usize,
            MultisigError::InvalidTransactionMessage
        );
        for ix in &self.instructions {
            // Program ids must be static keys, as in v0 messages.
            require!(
                (ix.program_id_index as usize) < statics && ix.account_indexes.iter().all(|&i| (i as usize) < keys),
                MultisigError::InvalidTransactionMessage
            );
        }
        Ok(())
    }
}

/// A proposed vault transaction.
#[account]
#[derive(Debug)]
pub struct VaultTransaction {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// The multisig whose vault executes it.
    pub multisig: Pubkey,
    /// Member that created the transaction.
    pub creator: Pubkey,
    /// Transaction index (also in the PDA seeds).
    pub index: u64,
    /// Vault that signs.
    pub vault_index: u8,
    /// Canonical bump of the vault PDA.
    pub vault_bump: u8,
    /// Space for future fields.
    pub reserved: [u8; 16],
    /// Canonical bumps of the ephemeral signer PDAs, in order.
    pub ephemeral_signer_bumps: Vec<u8>,
    /// The message to execute.
    pub message: VaultTransactionMessage,
}

impl VaultTransaction {
    /// Account size (with discriminator) for a message that serializes to `message_len` bytes
    /// and has `num_signers` signers.
    pub fn size(message_len: usize, num_signers: u8) -> usize {
        8 + 1 + 1 + 32 + 32 + 8 + 1 + 1 + 16 + 4 + (num_signers as usize).saturating_sub(1) + message_len
    }

    /// Account size for the borsh-serialized message `bytes` (its first byte is `num_signers`).
    pub fn size_for_serialized(bytes: &[u8]) -> usize {
        Self::size(bytes.len(), bytes.first().copied().unwrap_or(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(vault: Pubkey) -> VaultTransactionMessage {
        VaultTransactionMessage {
            num_signers: 1,
            num_writable_signers: 1,
            num_writable_non_signers: 1,
            account_keys: vec![vault, Pubkey::new_unique(), Pubkey::new_unique()],
            instructions: vec![CompiledInstruction { program_id_index: 2, account_indexes: vec![0, 1], data: vec![1] }],
            address_table_lookups: vec![],
        }
    }

    #[test]
    fn flags_and_validation() {
        let vault = Pubkey::new_unique();
        let m = message(vault);
        assert!(m.validate(&vault, &[]).is_ok());
        assert!(m.is_signer(0) && m.is_writable(0));
        assert!(!m.is_signer(1) && m.is_writable(1));
        assert!(!m.is_writable(2));
        assert!(m.validate(&Pubkey::new_unique(), &[]).is_err(), "vault must be key 0");
        let mut bad = m.clone();
        bad.instructions[0].account_indexes.push(3);
        assert!(bad.validate(&vault, &[]).is_err(), "index out of range");
        let mut two_signers = m.clone();
        two_signers.num_signers = 2;
        assert!(two_signers.validate(&vault, &[]).is_err(), "only the vault and ephemeral PDAs sign");
        let ephemeral = two_signers.account_keys[1];
        assert!(two_signers.validate(&vault, &[ephemeral]).is_ok(), "the declared ephemeral signer may");
        assert!(two_signers.validate(&vault, &[Pubkey::new_unique()]).is_err(), "any other key may not");
        let mut header = m.clone();
        header.num_writable_non_signers = 3;
        assert!(header.validate(&vault, &[]).is_err(), "header beyond keys");

        // Looked-up accounts: writable ones first, then read-only; programs must be static.
        let mut lookups = m;
        lookups.address_table_lookups.push(MessageAddressTableLookup {
            account_key: Pubkey::new_unique(),
            writable_indexes: vec![4],
            readonly_indexes: vec![0, 1],
        });
        lookups.instructions[0].account_indexes = vec![0, 3, 4, 5];
        assert!(lookups.validate(&vault, &[]).is_ok());
        assert_eq!(lookups.num_all_keys(), 6);
        assert!(lookups.is_writable(3) && !lookups.is_writable(4) && !lookups.is_writable(5));
        lookups.instructions[0].account_indexes.push(6);
        assert!(lookups.validate(&vault, &[]).is_err(), "index beyond looked-up keys");
        lookups.instructions[0].account_indexes.pop();
        lookups.instructions[0].program_id_index = 3;
        assert!(lookups.validate(&vault, &[]).is_err(), "program id from a lookup table");
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;
    use crate::state::{ConfigAction, ConfigTransaction, TransactionBuffer};

    #[test]
    fn sizes_match_serialization() {
        let message = VaultTransactionMessage {
            num_signers: 1,
            num_writable_signers: 1,
            num_writable_non_signers: 0,
            account_keys: vec![Pubkey::new_unique(); 3],
            instructions: vec![CompiledInstruction {
                program_id_index: 1,
                account_indexes: vec![0, 2],
                data: vec![9; 5],
            }],
            address_table_lookups: vec![MessageAddressTableLookup {
                account_key: Pubkey::new_unique(),
                writable_indexes: vec![1, 2],
                readonly_indexes: vec![0],
            }],
        };
        let tx = VaultTransaction {
            version: 1,
            bump: 1,
            multisig: Pubkey::new_unique(),
            creator: Pubkey::new_unique(),
            index: 3,
            vault_index: 0,
            vault_bump: 255,
            reserved: [0; 16],
            ephemeral_signer_bumps: vec![],
            message: message.clone(),
        };
        assert_eq!(tx.try_to_vec().unwrap().len() + 8, VaultTransaction::size(message.serialized_len(), 1));
        assert_eq!(
            VaultTransaction::size_for_serialized(&message.try_to_vec().unwrap()),
            VaultTransaction::size(message.serialized_len(), 1)
        );
        let actions = vec![
            ConfigAction::SetTimeLock { new_time_lock: 5 },
            ConfigAction::RemoveMember { old_member: Pubkey::new_unique() },
        ];
        let config = ConfigTransaction {
            version: 1,
            bump: 1,
            multisig: Pubkey::new_unique(),
            creator: Pubkey::new_unique(),
            index: 1,
            reserved: [0; 16],
            actions: actions.clone(),
        };
        assert_eq!(config.try_to_vec().unwrap().len() + 8, ConfigTransaction::size(&actions));
        let buffer = TransactionBuffer {
            version: 1,
            bump: 1,
            multisig: Pubkey::new_unique(),
            creator: Pubkey::new_unique(),
            buffer_index: 0,
            vault_index: 0,
            final_buffer_hash: [0; 32],
            final_buffer_size: 40,
            reserved: [0; 16],
            buffer: vec![1; 40],
        };
        assert_eq!(buffer.try_to_vec().unwrap().len() + 8, TransactionBuffer::size(40));
    }
}
