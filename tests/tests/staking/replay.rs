//! Events an indexer can trust: the reward state replayed from the events alone
//! (`psp_sdk::staking::replay`, the program's own math) equals the pool, stream and position
//! accounts after every transaction of a scenario with two streams and three positions
//! (staking, accrual over time, funding after a gap, rate and cap changes, claims, added stake,
//! refresh, unstaking, retirement, closing); every claim pays exactly what the replay said was
//! accrued and unclaimed; and positions' accrued-unclaimed rewards projected from the events
//! to later times match the program's settlement of the accounts.
use anchor_lang::prelude::Pubkey;
use psp_sdk::staking as st;
use psp_staking::state::{Pool, Position};
use solana_sdk::signature::Signer;

use crate::common::{ok, Fixture, Staker, COOLDOWN, T0};

/// What the program would owe `position` per stream slot if `pool` settled at `now`.
fn settled_on_chain(pool: &Pool, position: &Position, now: i64) -> [u64; 4] {
    let mut pool = pool.clone();
    pool.accrue(now).unwrap();
    let mut position = position.clone();
    position.settle(&pool).unwrap();
    position.rewards.map(|r| r.pending)
}

/// Asserts that the replayed state equals the accounts, now and projected to later times.
pub async fn assert_replay_matches(f: &mut Fixture, positions: &[Pubkey], step: &str) {
    let now = f.env.clock().await.unix_timestamp;
    let pool = f.pool_state().await;
    let replayed = f.replay.pools.get(&f.pool).unwrap_or_else(|| panic!("{step}: pool not replayed")).clone();
    for (index, (got, want)) in replayed.streams.iter().zip(pool.streams.iter()).enumerate() {
        assert_eq!(*got, want.snapshot(), "{step}: stream slot {index}");
    }
    assert_eq!((replayed.total_weight, replayed.total_staked), (pool.total_weight, pool.total_staked), "{step}");
    for address in positions {
        if !f.env.exists(address).await {
            assert!(!f.replay.positions.contains_key(address), "{step}: closed position still replayed");
            continue;
        }
        let position = f.position(address).await;
        let got = f.replay.positions.get(address).unwrap_or_else(|| panic!("{step}: position not replayed"));
        assert_eq!(
            (got.amount, got.cooling_amount, got.lock_end, got.multiplier_bps, got.weight, got.rewards),
            (
                position.amount,
                position.cooling_amount,
                position.lock_end,
                position.multiplier_bps,
                position.weight,
                position.rewards
            ),
            "{step}: position {address}"
        );
        for later in [now, now + 1, now + 37, now + 5_000] {
            let replayed = f.replay.accrued_unclaimed(address, later).unwrap().unwrap();
            assert_eq!(replayed, settled_on_chain(&pool, &position, later), "{step}: accrued at {later}");
        }
    }
}

/// `staker` claims stream `index`: the amount paid equals what the replay said was owed.
async fn claim_as_replayed(f: &mut Fixture, staker: &Staker, position: &Pubkey, index: u8) {
    let now = f.env.clock().await.unix_timestamp;
    let owed = f.replay.accrued_unclaimed(position, now).unwrap().unwrap()[usize::from(index)];
    assert!(owed > 0, "nothing owed to claim");
    assert_eq!(f.claim_ok(staker, position, index).await, owed);
}

#[tokio::test]
async fn replayed_events_reproduce_streams_and_positions_after_every_transaction() {
    let mut f = Fixture::new().await;
    let (alice, bob, carol) = (f.staker().await, f.staker().await, f.staker().await);
    let mut all = Vec::new();
    macro_rules! check {
        ($step:expr) => {
            assert_replay_matches(&mut f, &all, $step).await
        };
    }
    let a = f.add_stream(10).await;
    check!("add stream a");
    let b = f.add_stream(3).await;
    check!("add stream b");
    f.fund(a, 10_000).await;
    check!("fund a");
    f.fund(b, 500).await;
    check!("fund b");
    let (pa, _) = f.open(&alice, 0, 1_000, 5_000).await;
    all.push(pa);
    check!("alice stakes");
    let (pb, _) = f.open(&bob, 0, 3_000, 0).await;
    all.push(pb);
    check!("bob stakes");
    f.at(100).await;
    let (pc, _) = f.open(&carol, 7, 500, 10_000).await;
    all.push(pc);
    check!("carol stakes");
    f.at(250).await;
    f.set_stream(a, Some(25), Some((1_000_000, 3_600))).await;
    check!("rate and cap of a");
    f.at(400).await;
    claim_as_replayed(&mut f, &alice, &pa, a).await;
    check!("alice claims a");
    // Stream b ran dry at about 167 s; a refill pays from now on only.
    f.at(700).await;
    f.fund(b, 1_000).await;
    check!("refill b");
    f.at(900).await;
    let add = f.update_ix(&bob, &pb, 1_000, None).await;
    f.send_ok(&[add], &[&bob.key]).await;
    check!("bob adds stake");
    f.at(1_200).await;
    f.refresh(&pc).await;
    check!("refresh carol");
    f.at(1_500).await;
    ok(f.cooldown(&bob, &pb, 4_000).await);
    check!("bob unbonds");
    f.at(1_500 + COOLDOWN).await;
    ok(f.withdraw(&bob, &pb).await);
    check!("bob withdraws");
    claim_as_replayed(&mut f, &bob, &pb, a).await;
    check!("bob claims a");
    claim_as_replayed(&mut f, &bob, &pb, b).await;
    check!("bob claims b");
    f.at(2_000).await;
    let state = f.pool_state().await;
    let (admin, admin_ata) = (f.admin.insecure_clone(), f.admin_reward_ata(b).await);
    f.send_ok(&[st::retire_stream(&f.pool, &state, b, &admin.pubkey(), &admin_ata)], &[&admin]).await;
    check!("retire b");
    f.at(2_100).await;
    f.send_ok(&[st::close_position(&f.pool, &pb, &bob.pubkey())], &[&bob.key]).await;
    check!("bob closes");
    f.set_stream(a, Some(0), None).await;
    check!("rate of a to zero");
    f.at(3_000).await;
    claim_as_replayed(&mut f, &carol, &pc, b).await;
    check!("carol claims retired b");
    claim_as_replayed(&mut f, &carol, &pc, a).await;
    check!("carol claims a");
    assert_eq!(f.replay.positions.len(), 2);
    assert_eq!(f.env.clock().await.unix_timestamp, T0 + 3_000);
}
