//! Executes a vault transaction message by CPI, signed by the vault PDA.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::{AccountMeta, Instruction};
use anchor_lang::solana_program::program::invoke_signed;

use crate::errors::MultisigError;
use crate::state::VaultTransactionMessage;

/// Runs every instruction of `message`, signed with `signer_seeds` (the vault's, then each
/// ephemeral signer's). `accounts` must be exactly the message's account keys in order,
/// writable where the message says so. `protected` accounts (the multisig, the
/// proposal, the transaction) may not be passed writable to any instruction: that would let
/// a vault transaction rewrite its own vote record.
pub fn execute_message<'info>(
    message: &VaultTransactionMessage,
    accounts: &[AccountInfo<'info>],
    signer_seeds: &[&[&[u8]]],
    protected: &[Pubkey],
) -> Result<()> {
    require!(accounts.len() == message.account_keys.len(), MultisigError::InvalidExecutionAccounts);
    for (index, (info, key)) in accounts.iter().zip(&message.account_keys).enumerate() {
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
                AccountMeta {
                    pubkey: message.account_keys[i],
                    is_signer: message.is_signer(i),
                    is_writable: message.is_writable(i),
                }
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
