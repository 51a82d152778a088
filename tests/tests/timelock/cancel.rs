//! Cancel splits (vested to the recipient, the rest to the sender, in one instruction) and
//! closing finished locks: rent back to the sender, escrow closed, stray tokens swept.
use anchor_lang::prelude::Pubkey;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCancelled, LockClosed};
use psp_timelock::state::LockStatus;
use solana_sdk::signature::Signer;

use crate::common::{code, linear, mint_policy_args, Fixture, SENDER_FUNDS, T0};

/// A 1_000-token lock vesting 100 every 100 s from `T0` (open policies).
async fn standard_lock(f: &mut Fixture) -> Pubkey {
    f.lock_with(1_000, linear(T0, T0, 0, T0 + 1_000, 100)).await
}

/// The sender cancels `lock` at `T0 + offset`; returns the `LockCancelled` event.
async fn cancel_at(f: &mut Fixture, lock: &Pubkey, offset: i64) -> LockCancelled {
    f.at(offset).await;
    let sender = f.sender.insecure_clone();
    let ix = f.cancel_ix(lock, &sender.pubkey()).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let mut events = out.cpi_events::<LockCancelled>();
    assert_eq!(events.len(), 1);
    events.remove(0)
}

#[tokio::test]
async fn cancel_pays_vested_to_recipient_and_refunds_the_rest_after_partial_withdrawals() {
    let mut f = Fixture::new().await;
    let lock = standard_lock(&mut f).await;
    f.at(100).await;
    f.withdraw_ok(&lock, Some(60)).await;
    // At 350 s, 300 has vested: 240 still owed to the recipient, 700 back to the sender.
    let e = cancel_at(&mut f, &lock, 350).await;
    assert_eq!((e.lock, e.mint, e.cancelled_by), (lock, f.mint, f.sender.pubkey()));
    // No outflow cap on this mint: the lock's own deposit is fresh, nothing is counted.
    assert_eq!((e.fresh_credit_used, e.window_outflow), (0, 0));
    assert_eq!((e.paid_to_recipient, e.refunded_to_sender, e.withdrawn, e.total), (240, 700, 300, 1_000));
    assert_eq!(e.timestamp, T0 + 350);
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 300, 300, 0));
    let state = f.lock(&lock).await;
    assert_eq!(
        (state.status, state.withdrawn, state.refunded, state.ended_at),
        (LockStatus::Cancelled, 300, 700, T0 + 350)
    );
    assert_eq!(state.withdrawn + state.refunded, state.total);
    let policy = f.mint_policy().await;
    assert_eq!((policy.total_locked, policy.total_withdrawn, policy.total_refunded), (1_000, 300, 700));
    // A cancelled lock pays nothing more and cannot be cancelled twice.
    f.at(2_000).await;
    f.withdraw_err(&lock, None, TimelockError::LockNotActive).await;
    let sender = f.sender.insecure_clone();
    let ix = f.cancel_ix(&lock, &sender.pubkey()).await;
    f.env.send_err(&[ix], &[&sender], code(TimelockError::LockNotActive)).await;
}

#[tokio::test]
async fn cancel_before_the_cliff_refunds_everything() {
    let mut f = Fixture::new().await;
    let lock = f.lock_with(1_000, linear(T0, T0 + 500, 100, T0 + 1_000, 100)).await;
    let e = cancel_at(&mut f, &lock, 499).await;
    assert_eq!((e.paid_to_recipient, e.refunded_to_sender, e.withdrawn), (0, 1_000, 0));
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS, 0, 0));
}

#[tokio::test]
async fn cancel_after_the_end_pays_everything_to_the_recipient() {
    let mut f = Fixture::new().await;
    let lock = standard_lock(&mut f).await;
    f.at(400).await;
    f.withdraw_ok(&lock, None).await;
    let e = cancel_at(&mut f, &lock, 1_000).await;
    assert_eq!((e.paid_to_recipient, e.refunded_to_sender, e.withdrawn), (600, 0, 1_000));
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 1_000, 1_000, 0));
}

