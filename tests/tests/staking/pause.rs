//! Pause bits: the guardian adds STAKE, CLAIM and HALT; STAKE blocks creating and updating
//! positions, CLAIM blocks claims, unstaking and funding streams stay open until HALT; only the
//! admin clears bits; unknown bits and strangers are refused.
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use psp_staking::events::PauseChanged;
use psp_staking::state::pause;
use solana_sdk::signature::Signer;

use crate::common::{code, fails_with, ok, Fixture, COOLDOWN, STAKER_FUNDS, T0};

#[tokio::test]
async fn guardian_pauses_step_by_step_and_exits_stay_open_until_halt() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    let guardian = f.guardian.insecure_clone();
    let set = |flags| st::set_pause(&f.pool, &guardian.pubkey(), flags);
    let (stake, claim_bits, all) = (set(pause::STAKE), set(pause::STAKE | pause::CLAIM), set(pause::ALL));
    let out = f.env.send_ok(&[stake], &[&guardian]).await;
    let e = &out.events::<PauseChanged>(&psp_staking::ID)[0];
    assert_eq!(
        (e.pool, e.authority, e.old_flags, e.new_flags, e.timestamp),
        (f.pool, guardian.pubkey(), 0, pause::STAKE, T0)
    );
    let (ix, _) = f.open_ix(&staker, 1, 10, 0).await;
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::Paused)).await;
    let ix = f.update_ix(&staker, &position, 10, None).await;
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::Paused)).await;
    f.at(100).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_000);
    ok(f.cooldown(&staker, &position, 100).await);
    f.env.send_ok(&[claim_bits], &[&guardian]).await;
    f.at(200).await;
    f.claim_err(&staker, &position, index, StakingError::Paused).await;
    ok(f.cooldown(&staker, &position, 100).await);
    f.at(200 + COOLDOWN).await;
    ok(f.withdraw(&staker, &position).await);
    ok(f.cooldown(&staker, &position, 100).await);
    f.env.send_ok(&[all], &[&guardian]).await;
    fails_with(f.cooldown(&staker, &position, 100).await, StakingError::Paused);
    f.at(300 + 2 * COOLDOWN).await;
    fails_with(f.withdraw(&staker, &position).await, StakingError::Paused);
    assert_eq!(f.balance(&staker.ata).await, STAKER_FUNDS - 800);
    // The admin lifts everything.
    let out = f.admin_pause(0).await;
    assert_eq!(out.events::<PauseChanged>(&psp_staking::ID)[0].old_flags, pause::ALL);
    ok(f.withdraw(&staker, &position).await);
    assert!(f.claim_ok(&staker, &position, index).await > 0);
    assert_eq!(f.balance(&staker.ata).await, STAKER_FUNDS - 700);
}

#[tokio::test]
async fn only_the_admin_unpauses_and_unknown_bits_or_strangers_are_refused() {
    let mut f = Fixture::new().await;
    let guardian = f.guardian.insecure_clone();
    f.env.send_ok(&[st::set_pause(&f.pool, &guardian.pubkey(), pause::STAKE | pause::CLAIM)], &[&guardian]).await;
    for flags in [pause::STAKE, 0, pause::HALT] {
        let ix = st::set_pause(&f.pool, &guardian.pubkey(), flags);
        f.env.send_err(&[ix], &[&guardian], code(StakingError::GuardianCannotUnpause)).await;
    }
    for flags in [1 << 2, 1 << 6, u8::MAX] {
        let ix = st::set_pause(&f.pool, &guardian.pubkey(), flags);
        f.env.send_err(&[ix], &[&guardian], code(StakingError::UnknownPauseFlags)).await;
    }
    let stranger = f.env.funded_keypair(1).await;
    let ix = st::set_pause(&f.pool, &stranger.pubkey(), pause::ALL);
    f.env.send_err(&[ix], &[&stranger], code(StakingError::Unauthorized)).await;
    assert_eq!(f.pool_state().await.paused, pause::STAKE | pause::CLAIM);
    f.admin_pause(pause::CLAIM).await;
    assert_eq!(f.pool_state().await.paused, pause::CLAIM);
    let staker = f.staker().await;
    f.open(&staker, 0, 10, 0).await;
}

#[tokio::test]
async fn funding_a_stream_stops_only_under_a_full_halt() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    // Operation bits leave funding open (like PoP's `fund`).
    f.admin_pause(pause::STAKE | pause::CLAIM).await;
    f.fund(index, 1_000).await;
    f.admin_pause(pause::HALT).await;
    let admin = f.admin.insecure_clone();
    let ata = f.admin_reward_ata(index).await;
    let state = f.pool_state().await;
    let ix = st::fund_stream(&f.pool, &state, index, &admin.pubkey(), &ata, 500);
    f.env.send_err(&[ix], &[&admin], code(StakingError::Paused)).await;
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!((stream.total_funded, stream.unallocated), (1_000, 1_000));
    assert_eq!(f.balance(&stream.reward_vault).await, 1_000);
    f.admin_pause(0).await;
    f.fund(index, 500).await;
    assert_eq!(f.pool_state().await.streams[usize::from(index)].total_funded, 1_500);
}
