//! Property test driving the real program (few cases: each starts a bank): two overlapping
//! epochs with random participants, units and budgets, a random subset claiming from each in an
//! interleaved order, then both sweeps. Per epoch, claims + sweep == the finalized total and
//! nobody receives more or less than its leaf; the vault never holds less than the reserved
//! total and ends with exactly the unreserved funds (funded - both totals).
use proptest::prelude::*;
use psp_pop::events::Swept;
use psp_sdk::pop::EpochBuild;

use crate::common::*;

/// Runs `case` to completion on a fresh tokio runtime.
fn block_on<F: std::future::Future<Output = Result<(), TestCaseError>>>(case: F) -> Result<(), TestCaseError> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(case)
}

/// One epoch's random input: (vote units, relay units) per participant, the budget, and who claims.
type EpochInput = (Vec<(u64, u64)>, u64, Vec<bool>);

/// Builds epoch `epoch` from `input` over `people` (the first `input.0.len()` of them).
async fn build(f: &mut Fixture, epoch: u64, people: &[Participant], input: &EpochInput) -> EpochBuild {
    let mut events = Vec::new();
    for (i, (who, &(vote, relay))) in people.iter().zip(&input.0).enumerate() {
        events.push(event(&who.pubkey(), "vote", vote, epoch, 2 * i as u64));
        if relay > 0 {
            events.push(event(&who.pubkey(), "relay", relay, epoch, 2 * i as u64 + 1));
        }
    }
    f.build(epoch, &events, input.1).await
}

/// The whole random history; see the module doc for the checks.
async fn run(epochs: [EpochInput; 2]) -> Result<(), TestCaseError> {
    let mut f = Fixture::new(1, 1).await;
    let n = epochs.iter().map(|e| e.0.len()).max().unwrap_or(0);
    let mut people = Vec::new();
    for _ in 0..n {
        people.push(f.participant().await);
    }
    let builds = [build(&mut f, 0, &people, &epochs[0]).await, build(&mut f, 1, &people, &epochs[1]).await];
    for b in &builds {
        prop_assert_eq!(b.total_amount + b.remainder, b.budget);
        prop_assert!(b.leaf_count > 0);
        f.finalized(b.epoch, attestation_of(b)).await;
        f.open_chunk(b.epoch, 0).await;
    }
    let total = builds[0].total_amount + builds[1].total_amount;
    prop_assert_eq!(f.state().await.total_reserved, total);
    // Interleaved claims: participant i of epoch 0, then of epoch 1.
    let mut claimed = [0u64; 2];
    let mut received = vec![0u64; n];
    for (i, who) in people.iter().enumerate() {
        for (e, b) in builds.iter().enumerate() {
            let wants = epochs[e].2.get(i).copied().unwrap_or(false);
            let Some(leaf) = b.leaf_of(&who.pubkey()).copied() else { continue };
            if !wants {
                continue;
            }
            ok(f.claim(b, who).await);
            claimed[e] += leaf.amount;
            received[i] += leaf.amount;
            prop_assert_eq!(f.balance(&who.ata).await, received[i]);
            let (vault, reserved) = (f.vault_balance().await, f.state().await.total_reserved);
            prop_assert_eq!(reserved, total - claimed[0] - claimed[1]);
            prop_assert_eq!(vault - reserved, FUNDED - total);
        }
    }
    // Both deadlines pass; each sweep pays exactly its epoch's unclaimed rest.
    let deadline = f.epoch(1).await.claim_deadline;
    f.at(deadline).await;
    let mut swept = 0;
    for (e, b) in builds.iter().enumerate() {
        let out = ok(f.sweep(b.epoch).await);
        let amount = out.cpi_events::<Swept>()[0].amount;
        prop_assert_eq!(claimed[e] + amount, b.total_amount);
        let epoch = f.epoch(b.epoch).await;
        prop_assert_eq!((epoch.claimed_amount, epoch.swept_amount), (claimed[e], amount));
        swept += amount;
        f.assert_vault_covers_reserved().await;
    }
    let receiver = f.receiver;
    prop_assert_eq!(f.balance(&receiver).await, swept);
    prop_assert_eq!(received.iter().sum::<u64>() + swept, total);
    let d = f.state().await;
    prop_assert_eq!((d.total_reserved, d.total_claimed, d.total_swept), (0, claimed[0] + claimed[1], swept));
    prop_assert_eq!(f.vault_balance().await, FUNDED - total);
    Ok(())
}

/// One epoch's input: 1..6 participants with (vote 1..1000, relay 0..20) units, a budget and
/// who claims.
fn epoch_input() -> impl Strategy<Value = EpochInput> {
    (
        proptest::collection::vec((1u64..1_000, 0u64..20), 1..6),
        1_000u64..=FUNDED / 2,
        proptest::collection::vec(any::<bool>(), 6),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn claims_plus_sweep_equal_the_total_and_the_vault_keeps_only_unreserved_funds(
        first in epoch_input(),
        second in epoch_input(),
    ) {
        block_on(run([first, second]))?;
    }
}
