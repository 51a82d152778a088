//! Free helpers shared by the PoP tests (re-exported by `common`): error codes, instruction
//! tweaks (account swaps, dropped signatures), the fixture clock and settings, participation
//! events, and transaction-result assertions.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use psp_pop::errors::PopError;
use psp_pop::{Attestation, CreateDistributorArgs};
use psp_sdk::pop::{EpochBuild, PopEvent};
use psp_tests::{TxFailure, TxOutput};

use crate::common::{CHALLENGE, CLAIM_WINDOW, EPOCH_LENGTH, MAX_TOTAL, T0};

/// Anchor error code of a PoP error (6000 + declaration index).
pub fn code(error: PopError) -> u32 {
    error.into()
}

/// Anchor error code of a framework error (constraints, account checks).
pub fn anchor_code(error: anchor_lang::error::ErrorCode) -> u32 {
    error.into()
}

/// Replaces every occurrence of account `from` in `ix` by `to`.
pub fn swap(mut ix: Instruction, from: &Pubkey, to: &Pubkey) -> Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *from).for_each(|m| m.pubkey = *to);
    ix
}

/// Clears the signer flag of `key` in `ix`.
pub fn unsigned(mut ix: Instruction, key: &Pubkey) -> Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *key).for_each(|m| m.is_signer = false);
    ix
}

/// End (exclusive) of epoch `epoch` of the fixture clock.
pub fn epoch_end(epoch: u64) -> i64 {
    T0 + (epoch as i64 + 1) * EPOCH_LENGTH
}

/// The fixture settings for `admin` and `guardian` with `quorum`.
pub fn distributor_args(admin: Pubkey, guardian: Pubkey, quorum: u32) -> CreateDistributorArgs {
    CreateDistributorArgs {
        admin,
        guardian,
        genesis: T0,
        epoch_length: EPOCH_LENGTH,
        challenge_window: CHALLENGE,
        claim_window: CLAIM_WINDOW,
        max_epoch_total: MAX_TOTAL,
        quorum,
    }
}

/// A participation event of `participant` in `epoch` of the fixture clock (`kind`, `units`,
/// a unique evidence hash from `nonce`).
pub fn event(participant: &Pubkey, kind: &str, units: u64, epoch: u64, nonce: u64) -> PopEvent {
    let mut evidence = [0u8; 32];
    evidence[..8].copy_from_slice(&nonce.to_le_bytes());
    evidence[8..16].copy_from_slice(&epoch.to_le_bytes());
    evidence[16..].copy_from_slice(&participant.to_bytes()[..16]);
    PopEvent {
        participant: *participant,
        kind: kind.into(),
        units,
        evidence,
        time: epoch_end(epoch) - 1,
        reporter: Pubkey::new_from_array([9; 32]),
    }
}

/// The triple attestors vote for after building `build`.
pub fn attestation_of(build: &EpochBuild) -> Attestation {
    Attestation { root: build.root, total: build.total_amount, leaf_count: build.leaf_count }
}

/// Unwraps a transaction result, panicking with the logs on failure.
pub fn ok(result: Result<TxOutput, TxFailure>) -> TxOutput {
    match result {
        Ok(out) => out,
        Err(f) => panic!("transaction failed: {:?}\n{}", f.error, f.logs.join("\n")),
    }
}

/// Asserts that `result` failed with custom error `expected` (a PoP or Anchor code).
pub fn fails_with(result: Result<TxOutput, TxFailure>, expected: u32) -> TxFailure {
    match result {
        Ok(out) => panic!("expected {expected}, transaction succeeded:\n{}", out.logs.join("\n")),
        Err(f) => {
            assert_eq!(f.custom_code(), Some(expected), "wrong error: {:?}\n{}", f.error, f.logs.join("\n"));
            f
        }
    }
}
