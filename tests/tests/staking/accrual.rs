//! Reward accrual on chain: exact emission `rate x time` for one staker, the cap at the funded
//! amount, funding gaps that a later refill does not pay, no emission without stakers, rate
//! changes settled at the old rate, two streams of different mints, and many stakers joining
//! and leaving against a reference computed here.
use psp_staking::errors::StakingError;
use psp_staking::events::{RewardsClaimed, StreamChange, StreamChanged};
use solana_sdk::signature::Signer;

use crate::common::{ok, settled, Fixture, T0};

#[tokio::test]
async fn one_staker_earns_rate_times_time_capped_at_the_funds() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 10_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(100).await;
    let destination = f.reward_ata(&staker.pubkey(), index).await;
    let out = ok(f.claim(&staker, &position, index).await);
    let e = &out.cpi_events::<RewardsClaimed>()[0];
    assert_eq!(
        (e.pool, e.position, e.owner, e.index, e.amount, e.total_claimed, e.timestamp),
        (f.pool, position, staker.pubkey(), index, 1_000, 1_000, T0 + 100)
    );
    assert_eq!(f.balance(&destination).await, 1_000);
    // Long after the funds ran out (at 1_000 s): exactly the funded total, never more.
    f.at(5_000).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 9_000);
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!(
        (stream.unallocated, stream.total_allocated, stream.total_claimed, stream.total_funded),
        (0, 10_000, 10_000, 10_000)
    );
    assert_eq!(f.balance(&stream.reward_vault).await, 0);
    f.at(6_000).await;
    f.claim_err(&staker, &position, index, StakingError::NothingToClaim).await;
}

#[tokio::test]
async fn a_funding_gap_is_not_paid_by_a_later_refill() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    // The funds last 100 s; nothing is emitted from 100 to 300 s.
    f.at(300).await;
    let out = f.fund(index, 1_000).await;
    let e = &out.cpi_events::<StreamChanged>()[0];
    assert_eq!(e.change, StreamChange::Funded { funder: f.admin.pubkey(), amount: 1_000 });
    let s = settled(&out, index);
    assert_eq!((s.unallocated, s.total_funded, s.total_allocated), (1_000, 2_000, 1_000));
    assert_eq!(s.funded_until, Some(T0 + 400));
    f.at(350).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_500);
    f.at(10_000).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 500);
}

#[tokio::test]
async fn without_stakers_nothing_is_emitted_and_the_funds_stay() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 5_000).await;
    f.at(1_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!((stream.unallocated, stream.total_allocated, stream.last_update), (5_000, 0, T0 + 1_000));
    f.at(1_100).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_000);
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!((stream.unallocated, f.balance(&stream.reward_vault).await), (4_000, 4_000));
    // Everyone leaves: emission stops again.
    ok(f.cooldown(&staker, &position, 1_000).await);
    f.at(2_000).await;
    f.claim_err(&staker, &position, index, StakingError::NothingToClaim).await;
    assert_eq!(f.pool_state().await.streams[usize::from(index)].unallocated, 4_000);
}

#[tokio::test]
async fn a_rate_change_settles_at_the_old_rate_first() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(100).await;
    let out = f.set_stream(index, Some(30), None).await;
    let e = &out.cpi_events::<StreamChanged>()[0];
    assert_eq!(e.change, StreamChange::RateSet { old_rate_per_second: 10, new_rate_per_second: 30 });
    let s = settled(&out, index);
    assert_eq!((s.rate_per_second, s.total_allocated, s.last_update), (30, 1_000, T0 + 100));
    f.at(200).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_000 + 3_000);
    // Rate 0 pauses emission without retiring the stream.
    f.set_stream(index, Some(0), None).await;
    f.at(500).await;
    f.claim_err(&staker, &position, index, StakingError::NothingToClaim).await;
}

