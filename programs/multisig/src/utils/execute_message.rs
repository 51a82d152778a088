//! Executes a vault transaction message by CPI, signed by the vault PDA (and ephemeral signers).
use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::{AccountMeta, Instruction};
use anchor_lang::solana_program::program::invoke_signed;
use anchor_lang::solana_program::pubkey;

use crate::errors::MultisigError;
use crate::state::VaultTransactionMessage;

/// The address lookup table program.
pub const ADDRESS_LOOKUP_TABLE_PROGRAM_ID: Pubkey = pubkey!("AddressLookupTab1e1111111111111111111111111");
/// Size of a lookup table's header before its addresses.
const LOOKUP_TABLE_META_SIZE: usize = 56;

/// Runs every instruction of `message`, signed with `signer_seeds` (the vault's, then each
/// ephemeral signer's). `remaining` holds the message's lookup tables (in order), then every
/// account the message uses: static keys, looked-up writable, looked-up read-only, each
/// writable where the message says so. `protected` accounts (the multisig, the proposal, the
/// transaction) may not be passed writable to any instruction: that would let a vault
/// transaction rewrite its own vote record.
pub fn execute_message<'info>(
    message: &VaultTransactionMessage,
    remaining: &[AccountInfo<'info>],
    signer_seeds: &[&[&[u8]]],
    protected: &[Pubkey],
) -> Result<()> {
    let tables = message.address_table_lookups.len();
    require!(remaining.len() == tables + message.num_all_keys(), MultisigError::InvalidExecutionAccounts);
    let (table_infos, accounts) = remaining.split_at(tables);
    let keys = resolve_keys(message, table_infos)?;
    for (index, (info, key)) in accounts.iter().zip(&keys).enumerate() {
        require_keys_eq!(*info.key, *key, MultisigError::InvalidExecutionAccounts);
        if message.is_writable(index) {
            require!(info.is_writable, MultisigError::InvalidExecutionAccounts);
            require!(!protected.contains(key), MultisigError::ProtectedAccount);
        }
    }
    for compiled in &message.instructions {
        let program = &accounts[compiled.program_id_index as usize];
        let metas = compiled
            .account_indexes
            .iter()
            .map(|&i| {
                let i = i as usize;
                AccountMeta { pubkey: keys[i], is_signer: message.is_signer(i), is_writable: message.is_writable(i) }
            })
            .collect();
        let mut infos: Vec<AccountInfo<'info>> =
            compiled.account_indexes.iter().map(|&i| accounts[i as usize].clone()).collect();
        infos.push(program.clone());
        let instruction = Instruction { program_id: *program.key, accounts: metas, data: compiled.data.clone() };
        invoke_signed(&instruction, &infos, signer_seeds)?;
    }
    Ok(())
}

/// Static keys followed by the looked-up ones, read from the lookup table accounts.
fn resolve_keys(message: &VaultTransactionMessage, tables: &[AccountInfo]) -> Result<Vec<Pubkey>> {
    let mut keys = message.account_keys.clone();
    if tables.is_empty() {
        return Ok(keys);
    }
    let mut readonly = Vec::new();
    for (lookup, table) in message.address_table_lookups.iter().zip(tables) {
        require_keys_eq!(*table.key, lookup.account_key, MultisigError::InvalidAddressLookupTable);
        require_keys_eq!(*table.owner, ADDRESS_LOOKUP_TABLE_PROGRAM_ID, MultisigError::InvalidAddressLookupTable);
        let data = table.try_borrow_data()?;
        let addresses = lookup_table_addresses(&data)?;
        let at = |i: &u8| addresses.get(*i as usize).copied().ok_or(error!(MultisigError::InvalidAddressLookupTable));
        for i in &lookup.writable_indexes {
            keys.push(at(i)?);
        }
        for i in &lookup.readonly_indexes {
            readonly.push(at(i)?);
        }
    }
    keys.extend(readonly);
    Ok(keys)
}

/// The addresses stored in a lookup table account (its data after the 56-byte header, which
/// starts with the `LookupTable` state tag 1).
// `usize::is_multiple_of` is newer than platform-tools' rustc.
#[allow(clippy::manual_is_multiple_of)]
pub fn lookup_table_addresses(data: &[u8]) -> Result<Vec<Pubkey>> {
    require!(
        data.len() >= LOOKUP_TABLE_META_SIZE
            && data[..4] == 1u32.to_le_bytes()
            && (data.len() - LOOKUP_TABLE_META_SIZE) % 32 == 0,
        MultisigError::InvalidAddressLookupTable
    );
    Ok(data[LOOKUP_TABLE_META_SIZE..]
        .chunks_exact(32)
        .map(|c| Pubkey::new_from_array(c.try_into().expect("32-byte chunk")))
        .collect())
}
