//! Compiling ordinary instructions into a vault transaction message, and the accounts its
//! execution needs.
use std::collections::BTreeMap;

use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
pub use anchor_lang::solana_program::message::AddressLookupTableAccount;
use psp_multisig::state::{CompiledInstruction, MessageAddressTableLookup, VaultTransactionMessage};

/// Errors of message compilation.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MessageError {
    /// An instruction needs a signer other than the vault and the ephemeral signers.
    #[error("instruction needs signer {0} but only the vault and the transaction's ephemeral signers can sign")]
    ForeignSigner(Pubkey),
    /// More than 255 distinct accounts.
    #[error("vault transaction uses more than 255 accounts")]
    TooManyAccounts,
    /// Execution needs a lookup table the caller did not provide.
    #[error("lookup table {0} used by the message was not provided")]
    MissingLookupTable(Pubkey),
}

/// Compiles `instructions` to run with `vault` as the only signer. Keys are ordered like a
/// legacy message: the vault, writable non-signers, read-only non-signers (programs last).
pub fn compile_message(vault: &Pubkey, instructions: &[Instruction]) -> Result<VaultTransactionMessage, MessageError> {
    compile_message_with_signers(vault, &[], instructions)
}

/// Like [`compile_message`], with `ephemeral_signers` (from [`super::ephemeral_signer_pda`] of the
/// transaction's future address, in index order) allowed to sign, e.g. as new accounts.
pub fn compile_message_with_signers(
    vault: &Pubkey,
    ephemeral_signers: &[Pubkey],
    instructions: &[Instruction],
) -> Result<VaultTransactionMessage, MessageError> {
    compile_message_with_tables(vault, ephemeral_signers, instructions, &[])
}

/// Like [`compile_message_with_signers`], loading every non-signer, non-program account found in
/// `tables` from there (v0-message semantics), so messages can use far more accounts.
pub fn compile_message_with_tables(
    vault: &Pubkey,
    ephemeral_signers: &[Pubkey],
    instructions: &[Instruction],
    tables: &[AddressLookupTableAccount],
) -> Result<VaultTransactionMessage, MessageError> {
    let signers: Vec<Pubkey> = std::iter::once(*vault).chain(ephemeral_signers.iter().copied()).collect();
    // key -> writable (program ids are read-only unless also used writable)
    let mut flags: BTreeMap<Pubkey, bool> = BTreeMap::new();
    let mut order: Vec<Pubkey> = Vec::new();
    let mut note = |key: Pubkey, writable: bool, flags: &mut BTreeMap<Pubkey, bool>| {
        if signers.contains(&key) {
            return;
        }
        match flags.get_mut(&key) {
            Some(w) => *w |= writable,
            None => {
                flags.insert(key, writable);
                order.push(key);
            }
        }
    };
    for ix in instructions {
        for meta in &ix.accounts {
            if meta.is_signer && !signers.contains(&meta.pubkey) {
                return Err(MessageError::ForeignSigner(meta.pubkey));
            }
            note(meta.pubkey, meta.is_writable, &mut flags);
        }
        note(ix.program_id, false, &mut flags);
    }
    let programs: Vec<Pubkey> = instructions.iter().map(|ix| ix.program_id).collect();
    // Each loadable key goes to the first table that holds it.
    let mut lookups: Vec<MessageAddressTableLookup> = tables
        .iter()
        .map(|t| MessageAddressTableLookup { account_key: t.key, writable_indexes: vec![], readonly_indexes: vec![] })
        .collect();
    let (mut looked_up_writable, mut looked_up_readonly) = (Vec::new(), Vec::new());
    let mut is_static = |key: &Pubkey| {
        if programs.contains(key) {
            return true;
        }
        for (t, table) in tables.iter().enumerate() {
            if let Some(i) = table.addresses.iter().position(|a| a == key) {
                if flags[key] {
                    lookups[t].writable_indexes.push(i as u8);
                } else {
                    lookups[t].readonly_indexes.push(i as u8);
                }
                return false;
            }
        }
        true
    };
    let statics: Vec<Pubkey> = order.iter().filter(|k| is_static(k)).copied().collect();
    for lookup in &lookups {
        let table = tables.iter().find(|t| t.key == lookup.account_key).expect("same tables");
        looked_up_writable.extend(lookup.writable_indexes.iter().map(|i| table.addresses[*i as usize]));
        looked_up_readonly.extend(lookup.readonly_indexes.iter().map(|i| table.addresses[*i as usize]));
    }
    lookups.retain(|l| !l.writable_indexes.is_empty() || !l.readonly_indexes.is_empty());
    let writable: Vec<Pubkey> = statics.iter().filter(|k| flags[*k]).copied().collect();
    let readonly: Vec<Pubkey> = statics.iter().filter(|k| !flags[*k]).copied().collect();
    let mut account_keys = signers.clone();
    account_keys.extend(&writable);
    account_keys.extend(&readonly);
    let all: Vec<Pubkey> = account_keys.iter().chain(&looked_up_writable).chain(&looked_up_readonly).copied().collect();
    if all.len() > u8::MAX as usize {
        return Err(MessageError::TooManyAccounts);
    }
    let index_of = |key: &Pubkey| all.iter().position(|k| k == key).expect("collected") as u8;
    let compiled = instructions
        .iter()
        .map(|ix| CompiledInstruction {
            program_id_index: index_of(&ix.program_id),
            account_indexes: ix.accounts.iter().map(|m| index_of(&m.pubkey)).collect(),
            data: ix.data.clone(),
        })
        .collect();
    Ok(VaultTransactionMessage {
        num_signers: signers.len() as u8,
        num_writable_signers: signers.len() as u8,
        num_writable_non_signers: writable.len() as u8,
        account_keys,
        instructions: compiled,
        address_table_lookups: lookups,
    })
}

