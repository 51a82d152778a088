//! Pause bits: the guardian adds bits but only the admin clears them; ATTEST, FINALIZE, CLAIM
//! and SWEEP each block their own operation (on-chain and signed votes; finalization; claims;
//! sweeps and reclaims) and nothing else; HALT blocks all of them and funding.
use psp_pop::errors::PopError;
use psp_pop::events::PauseChanged;
use psp_pop::state::pause;
use psp_pop::Attestation;
use psp_sdk::pop::{chain, instructions as ix, EpochBuild};
use solana_sdk::signature::Signer;

use crate::common::*;

const EPOCH1: Attestation = Attestation { root: [7; 32], total: 1_000, leaf_count: 1 };

/// Fixture (2 attestors, quorum 2) with epoch 0 of participants `a`, `b` finalized and chunk 0
/// open, and the clock at the end of epoch 1.
async fn running() -> (Fixture, [Participant; 2], EpochBuild) {
    let mut f = Fixture::new(2, 2).await;
    let people = [f.participant().await, f.participant().await];
    let build = f
        .build(0, &[event(&people[0].pubkey(), "vote", 1, 0, 1), event(&people[1].pubkey(), "vote", 3, 0, 2)], 4_000)
        .await;
    f.finalized(0, attestation_of(&build)).await;
    f.open_chunk(0, 0).await;
    f.at(epoch_end(1)).await;
    (f, people, build)
}

/// The signed-quorum instructions for [`EPOCH1`] in round 0.
fn signed_epoch1(f: &Fixture) -> [anchor_lang::solana_program::instruction::Instruction; 2] {
    let message = chain::message_for(&f.distributor, 1, 0, &EPOCH1);
    let sigs: Vec<_> = f.attestors.iter().map(|k| (k.pubkey(), <[u8; 64]>::from(k.sign_message(&message)))).collect();
    chain::signed_attestations(&f.distributor, &f.env.payer().pubkey(), 1, 0, EPOCH1, &sigs)
}

#[tokio::test]
async fn the_guardian_adds_bits_and_only_the_admin_clears_them() {
    let mut f = Fixture::new(1, 1).await;
    let guardian = f.guardian.insecure_clone();
    let set = |flags| ix::set_pause(&f.distributor, &guardian.pubkey(), flags);
    let out = f.env.send_ok(&[set(pause::ATTEST)], &[&guardian]).await;
    let e = &out.events::<PauseChanged>(&psp_pop::ID)[0];
    assert_eq!((e.authority, e.old_flags, e.new_flags, e.timestamp), (guardian.pubkey(), 0, pause::ATTEST, T0));
    f.env.send_ok(&[set(pause::ATTEST | pause::CLAIM)], &[&guardian]).await;
    for flags in [0, pause::CLAIM, pause::HALT, pause::SWEEP] {
        f.env.send_err(&[set(flags)], &[&guardian], code(PopError::GuardianCannotUnpause)).await;
    }
    for flags in [1 << 4, 1 << 5, 1 << 6, u8::MAX] {
        f.env.send_err(&[set(flags)], &[&guardian], code(PopError::UnknownPauseFlags)).await;
    }
    let stranger = f.env.funded_keypair(1).await;
    let ix = ix::set_pause(&f.distributor, &stranger.pubkey(), pause::ALL);
    f.env.send_err(&[ix], &[&stranger], code(PopError::Unauthorized)).await;
    let address = f.distributor;
    let state: psp_pop::state::Distributor = f.env.account(&address).await;
    assert_eq!(state.paused, pause::ATTEST | pause::CLAIM);
    f.env.send_ok(&[set(pause::ALL)], &[&guardian]).await;
    assert_eq!(f.state().await.paused, pause::ALL);
    let out = f.admin_pause(pause::CLAIM).await;
    assert_eq!(out.events::<PauseChanged>(&psp_pop::ID)[0].old_flags, pause::ALL);
    assert_eq!(f.state().await.paused, pause::CLAIM);
}

