//! Merkle safety on chain: an inner node never passes for a leaf (domain prefixes, truncated
//! proofs), a malicious root whose leaves sum above its total cannot pay more than the total,
//! and a 70,000-leaf epoch spans two claim chunks with proofs that fit one legacy packet.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::hash::hashv;
use psp_pop::errors::PopError;
use psp_pop::events::Claimed;
use psp_pop::Attestation;
use psp_sdk::pop::{self, Leaf, MerkleTree};
use psp_tests::tables::{fits_in_packet, wire_size};
use solana_sdk::compute_budget::ComputeBudgetInstruction;
use solana_sdk::signature::Signer;

use crate::common::*;

/// Leaf hash of (`epoch`, `index`, `claimant`, `amount`), as the SDK builder computes it.
fn leaf_hash(epoch: u64, index: u64, claimant: &Pubkey, amount: u64) -> [u8; 32] {
    Leaf { index, claimant: *claimant, amount, points: 0 }.hash(epoch)
}

#[tokio::test]
async fn an_inner_node_is_not_a_leaf() {
    let mut f = Fixture::new(1, 1).await;
    let people = [f.participant().await, f.participant().await, f.participant().await, f.participant().await];
    let amounts = [100u64, 200, 300, 400];
    let leaves: Vec<_> =
        people.iter().zip(amounts).enumerate().map(|(i, (p, a))| leaf_hash(0, i as u64, &p.pubkey(), a)).collect();
    let tree = MerkleTree::from_leaves(leaves.clone());
    f.finalized(0, Attestation { root: tree.root(), total: 1_000, leaf_count: 4 }).await;
    f.open_chunk(0, 0).await;
    let who = &people[0];
    let proof = tree.proof(0).unwrap();
    assert_eq!(proof.len(), 2);
    // The inner node over leaves 0 and 1 reaches the root with the rest of the proof...
    let inner = MerkleTree::from_leaves(vec![leaves[0], leaves[1]]).root();
    assert_eq!(MerkleTree::from_leaves(vec![inner, proof[1]]).root(), tree.root());
    // ...and is hashed with the node prefix, the leaf with the leaf prefix, so no
    // (index, claimant, amount) a claim can name hashes to it.
    let (lo, hi) = if leaves[0] <= leaves[1] { (leaves[0], leaves[1]) } else { (leaves[1], leaves[0]) };
    assert_eq!(inner, hashv(&[&[1u8], &lo, &hi]).to_bytes());
    let raw = [&0u64.to_le_bytes()[..], &0u64.to_le_bytes(), who.pubkey().as_ref(), &100u64.to_le_bytes()].concat();
    assert_eq!(leaves[0], hashv(&[&[0u8], &raw]).to_bytes());
    assert_ne!(leaves[0], hashv(&[&[1u8], &raw]).to_bytes());
    // On chain: the truncated proof (inner node in the leaf's place) and the empty proof fail.
    let invalid = code(PopError::InvalidProof);
    for bad in [vec![proof[1]], vec![], vec![inner, proof[1]]] {
        let ix = f.claim_ix(0, 0, &who.pubkey(), 100, bad, &who.ata).await;
        f.env.send_err(&[ix], &[&who.key], invalid).await;
    }
    let ix = f.claim_ix(0, 0, &who.pubkey(), 100, proof, &who.ata).await;
    f.env.send_ok(&[ix], &[&who.key]).await;
    // A one-leaf epoch: its root is the leaf itself and the empty proof is the right one.
    let single = leaf_hash(1, 0, &people[1].pubkey(), 50);
    f.finalized(1, Attestation { root: single, total: 50, leaf_count: 1 }).await;
    f.open_chunk(1, 0).await;
    let ix = f.claim_ix(1, 0, &people[1].pubkey(), 50, vec![], &people[1].ata).await;
    f.env.send_ok(&[ix], &[&people[1].key]).await;
    assert_eq!((f.balance(&who.ata).await, f.balance(&people[1].ata).await), (100, 50));
}

#[tokio::test]
async fn leaves_summing_above_the_total_cannot_pay_more_than_the_total() {
    let mut f = Fixture::new(1, 1).await;
    let (a, b) = (f.participant().await, f.participant().await);
    // A malicious root: two leaves of 600 under a declared total of 1_000.
    let tree = MerkleTree::from_leaves(vec![leaf_hash(0, 0, &a.pubkey(), 600), leaf_hash(0, 1, &b.pubkey(), 600)]);
    f.finalized(0, Attestation { root: tree.root(), total: 1_000, leaf_count: 2 }).await;
    assert_eq!(f.state().await.total_reserved, 1_000);
    f.open_chunk(0, 0).await;
    let ix = f.claim_ix(0, 0, &a.pubkey(), 600, tree.proof(0).unwrap(), &a.ata).await;
    f.env.send_ok(&[ix], &[&a.key]).await;
    let ix = f.claim_ix(0, 1, &b.pubkey(), 600, tree.proof(1).unwrap(), &b.ata).await;
    f.env.send_err(&[ix], &[&b.key], code(PopError::ClaimExceedsTotal)).await;
    let epoch = f.epoch(0).await;
    assert_eq!((epoch.claimed_amount, epoch.claimed_count), (600, 1));
    assert_eq!((f.balance(&b.ata).await, f.state().await.total_reserved), (0, 400));
    // Funds of later epochs stay untouched: the sweep takes exactly the 400 left.
    f.at(epoch.claim_deadline).await;
    let out = ok(f.sweep(0).await);
    assert_eq!(out.cpi_events::<psp_pop::events::Swept>()[0].amount, 400);
    assert_eq!((f.vault_balance().await, f.state().await.total_reserved), (FUNDED - 1_000, 0));
}

