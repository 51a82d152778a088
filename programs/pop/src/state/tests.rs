//! Unit and property tests of the pure state logic: epoch clock, rounds, bitmaps, the
//! ed25519 attestation parser.
use anchor_lang::prelude::Pubkey;
use proptest::prelude::*;

use super::*;
use crate::constants::LEAVES_PER_CHUNK;
use crate::ed25519::{attestation_message, signers_of};

fn distributor(genesis: i64, epoch_length: i64) -> Distributor {
    Distributor {
        version: 1,
        bump: 255,
        create_key: Pubkey::default(),
        admin: Pubkey::default(),
        pending_admin: None,
        guardian: Pubkey::default(),
        reward_mint: Pubkey::default(),
        reward_token_program: Pubkey::default(),
        vault: Pubkey::default(),
        vault_bump: 255,
        genesis,
        epoch_length,
        challenge_window: 10,
        claim_window: 100,
        clawback_receiver: Pubkey::default(),
        max_epoch_total: 1_000,
        quorum: 2,
        attestor_count: 3,
        attestor_generation: 0,
        kind_count: 0,
        paused: 0,
        total_reserved: 0,
        total_funded: 0,
        total_claimed: 0,
        total_swept: 0,
        epochs_finalized: 0,
        reserved: [0; 64],
    }
}

fn empty_chunk() -> Box<ClaimChunk> {
    Box::new(ClaimChunk {
        epoch: Pubkey::default(),
        payer: Pubkey::default(),
        chunk: 1,
        claimed_count: 0,
        bump: 0,
        padding: [0; 7],
        bits: [0; crate::constants::CHUNK_BYTES],
    })
}

#[test]
fn epoch_clock_and_attestation_bounds() {
    let d = distributor(1_000, 60);
    assert_eq!(d.epoch_end(0), Some(1_060));
    assert_eq!(d.epoch_end(9), Some(1_600));
    assert_eq!(d.epoch_end(u64::MAX), None);
    assert!(d.ensure_epoch_ended(0, 1_059).is_err());
    assert!(d.ensure_epoch_ended(0, 1_060).is_ok());
    assert!(d.ensure_epoch_ended(u64::MAX, i64::MAX).is_err());
    let ok = Attestation { root: [1; 32], total: 1_000, leaf_count: 3 };
    assert!(d.check_attestation(&ok).is_ok());
    for bad in [
        Attestation { root: [0; 32], ..ok },
        Attestation { total: 0, ..ok },
        Attestation { total: 1_001, ..ok },
        Attestation { leaf_count: 0, ..ok },
        Attestation { leaf_count: crate::constants::MAX_LEAVES + 1, ..ok },
    ] {
        assert!(d.check_attestation(&bad).is_err(), "{bad:?}");
    }
    assert_eq!(d.unreserved(10), 10);
}

#[test]
fn rounds_restart_on_generation_change_and_veto() {
    let mut epoch = Epoch {
        version: 0,
        bump: 0,
        distributor: Pubkey::default(),
        index: 0,
        status: EpochStatus::Voting,
        round: 0,
        generation: 0,
        vetoes: 0,
        root: [0; 32],
        total: 0,
        leaf_count: 0,
        proposed_at: 0,
        challenge_ends_at: 0,
        finalized_at: 0,
        claim_deadline: 0,
        claimed_amount: 0,
        claimed_count: 0,
        swept_amount: 0,
        chunks_open: 0,
        reserved: [0; 32],
    };
    epoch.open(7, Pubkey::new_unique(), 3, 5);
    assert_eq!((epoch.round, epoch.voting_round(5), epoch.voting_round(6)), (0, 0, 1));
    assert!(!epoch.sync_round(5));
    assert!(epoch.sync_round(6));
    assert_eq!((epoch.round, epoch.generation), (1, 6));
    let attestation = Attestation { root: [9; 32], total: 50, leaf_count: 2 };
    epoch.propose(&attestation, 100, 30).unwrap();
    assert_eq!((epoch.status, epoch.challenge_ends_at, epoch.total), (EpochStatus::Proposed, 130, 50));
    epoch.reopen(6).unwrap();
    assert_eq!(
        (epoch.status, epoch.round, epoch.vetoes, epoch.root, epoch.total),
        (EpochStatus::Voting, 2, 1, [0; 32], 0)
    );
}

