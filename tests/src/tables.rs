//! Address lookup tables in tests, and the wire size of transactions (the 1232-byte packet
//! limit that program-test does not enforce).
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use solana_sdk::account::Account;
use solana_sdk::hash::Hash;
use solana_sdk::message::{v0, AddressLookupTableAccount, Message, VersionedMessage};
use solana_sdk::packet::PACKET_DATA_SIZE;

use crate::env::TestEnv;

/// The address lookup table program.
pub const LOOKUP_TABLE_PROGRAM: Pubkey = psp_multisig::utils::ADDRESS_LOOKUP_TABLE_PROGRAM_ID;

impl TestEnv {
    /// Stores an active, frozen lookup table holding `addresses` at a new address, owned by
    /// `owner` (pass [`LOOKUP_TABLE_PROGRAM`] for a real table, anything else for a fake one).
    pub fn install_lookup_table(&mut self, addresses: &[Pubkey], owner: Pubkey) -> AddressLookupTableAccount {
        // Header: LookupTable tag, never deactivated, last extended slot 0, no authority.
        let mut data = Vec::with_capacity(56 + 32 * addresses.len());
        data.extend(1u32.to_le_bytes());
        data.extend(u64::MAX.to_le_bytes());
        data.extend(0u64.to_le_bytes());
        data.push(0);
        data.push(0);
        data.extend([0u8; 32]);
        data.extend([0u8; 2]);
        addresses.iter().for_each(|a| data.extend(a.as_ref()));
        let key = Pubkey::new_unique();
        let account = Account { lamports: 10_000_000_000, data, owner, executable: false, rent_epoch: 0 };
        self.ctx.set_account(&key, &account.into());
        AddressLookupTableAccount { key, addresses: addresses.to_vec() }
    }
}

/// Serialized size of a transaction carrying `instructions` paid by `payer` with `signers`
/// signatures in total: legacy when `tables` is empty, else v0 loading from `tables`.
pub fn wire_size(
    payer: &Pubkey,
    instructions: &[Instruction],
    signers: usize,
    tables: &[AddressLookupTableAccount],
) -> usize {
    let message = if tables.is_empty() {
        VersionedMessage::Legacy(Message::new(instructions, Some(payer)))
    } else {
        VersionedMessage::V0(
            v0::Message::try_compile(payer, instructions, tables, Hash::default()).expect("v0 message"),
        )
    };
    // Signatures: a compact-u16 count (1 byte below 128) and 64 bytes each.
    1 + 64 * signers + message.serialize().len()
}

/// Whether a transaction of `size` bytes fits in one packet.
pub fn fits_in_packet(size: usize) -> bool {
    size <= PACKET_DATA_SIZE
}
