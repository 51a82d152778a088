//! Addresses of every PoP account.
use anchor_lang::prelude::Pubkey;
use psp_pop::constants::*;

use crate::pda;

/// The distributor created with `create_key`.
pub fn distributor_pda(create_key: &Pubkey) -> (Pubkey, u8) {
    pda(&[DISTRIBUTOR_SEED, create_key.as_ref()], &psp_pop::ID)
}

/// The reward vault of `distributor`.
pub fn vault_pda(distributor: &Pubkey) -> (Pubkey, u8) {
    pda(&[VAULT_SEED, distributor.as_ref()], &psp_pop::ID)
}

/// The kind named `name` of `distributor`.
pub fn kind_pda(distributor: &Pubkey, name: &str) -> (Pubkey, u8) {
    pda(&[KIND_SEED, distributor.as_ref(), name.as_bytes()], &psp_pop::ID)
}

/// The attestor account of signing key `key` in `distributor`.
pub fn attestor_pda(distributor: &Pubkey, key: &Pubkey) -> (Pubkey, u8) {
    pda(&[ATTESTOR_SEED, distributor.as_ref(), key.as_ref()], &psp_pop::ID)
}

/// Epoch `index` of `distributor`.
pub fn epoch_pda(distributor: &Pubkey, index: u64) -> (Pubkey, u8) {
    pda(&[EPOCH_SEED, distributor.as_ref(), &index.to_le_bytes()], &psp_pop::ID)
}

/// The tally of `attestation` in `round` of `epoch`.
pub fn candidate_pda(epoch: &Pubkey, round: u32, attestation: &psp_pop::Attestation) -> (Pubkey, u8) {
    pda(
        &[
            CANDIDATE_SEED,
            epoch.as_ref(),
            &round.to_le_bytes(),
            &attestation.root,
            &attestation.total.to_le_bytes(),
            &attestation.leaf_count.to_le_bytes(),
        ],
        &psp_pop::ID,
    )
}

/// The vote of attestor `key` in `round` of `epoch`.
pub fn vote_pda(epoch: &Pubkey, round: u32, key: &Pubkey) -> (Pubkey, u8) {
    pda(&[VOTE_SEED, epoch.as_ref(), &round.to_le_bytes(), key.as_ref()], &psp_pop::ID)
}

/// Claim bitmap `chunk` of `epoch`.
pub fn claim_chunk_pda(epoch: &Pubkey, chunk: u32) -> (Pubkey, u8) {
    pda(&[CLAIMS_SEED, epoch.as_ref(), &chunk.to_le_bytes()], &psp_pop::ID)
}

/// The claim bitmap chunk holding leaf `index` (`u32::MAX` for indexes no epoch can have,
/// which the program then refuses with a named error instead of the client panicking).
pub fn chunk_for_leaf(index: u64) -> u32 {
    u32::try_from(psp_pop::state::chunk_of(index)).unwrap_or(u32::MAX)
}
