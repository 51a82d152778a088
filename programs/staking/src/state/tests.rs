//! Unit and property tests of the staking math: boost, accrual, funding gaps, settlement,
//! voting power, and conservation against a continuous reference model.
use anchor_lang::prelude::Pubkey;
use proptest::prelude::*;

use super::*;
use crate::constants::{ACC_SCALE, BPS, MAX_STREAMS};

fn pool() -> Pool {
    Pool {
        version: 1,
        bump: 255,
        create_key: Pubkey::new_unique(),
        admin: Pubkey::new_unique(),
        pending_admin: None,
        guardian: Pubkey::new_unique(),
        stake_mint: Pubkey::new_unique(),
        stake_token_program: Pubkey::new_unique(),
        stake_vault: Pubkey::new_unique(),
        stake_vault_bump: 254,
        max_lockup: 400,
        max_multiplier_bps: 5 * BPS,
        min_voting_lockup: 100,
        cooldown: 10,
        paused: 0,
        total_staked: 0,
        total_cooling: 0,
        total_weight: 0,
        position_count: 0,
        next_stream_id: 1,
        streams: [RewardStream::default(); MAX_STREAMS],
        reserved: [0; 64],
    }
}

fn active_stream(id: u32, rate: u64, funds: u64, now: i64) -> RewardStream {
    RewardStream {
        status: StreamStatus::Active,
        id,
        rate_per_second: rate,
        last_update: now,
        unallocated: funds,
        total_funded: funds,
        ..Default::default()
    }
}

fn position(weight: u128, pool: &Pool) -> Position {
    let mut p = Position {
        version: 1,
        bump: 255,
        pool: Pubkey::new_unique(),
        owner: Pubkey::new_unique(),
        index: 0,
        amount: weight as u64,
        lock_start: 0,
        lock_end: 0,
        multiplier_bps: BPS,
        weight,
        cooling_amount: 0,
        cooldown_end: 0,
        created_at: 0,
        weight_increased_at: 0,
        rewards: [PositionReward::default(); MAX_STREAMS],
        reserved: [0; 64],
    };
    p.checkpoint_all(pool);
    p
}

#[test]
fn boost_is_linear_from_one_x_to_the_maximum() {
    assert_eq!(multiplier_bps(0, 400, 5 * BPS), BPS);
    assert_eq!(multiplier_bps(400, 400, 5 * BPS), 5 * BPS);
    assert_eq!(multiplier_bps(100, 400, 5 * BPS), 2 * BPS);
    assert_eq!(multiplier_bps(1_000, 400, 5 * BPS), 5 * BPS);
    assert_eq!(multiplier_bps(-5, 400, 5 * BPS), BPS);
    assert_eq!(multiplier_bps(100, 0, 5 * BPS), BPS);
    assert_eq!(weight(1_000, 2 * BPS + 1), 2_000);
}

#[test]
fn emission_stops_when_funds_run_out_and_does_not_pay_the_gap() {
    let mut pool = pool();
    pool.streams[0] = active_stream(1, 10, 1_000, 0);
    let mut alice = position(100, &pool);
    pool.total_weight = 100;
    pool.accrue(50).unwrap();
    alice.settle(&pool).unwrap();
    assert_eq!(alice.rewards[0].pending, 500);
    assert_eq!(pool.streams[0].funded_until(), Some(100));
    pool.accrue(200).unwrap();
    alice.settle(&pool).unwrap();
    assert_eq!(alice.rewards[0].pending, 1_000, "capped at the funding");
    assert_eq!(pool.streams[0].unallocated, 0);
    // Refunded at t=200: emission resumes from 200, the gap 100..200 is not paid.
    pool.streams[0].unallocated = 1_000;
    pool.accrue(210).unwrap();
    alice.settle(&pool).unwrap();
    assert_eq!(alice.rewards[0].pending, 1_100);
}

#[test]
fn no_stakers_means_no_emission_and_funds_are_kept() {
    let mut pool = pool();
    pool.streams[0] = active_stream(1, 10, 1_000, 0);
    pool.accrue(50).unwrap();
    assert_eq!((pool.streams[0].unallocated, pool.streams[0].acc_per_weight), (1_000, 0));
    let mut bob = position(10, &pool);
    pool.total_weight = 10;
    pool.accrue(60).unwrap();
    bob.settle(&pool).unwrap();
    assert_eq!(bob.rewards[0].pending, 100);
}

#[test]
fn rewards_split_by_weight_across_streams() {
    let mut pool = pool();
    pool.streams[0] = active_stream(1, 10, 10_000, 0);
    pool.streams[1] = active_stream(2, 3, 10_000, 0);
    let mut a = position(100, &pool);
    let mut b = position(300, &pool);
    pool.total_weight = 400;
    pool.accrue(40).unwrap();
    a.settle(&pool).unwrap();
    b.settle(&pool).unwrap();
    assert_eq!((a.rewards[0].pending, b.rewards[0].pending), (100, 300));
    assert_eq!((a.rewards[1].pending, b.rewards[1].pending), (30, 90));
}