#[test]
fn bitmap_sets_each_leaf_once() {
    let mut chunk = empty_chunk();
    let first = LEAVES_PER_CHUNK; // leaf 0 of chunk 1
    assert_eq!(chunk_of(first), 1);
    assert_eq!(chunk_of(first - 1), 0);
    assert!(chunk.set(first));
    assert!(!chunk.set(first));
    assert!(chunk.is_set(first) && !chunk.is_set(first + 1));
    assert!(chunk.set(2 * LEAVES_PER_CHUNK - 1));
    assert_eq!(chunk.claimed_count, 2);
    assert_eq!(std::mem::size_of::<ClaimChunk>(), 32 + 32 + 4 + 4 + 1 + 7 + crate::constants::CHUNK_BYTES);
}

proptest! {
    /// Setting any sequence of leaves counts each distinct leaf exactly once.
    #[test]
    fn bitmap_counts_distinct_leaves(leaves in proptest::collection::vec(0..LEAVES_PER_CHUNK, 0..200)) {
        let mut chunk = empty_chunk();
        let mut seen = std::collections::BTreeSet::new();
        for leaf in leaves {
            prop_assert_eq!(chunk.set(leaf), seen.insert(leaf));
        }
        prop_assert_eq!(chunk.claimed_count as usize, seen.len());
        for leaf in &seen {
            prop_assert!(chunk.is_set(*leaf));
        }
    }
}

/// An ed25519 instruction's data: `count` records all pointing at one key, one signature and
/// one message placed after the records.
fn ed25519_data(keys: &[Pubkey], message: &[u8], index: u16) -> Vec<u8> {
    let header = 2 + 14 * keys.len();
    let mut data = vec![keys.len() as u8, 0];
    let message_offset = header + keys.len() * 96;
    for (i, _) in keys.iter().enumerate() {
        let key_offset = header + i * 96;
        let signature_offset = key_offset + 32;
        for field in [
            signature_offset,
            index as usize,
            key_offset,
            index as usize,
            message_offset,
            message.len(),
            index as usize,
        ] {
            data.extend_from_slice(&(field as u16).to_le_bytes());
        }
    }
    for key in keys {
        data.extend_from_slice(key.as_ref());
        data.extend_from_slice(&[7; 64]);
    }
    data.extend_from_slice(message);
    data
}

#[test]
fn signed_attestations_are_bound_to_their_message_and_own_data() {
    let program = crate::ID;
    let distributor = Pubkey::new_unique();
    let attestation = Attestation { root: [3; 32], total: 10, leaf_count: 4 };
    let message = attestation_message(&program, &distributor, 2, 1, &attestation);
    let keys = [Pubkey::new_unique(), Pubkey::new_unique()];
    assert_eq!(signers_of(&ed25519_data(&keys, &message, u16::MAX), 0, &message).unwrap(), keys);
    assert_eq!(signers_of(&ed25519_data(&keys, &message, 4), 4, &message).unwrap(), keys);
    // Data borrowed from another instruction is refused.
    assert!(signers_of(&ed25519_data(&keys, &message, 3), 4, &message).is_err());
    // Another round, epoch, distributor or triple is another message.
    for other in [
        attestation_message(&program, &distributor, 2, 2, &attestation),
        attestation_message(&program, &distributor, 3, 1, &attestation),
        attestation_message(&program, &Pubkey::new_unique(), 2, 1, &attestation),
        attestation_message(&program, &distributor, 2, 1, &Attestation { total: 11, ..attestation }),
    ] {
        assert!(signers_of(&ed25519_data(&keys, &message, u16::MAX), 0, &other).is_err());
    }
    // Truncated data and empty signature lists are refused.
    let data = ed25519_data(&keys, &message, u16::MAX);
    assert!(signers_of(&data[..data.len() - 1], 0, &message).is_err());
    assert!(signers_of(&[0, 0], 0, &message).is_err());
    assert!(signers_of(&[], 0, &message).is_err());
}
