//! Claims: one per leaf, only with the exact (index, claimant, amount) and a proof for this
//! epoch's root, only in the leaf's own chunk, only between finalization and the deadline,
//! signed by the claimant, never into the vault or an account of another mint.
use anchor_lang::error::ErrorCode;
use psp_pop::errors::PopError;
use psp_sdk::pop::{self, EpochBuild};
use solana_sdk::signature::Signer;

use crate::common::*;

/// Epoch `epoch` of `people` (vote units 1, 2, 3, ...) with a 1_000_000 budget.
async fn build_for(f: &mut Fixture, epoch: u64, people: &[Participant]) -> EpochBuild {
    let events: Vec<_> =
        people.iter().enumerate().map(|(i, p)| event(&p.pubkey(), "vote", i as u64 + 1, epoch, i as u64)).collect();
    f.build(epoch, &events, 1_000_000).await
}

/// A 2-attestor fixture, four participants, epoch 0 finalized with chunk 0 open.
async fn finalized() -> (Fixture, Vec<Participant>, EpochBuild) {
    let mut f = Fixture::new(2, 2).await;
    let mut people = Vec::new();
    for _ in 0..4 {
        people.push(f.participant().await);
    }
    let build = build_for(&mut f, 0, &people).await;
    f.finalized(0, attestation_of(&build)).await;
    f.open_chunk(0, 0).await;
    (f, people, build)
}

/// Leaf `who` of `build`: (index, amount, proof).
fn leaf(build: &EpochBuild, who: &Participant) -> (u64, u64, Vec<[u8; 32]>) {
    let l = build.leaf_of(&who.pubkey()).unwrap();
    (l.index, l.amount, build.tree.proof(l.index as usize).unwrap())
}

#[tokio::test]
async fn a_leaf_pays_once() {
    let (mut f, people, build) = finalized().await;
    ok(f.claim(&build, &people[0]).await);
    let amount = build.leaf_of(&people[0].pubkey()).unwrap().amount;
    fails_with(f.claim(&build, &people[0]).await, code(PopError::AlreadyClaimed));
    // Not even into another account of the claimant.
    let (index, amount_, proof) = leaf(&build, &people[0]);
    let other = people[1].ata;
    let ix = f.claim_ix(0, index, &people[0].pubkey(), amount_, proof, &other).await;
    f.env.send_err(&[ix], &[&people[0].key], code(PopError::AlreadyClaimed)).await;
    assert_eq!(f.balance(&people[0].ata).await, amount);
    assert_eq!(f.epoch(0).await.claimed_count, 1);
}

#[tokio::test]
async fn anything_but_the_exact_leaf_is_an_invalid_proof() {
    let (mut f, people, build) = finalized().await;
    let (index, amount, proof) = leaf(&build, &people[1]);
    let (a, claimant) = (&people[1], people[1].pubkey());
    let invalid = code(PopError::InvalidProof);
    let cases = [
        (index, amount + 1, proof.clone()),
        (index, amount - 1, proof.clone()),
        ((index + 1) % 4, amount, proof.clone()),
        (index, amount, leaf(&build, &people[2]).2),
        (index, amount, vec![]),
        (index, amount, proof.iter().rev().copied().collect()),
    ];
    for (i, amt, p) in cases {
        let ix = f.claim_ix(0, i, &claimant, amt, p, &a.ata).await;
        f.env.send_err(&[ix], &[&a.key], invalid).await;
    }
    // Another participant's leaf and proof, claimed by `a` (signing as itself).
    let (i2, amt2, p2) = leaf(&build, &people[2]);
    let ix = f.claim_ix(0, i2, &claimant, amt2, p2.clone(), &a.ata).await;
    f.env.send_err(&[ix], &[&a.key], invalid).await;
    // The real claimant's leaf with `a` as signer in its place.
    let ix = swap(f.claim_ix(0, i2, &people[2].pubkey(), amt2, p2, &a.ata).await, &people[2].pubkey(), &claimant);
    f.env.send_err(&[ix], &[&a.key], invalid).await;
    let ix = f.claim_ix(0, 0, &claimant, 1, vec![[7; 32]; 33], &a.ata).await;
    f.env.send_err(&[ix], &[&a.key], code(PopError::ProofTooLong)).await;
    ok(f.claim(&build, a).await);
    assert_eq!(f.balance(&a.ata).await, amount);
}

#[tokio::test]
async fn a_proof_of_another_epoch_does_not_verify() {
    let (mut f, people, build0) = finalized().await;
    // Same participants and amounts in epoch 1: only the epoch in the leaf hash differs.
    let build1 = build_for(&mut f, 1, &people).await;
    assert_eq!(
        build0.leaves.iter().map(|l| (l.index, l.amount)).collect::<Vec<_>>(),
        build1.leaves.iter().map(|l| (l.index, l.amount)).collect::<Vec<_>>()
    );
    assert_ne!(build0.root, build1.root);
    f.finalized(1, attestation_of(&build1)).await;
    f.open_chunk(1, 0).await;
    let who = &people[3];
    let (index, amount, proof1) = leaf(&build1, who);
    let ix = f.claim_ix(0, index, &who.pubkey(), amount, proof1, &who.ata).await;
    f.env.send_err(&[ix], &[&who.key], code(PopError::InvalidProof)).await;
    let (_, _, proof0) = leaf(&build0, who);
    let ix = f.claim_ix(1, index, &who.pubkey(), amount, proof0, &who.ata).await;
    f.env.send_err(&[ix], &[&who.key], code(PopError::InvalidProof)).await;
    ok(f.claim(&build0, who).await);
    ok(f.claim(&build1, who).await);
    assert_eq!(f.balance(&who.ata).await, 2 * amount);
}

