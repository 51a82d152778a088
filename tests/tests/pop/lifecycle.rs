//! A whole epoch end to end: participation events -> rules read from chain -> validation and
//! build -> proofs file -> quorum attestation -> challenge window -> finalization -> claims with
//! the proofs file -> sweep of the unclaimed rest -> chunk closed; and two epochs reserving
//! side by side.
use psp_pop::events::{Attested, ClaimChunkClosed, ClaimChunkOpened, Claimed, EpochFinalized, EpochProposed, Swept};
use psp_pop::state::EpochStatus;
use psp_pop::Attestation;
use psp_sdk::pop::{self, proofs, ProofsFile};
use solana_sdk::signature::Signer;

use crate::common::*;

#[tokio::test]
async fn full_epoch_from_events_to_sweep() {
    let mut f = Fixture::new(3, 2).await;
    let people = [
        f.participant().await,
        f.participant().await,
        f.participant().await,
        f.participant().await,
        f.participant().await,
    ];
    let k: Vec<_> = people.iter().map(|p| p.pubkey()).collect();
    // relay: weight 3, cap 10 units per participant; vote: weight 1.
    let events = [
        event(&k[0], "relay", 5, 0, 1),
        event(&k[1], "relay", 20, 0, 2), // capped to 10
        event(&k[1], "vote", 5, 0, 3),
        event(&k[2], "vote", 7, 0, 4),
        event(&k[3], "vote", 1, 0, 5),
        event(&k[4], "relay", 2, 0, 6),
    ];
    let points = [15u128, 35, 7, 1, 6];
    let budget = 1_000_001u64;

    // The rules come from the on-chain kinds and clock.
    let state = f.state().await;
    let kinds = f.kinds(&["relay", "vote"]).await;
    let rules = pop::chain::epoch_rules(&state, &kinds, 0).unwrap();
    assert_eq!((rules.start, rules.end), (T0, epoch_end(0)));
    let named: Vec<_> = rules.kinds.iter().map(|k| (k.name.as_str(), k.weight, k.max_units_per_participant)).collect();
    assert_eq!(named, vec![("relay", 3, Some(10)), ("vote", 1, None)]);
    let build = f.build(0, &events, budget).await;
    let total_points: u128 = points.iter().sum();
    for (p, pts) in k.iter().zip(points) {
        let leaf = build.leaf_of(p).unwrap();
        assert_eq!((leaf.points, u128::from(leaf.amount)), (pts, u128::from(budget) * pts / total_points));
    }
    assert_eq!(build.total_amount + build.remainder, budget);
    assert_eq!(build.leaf_count, 5);
    let dir = std::env::temp_dir().join(format!("psp-pop-test-{}", f.distributor));
    let file = ProofsFile::load(proofs::write_proofs_file(&build, &dir).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let attestation = Attestation { root: file.root, total: file.total_amount, leaf_count: file.leaf_count };
    assert_eq!(attestation, attestation_of(&build));

    // Voting: the first vote counts, the second reaches the quorum and proposes.
    f.at(epoch_end(0)).await;
    let out = ok(f.attest(0, 0, 0, attestation).await);
    assert_eq!(out.events::<Attested>(&psp_pop::ID)[0].votes, 1);
    assert!(out.events::<EpochProposed>(&psp_pop::ID).is_empty());
    assert_eq!(f.epoch(0).await.status, EpochStatus::Voting);
    let out = ok(f.attest(2, 0, 0, attestation).await);
    let e = &out.events::<EpochProposed>(&psp_pop::ID)[0];
    assert_eq!((e.epoch, e.round, e.root, e.total, e.leaf_count), (0, 0, file.root, file.total_amount, 5));
    assert_eq!((e.votes, e.signed_batch, e.challenge_ends_at), (2, false, epoch_end(0) + CHALLENGE));
    assert_eq!(f.epoch(0).await.status, EpochStatus::Proposed);
    assert_eq!((f.vault_balance().await, f.state().await.total_reserved), (FUNDED, 0));

    // Finalization reserves the total.
    f.at(epoch_end(0) + CHALLENGE).await;
    let out = ok(f.finalize(0).await);
    let e = &out.cpi_events::<EpochFinalized>()[0];
    let deadline = epoch_end(0) + CHALLENGE + CLAIM_WINDOW;
    assert_eq!(
        (e.total, e.total_reserved, e.claim_deadline, e.root),
        (file.total_amount, file.total_amount, deadline, file.root)
    );
    assert_eq!((f.vault_balance().await, f.state().await.total_reserved), (FUNDED, file.total_amount));

    // A separate opener pays the chunk's rent (and gets it back at the end).
    let opener = f.env.funded_keypair(1).await;
    let before_open = f.env.lamports(&opener.pubkey()).await;
    let open = pop::instructions::open_claim_chunk(&f.distributor, &opener.pubkey(), 0, 0);
    let out = f.env.send_ok(&[open], &[&opener]).await;
    let e = &out.events::<ClaimChunkOpened>(&psp_pop::ID)[0];
    assert_eq!((e.epoch, e.chunk, e.payer), (0, 0, opener.pubkey()));
    let rent = before_open - f.env.lamports(&opener.pubkey()).await;
    assert!(rent > 0);

    // Everyone but the last participant claims with the proofs file.
    let mut claimed = 0;
    for (n, who) in people[..4].iter().enumerate() {
        let entry = file.claims.iter().find(|c| c.claimant == who.pubkey()).unwrap().clone();
        let ix = f.claim_ix(0, entry.index, &who.pubkey(), entry.amount, entry.proof, &who.ata).await;
        let out = f.env.send_ok(&[ix], &[&who.key]).await;
        claimed += entry.amount;
        let e = &out.cpi_events::<Claimed>()[0];
        assert_eq!((e.index, e.claimant, e.destination, e.amount), (entry.index, who.pubkey(), who.ata, entry.amount));
        assert_eq!(e.mint, f.mint, "Claimed names the reward mint");
        assert_eq!((e.epoch_claimed_amount, e.epoch_claimed_count), (claimed, n as u64 + 1));
        assert_eq!(f.balance(&who.ata).await, entry.amount);
        assert_eq!(
            (f.vault_balance().await, f.state().await.total_reserved),
            (FUNDED - claimed, file.total_amount - claimed)
        );
    }
    let rest = file.total_amount - claimed;
    assert_eq!(rest, build.leaf_of(&k[4]).unwrap().amount);

    // The sweep waits for the deadline; then claims are closed and the rest goes to the receiver.
    f.at(deadline - 1).await;
    fails_with(f.sweep(0).await, code(psp_pop::errors::PopError::ClaimWindowOpen));
    f.at(deadline).await;
    fails_with(f.claim(&build, &people[4]).await, code(psp_pop::errors::PopError::ClaimWindowClosed));
    let out = ok(f.sweep(0).await);
    let e = &out.cpi_events::<Swept>()[0];
    assert_eq!(e.mint, f.mint, "Swept names the reward mint");
    assert_eq!(
        (e.receiver, e.amount, e.claimed_amount, e.claimed_count, e.leaf_count),
        (f.receiver, rest, claimed, 4, 5)
    );
    let receiver = f.receiver;
    assert_eq!(f.balance(&receiver).await, rest);
    assert_eq!((f.vault_balance().await, f.state().await.total_reserved), (FUNDED - file.total_amount, 0));
    let epoch = f.epoch(0).await;
    assert_eq!(
        (epoch.status, epoch.swept_amount, epoch.claimed_amount, epoch.chunks_open),
        (EpochStatus::Swept, rest, claimed, 1)
    );
    fails_with(f.sweep(0).await, code(psp_pop::errors::PopError::EpochNotFinalized));

    // Closing the chunk returns its rent to the opener.
    let before_close = f.env.lamports(&opener.pubkey()).await;
    let out = f.env.send_ok(&[pop::instructions::close_claim_chunk(&f.distributor, 0, 0, &opener.pubkey())], &[]).await;
    assert_eq!(out.events::<ClaimChunkClosed>(&psp_pop::ID)[0].payer, opener.pubkey());
    assert_eq!(f.env.lamports(&opener.pubkey()).await, before_close + rent);
    let chunk = pop::claim_chunk_pda(&pop::epoch_pda(&f.distributor, 0).0, 0).0;
    assert!(!f.env.exists(&chunk).await);
    assert_eq!(f.epoch(0).await.chunks_open, 0);
    let d = f.state().await;
    assert_eq!((d.total_funded, d.total_claimed, d.total_swept, d.epochs_finalized), (FUNDED, claimed, rest, 1));
}

#[tokio::test]
async fn two_epochs_reserve_side_by_side_and_sweep_separately() {
    let mut f = Fixture::new(2, 2).await;
    let (a, b) = (f.participant().await, f.participant().await);
    let build0 =
        f.build(0, &[event(&a.pubkey(), "vote", 3, 0, 1), event(&b.pubkey(), "vote", 1, 0, 2)], 4_000_000).await;
    let build1 =
        f.build(1, &[event(&a.pubkey(), "vote", 1, 1, 1), event(&b.pubkey(), "vote", 1, 1, 2)], 5_000_000).await;
    f.finalized(0, attestation_of(&build0)).await;
    f.finalized(1, attestation_of(&build1)).await;
    assert_eq!(f.state().await.total_reserved, 9_000_000);
    f.open_chunk(0, 0).await;
    f.open_chunk(1, 0).await;
    ok(f.claim(&build0, &a).await);
    ok(f.claim(&build1, &b).await);
    assert_eq!(f.balance(&a.ata).await, 3_000_000);
    assert_eq!(f.balance(&b.ata).await, 2_500_000);
    f.assert_vault_covers_reserved().await;
    // Epoch 0's deadline comes first: its sweep releases only its own rest (b's 1_000_000).
    let deadline0 = f.epoch(0).await.claim_deadline;
    f.at(deadline0).await;
    ok(f.sweep(0).await);
    fails_with(f.sweep(1).await, code(psp_pop::errors::PopError::ClaimWindowOpen));
    assert_eq!(f.state().await.total_reserved, 2_500_000);
    ok(f.claim(&build1, &a).await);
    let receiver = f.receiver;
    assert_eq!((f.balance(&receiver).await, f.state().await.total_reserved), (1_000_000, 0));
    assert_eq!(f.vault_balance().await, FUNDED - 9_000_000);
}
