//! The challenge window: guardian (or admin) vetoes with a reason start a new round in which old
//! votes do not count; vetoes end with the window; finalization waits for it, needs unreserved
//! funds and respects a lowered epoch cap; a shortened window does not shorten a proposal's.
use psp_pop::errors::PopError;
use psp_pop::events::{EpochProposed, EpochVetoed};
use psp_pop::state::EpochStatus;
use psp_pop::{Attestation, ConfigArgs};
use psp_sdk::pop::instructions as ix;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::*;

fn triple(byte: u8, total: u64) -> Attestation {
    Attestation { root: [byte; 32], total, leaf_count: 2 }
}

/// A 3-attestor, quorum-2 fixture with `triple(1, 1_000)` proposed for epoch 0 at `epoch_end(0)`.
async fn proposed() -> Fixture {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    f.propose(&[0, 1], 0, triple(1, 1_000)).await;
    f
}

/// The fixture's config with `change` applied.
async fn config(f: &mut Fixture, change: impl FnOnce(&mut ConfigArgs)) -> ConfigArgs {
    let d = f.state().await;
    let mut args = ConfigArgs {
        guardian: d.guardian,
        challenge_window: d.challenge_window,
        claim_window: d.claim_window,
        max_epoch_total: d.max_epoch_total,
        quorum: d.quorum,
    };
    change(&mut args);
    args
}

#[tokio::test]
async fn guardian_veto_starts_a_new_round_where_old_votes_do_not_count() {
    let mut f = proposed().await;
    f.at(epoch_end(0) + CHALLENGE - 1).await;
    let guardian = f.guardian.insecure_clone();
    let out = f
        .env
        .send_ok(&[ix::veto(&f.distributor, &guardian.pubkey(), 0, "root misses relay events")], &[&guardian])
        .await;
    let e = &out.events::<EpochVetoed>(&psp_pop::ID)[0];
    assert_eq!((e.epoch, e.round, e.root, e.authority), (0, 0, [1; 32], guardian.pubkey()));
    assert_eq!(e.reason, "root misses relay events");
    let epoch = f.epoch(0).await;
    assert_eq!(
        (epoch.status, epoch.round, epoch.vetoes, epoch.root, epoch.total),
        (EpochStatus::Voting, 1, 1, [0; 32], 0)
    );
    // Nothing to finalize any more.
    f.at(epoch_end(0) + CHALLENGE).await;
    fails_with(f.finalize(0).await, code(PopError::EpochNotProposed));
    // Round 0 is over; in round 1 a single earlier voter is not a quorum.
    fails_with(f.attest(2, 0, 0, triple(1, 1_000)).await, code(PopError::WrongRound));
    let out = ok(f.attest(0, 0, 1, triple(2, 900)).await);
    assert!(out.events::<EpochProposed>(&psp_pop::ID).is_empty());
    let now = epoch_end(0) + CHALLENGE;
    let out = ok(f.attest(2, 0, 1, triple(2, 900)).await);
    let e = &out.events::<EpochProposed>(&psp_pop::ID)[0];
    assert_eq!((e.round, e.root, e.votes, e.challenge_ends_at), (1, [2; 32], 2, now + CHALLENGE));
    f.at(now + CHALLENGE).await;
    ok(f.finalize(0).await);
    assert_eq!(f.state().await.total_reserved, 900);
}

