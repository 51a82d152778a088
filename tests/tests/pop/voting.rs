//! On-chain voting: quorum over agreeing votes only, one vote per attestor and round, inactive
//! and unknown attestors, rounds restarted by attestor removal and quorum changes (stale votes
//! never count), the epoch clock, and the bounds on an attestation.
use anchor_lang::error::ErrorCode;
use psp_pop::errors::PopError;
use psp_pop::events::{Attested, EpochProposed, RoundReset};
use psp_pop::state::EpochStatus;
use psp_pop::{Attestation, ConfigArgs};
use psp_sdk::pop::{self, instructions as ix};
use solana_sdk::signature::{Keypair, Signer};

use crate::common::*;

fn triple(byte: u8) -> Attestation {
    Attestation { root: [byte; 32], total: 1_000, leaf_count: 3 }
}

#[tokio::test]
async fn disagreeing_votes_do_not_propose_until_one_triple_has_the_quorum() {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    let (x, y) = (triple(1), triple(2));
    let out = ok(f.attest(0, 0, 0, x).await);
    assert_eq!(out.events::<Attested>(&psp_pop::ID)[0].votes, 1);
    let out = ok(f.attest(1, 0, 0, y).await);
    assert_eq!(out.events::<Attested>(&psp_pop::ID)[0].votes, 1);
    assert!(out.events::<EpochProposed>(&psp_pop::ID).is_empty());
    let epoch = f.epoch(0).await;
    assert_eq!((epoch.status, epoch.root), (EpochStatus::Voting, [0; 32]));
    // A triple differing only in total or leaf count is another candidate.
    let out = ok(f.attest(2, 0, 0, Attestation { total: 999, ..x }).await);
    assert_eq!(out.events::<Attested>(&psp_pop::ID)[0].votes, 1);
    assert_eq!(f.epoch(0).await.status, EpochStatus::Voting);
    // A fourth attestor joins and agrees with the first: x wins.
    let d = f.add_attestor().await;
    let out = ok(f.attest(d, 0, 0, x).await);
    let e = &out.events::<EpochProposed>(&psp_pop::ID)[0];
    assert_eq!((e.root, e.total, e.leaf_count, e.votes), (x.root, x.total, x.leaf_count, 2));
    let epoch = f.epoch(0).await;
    assert_eq!((epoch.status, epoch.root, epoch.total, epoch.leaf_count), (EpochStatus::Proposed, x.root, 1_000, 3));
    // Once proposed, further votes are refused.
    f.add_attestor().await;
    fails_with(f.attest(4, 0, 0, y).await, code(PopError::EpochNotVoting));
}

#[tokio::test]
async fn third_vote_breaks_a_tie() {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    ok(f.attest(0, 0, 0, triple(1)).await);
    ok(f.attest(1, 0, 0, triple(2)).await);
    let out = ok(f.attest(2, 0, 0, triple(2)).await);
    assert_eq!(out.events::<EpochProposed>(&psp_pop::ID)[0].root, [2; 32]);
    assert_eq!(f.epoch(0).await.root, [2; 32]);
}

#[tokio::test]
async fn an_attestor_votes_once_per_round() {
    let mut f = Fixture::new(3, 3).await;
    f.at(epoch_end(0)).await;
    ok(f.attest(0, 0, 0, triple(1)).await);
    // Same triple again, or another triple: creating the vote account fails (the system
    // program's AccountAlreadyInUse, code 0).
    for again in [triple(1), triple(2)] {
        let failure = fails_with(f.attest(0, 0, 0, again).await, 0);
        assert!(failure.logs.iter().any(|l| l.contains("already in use")), "{:?}", failure.logs);
    }
    let vote = pop::vote_pda(&pop::epoch_pda(&f.distributor, 0).0, 0, &f.attestors[0].pubkey()).0;
    assert!(f.env.exists(&vote).await);
    let candidate: psp_pop::state::Candidate =
        f.env.account(&pop::candidate_pda(&pop::epoch_pda(&f.distributor, 0).0, 0, &triple(1)).0).await;
    assert_eq!(candidate.votes, 1);
    ok(f.attest(1, 0, 0, triple(1)).await);
    assert_eq!(f.epoch(0).await.status, EpochStatus::Voting);
}

#[tokio::test]
async fn inactive_unknown_and_unsigned_attestors_are_refused() {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    let removed = f.attestors[2].pubkey();
    f.set_attestor(&removed, false).await;
    assert_eq!(f.state().await.attestor_count, 2);
    fails_with(f.attest(2, 0, 0, triple(1)).await, code(PopError::AttestorInactive));
    // A key that was never added has no attestor account.
    let stranger = Keypair::new();
    let payer = f.env.payer().pubkey();
    let ix = ix::attest(&f.distributor, &stranger.pubkey(), &payer, 0, 0, triple(1));
    f.env.send_err(&[ix], &[&stranger], anchor_code(ErrorCode::AccountNotInitialized)).await;
    // An attestor's account presented with another signer: the seeds do not match.
    let ix = swap(
        ix::attest(&f.distributor, &stranger.pubkey(), &payer, 0, 0, triple(1)),
        &pop::attestor_pda(&f.distributor, &stranger.pubkey()).0,
        &pop::attestor_pda(&f.distributor, &f.attestors[0].pubkey()).0,
    );
    f.env.send_err(&[ix], &[&stranger], anchor_code(ErrorCode::ConstraintSeeds)).await;
    // The attestor's signature is required.
    let ix = unsigned(f.attest_ix(0, 0, 0, triple(1)), &f.attestors[0].pubkey());
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    // Reactivation makes it count again.
    f.set_attestor(&removed, true).await;
    let round = f.round(0).await;
    ok(f.attest(2, 0, round, triple(1)).await);
}

