//! Addresses of every governance account.
use anchor_lang::prelude::Pubkey;
use psp_governance::constants::*;

use crate::pda;

/// The realm created with `create_key`.
pub fn realm_pda(create_key: &Pubkey) -> (Pubkey, u8) {
    pda(&[REALM_SEED, create_key.as_ref()], &psp_governance::ID)
}

/// The treasury of `realm` (signs executed proposals).
pub fn treasury_pda(realm: &Pubkey) -> (Pubkey, u8) {
    pda(&[TREASURY_SEED, realm.as_ref()], &psp_governance::ID)
}

/// Proposal `index` of `realm`.
pub fn proposal_pda(realm: &Pubkey, index: u64) -> (Pubkey, u8) {
    pda(&[PROPOSAL_SEED, realm.as_ref(), &index.to_le_bytes()], &psp_governance::ID)
}

/// The instruction list of `proposal`.
pub fn instructions_pda(proposal: &Pubkey) -> (Pubkey, u8) {
    pda(&[INSTRUCTIONS_SEED, proposal.as_ref()], &psp_governance::ID)
}

/// The vote of staking `position` on `proposal`.
pub fn vote_record_pda(proposal: &Pubkey, position: &Pubkey) -> (Pubkey, u8) {
    pda(&[VOTE_SEED, proposal.as_ref(), position.as_ref()], &psp_governance::ID)
}
