//! Unstaking: no cooldown before the lock ends, partial cooldowns, no withdrawal before the
//! cooldown ends and an exact payout after it, cooling tokens earning nothing, and closing a
//! position only once it holds nothing (rent back to the owner).
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use psp_staking::events::{PositionChanged, PositionClosed};

use crate::common::{code, fails_with, ok, Fixture, COOLDOWN, STAKER_FUNDS, T0};

#[tokio::test]
async fn cooldown_waits_for_the_lock_and_withdrawal_for_the_cooldown() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 1_000).await;
    f.at(999).await;
    fails_with(f.cooldown(&staker, &position, 400).await, StakingError::StillLocked);
    f.at(1_000).await;
    fails_with(f.cooldown(&staker, &position, 1_001).await, StakingError::AmountExceedsStake);
    fails_with(f.cooldown(&staker, &position, 0).await, StakingError::ZeroAmount);
    fails_with(f.withdraw(&staker, &position).await, StakingError::NothingCooling);
    // A partial cooldown: 400 cool, 600 keep earning at 1x (the lock has ended).
    let out = ok(f.cooldown(&staker, &position, 400).await);
    let e = &out.cpi_events::<PositionChanged>()[0];
    assert_eq!((e.change.as_str(), e.amount, e.position_amount, e.cooling_amount), ("cooldown", 400, 600, 400));
    assert_eq!(e.mint, f.stake_mint, "PositionChanged names the stake mint");
    assert_eq!((e.old_weight, e.new_weight, e.total_staked, e.total_weight), (1_200, 600, 1_000, 600));
    let state = f.position(&position).await;
    assert_eq!(
        (state.amount, state.cooling_amount, state.cooldown_end, state.weight),
        (600, 400, T0 + 1_000 + COOLDOWN, 600)
    );
    assert_eq!(f.pool_state().await.total_cooling, 400);
    f.at(1_000 + COOLDOWN - 1).await;
    fails_with(f.withdraw(&staker, &position).await, StakingError::CooldownNotOver);
    f.at(1_000 + COOLDOWN).await;
    let out = ok(f.withdraw(&staker, &position).await);
    let e = &out.cpi_events::<PositionChanged>()[0];
    assert_eq!(
        (e.change.as_str(), e.amount, e.position_amount, e.cooling_amount, e.total_staked),
        ("withdrawn", 400, 600, 0, 600)
    );
    assert_eq!((f.balance(&staker.ata).await, f.stake_vault_balance().await), (STAKER_FUNDS - 600, 600));
    let pool = f.pool_state().await;
    assert_eq!((pool.total_staked, pool.total_cooling, pool.total_weight), (600, 0, 600));
    fails_with(f.withdraw(&staker, &position).await, StakingError::NothingCooling);
}

#[tokio::test]
async fn a_new_cooldown_restarts_the_clock_for_all_cooling_tokens() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    ok(f.cooldown(&staker, &position, 300).await);
    f.at(COOLDOWN - 1).await;
    ok(f.cooldown(&staker, &position, 200).await);
    f.at(COOLDOWN).await;
    fails_with(f.withdraw(&staker, &position).await, StakingError::CooldownNotOver);
    f.at(2 * COOLDOWN - 1).await;
    ok(f.withdraw(&staker, &position).await);
    assert_eq!((f.balance(&staker.ata).await, f.stake_vault_balance().await), (STAKER_FUNDS - 500, 500));
}

#[tokio::test]
async fn cooling_tokens_earn_nothing() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000_000).await;
    let (a, b) = (f.staker().await, f.staker().await);
    let (pa, _) = f.open(&a, 0, 1_000, 0).await;
    let (pb, _) = f.open(&b, 0, 1_000, 0).await;
    f.at(100).await;
    ok(f.cooldown(&b, &pb, 1_000).await);
    f.at(200).await;
    assert_eq!(f.claim_ok(&a, &pa, index).await, 500 + 1_000);
    assert_eq!(f.claim_ok(&b, &pb, index).await, 500);
    f.at(300).await;
    f.claim_err(&b, &pb, index, StakingError::NothingToClaim).await;
    assert_eq!(f.claim_ok(&a, &pa, index).await, 1_000);
}

#[tokio::test]
async fn close_position_only_when_empty_and_the_rent_comes_back() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    let close = st::close_position(&f.pool, &position, &staker.pubkey());
    // Staked, then cooling, then holding unclaimed rewards: refused each time.
    f.env.send_err(std::slice::from_ref(&close), &[&staker.key], code(StakingError::PositionNotEmpty)).await;
    f.at(100).await;
    ok(f.cooldown(&staker, &position, 1_000).await);
    f.env.send_err(std::slice::from_ref(&close), &[&staker.key], code(StakingError::PositionNotEmpty)).await;
    f.at(100 + COOLDOWN).await;
    ok(f.withdraw(&staker, &position).await);
    f.env.send_err(std::slice::from_ref(&close), &[&staker.key], code(StakingError::PositionNotEmpty)).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_000);
    let (rent, before) = (f.env.lamports(&position).await, f.env.lamports(&staker.pubkey()).await);
    assert!(rent > 0);
    let out = f.env.send_ok(&[close], &[&staker.key]).await;
    let e = &out.cpi_events::<PositionClosed>()[0];
    assert_eq!((e.pool, e.position, e.owner, e.timestamp), (f.pool, position, staker.pubkey(), T0 + 100 + COOLDOWN));
    assert!(!f.env.exists(&position).await);
    assert_eq!(f.env.lamports(&staker.pubkey()).await, before + rent);
    assert_eq!((f.balance(&staker.ata).await, f.stake_vault_balance().await), (STAKER_FUNDS, 0));
}