#[test]
fn a_reused_slot_starts_positions_from_zero() {
    let mut pool = pool();
    pool.streams[0] = active_stream(1, 10, 1_000, 0);
    let mut a = position(10, &pool);
    pool.total_weight = 10;
    pool.accrue(10).unwrap();
    pool.streams[0] = active_stream(2, 1, 1_000, 10);
    pool.accrue(20).unwrap();
    a.settle(&pool).unwrap();
    // The old stream's 100 was not settled before the slot changed: forfeited by design.
    assert_eq!((a.rewards[0].stream_id, a.rewards[0].pending), (2, 10));
}

#[test]
fn voting_power_needs_the_lock_to_outlast_the_vote_and_the_minimum() {
    // max lockup 400 at 5x: 100 s remaining = 2x.
    let mut pool = pool();
    let mut p = position(0, &pool);
    p.amount = 100;
    p.lock_start = 0;
    p.lock_end = 150;
    p.weight = 300;
    assert_eq!(voting_power(&p, &pool, 50, 150), 200, "boost of the remaining lock, not the stored one");
    assert_eq!(voting_power(&p, &pool, 0, 150), 250);
    assert_eq!(voting_power(&p, &pool, 50, 151), 0);
    pool.min_voting_lockup = 151;
    assert_eq!(voting_power(&p, &pool, 50, 100), 0);
    pool.min_voting_lockup = 100;
    p.weight = 0;
    p.amount = 0;
    assert_eq!(voting_power(&p, &pool, 50, 100), 0);
}

#[test]
fn frequent_calls_cannot_stall_emission_at_a_huge_weight() {
    let mut s = active_stream(1, 1, 1_000, 0);
    let weight = 10 * ACC_SCALE;
    for now in 1..=20 {
        s.accrue(weight, now).unwrap();
    }
    // Each second alone rounds to zero; the carried time emits once it is enough.
    assert_eq!(s.acc_per_weight, 2);
    assert_eq!(earned(weight, 0, s.acc_per_weight).unwrap(), 20);
    assert_eq!(s.unallocated, 980);
}

#[test]
fn accrual_rounding_never_allocates_more_than_emitted() {
    let mut s = active_stream(1, 7, 1_000_000, 0);
    s.accrue(3, 1).unwrap();
    // 7 * 1e18 / 3 rounds down; 3 units of weight can claim at most 6 of the 7.
    assert_eq!(s.acc_per_weight, 7 * ACC_SCALE / 3);
    assert_eq!(earned(3, 0, s.acc_per_weight).unwrap(), 6);
    assert!(s.total_allocated <= 7);
}

/// One step of the random history.
#[derive(Debug, Clone)]
enum Op {
    Advance(i64),
    SetWeight(usize, u128),
    Fund(u64),
    SetRate(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1i64..500).prop_map(Op::Advance),
        (0usize..5, 0u128..1_000_000).prop_map(|(u, w)| Op::SetWeight(u, w)),
        (0u64..100_000).prop_map(Op::Fund),
        (0u64..500).prop_map(Op::SetRate),
    ]
}

proptest! {
    /// Many users changing weight at random times against a continuous reference model:
    /// every user within (operations + 1) units of the model, and total claimable never above
    /// what was allocated, which never exceeds what was funded.
    #[test]
    fn accrual_matches_the_reference_model(ops in proptest::collection::vec(op(), 1..120)) {
        let mut pool = pool();
        pool.streams[0] = active_stream(1, 50, 10_000, 0);
        let mut users: Vec<Position> = (0..5).map(|_| position(0, &pool)).collect();
        let mut model = [0f64; 5];
        let (mut model_funds, mut rate, mut now, mut funded) = (10_000f64, 50u64, 0i64, 10_000u64);
        let mut steps = 0u64;
        for op in ops {
            steps += 1;
            match op {
                Op::Advance(dt) => {
                    let total: u128 = users.iter().map(|u| u.weight).sum();
                    if total > 0 {
                        let emission = (rate as f64 * dt as f64).min(model_funds);
                        model_funds -= emission;
                        for (m, u) in model.iter_mut().zip(&users) {
                            *m += emission * u.weight as f64 / total as f64;
                        }
                    }
                    now += dt;
                }
                Op::SetWeight(i, w) => {
                    pool.accrue(now).unwrap();
                    users[i].settle(&pool).unwrap();
                    pool.total_weight = pool.total_weight - users[i].weight + w;
                    users[i].weight = w;
                }
                Op::Fund(amount) => {
                    pool.accrue(now).unwrap();
                    pool.streams[0].unallocated += amount;
                    funded += amount;
                    model_funds += amount as f64;
                }
                Op::SetRate(r) => {
                    pool.accrue(now).unwrap();
                    pool.streams[0].rate_per_second = r;
                    rate = r;
                }
            }
        }
        pool.accrue(now).unwrap();
        let mut claimable = 0u64;
        for (u, m) in users.iter_mut().zip(model) {
            u.settle(&pool).unwrap();
            let got = u.rewards[0].pending as f64;
            prop_assert!((got - m).abs() <= steps as f64 + 1.0, "user got {got}, model {m}, {steps} steps");
            claimable += u.rewards[0].pending;
        }
        let stream = pool.streams[0];
        prop_assert!(claimable <= stream.total_allocated);
        prop_assert_eq!(stream.total_allocated + stream.unallocated, funded);
    }
}
