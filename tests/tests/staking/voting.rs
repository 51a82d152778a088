//! Voting power from the real pool and position accounts (`psp_sdk::staking::voting_power`):
//! the weight with the boost of the remaining lock while the lock outlasts the vote and meets
//! the pool's minimum; nothing after the lock ends, below the minimum, or while all is cooling.
use psp_sdk::staking::{self as st, voting_power};
use psp_staking::PoolConfigArgs;
use solana_sdk::signature::Signer;

use crate::common::{ok, Fixture, COOLDOWN, T0};

#[tokio::test]
async fn voting_power_follows_the_lock_and_the_minimum() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (locked, _) = f.open(&staker, 0, 1_000, 5_000).await;
    let (short, _) = f.open(&staker, 1, 1_000, 999).await;
    let pool = f.pool_state().await;
    let p = f.position(&locked).await;
    assert_eq!(p.weight, 2_000);
    // Votes ending before or at the lock end count the weight; later ones nothing.
    let power = |until| voting_power(&p, &pool, T0, until);
    assert_eq!([power(T0), power(T0 + 5_000), power(T0 + 5_001)], [2_000, 2_000, 0]);
    // Later, without a refresh, the power already follows the shorter remaining lock.
    assert_eq!((p.weight, voting_power(&p, &pool, T0 + 2_500, T0 + 5_000)), (2_000, 1_500));
    // A lock shorter than the pool's minimum has no voting power.
    let s = f.position(&short).await;
    assert_eq!((s.weight, voting_power(&s, &pool, T0, T0)), (1_199, 0));
    // Raising the minimum above the committed lock removes the power.
    let admin = f.admin.insecure_clone();
    let args = PoolConfigArgs { guardian: f.guardian.pubkey(), cooldown: COOLDOWN, min_voting_lockup: 5_001 };
    f.env.send_ok(&[st::set_pool_config(&f.pool, &admin.pubkey(), args)], &[&admin]).await;
    let mut pool = f.pool_state().await;
    assert_eq!((pool.min_voting_lockup, voting_power(&p, &pool, T0, T0)), (5_001, 0));
    // After the lock ends (and a refresh), no vote can count it.
    f.at(5_000).await;
    f.refresh(&locked).await;
    let p = f.position(&locked).await;
    pool.min_voting_lockup = 0;
    let now = T0 + 5_000;
    assert_eq!((p.weight, voting_power(&p, &pool, now, now), voting_power(&p, &pool, now, now + 1)), (1_000, 1_000, 0));
}

#[tokio::test]
async fn cooling_stake_has_no_voting_power() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 2_000).await;
    f.at(2_000).await;
    // Extend for a new vote window, then let it end and unstake half, then everything.
    let ix = f.update_ix(&staker, &position, 0, Some(T0 + 4_000)).await;
    f.env.send_ok(&[ix], &[&staker.key]).await;
    let mut pool = f.pool_state().await;
    let p = f.position(&position).await;
    assert_eq!((p.lock_start, p.weight, voting_power(&p, &pool, T0 + 2_000, T0 + 4_000)), (T0 + 2_000, 1_400, 1_400));
    f.at(4_000).await;
    ok(f.cooldown(&staker, &position, 500).await);
    let p = f.position(&position).await;
    pool.min_voting_lockup = 0;
    let now = T0 + 4_000;
    assert_eq!((p.weight, voting_power(&p, &pool, now, now)), (500, 500));
    ok(f.cooldown(&staker, &position, 500).await);
    let p = f.position(&position).await;
    assert_eq!((p.amount, p.cooling_amount, p.weight), (0, 1_000, 0));
    assert_eq!(voting_power(&p, &pool, now, now), 0);
    assert_eq!(voting_power(&p, &pool, now, T0), 0);
}
