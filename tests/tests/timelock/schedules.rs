//! Schedules on chain: cliff, linear installments with rounding down, explicit steps, the exact
//! edge times, partial and full withdrawals, and the refusals of `create_lock` and `withdraw`.
use psp_sdk::timelock as tl;
use psp_tests::tables::{fits_in_packet, wire_size, LOOKUP_TABLE_PROGRAM};
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCreated, TokensWithdrawn};
use psp_timelock::state::LockStatus;
use solana_sdk::signature::Signer;

use crate::common::{code, linear, open_policies, steps, Fixture, SENDER_FUNDS, T0};

#[tokio::test]
async fn create_lock_escrows_the_amount_and_records_the_lock() {
    let mut f = Fixture::new().await;
    let schedule = linear(T0, T0 + 100, 50, T0 + 1_000, 100);
    let (lock, out) = f.create(1_050, schedule.clone(), open_policies()).await;
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 1_050, 0, 1_050));
    let state = f.lock(&lock).await;
    assert_eq!((state.version, state.bump), (1, tl::lock_pda(&f.sender.pubkey(), state.id).1));
    assert_eq!((state.escrow, state.escrow_bump), tl::escrow_pda(&lock));
    assert_eq!((state.sender, state.recipient, state.mint), (f.sender.pubkey(), f.recipient.pubkey(), f.mint));
    assert_eq!((state.total, state.withdrawn, state.refunded, state.created_at), (1_050, 0, 0, T0));
    assert_eq!((state.status, state.schedule.clone(), state.high_value), (LockStatus::Active, schedule.clone(), false));
    let created: Vec<LockCreated> = out.cpi_events();
    assert_eq!(created.len(), 1);
    let e = &created[0];
    assert_eq!((e.lock, e.id, e.amount, e.mint), (lock, state.id, 1_050, f.mint));
    assert_eq!((e.schedule.clone(), e.policies, e.high_value, e.veto_deadline), (schedule, open_policies(), false, 0));
    assert_eq!(f.mint_policy().await.total_locked, 1_050);
}

#[tokio::test]
async fn cliff_releases_nothing_before_and_cliff_plus_accrued_at_the_cliff() {
    let mut f = Fixture::new().await;
    // 50 at the cliff plus 1_000 linear over 10 installments of 100 s.
    let lock = f.lock_with(1_050, linear(T0, T0 + 200, 50, T0 + 1_000, 100)).await;
    f.at(199).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    f.at(200).await;
    let out = f.withdraw_ok(&lock, None).await;
    // Cliff amount + two accrued installments (at 100 s and 200 s).
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 50 + 200);
    let e = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((e.amount, e.withdrawn, e.vested, e.total), (250, 250, 250, 1_050));
    assert_eq!(
        (e.recipient, e.authority, e.destination),
        (f.recipient.pubkey(), f.recipient.pubkey(), f.recipient_ata)
    );
    assert_eq!(e.timestamp, T0 + 200);
    // Nothing more until the next installment.
    f.at(299).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    f.at(300).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 350);
    assert_eq!(f.lock(&lock).await.withdrawn, 350);
}

#[tokio::test]
async fn linear_installments_round_down_and_the_end_pays_the_remainder() {
    let mut f = Fixture::new().await;
    // 10 tokens over 3 installments: 3, 6, then all 10 at the end.
    let lock = f.lock_with(10, linear(T0, T0, 0, T0 + 3, 1)).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    for (offset, expected) in [(1, 3), (2, 6), (3, 10)] {
        f.at(offset).await;
        let too_much = expected - f.lock(&lock).await.withdrawn + 1;
        f.withdraw_err(&lock, Some(too_much), TimelockError::AmountExceedsAvailable).await;
        f.withdraw_ok(&lock, None).await;
        assert_eq!(f.balance(&f.recipient_ata.clone()).await, expected, "vested at start + {offset}");
    }
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 10, 10, 0));
}

#[tokio::test]
async fn explicit_steps_release_at_their_times() {
    let mut f = Fixture::new().await;
    let lock = f.lock_with(12, steps(&[(T0 + 10, 5), (T0 + 20, 7)])).await;
    f.at(9).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    f.at(10).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 5);
    f.at(19).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    f.at(20).await;
    f.withdraw_err(&lock, Some(8), TimelockError::AmountExceedsAvailable).await;
    f.withdraw_ok(&lock, Some(7)).await;
    assert_eq!(f.balances(&lock).await.1, 12);
    f.at(10_000).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
}

