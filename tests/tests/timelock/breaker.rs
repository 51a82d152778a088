//! The per-mint circuit breaker: a rolling-window outflow cap over withdrawals and cancel
//! payouts of every lock of a mint (not other mints), its exact bucket boundaries, the alert
//! event logged by refused transactions, and the guardian's mint pause. The locks here were
//! created a window before `T0`, so their value is counted (a lock's own deposits of the last
//! window leave uncounted: see `fresh_credit.rs`).
use anchor_lang::prelude::Pubkey;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCancelled, OutflowCapReached, PauseChanged, TokensWithdrawn};
use psp_timelock::state::pause;
use solana_sdk::signature::Signer;

use crate::common::{code, mint_policy_args, open_policies, steps, Fixture, T0};

/// The cap of these tests.
const CAP: u64 = 1_000;
/// A window of 24 buckets of 100 seconds.
const WINDOW: u32 = 2_400;

/// A fixture with the cap on its mint and one 10_000-token lock fully vested at `T0`.
async fn fixture() -> (Fixture, Pubkey) {
    let mut f = Fixture::new().await;
    f.set_policy(mint_policy_args(0, 0, CAP, WINDOW)).await;
    let lock = old_lock(&mut f, 10_000, steps(&[(T0, 10_000)])).await;
    (f, lock)
}

/// A lock with open policies created one window before `T0`; the clock is back at `T0` after.
async fn old_lock(f: &mut Fixture, amount: u64, schedule: psp_timelock::state::Schedule) -> Pubkey {
    f.at(-i64::from(WINDOW)).await;
    let lock = f.lock_with(amount, schedule).await;
    f.at(0).await;
    lock
}

/// The recipient withdraws `amount` from `lock` and expects the breaker to refuse; returns
/// the alert event logged by the failed transaction.
async fn refused(f: &mut Fixture, lock: &Pubkey, amount: u64) -> OutflowCapReached {
    let recipient = f.recipient.insecure_clone();
    let ix = f.withdraw_ix(lock, &recipient.pubkey(), &f.recipient_ata.clone(), Some(amount)).await;
    let failure = f.env.send_err(&[ix], &[&recipient], code(TimelockError::OutflowCapExceeded)).await;
    let mut alerts = failure.events::<OutflowCapReached>(&psp_timelock::ID);
    assert_eq!(alerts.len(), 1, "{:?}", failure.logs);
    alerts.remove(0)
}

#[tokio::test]
async fn withdrawals_up_to_the_cap_succeed_and_the_next_is_refused_with_an_alert() {
    let (mut f, lock) = fixture().await;
    let out = f.withdraw_ok(&lock, Some(600)).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, 600);
    f.at(99).await;
    let out = f.withdraw_ok(&lock, Some(400)).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, CAP);
    let alert = refused(&mut f, &lock, 1).await;
    assert_eq!((alert.mint, alert.lock, alert.attempted), (f.mint, lock, 1));
    assert_eq!((alert.window_outflow, alert.cap, alert.window_seconds, alert.timestamp), (CAP, CAP, WINDOW, T0 + 99));
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, CAP);
    let policy = f.mint_policy().await;
    assert_eq!((policy.outflow.bucket_seconds, policy.total_withdrawn), (100, CAP));
    assert_eq!(f.lock(&lock).await.withdrawn, CAP);
}

#[tokio::test]
async fn an_outflow_stops_counting_after_window_plus_up_to_one_bucket() {
    let (mut f, lock) = fixture().await;
    // At the start of a bucket: counted for window + bucket = 2_500 s.
    f.withdraw_ok(&lock, Some(CAP)).await;
    for offset in [WINDOW as i64, 2_499] {
        f.at(offset).await;
        refused(&mut f, &lock, 1).await;
    }
    f.at(2_500).await;
    f.withdraw_ok(&lock, Some(CAP)).await;
    // In the middle of a bucket (2_550 s, bucket [2_500, 2_600)): released at 5_000 s, i.e.
    // 2_450 s later, between window and window + bucket.
    f.at(2_550).await;
    let alert = refused(&mut f, &lock, 1).await;
    assert_eq!(alert.window_outflow, CAP);
    f.at(4_999).await;
    refused(&mut f, &lock, 1).await;
    f.at(5_000).await;
    let out = f.withdraw_ok(&lock, Some(CAP)).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, CAP);
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 3 * CAP);
}

