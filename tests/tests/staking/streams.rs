//! Reward streams: four slots and no fifth, retirement (refund of the unallocated funds to the
//! admin, allocated rewards still claimable), slot reuse only after `STREAM_REUSE_DELAY`,
//! funding by anyone, and the per-stream outflow cap with its alert in failed transactions.
use psp_sdk::staking as st;
use psp_staking::constants::STREAM_REUSE_DELAY;
use psp_staking::errors::StakingError;
use psp_staking::events::{OutflowCapReached, StreamChange, StreamChanged};
use psp_staking::state::StreamStatus;
use psp_staking::{OutflowCap, SetStreamArgs};
use solana_sdk::signature::Signer;

use crate::common::{code, settled, Fixture, ADMIN_REWARD_FUNDS, T0};

#[tokio::test]
async fn four_slots_fill_and_a_fifth_stream_is_refused() {
    let mut f = Fixture::new().await;
    for slot in 0..4u8 {
        let mint = f.env.create_mint(6, &anchor_spl::token::ID).await;
        let (index, out) = f.add_stream_of(&mint, &anchor_spl::token::ID, 10 + u64::from(slot)).await;
        assert_eq!(index, slot);
        let e = &out.cpi_events::<StreamChanged>()[0];
        let rate_per_second = 10 + u64::from(slot);
        assert_eq!(
            (e.index, e.stream_id, e.reward_mint, e.change),
            (slot, u32::from(slot) + 1, mint, StreamChange::Added { rate_per_second })
        );
        let s = settled(&out, slot);
        assert_eq!(
            (s.id, s.status, s.rate_per_second, s.last_update),
            (e.stream_id, StreamStatus::Active, rate_per_second, T0)
        );
        let stream = f.pool_state().await.streams[usize::from(slot)];
        assert_eq!(
            (stream.status, stream.reward_vault),
            (StreamStatus::Active, st::reward_vault_pda(&f.pool, u32::from(slot) + 1).0)
        );
    }
    let mint = f.env.create_mint(6, &anchor_spl::token::ID).await;
    let state = f.pool_state().await;
    let (admin, payer) = (f.admin.insecure_clone(), f.env.payer().pubkey());
    let ix = st::add_stream(&f.pool, &state, &admin.pubkey(), &payer, &mint, &anchor_spl::token::ID, 1);
    f.env.send_err(&[ix], &[&admin], code(StakingError::NoFreeStreamSlot)).await;
    assert_eq!(f.pool_state().await.next_stream_id, 5);
}

#[tokio::test]
async fn retiring_refunds_the_unallocated_funds_and_keeps_allocated_rewards_claimable() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 10_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(300).await;
    let state = f.pool_state().await;
    let (admin, admin_ata) = (f.admin.insecure_clone(), f.admin_reward_ata(index).await);
    let ix = st::retire_stream(&f.pool, &state, index, &admin.pubkey(), &admin_ata);
    let out = f.env.send_ok(std::slice::from_ref(&ix), &[&admin]).await;
    let e = &out.cpi_events::<StreamChanged>()[0];
    assert_eq!(e.change, StreamChange::Retired { refund: 7_000 });
    let s = settled(&out, index);
    assert_eq!(
        (s.status, s.unallocated, s.total_allocated, s.total_refunded, s.rate_per_second, s.funded_until),
        (StreamStatus::Retired, 0, 3_000, 7_000, 0, None)
    );
    assert_eq!(f.balance(&admin_ata).await, ADMIN_REWARD_FUNDS - 3_000);
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!((stream.status, stream.retired_at, stream.total_refunded), (StreamStatus::Retired, T0 + 300, 7_000));
    // Emission stopped at retirement; what was allocated is still paid.
    f.at(1_000).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 3_000);
    assert_eq!(f.balance(&stream.reward_vault).await, 0);
    // A retired stream can be neither funded, re-rated nor retired again.
    let state = f.pool_state().await;
    let ix2 = st::fund_stream(&f.pool, &state, index, &admin.pubkey(), &admin_ata, 1);
    f.env.send_err(&[ix2], &[&admin], code(StakingError::StreamNotActive)).await;
    let ix3 =
        st::set_stream(&f.pool, &admin.pubkey(), index, SetStreamArgs { rate_per_second: Some(1), outflow_cap: None });
    f.env.send_err(&[ix3], &[&admin], code(StakingError::StreamNotActive)).await;
    f.env.send_err(&[ix], &[&admin], code(StakingError::StreamNotActive)).await;
}

#[tokio::test]
async fn a_retired_slot_is_reused_only_after_the_delay() {
    let mut f = Fixture::new().await;
    for rate in 1..=4 {
        f.add_stream(rate).await;
    }
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    let state = f.pool_state().await;
    let (admin, admin_ata) = (f.admin.insecure_clone(), f.admin_reward_ata(1).await);
    f.env.send_ok(&[st::retire_stream(&f.pool, &state, 1, &admin.pubkey(), &admin_ata)], &[&admin]).await;
    let mint = f.env.create_mint(6, &anchor_spl::token::ID).await;
    let payer = f.env.payer().pubkey();
    f.at(STREAM_REUSE_DELAY - 1).await;
    let state = f.pool_state().await;
    let ix = st::add_stream(&f.pool, &state, &admin.pubkey(), &payer, &mint, &anchor_spl::token::ID, 10);
    f.env.send_err(&[ix], &[&admin], code(StakingError::NoFreeStreamSlot)).await;
    f.at(STREAM_REUSE_DELAY).await;
    let (index, _) = f.add_stream_of(&mint, &anchor_spl::token::ID, 10).await;
    let stream = f.pool_state().await.streams[1];
    assert_eq!((index, stream.id, stream.reward_mint, stream.status), (1, 5, mint, StreamStatus::Active));
    assert_eq!((stream.acc_per_weight, stream.total_funded), (0, 0));
    // An existing position earns the new stream from its start only.
    f.fund(index, 100_000).await;
    f.at(STREAM_REUSE_DELAY + 100).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 1_000);
}