/// The remaining accounts `vault_transaction_execute` needs for `message` (which uses no
/// lookup tables), in order. The vault is passed as a non-signer: the program signs for it.
pub fn execution_accounts(message: &VaultTransactionMessage) -> Vec<AccountMeta> {
    execution_accounts_with_tables(message, &[]).expect("message without lookup tables")
}

/// The remaining accounts of `vault_transaction_execute`: the message's lookup tables, then
/// static keys, looked-up writable and looked-up read-only accounts, resolved from `tables`.
pub fn execution_accounts_with_tables(
    message: &VaultTransactionMessage,
    tables: &[AddressLookupTableAccount],
) -> Result<Vec<AccountMeta>, MessageError> {
    let mut metas: Vec<AccountMeta> =
        message.address_table_lookups.iter().map(|l| AccountMeta::new_readonly(l.account_key, false)).collect();
    let mut keys = message.account_keys.clone();
    let mut readonly = Vec::new();
    for lookup in &message.address_table_lookups {
        let table = tables
            .iter()
            .find(|t| t.key == lookup.account_key)
            .ok_or(MessageError::MissingLookupTable(lookup.account_key))?;
        let at = |i: &u8| table.addresses.get(*i as usize).copied().ok_or(MessageError::MissingLookupTable(table.key));
        for i in &lookup.writable_indexes {
            keys.push(at(i)?);
        }
        for i in &lookup.readonly_indexes {
            readonly.push(at(i)?);
        }
    }
    keys.extend(readonly);
    metas.extend(keys.iter().enumerate().map(|(i, key)| AccountMeta {
        pubkey: *key,
        is_signer: false,
        is_writable: message.is_writable(i),
    }));
    Ok(metas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_with_vault_first_and_dedups() {
        let vault = Pubkey::new_unique();
        let (a, b, program) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        let ix1 = Instruction::new_with_bytes(
            program,
            &[1],
            vec![AccountMeta::new(vault, true), AccountMeta::new_readonly(a, false), AccountMeta::new(b, false)],
        );
        let ix2 = Instruction::new_with_bytes(program, &[2], vec![AccountMeta::new(a, false)]);
        let m = compile_message(&vault, &[ix1, ix2]).unwrap();
        assert_eq!(m.account_keys, vec![vault, a, b, program]);
        assert_eq!(m.num_writable_non_signers, 2);
        assert!(m.validate(&vault, &[]).is_ok());
        assert_eq!(m.instructions[0].account_indexes, vec![0, 1, 2]);
        assert_eq!(m.instructions[1].program_id_index, 3);
        let metas = execution_accounts(&m);
        assert!(metas.iter().all(|m| !m.is_signer));
        assert!(metas[0].is_writable && !metas[3].is_writable);
    }

    #[test]
    fn refuses_foreign_signers() {
        let vault = Pubkey::new_unique();
        let other = Pubkey::new_unique();
        let ix = Instruction::new_with_bytes(Pubkey::new_unique(), &[], vec![AccountMeta::new(other, true)]);
        assert_eq!(compile_message(&vault, &[ix]), Err(MessageError::ForeignSigner(other)));
    }
}
