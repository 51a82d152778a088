//! Addresses of every staking account.
use anchor_lang::prelude::Pubkey;
use psp_staking::constants::*;

use crate::pda;

/// The pool created with `create_key`.
pub fn pool_pda(create_key: &Pubkey) -> (Pubkey, u8) {
    pda(&[POOL_SEED, create_key.as_ref()], &psp_staking::ID)
}

/// The stake vault of `pool`.
pub fn stake_vault_pda(pool: &Pubkey) -> (Pubkey, u8) {
    pda(&[STAKE_VAULT_SEED, pool.as_ref()], &psp_staking::ID)
}

/// The reward vault of stream `stream_id` of `pool`.
pub fn reward_vault_pda(pool: &Pubkey, stream_id: u32) -> (Pubkey, u8) {
    pda(&[REWARD_VAULT_SEED, pool.as_ref(), &stream_id.to_le_bytes()], &psp_staking::ID)
}

/// Position `index` of `owner` in `pool`.
pub fn position_pda(pool: &Pubkey, owner: &Pubkey, index: u32) -> (Pubkey, u8) {
    pda(&[POSITION_SEED, pool.as_ref(), owner.as_ref(), &index.to_le_bytes()], &psp_staking::ID)
}