#[tokio::test]
async fn two_streams_of_different_mints_pay_independently() {
    let mut f = Fixture::new().await;
    let a = f.add_stream(10).await;
    let b = f.add_stream(7).await;
    f.fund(a, 100_000).await;
    f.fund(b, 100_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(100).await;
    let (ix_a, ix_b) = (f.claim_ix(&staker, &position, a).await, f.claim_ix(&staker, &position, b).await);
    let out = f.env.send_ok(&[ix_a, ix_b], &[&staker.key]).await;
    let events = out.cpi_events::<RewardsClaimed>();
    let state = f.pool_state().await;
    assert_ne!(state.streams[0].reward_mint, state.streams[1].reward_mint);
    assert_eq!(
        events.iter().map(|e| (e.index, e.reward_mint, e.amount)).collect::<Vec<_>>(),
        vec![(a, state.streams[0].reward_mint, 1_000), (b, state.streams[1].reward_mint, 700),]
    );
    let (ata_a, ata_b) = (f.reward_ata(&staker.pubkey(), a).await, f.reward_ata(&staker.pubkey(), b).await);
    assert_eq!((f.balance(&ata_a).await, f.balance(&ata_b).await), (1_000, 700));
}

/// One staker's plan: amount, join time, and leave time (full cooldown), relative to `T0`.
struct Plan {
    amount: u64,
    join: i64,
    leave: Option<i64>,
}

#[tokio::test]
async fn many_stakers_joining_and_leaving_match_a_reference() {
    const RATE: u64 = 97;
    const END: i64 = 2_000;
    let plans = [
        Plan { amount: 1_000, join: 0, leave: Some(700) },
        Plan { amount: 2_000, join: 50, leave: None },
        Plan { amount: 3_333, join: 120, leave: Some(1_500) },
        Plan { amount: 500, join: 400, leave: Some(401) },
        Plan { amount: 40_000, join: 900, leave: None },
        Plan { amount: 1_501, join: 1_200, leave: Some(1_900) },
        Plan { amount: 7, join: 1_300, leave: None },
    ];
    let mut f = Fixture::new().await;
    let index = f.add_stream(RATE).await;
    f.fund(index, 10_000_000).await;
    let mut stakers = Vec::new();
    for _ in &plans {
        stakers.push(f.staker().await);
    }
    // Every join and leave, in time order: (time, staker, joins).
    let mut events: Vec<(i64, usize, bool)> = plans.iter().enumerate().map(|(i, p)| (p.join, i, true)).collect();
    events.extend(plans.iter().enumerate().filter_map(|(i, p)| p.leave.map(|t| (t, i, false))));
    events.sort();
    let mut positions = vec![None; plans.len()];
    let mut expected = vec![0f64; plans.len()];
    let mut active = vec![false; plans.len()];
    let mut last = 0;
    for &(time, i, joins) in events.iter().chain(std::iter::once(&(END, usize::MAX, false))) {
        // Reference: the emission since the last event split by stake (all 1x).
        let total: u64 = plans.iter().zip(&active).filter(|(_, a)| **a).map(|(p, _)| p.amount).sum();
        if total > 0 {
            for (j, p) in plans.iter().enumerate().filter(|(j, _)| active[*j]) {
                expected[j] += (RATE * (time - last) as u64) as f64 * p.amount as f64 / total as f64;
            }
        }
        last = time;
        if i == usize::MAX {
            break;
        }
        f.at(time).await;
        if joins {
            positions[i] = Some(f.open(&stakers[i], 0, plans[i].amount, 0).await.0);
        } else {
            ok(f.cooldown(&stakers[i], &positions[i].unwrap(), plans[i].amount).await);
        }
        active[i] = joins;
    }
    f.at(END).await;
    let mut paid = 0;
    for (i, staker) in stakers.iter().enumerate() {
        let got = f.claim_ok(staker, &positions[i].unwrap(), index).await;
        assert!((got as f64 - expected[i]).abs() <= 3.0, "staker {i}: got {got}, reference {}", expected[i]);
        paid += got;
    }
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert!(paid <= stream.total_allocated && stream.total_allocated <= RATE * END as u64);
    assert!(RATE * END as u64 - paid <= plans.len() as u64 * 3);
    assert_eq!(stream.total_allocated + stream.unallocated, 10_000_000);
}
