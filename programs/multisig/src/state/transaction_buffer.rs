//! Transaction buffers: a vault transaction message too large for one transaction is
//! written in chunks, checked against a declared hash and size, then turned into a proposal.
use anchor_lang::prelude::*;

use crate::events::TransactionBufferChanged;

/// A partially written vault transaction message.
#[account]
#[derive(Debug)]
pub struct TransactionBuffer {
    /// Layout version.
    pub version: u8,
    /// Canonical bump of this PDA.
    pub bump: u8,
    /// Multisig the transaction will belong to.
    pub multisig: Pubkey,
    /// Member writing the buffer (pays its rent, gets it back).
    pub creator: Pubkey,
    /// Creator-chosen index, so one creator can fill several buffers at once.
    pub buffer_index: u8,
    /// Vault the transaction will run as.
    pub vault_index: u8,
    /// SHA-256 of the complete message bytes.
    pub final_buffer_hash: [u8; 32],
    /// Length of the complete message bytes.
    pub final_buffer_size: u16,
    /// Space for future fields.
    pub reserved: [u8; 16],
    /// Bytes written so far (a borsh-serialized `VaultTransactionMessage` when complete).
    pub buffer: Vec<u8>,
}

impl TransactionBuffer {
    /// Account size (with discriminator) for a final message of `final_size` bytes.
    pub fn size(final_size: usize) -> usize {
        8 + 1 + 1 + 32 + 32 + 1 + 1 + 32 + 2 + 16 + 4 + final_size
    }

    /// The event of this buffer (at `address`) as it now stands; `closed` when its life ends.
    pub fn changed_event(&self, address: Pubkey, closed: bool, timestamp: i64) -> TransactionBufferChanged {
        TransactionBufferChanged {
            multisig: self.multisig,
            buffer: address,
            creator: self.creator,
            size: self.buffer.len() as u16,
            final_size: self.final_buffer_size,
            closed,
            timestamp,
        }
    }
}
