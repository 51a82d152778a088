//! The circuit breaker cannot be pulled by a stranger: a lock's own deposits of the last window
//! leave it uncounted (its fresh credit), so a lock created and emptied within one window — even
//! in one transaction, with borrowed tokens — never fills the window that protects the value
//! other locks have held in escrow for longer.
use anchor_lang::prelude::Pubkey;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCancelled, LockClosed, LockToppedUp, TokensWithdrawn};
use psp_timelock::state::{Lock, PartyPolicy};
use psp_timelock::CreateLockArgs;
use solana_sdk::instruction::Instruction;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, mint_policy_args, policies, steps, Fixture, T0};

/// The cap of these tests.
const CAP: u64 = 1_000;
/// A window of 24 buckets of 100 seconds.
const WINDOW: i64 = 2_400;

/// A fixture with the cap on its mint and a fully vested lock of `CAP` for the fixture recipient,
/// created one window before `T0` (so at `T0` its value has been in escrow for a whole window).
async fn fixture_with_old_lock() -> (Fixture, Pubkey) {
    let mut f = Fixture::new().await;
    f.set_policy(mint_policy_args(0, 0, CAP, WINDOW as u32)).await;
    f.at(-WINDOW).await;
    let old = f.lock_with(CAP, steps(&[(T0 - WINDOW, CAP)])).await;
    f.at(0).await;
    (f, old)
}

/// A stranger holding `amount` tokens (borrowed, for all the program can tell).
async fn attacker(f: &mut Fixture, amount: u64) -> (Keypair, Pubkey) {
    let key = f.env.funded_keypair(1).await;
    let (mint, token_program) = (f.mint, f.token_program);
    let ata = f.env.funded_token_account(&mint, &key.pubkey(), amount, &token_program).await;
    (key, ata)
}

/// `create_lock` of `amount` by `sender` to itself, plus the state the other builders need of
/// the lock it will create (they only read the vault addresses: mint, escrow, token program,
/// sender), taken from `template`, any lock of the same mint.
fn self_lock(
    f: &Fixture,
    template: &Lock,
    sender: &Keypair,
    sender_ata: &Pubkey,
    amount: u64,
    schedule: psp_timelock::state::Schedule,
    cancel: PartyPolicy,
) -> (Instruction, Pubkey, Lock) {
    let args = CreateLockArgs {
        id: 1,
        recipient: sender.pubkey(),
        amount,
        schedule,
        policies: policies(cancel, PartyPolicy::Nobody, false, false),
    };
    let (ix, lock) = tl::create_lock(&sender.pubkey(), sender_ata, &f.mint, &f.token_program, args);
    let mut state = template.clone();
    (state.sender, state.recipient, state.id, state.escrow) =
        (sender.pubkey(), sender.pubkey(), 1, tl::escrow_pda(&lock).0);
    (ix, lock, state)
}

#[tokio::test]
async fn a_lock_created_withdrawn_and_closed_in_one_transaction_does_not_block_other_recipients() {
    let (mut f, old) = fixture_with_old_lock().await;
    let (mallory, mallory_ata) = attacker(&mut f, CAP).await;
    let template = f.lock(&old).await;
    let (create, lock, state) =
        self_lock(&f, &template, &mallory, &mallory_ata, CAP, steps(&[(T0, CAP)]), PartyPolicy::Nobody);
    let withdraw = tl::withdraw(&lock, &state, &mallory.pubkey(), &mallory_ata, None);
    let close = tl::close_lock(&lock, &state, &mallory.pubkey(), None);
    let out = f.env.send_ok(&[create, withdraw, close], &[&mallory]).await;
    let paid = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((paid.amount, paid.fresh_credit_used, paid.window_outflow), (CAP, CAP, 0));
    assert_eq!(out.cpi_events::<LockClosed>()[0].swept, 0);
    assert_eq!(f.balance(&mallory_ata).await, CAP);
    assert!(!f.env.exists(&lock).await);
    assert_eq!(f.mint_policy().await.outflow.used(T0), 0);

    // The recipient of the older lock still gets paid, and that payout is counted.
    let out = f.withdraw_ok(&old, None).await;
    let paid = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((paid.amount, paid.fresh_credit_used, paid.window_outflow), (CAP, 0, CAP));
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, CAP);
}