#[tokio::test]
async fn each_bit_blocks_its_own_operation_only() {
    let (mut f, people, build) = running().await;
    let paused = code(PopError::Paused);
    // ATTEST: on-chain and signed votes stop; claims and funding go on.
    f.admin_pause(pause::ATTEST).await;
    fails_with(f.attest(0, 1, 0, EPOCH1).await, paused);
    f.env.send_err(&signed_epoch1(&f), &[], paused).await;
    ok(f.claim(&build, &people[0]).await);
    f.fund(1).await;
    f.admin_pause(0).await;
    f.env.send_ok(&signed_epoch1(&f), &[]).await;
    // FINALIZE: finalization stops; votes on other epochs and claims go on.
    f.env.advance_time(CHALLENGE).await;
    f.admin_pause(pause::FINALIZE).await;
    fails_with(f.finalize(1).await, paused);
    f.env.advance_time(EPOCH_LENGTH).await;
    ok(f.attest(0, 2, 0, EPOCH1).await);
    f.admin_pause(0).await;
    ok(f.finalize(1).await);
    // CLAIM: claims stop; the rest goes on.
    f.admin_pause(pause::CLAIM).await;
    fails_with(f.claim(&build, &people[1]).await, paused);
    ok(f.attest(1, 2, 0, EPOCH1).await);
    f.admin_pause(0).await;
    // SWEEP: sweeps and reclaims stop; claims go on until the deadline.
    f.admin_pause(pause::SWEEP).await;
    let (admin, state) = (f.admin.insecure_clone(), f.state().await);
    let reclaim = ix::reclaim_unreserved(&f.distributor, &state, &admin.pubkey(), 1);
    f.env.send_err(std::slice::from_ref(&reclaim), &[&admin], paused).await;
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline - 1).await;
    ok(f.claim(&build, &people[1]).await);
    f.at(deadline).await;
    fails_with(f.sweep(0).await, paused);
    f.admin_pause(0).await;
    ok(f.sweep(0).await);
    f.env.send_ok(&[reclaim], &[&admin]).await;
    assert_eq!((f.balance(&people[0].ata).await, f.balance(&people[1].ata).await), (1_000, 3_000));
}

#[tokio::test]
async fn halt_blocks_everything_including_funding() {
    let (mut f, people, build) = running().await;
    f.propose(&[0, 1], 1, EPOCH1).await;
    f.env.advance_time(CHALLENGE).await;
    let paused = code(PopError::Paused);
    // Every operation bit together still lets funding through.
    f.admin_pause(pause::ATTEST | pause::FINALIZE | pause::CLAIM | pause::SWEEP).await;
    f.fund(5).await;
    let guardian = f.guardian.insecure_clone();
    f.env.send_ok(&[ix::set_pause(&f.distributor, &guardian.pubkey(), pause::ALL)], &[&guardian]).await;
    let (state, payer) = (f.state().await, f.env.payer().pubkey());
    let fund = ix::fund(&f.distributor, &state, &payer, &f.funder_ata, 5);
    f.env.send_err(&[fund], &[], paused).await;
    f.env.advance_time(EPOCH_LENGTH).await;
    fails_with(f.attest(0, 2, 0, EPOCH1).await, paused);
    fails_with(f.finalize(1).await, paused);
    fails_with(f.claim(&build, &people[0]).await, paused);
    let admin = f.admin.insecure_clone();
    let reclaim = ix::reclaim_unreserved(&f.distributor, &state, &admin.pubkey(), 1);
    f.env.send_err(&[reclaim], &[&admin], paused).await;
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline).await;
    fails_with(f.sweep(0).await, paused);
    assert_eq!(f.vault_balance().await, FUNDED + 5);
    f.admin_pause(0).await;
    ok(f.sweep(0).await);
    ok(f.finalize(1).await);
}