#[tokio::test]
async fn vetoes_need_the_guardian_or_admin_a_short_reason_and_an_open_window() {
    let mut f = proposed().await;
    let stranger = f.env.funded_keypair(1).await;
    let ix_of = |who: &Keypair, reason: &str| ix::veto(&f.distributor, &who.pubkey(), 0, reason);
    let (by_stranger, by_attestor) = (ix_of(&stranger, "no"), ix_of(&f.attestors[0], "no"));
    f.env.send_err(&[by_stranger], &[&stranger], code(PopError::Unauthorized)).await;
    let attestor = f.attestors[0].insecure_clone();
    f.env.send_err(&[by_attestor], &[&attestor], code(PopError::Unauthorized)).await;
    let guardian = f.guardian.insecure_clone();
    let long = ix::veto(&f.distributor, &guardian.pubkey(), 0, &"x".repeat(201));
    f.env.send_err(&[long], &[&guardian], code(PopError::ReasonTooLong)).await;
    let unsigned_veto = unsigned(ix::veto(&f.distributor, &guardian.pubkey(), 0, "no"), &guardian.pubkey());
    f.env.send_err(&[unsigned_veto], &[], anchor_code(anchor_lang::error::ErrorCode::AccountNotSigner)).await;
    // The window closes at challenge_ends_at.
    f.at(epoch_end(0) + CHALLENGE).await;
    let late = ix::veto(&f.distributor, &guardian.pubkey(), 0, "late");
    f.env.send_err(&[late], &[&guardian], code(PopError::ChallengeWindowClosed)).await;
    assert_eq!(f.epoch(0).await.status, EpochStatus::Proposed);
    ok(f.finalize(0).await);
    let after = ix::veto(&f.distributor, &guardian.pubkey(), 0, "after");
    f.env.send_err(&[after], &[&guardian], code(PopError::EpochNotProposed)).await;
}

#[tokio::test]
async fn the_admin_may_veto_too_and_a_full_reason_fits() {
    let mut f = proposed().await;
    let admin = f.admin.insecure_clone();
    let out = f.env.send_ok(&[ix::veto(&f.distributor, &admin.pubkey(), 0, &"r".repeat(200))], &[&admin]).await;
    assert_eq!(out.events::<EpochVetoed>(&psp_pop::ID)[0].authority, admin.pubkey());
    assert_eq!(f.epoch(0).await.status, EpochStatus::Voting);
}

#[tokio::test]
async fn finalize_waits_for_the_window_even_if_it_is_shortened() {
    let mut f = proposed().await;
    let admin = f.admin.insecure_clone();
    let args = config(&mut f, |a| a.challenge_window = 0).await;
    f.env.send_ok(&[ix::set_config(&f.distributor, &admin.pubkey(), &f.receiver, args)], &[&admin]).await;
    f.at(epoch_end(0) + CHALLENGE - 1).await;
    fails_with(f.finalize(0).await, code(PopError::ChallengeWindowOpen));
    f.at(epoch_end(0) + CHALLENGE).await;
    let out = ok(f.finalize(0).await);
    assert_eq!(
        out.cpi_events::<psp_pop::events::EpochFinalized>()[0].claim_deadline,
        epoch_end(0) + CHALLENGE + CLAIM_WINDOW
    );
    fails_with(f.finalize(0).await, code(PopError::EpochNotProposed));
}

#[tokio::test]
async fn finalize_needs_unreserved_funds() {
    let mut f = Fixture::new(2, 2).await;
    // Epoch 0 reserves most of the vault; epoch 1 asks for more than what is left.
    f.finalized(0, triple(1, FUNDED - 500)).await;
    f.at(epoch_end(1)).await;
    f.propose(&[0, 1], 1, triple(2, 501)).await;
    f.env.advance_time(CHALLENGE).await;
    fails_with(f.finalize(1).await, code(PopError::InsufficientFunds));
    assert_eq!(f.epoch(1).await.status, EpochStatus::Proposed);
    f.fund(1).await;
    let out = ok(f.finalize(1).await);
    assert_eq!(out.cpi_events::<psp_pop::events::EpochFinalized>()[0].total_reserved, FUNDED + 1);
    assert_eq!(f.vault_balance().await, FUNDED + 1);
}

#[tokio::test]
async fn finalize_refuses_a_total_above_a_lowered_cap() {
    let mut f = proposed().await;
    let admin = f.admin.insecure_clone();
    let args = config(&mut f, |a| a.max_epoch_total = 999).await;
    f.env.send_ok(&[ix::set_config(&f.distributor, &admin.pubkey(), &f.receiver, args)], &[&admin]).await;
    f.at(epoch_end(0) + CHALLENGE).await;
    fails_with(f.finalize(0).await, code(PopError::EpochTotalTooLarge));
    let args = config(&mut f, |a| a.max_epoch_total = 1_000).await;
    f.env.send_ok(&[ix::set_config(&f.distributor, &admin.pubkey(), &f.receiver, args)], &[&admin]).await;
    ok(f.finalize(0).await);
}