#[tokio::test]
async fn removing_an_attestor_restarts_the_round_and_drops_its_votes() {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    ok(f.attest(2, 0, 0, triple(1)).await);
    let generation = f.state().await.attestor_generation;
    let out = f.set_attestor(&f.attestors[2].pubkey(), false).await;
    assert_eq!(out.events::<psp_pop::events::AttestorSet>(&psp_pop::ID)[0].attestor_generation, generation + 1);
    // Round 0 is stale: its vote by the removed attestor must not combine with a new one.
    fails_with(f.attest(0, 0, 0, triple(1)).await, code(PopError::WrongRound));
    assert_eq!(f.round(0).await, 1);
    let out = ok(f.attest(0, 0, 1, triple(1)).await);
    let reset = &out.events::<RoundReset>(&psp_pop::ID)[0];
    assert_eq!((reset.epoch, reset.round, reset.attestor_generation), (0, 1, generation + 1));
    assert_eq!(out.events::<Attested>(&psp_pop::ID)[0].votes, 1);
    assert!(out.events::<EpochProposed>(&psp_pop::ID).is_empty());
    let out = ok(f.attest(1, 0, 1, triple(1)).await);
    assert!(out.events::<RoundReset>(&psp_pop::ID).is_empty());
    let e = &out.events::<EpochProposed>(&psp_pop::ID)[0];
    assert_eq!((e.round, e.votes), (1, 2));
    // Adding an attestor does not restart anything.
    let generation = f.state().await.attestor_generation;
    f.add_attestor().await;
    assert_eq!(f.state().await.attestor_generation, generation);
}

#[tokio::test]
async fn a_quorum_change_restarts_the_round() {
    let mut f = Fixture::new(3, 3).await;
    f.at(epoch_end(0)).await;
    ok(f.attest(0, 0, 0, triple(1)).await);
    ok(f.attest(1, 0, 0, triple(1)).await);
    // Lowering the quorum to 2 does not make the two round-0 votes a quorum after the fact.
    let admin = f.admin.insecure_clone();
    let args = ConfigArgs {
        guardian: f.guardian.pubkey(),
        challenge_window: CHALLENGE,
        claim_window: CLAIM_WINDOW,
        max_epoch_total: MAX_TOTAL,
        quorum: 2,
    };
    f.env.send_ok(&[ix::set_config(&f.distributor, &admin.pubkey(), &f.receiver, args)], &[&admin]).await;
    assert_eq!(f.epoch(0).await.status, EpochStatus::Voting);
    fails_with(f.attest(2, 0, 0, triple(1)).await, code(PopError::WrongRound));
    let out = ok(f.attest(2, 0, 1, triple(1)).await);
    assert_eq!(out.events::<RoundReset>(&psp_pop::ID).len(), 1);
    let attested = &out.events::<Attested>(&psp_pop::ID)[0];
    assert_eq!((attested.votes, attested.quorum), (1, 2));
    assert!(out.events::<EpochProposed>(&psp_pop::ID).is_empty());
    let out = ok(f.attest(0, 0, 1, triple(1)).await);
    assert_eq!(out.events::<EpochProposed>(&psp_pop::ID)[0].votes, 2);
}

#[tokio::test]
async fn votes_wait_for_the_end_of_the_epoch() {
    let mut f = Fixture::new(1, 1).await;
    for now in [T0, epoch_end(0) - 1] {
        f.at(now).await;
        fails_with(f.attest(0, 0, 0, triple(1)).await, code(PopError::EpochNotEnded));
    }
    fails_with(f.attest(0, 1, 0, triple(1)).await, code(PopError::EpochNotEnded));
    assert!(!f.env.exists(&pop::epoch_pda(&f.distributor, 0).0).await);
    f.at(epoch_end(0)).await;
    let out = ok(f.attest(0, 0, 0, triple(1)).await);
    assert_eq!(out.events::<EpochProposed>(&psp_pop::ID)[0].challenge_ends_at, epoch_end(0) + CHALLENGE);
    fails_with(f.attest(0, 1, 0, triple(1)).await, code(PopError::EpochNotEnded));
    // Far-future epochs: not ended, or an end that does not fit the clock at all.
    fails_with(f.attest(0, 1 << 40, 0, triple(1)).await, code(PopError::EpochNotEnded));
    fails_with(f.attest(0, u64::MAX, 0, triple(1)).await, code(PopError::MathOverflow));
}

#[tokio::test]
async fn invalid_attestations_are_refused() {
    let mut f = Fixture::new(1, 1).await;
    f.at(epoch_end(0)).await;
    let good = triple(1);
    for bad in [
        Attestation { root: [0; 32], ..good },
        Attestation { total: 0, ..good },
        Attestation { total: MAX_TOTAL + 1, ..good },
        Attestation { leaf_count: 0, ..good },
        Attestation { leaf_count: psp_pop::constants::MAX_LEAVES + 1, ..good },
    ] {
        fails_with(f.attest(0, 0, 0, bad).await, code(PopError::InvalidAttestation));
    }
    ok(f.attest(0, 0, 0, Attestation { total: MAX_TOTAL, leaf_count: psp_pop::constants::MAX_LEAVES, ..good }).await);
}
