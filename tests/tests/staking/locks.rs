//! Locks and boosts: the multiplier rises linearly from 1x to the pool maximum (weights in the
//! accounts and in `PositionChanged`), locks past the maximum are refused, `update_position`
//! adds stake and extends (never shortens) locks, anyone's refresh decays the boost with the
//! remaining lock down to 1x, and a boosted position earns in proportion to its weight.
use psp_staking::errors::StakingError;
use psp_staking::events::PositionChanged;

use crate::common::{boost, code, ok, Fixture, MAX_LOCKUP, STAKER_FUNDS, T0};

#[tokio::test]
async fn the_multiplier_is_linear_between_one_x_and_the_maximum() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let mut total_weight = 0;
    for (index, lock) in [0, 1, 2_500, 5_000, 7_777, MAX_LOCKUP].into_iter().enumerate() {
        let (position, out) = f.open(&staker, index as u32, 1_000, lock).await;
        let multiplier = boost(lock);
        let weight = 1_000 * u128::from(multiplier) / 10_000;
        total_weight += weight;
        let state = f.position(&position).await;
        assert_eq!((state.multiplier_bps, state.weight, state.amount), (multiplier, weight, 1_000));
        assert_eq!(
            (state.lock_start, state.lock_end, state.index, state.owner, state.pool),
            (T0, T0 + lock, index as u32, staker.pubkey(), f.pool)
        );
        let e = &out.cpi_events::<PositionChanged>()[0];
        assert_eq!((e.change.as_str(), e.position, e.amount, e.position_amount), ("created", position, 1_000, 1_000));
        assert_eq!(
            (e.lock_end, e.multiplier_bps, e.old_weight, e.new_weight, e.total_weight),
            (T0 + lock, multiplier, 0, weight, total_weight)
        );
    }
    // 1x, 1.0002x, 1.5x, 2x, 2.5554x and 3x.
    assert_eq!(
        [boost(0), boost(1), boost(2_500), boost(5_000), boost(7_777), boost(MAX_LOCKUP)],
        [10_000, 10_002, 15_000, 20_000, 25_554, 30_000]
    );
    let pool = f.pool_state().await;
    assert_eq!((pool.total_weight, pool.total_staked, pool.position_count), (total_weight, 6_000, 6));
    assert_eq!(f.stake_vault_balance().await, 6_000);
}

#[tokio::test]
async fn locks_longer_than_the_maximum_or_negative_are_refused() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    for lock in [MAX_LOCKUP + 1, -1, i64::MAX] {
        let (ix, position) = f.open_ix(&staker, 0, 1_000, lock).await;
        f.env.send_err(&[ix], &[&staker.key], code(StakingError::LockTooLong)).await;
        assert!(!f.env.exists(&position).await);
    }
    let (ix, _) = f.open_ix(&staker, 0, 0, 10).await;
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::ZeroAmount)).await;
    assert_eq!(f.balance(&staker.ata).await, STAKER_FUNDS);
}

#[tokio::test]
async fn update_position_adds_stake_and_extends_but_never_shortens() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 5_000).await;
    assert_eq!(f.position(&position).await.weight, 2_000);
    // 1_000 s later: 4_000 s remain (1.8x) for 1_500 tokens.
    f.at(1_000).await;
    let ix = f.update_ix(&staker, &position, 500, None).await;
    let out = f.env.send_ok(&[ix], &[&staker.key]).await;
    let e = &out.cpi_events::<PositionChanged>()[0];
    assert_eq!(
        (e.change.as_str(), e.amount, e.position_amount, e.old_weight, e.new_weight, e.multiplier_bps),
        ("added", 500, 1_500, 2_000, 2_700, 18_000)
    );
    assert_eq!((e.total_staked, e.total_weight, e.lock_end), (1_500, 2_700, T0 + 5_000));
    assert_eq!((f.stake_vault_balance().await, f.balance(&staker.ata).await), (1_500, STAKER_FUNDS - 1_500));
    // Extending to the full maximum from now: 3x.
    let ix = f.update_ix(&staker, &position, 0, Some(T0 + 11_000)).await;
    let out = f.env.send_ok(&[ix], &[&staker.key]).await;
    let e = &out.cpi_events::<PositionChanged>()[0];
    assert_eq!((e.change.as_str(), e.old_weight, e.new_weight, e.lock_end), ("extended", 2_700, 4_500, T0 + 11_000));
    let state = f.position(&position).await;
    // The lock was still running: its start (the commitment) is kept.
    assert_eq!((state.lock_start, state.lock_end, state.weight_increased_at), (T0, T0 + 11_000, T0 + 1_000));
    // Shortening, going past the maximum, and a no-op are refused.
    let cases = [
        (T0 + 10_999, StakingError::LockNotExtended),
        (T0 + 11_000, StakingError::LockNotExtended),
        (T0 + 11_001, StakingError::LockTooLong),
    ];
    for (lock_end, error) in cases {
        let ix = f.update_ix(&staker, &position, 0, Some(lock_end)).await;
        f.env.send_err(&[ix], &[&staker.key], code(error)).await;
    }
    let ix = f.update_ix(&staker, &position, 0, None).await;
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::ZeroAmount)).await;
    assert_eq!(f.position(&position).await.weight, 4_500);
    assert_eq!(f.pool_state().await.total_weight, 4_500);
}

#[tokio::test]
async fn a_strangers_refresh_decays_the_boost_down_to_one_x() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, MAX_LOCKUP).await;
    let other = f.staker().await;
    f.open(&other, 0, 1_000, 0).await;
    assert_eq!(f.pool_state().await.total_weight, 4_000);
    for (offset, weight) in [(2_500, 2_500), (5_000, 2_000), (9_999, 1_000), (10_000, 1_000), (20_000, 1_000)] {
        f.at(offset).await;
        let old = f.position(&position).await.weight;
        // No signature of the owner: the fee payer alone sends it.
        let out = f.refresh(&position).await;
        let e = &out.cpi_events::<PositionChanged>()[0];
        assert_eq!((e.change.as_str(), e.amount, e.old_weight, e.new_weight), ("refreshed", 0, old, weight));
        assert_eq!(e.multiplier_bps, boost(MAX_LOCKUP - offset));
        assert_eq!(f.pool_state().await.total_weight, 1_000 + weight);
    }
    assert_eq!(f.position(&position).await.multiplier_bps, 10_000);
}

#[tokio::test]
async fn a_boosted_position_earns_in_proportion_to_its_weight() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(40).await;
    f.fund(index, 1_000_000).await;
    let (plain, boosted) = (f.staker().await, f.staker().await);
    let (a, _) = f.open(&plain, 0, 1_000, 0).await;
    let (b, _) = f.open(&boosted, 0, 1_000, MAX_LOCKUP).await;
    f.at(100).await;
    assert_eq!(f.claim_ok(&plain, &a, index).await, 1_000);
    assert_eq!(f.claim_ok(&boosted, &b, index).await, 3_000);
    // After a refresh at 5_000 s (2x) the split becomes 1:2 (settled at 3x up to the refresh).
    f.at(5_000).await;
    f.refresh(&b).await;
    f.at(5_300).await;
    let (got_a, got_b) = (f.claim_ok(&plain, &a, index).await, f.claim_ok(&boosted, &b, index).await);
    assert_eq!((got_a, got_b), (4_900 * 10 + 300 * 40 / 3, 4_900 * 30 + 300 * 40 * 2 / 3));
    let pool = f.pool_state().await;
    assert_eq!(pool.streams[usize::from(index)].total_claimed, 4_000 + got_a + got_b);
    ok(f.cooldown(&plain, &a, 1).await);
}