#[tokio::test]
async fn a_lock_created_and_cancelled_at_once_does_not_block_other_recipients() {
    let (mut f, old) = fixture_with_old_lock().await;
    let (mallory, mallory_ata) = attacker(&mut f, CAP).await;
    let template = f.lock(&old).await;
    let far = steps(&[(T0 + 100 * WINDOW, CAP)]);
    let (create, lock, state) = self_lock(&f, &template, &mallory, &mallory_ata, CAP, far, PartyPolicy::Sender);
    let cancel = tl::cancel_lock(&lock, &state, &mallory.pubkey(), &mallory_ata, &mallory_ata);
    let close = tl::close_lock(&lock, &state, &mallory.pubkey(), None);
    let out = f.env.send_ok(&[create, cancel, close], &[&mallory]).await;
    let cancelled = &out.cpi_events::<LockCancelled>()[0];
    assert_eq!((cancelled.paid_to_recipient, cancelled.refunded_to_sender), (0, CAP));
    assert_eq!((cancelled.fresh_credit_used, cancelled.window_outflow), (CAP, 0));
    assert_eq!(f.balance(&mallory_ata).await, CAP);

    let out = f.withdraw_ok(&old, None).await;
    assert_eq!(out.cpi_events::<TokensWithdrawn>()[0].window_outflow, CAP);
}

#[tokio::test]
async fn value_escrowed_for_a_window_still_leaves_at_most_the_cap() {
    let (mut f, old) = fixture_with_old_lock().await;
    // A second old lock: together they hold twice the cap, all of it older than the window.
    f.at(-WINDOW).await;
    let other = f.lock_with(CAP, steps(&[(T0 - WINDOW, CAP)])).await;
    f.at(0).await;
    f.withdraw_ok(&old, Some(600)).await;
    let recipient = f.recipient.insecure_clone();
    let ix = f.withdraw_ix(&other, &recipient.pubkey(), &f.recipient_ata.clone(), Some(401)).await;
    let failure = f.env.send_err(&[ix], &[&recipient], code(TimelockError::OutflowCapExceeded)).await;
    let alerts = failure.events::<psp_timelock::events::OutflowCapReached>(&psp_timelock::ID);
    assert_eq!((alerts[0].lock, alerts[0].attempted, alerts[0].window_outflow), (other, 401, 600));
    // A fresh deposit into the old lock leaves uncounted, the old value beyond it does not.
    let ix = f.top_up_ix(&other, 50).await;
    let sender = f.sender.insecure_clone();
    f.env.send_ok(&[ix], &[&sender]).await;
    let out = f.withdraw_ok(&other, Some(450)).await;
    let paid = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((paid.fresh_credit_used, paid.window_outflow), (50, CAP));
    f.withdraw_err(&other, Some(1), TimelockError::OutflowCapExceeded).await;
}

#[tokio::test]
async fn a_top_up_does_not_extend_the_credit_of_older_deposits() {
    let mut f = Fixture::new().await;
    f.set_policy(mint_policy_args(0, 0, CAP, WINDOW as u32)).await;
    let lock = f.lock_with(CAP, steps(&[(T0, CAP)])).await;
    assert_eq!((f.lock(&lock).await.fresh_credit.amount, f.lock(&lock).await.fresh_credit.since), (CAP, T0));
    // Topped up one second before the creation's credit expires: the credit grows, its start stays.
    f.at(WINDOW - 1).await;
    let ix = f.top_up_ix(&lock, 10).await;
    let sender = f.sender.insecure_clone();
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let e = &out.cpi_events::<LockToppedUp>()[0];
    assert_eq!((e.mint, e.amount, e.fresh_credit, e.fresh_credit_since), (f.mint, 10, CAP + 10, T0));
    let state = f.lock(&lock).await;
    assert_eq!((state.fresh_credit.amount, state.fresh_credit.since), (CAP + 10, T0));
    // After expiry everything counts: the cap lets CAP out, not one unit more.
    f.at(WINDOW).await;
    let out = f.withdraw_ok(&lock, Some(CAP)).await;
    let paid = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((paid.fresh_credit_used, paid.window_outflow), (0, CAP));
    f.withdraw_err(&lock, Some(1), TimelockError::OutflowCapExceeded).await;
    assert_eq!(f.lock(&lock).await.fresh_credit.amount, 0);
    // A top-up after expiry starts a new credit of its own.
    let ix = f.top_up_ix(&lock, 30).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let e = &out.cpi_events::<LockToppedUp>()[0];
    assert_eq!((e.fresh_credit, e.fresh_credit_since), (30, T0 + WINDOW));
    let out = f.withdraw_ok(&lock, Some(20)).await;
    let paid = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!((paid.fresh_credit_used, paid.fresh_credit_left, paid.window_outflow), (20, 10, CAP));
}