#[tokio::test]
async fn close_returns_rent_to_the_sender_and_closes_the_escrow() {
    let mut f = Fixture::new().await;
    let lock = standard_lock(&mut f).await;
    let escrow = tl::escrow_pda(&lock).0;
    let sender = f.sender.insecure_clone();
    // Active with tokens: not closable.
    let ix = f.close_ix(&lock, &sender.pubkey()).await;
    f.env.send_err(&[ix], &[&sender], code(TimelockError::LockNotFinished)).await;
    cancel_at(&mut f, &lock, 250).await;
    // A stranger cannot close it.
    let (stranger, _) = f.stranger().await;
    let ix = f.close_ix(&lock, &stranger.pubkey()).await;
    f.env.send_err(&[ix], &[&stranger], code(TimelockError::Unauthorized)).await;

    let rent = f.env.lamports(&lock).await + f.env.lamports(&escrow).await;
    let before = f.env.lamports(&sender.pubkey()).await;
    let ix = f.close_ix(&lock, &sender.pubkey()).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    assert_eq!(f.env.lamports(&sender.pubkey()).await, before + rent);
    assert!(!f.env.exists(&lock).await && !f.env.exists(&escrow).await);
    let e = &out.cpi_events::<LockClosed>()[0];
    assert_eq!((e.lock, e.mint, e.closed_by, e.rent_receiver), (lock, f.mint, sender.pubkey(), sender.pubkey()));
    assert_eq!((e.swept, e.swept_to, e.rent_returned), (0, None, rent));
    let (sender_ata, recipient_ata) = (f.sender_ata, f.recipient_ata);
    assert_eq!((f.balance(&sender_ata).await, f.balance(&recipient_ata).await), (SENDER_FUNDS - 200, 200));
}

#[tokio::test]
async fn a_fully_withdrawn_lock_is_closable_by_the_recipient_with_rent_to_the_sender() {
    let mut f = Fixture::new().await;
    let lock = standard_lock(&mut f).await;
    f.at(999).await;
    f.withdraw_ok(&lock, None).await;
    let recipient = f.recipient.insecure_clone();
    let ix = f.close_ix(&lock, &recipient.pubkey()).await;
    f.env.send_err(&[ix], &[&recipient], code(TimelockError::LockNotFinished)).await;
    f.at(1_000).await;
    f.withdraw_ok(&lock, None).await;
    let rent = f.env.lamports(&lock).await + f.env.lamports(&tl::escrow_pda(&lock).0).await;
    let sender_before = f.env.lamports(&f.sender.pubkey()).await;
    let recipient_before = f.env.lamports(&recipient.pubkey()).await;
    let ix = f.close_ix(&lock, &recipient.pubkey()).await;
    f.env.send_ok(&[ix], &[&recipient]).await;
    assert_eq!(f.env.lamports(&f.sender.pubkey()).await, sender_before + rent);
    assert_eq!(f.env.lamports(&recipient.pubkey()).await, recipient_before);
    assert!(!f.env.exists(&lock).await);
}

#[tokio::test]
async fn stray_tokens_in_the_escrow_are_swept_to_the_sender_on_close() {
    let mut f = Fixture::new().await;
    f.set_policy(mint_policy_args(0, 0, 1_000_000, 2_400)).await;
    let lock = standard_lock(&mut f).await;
    cancel_at(&mut f, &lock, 300).await;
    let escrow = tl::escrow_pda(&lock).0;
    let (mint, token_program) = (f.mint, f.token_program);
    f.env.mint_to(&mint, &escrow, 42, &token_program).await;
    let sender = f.sender.insecure_clone();
    // Without the sender's token account the stray tokens have nowhere to go.
    let state = f.lock(&lock).await;
    let ix = tl::close_lock(&lock, &state, &sender.pubkey(), None);
    f.env.send_err(&[ix], &[&sender], code(TimelockError::LockNotFinished)).await;
    // Not to somebody else's token account either.
    let (_, stranger_ata) = f.stranger().await;
    let ix = tl::close_lock(&lock, &state, &sender.pubkey(), Some(&stranger_ata));
    f.env.send_err(&[ix], &[&sender], code(TimelockError::WrongTokenAccountOwner)).await;
    let before = f.balance(&f.sender_ata.clone()).await;
    let ix = f.close_ix(&lock, &sender.pubkey()).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    assert_eq!(f.balance(&f.sender_ata.clone()).await, before + 42);
    let e = &out.cpi_events::<LockClosed>()[0];
    assert_eq!((e.lock, e.mint, e.swept, e.swept_to), (lock, f.mint, 42, Some(f.sender_ata)));
    // Outside the books: the sweep is not counted against the mint's outflow window.
    assert_eq!(f.mint_policy().await.outflow.used(T0 + 300), 0);
    assert!(!f.env.exists(&escrow).await);
}