#[tokio::test]
async fn edge_times_start_end_and_after_end() {
    let mut f = Fixture::new().await;
    // Starts in the future; 10 installments of 100 tokens every 10 s.
    let lock = f.lock_with(1_000, linear(T0 + 10, T0 + 10, 0, T0 + 110, 10)).await;
    for offset in [5, 10, 19] {
        f.at(offset).await;
        f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    }
    f.at(20).await;
    // Partial withdrawal, then the rest of what is available (`None`).
    f.withdraw_err(&lock, Some(0), TimelockError::ZeroAmount).await;
    f.withdraw_ok(&lock, Some(40)).await;
    let out = f.withdraw_ok(&lock, None).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].amount, 60);
    f.at(109).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 900);
    // Exactly at the end everything has vested.
    f.at(110).await;
    f.withdraw_err(&lock, Some(101), TimelockError::AmountExceedsAvailable).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 1_000, 1_000, 0));
    f.at(1_000_000).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    let state = f.lock(&lock).await;
    assert_eq!((state.withdrawn, state.status), (1_000, LockStatus::Active));
}

#[tokio::test]
async fn withdraw_all_after_the_end_in_one_go() {
    let mut f = Fixture::new().await;
    let lock = f.lock_with(777, linear(T0, T0 + 50, 7, T0 + 700, 70)).await;
    f.at(5_000).await;
    let out = f.withdraw_ok(&lock, None).await;
    let e = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((e.amount, e.withdrawn, e.vested), (777, 777, 777));
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 777, 777, 0));
    assert_eq!(f.mint_policy().await.total_withdrawn, 777);
}

#[tokio::test]
async fn invalid_locks_are_refused() {
    let mut f = Fixture::new().await;
    let sender = f.sender.insecure_clone();
    let cases = [
        (10, linear(T0 + 10, T0 + 5, 0, T0 + 20, 1), TimelockError::InvalidScheduleTimes),
        (10, linear(T0, T0 + 30, 0, T0 + 20, 1), TimelockError::InvalidScheduleTimes),
        (10, linear(T0, T0, 0, T0, 1), TimelockError::InvalidScheduleTimes),
        (10, linear(T0, T0, 0, T0 + 10, 3), TimelockError::InvalidPeriod),
        (10, linear(T0, T0, 0, T0 + 10, 0), TimelockError::InvalidPeriod),
        (10, linear(T0, T0 + 5, 11, T0 + 10, 1), TimelockError::CliffExceedsTotal),
        (0, linear(T0, T0, 0, T0 + 10, 1), TimelockError::ZeroAmount),
        (2, steps(&[(T0 + 2, 1), (T0 + 2, 1)]), TimelockError::InvalidSteps),
        (1, steps(&[(T0 + 1, 1), (T0 + 2, 0)]), TimelockError::InvalidSteps),
        (1, steps(&[]), TimelockError::InvalidSteps),
        (3, steps(&[(T0 + 1, 1), (T0 + 2, 1)]), TimelockError::StepsTotalMismatch),
    ];
    for (amount, schedule, error) in cases {
        let args = f.args(amount, schedule, open_policies());
        let (ix, lock) = f.create_ix(args);
        f.env.send_err(&[ix], &[&sender], code(error)).await;
        assert!(!f.env.exists(&lock).await);
    }
    let many: Vec<(i64, u64)> = (1..=65).map(|i| (T0 + i, 1)).collect();
    let args = f.args(65, steps(&many), open_policies());
    let (ix, _) = f.create_ix(args);
    f.env.send_err(&[ix], &[&sender], code(TimelockError::InvalidSteps)).await;
    // 64 steps is the maximum and works; like on a cluster, such a transaction must fit in
    // one packet: as v0 with the accounts in a lookup table (legacy fits ~57 steps).
    let sender_key = sender.pubkey();
    let legacy_max = f.create_ix(f.args_at(u64::MAX - 1, 57, steps(&many[..57]))).0;
    assert!(fits_in_packet(wire_size(&sender_key, &[legacy_max], 1, &[])));
    let (ix, lock) = f.create_ix(f.args_at(u64::MAX, 64, steps(&many[..64])));
    assert!(!fits_in_packet(wire_size(&sender_key, std::slice::from_ref(&ix), 1, &[])));
    let others: Vec<_> = ix.accounts.iter().map(|m| m.pubkey).filter(|k| *k != sender_key).collect();
    let table = f.env.install_lookup_table(&others, LOOKUP_TABLE_PROGRAM);
    let size = wire_size(&sender_key, std::slice::from_ref(&ix), 1, std::slice::from_ref(&table));
    assert!(fits_in_packet(size), "64 steps take {size} bytes with a lookup table");
    f.env.send_with_tables(&[ix], &[&sender], &[table]).await.expect("64-step lock");
    assert_eq!(f.lock(&lock).await.total, 64);
    assert_eq!(f.balance(&f.sender_ata.clone()).await, SENDER_FUNDS - 64);
}
