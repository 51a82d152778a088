//! Addresses of every timelock account.
use anchor_lang::prelude::Pubkey;
use psp_timelock::constants::*;

use crate::pda;

/// The program settings singleton.
pub fn config_pda() -> (Pubkey, u8) {
    pda(&[CONFIG_SEED], &psp_timelock::ID)
}

/// The protection policy of `mint`.
pub fn mint_policy_pda(mint: &Pubkey) -> (Pubkey, u8) {
    pda(&[MINT_POLICY_SEED, mint.as_ref()], &psp_timelock::ID)
}

/// Lock `id` of `sender`.
pub fn lock_pda(sender: &Pubkey, id: u64) -> (Pubkey, u8) {
    pda(&[LOCK_SEED, sender.as_ref(), &id.to_le_bytes()], &psp_timelock::ID)
}

/// The escrow token account of `lock`.
pub fn escrow_pda(lock: &Pubkey) -> (Pubkey, u8) {
    pda(&[ESCROW_SEED, lock.as_ref()], &psp_timelock::ID)
}