#[tokio::test]
async fn outflow_counts_across_locks_of_a_mint_but_not_other_mints() {
    let (mut f, a) = fixture().await;
    let b = old_lock(&mut f, 10_000, steps(&[(T0, 10_000)])).await;
    f.withdraw_ok(&a, Some(700)).await;
    let alert = refused(&mut f, &b, 301).await;
    assert_eq!((alert.lock, alert.window_outflow), (b, 700));
    f.withdraw_ok(&b, Some(300)).await;
    refused(&mut f, &a, 1).await;

    // Another mint with the same cap has its own window.
    let token_program = f.token_program;
    let other = f.env.create_mint(6, &token_program).await;
    let sender = f.sender.insecure_clone();
    let recipient = f.recipient.insecure_clone();
    let admin = f.admin.insecure_clone();
    let ix = tl::set_mint_policy(&admin.pubkey(), &admin.pubkey(), &other, mint_policy_args(0, 0, CAP, WINDOW));
    f.env.send_ok(&[ix], &[&admin]).await;
    let other_sender = f.env.funded_token_account(&other, &sender.pubkey(), CAP, &token_program).await;
    let other_recipient = f.env.token_account(&other, &recipient.pubkey(), &token_program).await;
    let args = f.args(CAP, steps(&[(T0, CAP)]), open_policies());
    let (ix, lock) = tl::create_lock(&sender.pubkey(), &other_sender, &other, &token_program, args);
    f.at(-i64::from(WINDOW)).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    f.at(0).await;
    let ix = f.withdraw_ix(&lock, &recipient.pubkey(), &other_recipient, None).await;
    let out = f.env.send_ok(&[ix], &[&recipient]).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, CAP);
    assert_eq!(f.env.token_balance(&other_recipient).await, CAP);
}

#[tokio::test]
async fn cancel_payouts_count_against_the_cap() {
    let (mut f, a) = fixture().await;
    let b = old_lock(&mut f, 800, steps(&[(T0 + 100_000, 800)])).await;
    let c = old_lock(&mut f, 700, steps(&[(T0 + 100_000, 700)])).await;
    f.withdraw_ok(&a, Some(300)).await;
    let sender = f.sender.insecure_clone();
    // 300 + 800 refunded would exceed the cap.
    let ix = f.cancel_ix(&b, &sender.pubkey()).await;
    let failure = f.env.send_err(&[ix], &[&sender], code(TimelockError::OutflowCapExceeded)).await;
    let alerts = failure.events::<OutflowCapReached>(&psp_timelock::ID);
    assert_eq!((alerts[0].attempted, alerts[0].window_outflow), (800, 300));
    let ix = f.cancel_ix(&c, &sender.pubkey()).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let e = &out.cpi_events::<LockCancelled>()[0];
    assert_eq!((e.mint, e.refunded_to_sender, e.fresh_credit_used, e.window_outflow), (f.mint, 700, 0, CAP));
    refused(&mut f, &a, 1).await;
    assert_eq!(f.balances(&b).await.2, 800);
}

#[tokio::test]
async fn changing_the_cap_restarts_the_window() {
    let (mut f, lock) = fixture().await;
    f.withdraw_ok(&lock, Some(CAP)).await;
    refused(&mut f, &lock, 1).await;
    f.set_policy(mint_policy_args(0, 0, 2 * CAP, WINDOW)).await;
    let out = f.withdraw_ok(&lock, Some(2 * CAP)).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, 2 * CAP);
    // Unchanged cap and window keep the accounting.
    f.set_policy(mint_policy_args(5, 0, 2 * CAP, WINDOW)).await;
    refused(&mut f, &lock, 1).await;
    // No cap: anything goes.
    f.set_policy(mint_policy_args(0, 0, 0, 0)).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 10_000);
}

#[tokio::test]
async fn guardian_pauses_the_mint_and_only_the_admin_unpauses() {
    let (mut f, lock) = fixture().await;
    let guardian = f.guardian.insecure_clone();
    let mint = f.mint;
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), pause::HALT);
    let out = f.env.send_ok(&[ix], &[&guardian]).await;
    let e = &out.events::<PauseChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.mint, e.authority, e.old_flags, e.new_flags), (Some(mint), guardian.pubkey(), 0, pause::HALT));
    assert_eq!(f.mint_policy().await.paused, pause::HALT);
    assert_eq!(f.env.account::<psp_timelock::state::Config>(&tl::config_pda().0).await.paused, 0);
    f.withdraw_err(&lock, None, TimelockError::Paused).await;
    // The guardian may add bits but not clear any.
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), pause::HALT | pause::CREATE);
    f.env.send_ok(&[ix], &[&guardian]).await;
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), pause::CREATE);
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::GuardianCannotUnpause)).await;
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), 0);
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::GuardianCannotUnpause)).await;
    assert_eq!(f.mint_policy().await.paused, pause::HALT | pause::CREATE);
    let out = f.admin_pause(Some(&mint), 0).await;
    assert_eq!(out.events::<PauseChanged>(&psp_timelock::ID)[0].old_flags, pause::HALT | pause::CREATE);
    f.withdraw_ok(&lock, Some(CAP)).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, CAP);
}
