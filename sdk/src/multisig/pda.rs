//! Addresses of every multisig account.
use anchor_lang::prelude::Pubkey;
use psp_multisig::constants::*;

pub use crate::ix::event_authority_pda;
use crate::pda;

/// The multisig PDA of `create_key`.
pub fn multisig_pda(create_key: &Pubkey) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, create_key.as_ref()], &psp_multisig::ID)
}

/// Vault `index` of `multisig`.
pub fn vault_pda(multisig: &Pubkey, index: u8) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, multisig.as_ref(), VAULT_SEED, &[index]], &psp_multisig::ID)
}

/// Transaction `index` of `multisig` (config or vault).
pub fn transaction_pda(multisig: &Pubkey, index: u64) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, multisig.as_ref(), TRANSACTION_SEED, &index.to_le_bytes()], &psp_multisig::ID)
}

/// Proposal of transaction `index`.
pub fn proposal_pda(multisig: &Pubkey, index: u64) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, multisig.as_ref(), TRANSACTION_SEED, &index.to_le_bytes(), PROPOSAL_SEED], &psp_multisig::ID)
}

/// Spending limit seeded by `create_key`.
pub fn spending_limit_pda(multisig: &Pubkey, create_key: &Pubkey) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, multisig.as_ref(), SPENDING_LIMIT_SEED, create_key.as_ref()], &psp_multisig::ID)
}

/// Transaction buffer `buffer_index` of `creator`.
pub fn transaction_buffer_pda(multisig: &Pubkey, creator: &Pubkey, buffer_index: u8) -> (Pubkey, u8) {
    pda(
        &[MULTISIG_SEED, multisig.as_ref(), TRANSACTION_BUFFER_SEED, creator.as_ref(), &[buffer_index]],
        &psp_multisig::ID,
    )
}

/// Ephemeral signer `index` of the vault transaction at `transaction` (a PDA the program signs
/// for during execution, e.g. to create a new account).
pub fn ephemeral_signer_pda(transaction: &Pubkey, index: u8) -> (Pubkey, u8) {
    pda(&[MULTISIG_SEED, transaction.as_ref(), EPHEMERAL_SIGNER_SEED, &[index]], &psp_multisig::ID)
}