#[tokio::test]
async fn a_70000_leaf_epoch_spans_two_chunks() {
    const LEAVES: u64 = 70_000;
    let mut f = Fixture::new(1, 1).await;
    let (early, late, last) = (f.participant().await, f.participant().await, f.participant().await);
    let special = |i: u64| match i {
        5 => Some(&early),
        65_600 => Some(&late),
        69_999 => Some(&last),
        _ => None,
    };
    let leaves: Vec<_> =
        (0..LEAVES).map(|i| leaf_hash(0, i, &special(i).map_or_else(Pubkey::new_unique, |p| p.pubkey()), 10)).collect();
    let tree = MerkleTree::from_leaves(leaves);
    f.finalized(0, Attestation { root: tree.root(), total: 10 * LEAVES, leaf_count: LEAVES }).await;
    assert_eq!(pop::chunk_for_leaf(65_600), 1);
    // Two chunks exist; a third does not.
    f.open_chunk(0, 0).await;
    f.open_chunk(0, 1).await;
    let payer = f.env.payer().pubkey();
    let third = pop::instructions::open_claim_chunk(&f.distributor, &payer, 0, 2);
    f.env.send_err(&[third], &[], code(PopError::LeafOutOfRange)).await;
    // Leaf 65,600 lives in chunk 1; chunk 0 is the wrong bitmap for it.
    let proof = tree.proof(65_600).unwrap();
    assert!(proof.len() <= 17, "proof of {} hashes", proof.len());
    let ix = f.claim_ix(0, 65_600, &late.pubkey(), 10, proof.clone(), &late.ata).await;
    let chunks = [0, 1].map(|c| pop::claim_chunk_pda(&pop::epoch_pda(&f.distributor, 0).0, c).0);
    let wrong = swap(ix.clone(), &chunks[1], &chunks[0]);
    f.env.send_err(&[wrong], &[&late.key], code(PopError::WrongClaimChunk)).await;
    // The claim transaction (with its compute-budget instruction) fits one legacy packet.
    let budget = ComputeBudgetInstruction::set_compute_unit_limit(1_400_000);
    let size = wire_size(&payer, &[budget, ix.clone()], 2, &[]);
    assert!(fits_in_packet(size), "claim transaction of {size} bytes");
    let out = f.env.send_ok(&[ix], &[&late.key]).await;
    assert_eq!(out.cpi_events::<Claimed>()[0].index, 65_600);
    for (index, who) in [(5u64, &early), (69_999, &last)] {
        let ix = f.claim_ix(0, index, &who.pubkey(), 10, tree.proof(index as usize).unwrap(), &who.ata).await;
        f.env.send_ok(&[ix], &[&who.key]).await;
    }
    let ix = f.claim_ix(0, LEAVES, &last.pubkey(), 10, tree.proof(69_999).unwrap(), &last.ata).await;
    f.env.send_err(&[ix], &[&last.key], code(PopError::LeafOutOfRange)).await;
    let (zero, one) = (bitmap(&mut f, &chunks[0]).await, bitmap(&mut f, &chunks[1]).await);
    assert_eq!((zero.0, one.0), (1, 2));
    assert_eq!((zero.1, one.1), (vec![5], vec![65_600, 69_999]));
    assert_eq!((f.epoch(0).await.claimed_count, f.vault_balance().await), (3, FUNDED - 30));
}

/// A claim chunk's (claimed_count, set leaf indexes), read from its raw zero-copy bytes.
async fn bitmap(f: &mut Fixture, address: &Pubkey) -> (u32, Vec<u64>) {
    let data = f.env.ctx.banks_client.get_account(*address).await.unwrap().unwrap().data;
    // discriminator 8, epoch 32, payer 32, chunk u32, claimed_count u32, bump, padding 7, bits.
    let chunk = u32::from_le_bytes(data[72..76].try_into().unwrap());
    let count = u32::from_le_bytes(data[76..80].try_into().unwrap());
    let base = u64::from(chunk) * psp_pop::constants::LEAVES_PER_CHUNK;
    let set = data[88..]
        .iter()
        .enumerate()
        .flat_map(|(byte, bits)| {
            (0..8).filter(move |b| bits & (1 << b) != 0).map(move |b| base + (byte * 8 + b) as u64)
        })
        .collect();
    (count, set)
}