#[tokio::test]
async fn leaf_indexes_and_chunks_must_match() {
    let (mut f, people, build0) = finalized().await;
    let who = &people[0];
    let (index, amount, proof) = leaf(&build0, who);
    let ix = f.claim_ix(0, 4, &who.pubkey(), amount, proof.clone(), &who.ata).await;
    f.env.send_err(&[ix], &[&who.key], code(PopError::LeafOutOfRange)).await;
    // u64::MAX (the SDK refuses to derive a chunk for it: patch the index after the discriminator).
    let mut ix = f.claim_ix(0, 0, &who.pubkey(), amount, proof.clone(), &who.ata).await;
    ix.data[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
    f.env.send_err(&[ix], &[&who.key], code(PopError::LeafOutOfRange)).await;
    // Epoch 0 has one chunk: chunk 1 cannot be opened.
    let payer = f.env.payer().pubkey();
    let open = pop::instructions::open_claim_chunk(&f.distributor, &payer, 0, 1);
    f.env.send_err(&[open], &[], code(PopError::LeafOutOfRange)).await;
    // The chunk of another epoch (same index range) is refused.
    let build1 = build_for(&mut f, 1, &people).await;
    f.finalized(1, attestation_of(&build1)).await;
    f.open_chunk(1, 0).await;
    let (chunk0, chunk1) = (chunk_of(&f, 0), chunk_of(&f, 1));
    let ix = swap(f.claim_ix(0, index, &who.pubkey(), amount, proof, &who.ata).await, &chunk0, &chunk1);
    f.env.send_err(&[ix], &[&who.key], code(PopError::WrongClaimChunk)).await;
    // A chunk opened twice: the second open fails and the bits stay.
    ok(f.claim(&build0, who).await);
    let open = pop::instructions::open_claim_chunk(&f.distributor, &payer, 0, 0);
    f.env.send_fails(&[open], &[]).await;
    fails_with(f.claim(&build0, who).await, code(PopError::AlreadyClaimed));
}

/// Claim chunk 0 of `epoch`.
fn chunk_of(f: &Fixture, epoch: u64) -> anchor_lang::prelude::Pubkey {
    pop::claim_chunk_pda(&pop::epoch_pda(&f.distributor, epoch).0, 0).0
}

#[tokio::test]
async fn claims_wait_for_finalization_and_end_at_the_deadline() {
    let (mut f, people, build0) = finalized().await;
    let build1 = build_for(&mut f, 1, &people).await;
    f.at(epoch_end(1)).await;
    f.propose(&[0, 1], 1, attestation_of(&build1)).await;
    // Proposed, not finalized: no chunk can be opened, and a borrowed chunk does not help.
    let payer = f.env.payer().pubkey();
    let open = pop::instructions::open_claim_chunk(&f.distributor, &payer, 1, 0);
    f.env.send_err(&[open], &[], code(PopError::EpochNotFinalized)).await;
    // Its chunk does not exist (a system account, not a PoP one).
    fails_with(f.claim(&build1, &people[0]).await, anchor_code(ErrorCode::AccountOwnedByWrongProgram));
    let (index, amount, proof) = leaf(&build1, &people[0]);
    let (chunk0, chunk1) = (chunk_of(&f, 0), chunk_of(&f, 1));
    let ix = swap(f.claim_ix(1, index, &people[0].pubkey(), amount, proof, &people[0].ata).await, &chunk1, &chunk0);
    f.env.send_err(&[ix], &[&people[0].key], code(PopError::EpochNotFinalized)).await;
    // Epoch 0's deadline: the last second still claims, then nothing does.
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline - 1).await;
    ok(f.claim(&build0, &people[0]).await);
    f.at(deadline).await;
    fails_with(f.claim(&build0, &people[1]).await, code(PopError::ClaimWindowClosed));
}

#[tokio::test]
async fn claims_need_the_claimants_signature_and_a_proper_destination() {
    let (mut f, people, build) = finalized().await;
    let who = &people[2];
    let (index, amount, proof) = leaf(&build, who);
    let ix = f.claim_ix(0, index, &who.pubkey(), amount, proof.clone(), &who.ata).await;
    f.env.send_err(&[unsigned(ix, &who.pubkey())], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    // The vault itself as the destination.
    let vault = pop::vault_pda(&f.distributor).0;
    let ix = f.claim_ix(0, index, &who.pubkey(), amount, proof.clone(), &vault).await;
    f.env.send_err(&[ix], &[&who.key], code(PopError::InvalidReceiver)).await;
    // An account of another mint.
    let program = f.token_program;
    let other_mint = f.env.create_mint(6, &program).await;
    let foreign = f.env.token_account(&other_mint, &who.pubkey(), &program).await;
    let ix = f.claim_ix(0, index, &who.pubkey(), amount, proof.clone(), &foreign).await;
    f.env.send_err(&[ix], &[&who.key], anchor_code(ErrorCode::ConstraintTokenMint)).await;
    // Any reward-mint account the claimant chooses works (here a stranger's).
    let helper = people[3].ata;
    let ix = f.claim_ix(0, index, &who.pubkey(), amount, proof, &helper).await;
    let out = f.env.send_ok(&[ix], &[&who.key]).await;
    assert_eq!(out.cpi_events::<psp_pop::events::Claimed>()[0].destination, helper);
    assert_eq!((f.balance(&helper).await, f.balance(&who.ata).await), (amount, 0));
    assert_eq!(f.vault_balance().await, FUNDED - amount);
}