#[tokio::test]
async fn anyone_can_fund_a_stream() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    let funder = f.env.funded_keypair(1).await;
    let stream = f.pool_state().await.streams[usize::from(index)];
    let ata = f.env.funded_token_account(&stream.reward_mint, &funder.pubkey(), 5_000, &stream.token_program).await;
    let state = f.pool_state().await;
    let ix = st::fund_stream(&f.pool, &state, index, &funder.pubkey(), &ata, 4_000);
    let out = f.env.send_ok(&[ix], &[&funder]).await;
    let e = &out.cpi_events::<StreamChanged>()[0];
    assert_eq!(e.change, StreamChange::Funded { funder: funder.pubkey(), amount: 4_000 });
    let s = settled(&out, index);
    assert_eq!((s.unallocated, s.total_funded, s.funded_until), (4_000, 4_000, Some(T0 + 400)));
    assert_eq!((f.balance(&ata).await, f.balance(&stream.reward_vault).await), (1_000, 4_000));
    let ix = st::fund_stream(&f.pool, &state, index, &funder.pubkey(), &ata, 0);
    f.env.send_err(&[ix], &[&funder], code(StakingError::ZeroAmount)).await;
}

#[tokio::test]
async fn claims_over_the_outflow_cap_fail_with_an_alert() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(100).await;
    f.fund(index, 900).await;
    let out = f.set_stream(index, None, Some((500, 2_400))).await;
    let changes: Vec<StreamChange> = out.cpi_events::<StreamChanged>().iter().map(|e| e.change).collect();
    let set =
        StreamChange::OutflowCapSet { old_cap: 0, old_window_seconds: 0, new_cap: 500, new_window_seconds: 2_400 };
    assert_eq!(changes, vec![set]);
    let outflow = f.pool_state().await.streams[usize::from(index)].outflow;
    assert_eq!((outflow.cap, outflow.window_seconds, outflow.bucket_seconds), (500, 2_400, 100));
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(4).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 400);
    // 500 more are pending (the funds end at 9 s); only 100 fit in the window.
    f.at(50).await;
    let failure = f.claim_err(&staker, &position, index, StakingError::OutflowCapExceeded).await;
    let alerts = failure.events::<OutflowCapReached>(&psp_staking::ID);
    assert_eq!(alerts.len(), 1, "{:?}", failure.logs);
    let a = &alerts[0];
    assert_eq!(
        (a.pool, a.index, a.attempted, a.window_outflow, a.cap, a.timestamp),
        (f.pool, index, 500, 400, 500, T0 + 50)
    );
    // Released between window and window + bucket after the first claim.
    f.at(2_499).await;
    f.claim_err(&staker, &position, index, StakingError::OutflowCapExceeded).await;
    f.at(2_500).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 500);
    let stream = f.pool_state().await.streams[usize::from(index)];
    assert_eq!((stream.total_claimed, f.balance(&stream.reward_vault).await), (900, 0));
    // Rate and cap in one call: one event per change, rate first, then the resulting values.
    let out = f.set_stream(index, Some(50), Some((0, 0))).await;
    let changes: Vec<StreamChange> = out.cpi_events::<StreamChanged>().iter().map(|e| e.change).collect();
    let rate = StreamChange::RateSet { old_rate_per_second: 100, new_rate_per_second: 50 };
    let cap =
        StreamChange::OutflowCapSet { old_cap: 500, old_window_seconds: 2_400, new_cap: 0, new_window_seconds: 0 };
    assert_eq!(changes, vec![rate, cap]);
    assert_eq!(settled(&out, index).rate_per_second, 50);
    // A cap needs a window; a change needs something to change.
    let admin = f.admin.insecure_clone();
    let ix = st::set_stream(
        &f.pool,
        &admin.pubkey(),
        index,
        SetStreamArgs { rate_per_second: None, outflow_cap: Some(OutflowCap { cap: 1, window_seconds: 0 }) },
    );
    f.env.send_err(&[ix], &[&admin], code(StakingError::InvalidOutflowWindow)).await;
    let ix =
        st::set_stream(&f.pool, &admin.pubkey(), index, SetStreamArgs { rate_per_second: None, outflow_cap: None });
    f.env.send_err(&[ix], &[&admin], code(StakingError::NothingToChange)).await;
}

#[tokio::test]
async fn a_balance_above_the_cap_is_claimed_in_parts() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(100).await;
    f.fund(index, 900).await;
    f.set_stream(index, None, Some((500, 2_400))).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(9).await;
    // 900 pending: claiming everything exceeds the cap, claiming up to the cap works.
    f.claim_err(&staker, &position, index, StakingError::OutflowCapExceeded).await;
    let destination = f.reward_ata(&staker.pubkey(), index).await;
    let state = f.pool_state().await;
    let part = st::claim_rewards(&f.pool, &state, &position, &staker.pubkey(), index, &destination, Some(500));
    f.env.send_ok(&[part], &[&staker.key]).await;
    assert_eq!(f.balance(&destination).await, 500);
    assert_eq!(f.position(&position).await.rewards[usize::from(index)].pending, 400);
    f.at(2_500).await;
    assert_eq!(f.claim_ok(&staker, &position, index).await, 400);
}
