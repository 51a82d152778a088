//! Lock policies: who may cancel, who may change the recipient, top-ups (linear and steps), and
//! cranked withdrawals by third parties.
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCancelled, LockToppedUp, RecipientChanged, TokensWithdrawn};
use psp_timelock::state::{LockStatus, PartyPolicy};
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, linear, policies, steps, Fixture, SENDER_FUNDS, T0};

/// Every party policy with whether it lets the sender and the recipient act.
const MATRIX: [(PartyPolicy, bool, bool); 4] = [
    (PartyPolicy::Nobody, false, false),
    (PartyPolicy::Sender, true, false),
    (PartyPolicy::Recipient, false, true),
    (PartyPolicy::Either, true, true),
];

#[tokio::test]
async fn cancel_follows_the_cancel_policy() {
    let mut f = Fixture::new().await;
    let (stranger, _) = f.stranger().await;
    for (policy, sender_may, recipient_may) in MATRIX {
        for (party, may) in [(f.sender.insecure_clone(), sender_may), (f.recipient.insecure_clone(), recipient_may)] {
            let (lock, _) = f
                .create(1_000, linear(T0, T0, 0, T0 + 1_000, 100), policies(policy, PartyPolicy::Nobody, false, false))
                .await;
            let ix = f.cancel_ix(&lock, &stranger.pubkey()).await;
            f.env.send_err(&[ix], &[&stranger], code(TimelockError::CancelNotAllowed)).await;
            let ix = f.cancel_ix(&lock, &party.pubkey()).await;
            if may {
                let out = f.env.send_ok(&[ix], &[&party]).await;
                assert_eq!(out.cpi_events::<LockCancelled>()[0].cancelled_by, party.pubkey());
                assert_eq!(f.lock(&lock).await.status, LockStatus::Cancelled, "{policy:?}");
            } else {
                f.env.send_err(&[ix], &[&party], code(TimelockError::CancelNotAllowed)).await;
                assert_eq!(f.lock(&lock).await.status, LockStatus::Active, "{policy:?}");
                assert_eq!(f.balances(&lock).await.2, 1_000);
            }
        }
    }
}

#[tokio::test]
async fn recipient_change_follows_its_policy() {
    let mut f = Fixture::new().await;
    let (stranger, _) = f.stranger().await;
    let new_recipient = Keypair::new().pubkey();
    for (policy, sender_may, recipient_may) in MATRIX {
        for (party, may) in [(f.sender.insecure_clone(), sender_may), (f.recipient.insecure_clone(), recipient_may)] {
            let (lock, _) = f
                .create(1_000, linear(T0, T0, 0, T0 + 1_000, 100), policies(PartyPolicy::Nobody, policy, false, false))
                .await;
            let state = f.lock(&lock).await;
            let ix = tl::transfer_recipient(&lock, &state, &stranger.pubkey(), &new_recipient);
            f.env.send_err(&[ix], &[&stranger], code(TimelockError::TransferNotAllowed)).await;
            let ix = tl::transfer_recipient(&lock, &state, &party.pubkey(), &new_recipient);
            if may {
                let out = f.env.send_ok(&[ix], &[&party]).await;
                let e = &out.cpi_events::<RecipientChanged>()[0];
                assert_eq!(
                    (e.old_recipient, e.new_recipient, e.authority),
                    (f.recipient.pubkey(), new_recipient, party.pubkey())
                );
                assert_eq!(f.lock(&lock).await.recipient, new_recipient, "{policy:?}");
            } else {
                f.env.send_err(&[ix], &[&party], code(TimelockError::TransferNotAllowed)).await;
                assert_eq!(f.lock(&lock).await.recipient, f.recipient.pubkey(), "{policy:?}");
            }
        }
    }
}

#[tokio::test]
async fn after_a_recipient_change_only_the_new_recipient_withdraws() {
    let mut f = Fixture::new().await;
    let (new_recipient, new_ata) = f.stranger().await;
    let old = f.recipient.insecure_clone();
    for crank in [false, true] {
        let (lock, _) = f
            .create(
                1_000,
                linear(T0, T0, 0, T0 + 1_000, 100),
                policies(PartyPolicy::Nobody, PartyPolicy::Recipient, false, crank),
            )
            .await;
        let state = f.lock(&lock).await;
        let ix = tl::transfer_recipient(&lock, &state, &old.pubkey(), &old.pubkey());
        f.env.send_err(&[ix], &[&old], code(TimelockError::SameRecipient)).await;
        let ix = tl::transfer_recipient(&lock, &state, &old.pubkey(), &new_recipient.pubkey());
        f.env.send_ok(&[ix], &[&old]).await;
        f.at(500).await;
        let old_ata = f.recipient_ata;
        let ix = f.withdraw_ix(&lock, &old.pubkey(), &old_ata, None).await;
        let refusal = if crank { TimelockError::CrankDestinationNotRecipient } else { TimelockError::CrankNotAllowed };
        f.env.send_err(&[ix], &[&old], code(refusal)).await;
        let ix = f.withdraw_ix(&lock, &new_recipient.pubkey(), &new_ata, None).await;
        f.env.send_ok(&[ix], &[&new_recipient]).await;
        f.at(0).await;
    }
    assert_eq!(f.balance(&new_ata).await, 1_000);
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 0);
}

#[tokio::test]
async fn top_up_scales_a_linear_lock_when_allowed() {
    let mut f = Fixture::new().await;
    let (funder, funder_ata) = f.stranger().await;
    f.env.mint_to(&f.mint.clone(), &funder_ata, 500, &f.token_program.clone()).await;
    let (lock, _) = f
        .create(
            1_000,
            linear(T0, T0, 0, T0 + 1_000, 100),
            policies(PartyPolicy::Sender, PartyPolicy::Nobody, true, false),
        )
        .await;
    let state = f.lock(&lock).await;
    let ix = tl::top_up(&lock, &state, &funder.pubkey(), &funder_ata, 0);
    f.env.send_err(&[ix], &[&funder], code(TimelockError::ZeroAmount)).await;
    let ix = tl::top_up(&lock, &state, &funder.pubkey(), &funder_ata, 500);
    let out = f.env.send_ok(&[ix], &[&funder]).await;
    let e = &out.cpi_events::<LockToppedUp>()[0];
    assert_eq!((e.lock, e.funder, e.amount, e.total, e.high_value), (lock, funder.pubkey(), 500, 1_500, false));
    assert_eq!((f.balance(&funder_ata).await, f.balances(&lock).await.2), (0, 1_500));
    assert_eq!(f.lock(&lock).await.total, 1_500);
    assert_eq!(f.mint_policy().await.total_locked, 1_500);
    // The linear part scales: one installment of ten is now 150.
    f.at(100).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 150);
    // No top-ups once cancelled.
    let sender = f.sender.insecure_clone();
    let ix = f.cancel_ix(&lock, &sender.pubkey()).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    let ix = f.top_up_ix(&lock, 1).await;
    f.env.send_err(&[ix], &[&sender], code(TimelockError::LockNotActive)).await;
}

#[tokio::test]
async fn top_up_is_refused_when_not_allowed() {
    let mut f = Fixture::new().await;
    let (lock, _) = f
        .create(
            1_000,
            linear(T0, T0, 0, T0 + 1_000, 100),
            policies(PartyPolicy::Sender, PartyPolicy::Nobody, false, false),
        )
        .await;
    let ix = f.top_up_ix(&lock, 10).await;
    let sender = f.sender.insecure_clone();
    f.env.send_err(&[ix], &[&sender], code(TimelockError::TopUpNotAllowed)).await;
    assert_eq!((f.lock(&lock).await.total, f.balances(&lock).await), (1_000, (SENDER_FUNDS - 1_000, 0, 1_000)));
}

#[tokio::test]
async fn top_up_of_a_step_lock_adds_to_the_last_step() {
    let mut f = Fixture::new().await;
    let (lock, _) = f
        .create(
            12,
            steps(&[(T0 + 10, 5), (T0 + 20, 7)]),
            policies(PartyPolicy::Nobody, PartyPolicy::Nobody, true, false),
        )
        .await;
    let ix = f.top_up_ix(&lock, 8).await;
    let sender = f.sender.insecure_clone();
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    assert_eq!(out.cpi_events::<LockToppedUp>()[0].schedule, steps(&[(T0 + 10, 5), (T0 + 20, 15)]));
    assert_eq!(f.lock(&lock).await.schedule, steps(&[(T0 + 10, 5), (T0 + 20, 15)]));
    f.at(10).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 5);
    f.at(20).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 20, 20, 0));
}

#[tokio::test]
async fn third_parties_crank_to_the_recipient_only_when_allowed() {
    let mut f = Fixture::new().await;
    let (cranker, cranker_ata) = f.stranger().await;
    let (open, _) = f
        .create(
            1_000,
            linear(T0, T0, 0, T0 + 1_000, 100),
            policies(PartyPolicy::Nobody, PartyPolicy::Nobody, false, true),
        )
        .await;
    let (closed, _) = f
        .create(
            1_000,
            linear(T0, T0, 0, T0 + 1_000, 100),
            policies(PartyPolicy::Nobody, PartyPolicy::Nobody, false, false),
        )
        .await;
    f.at(300).await;
    let recipient_ata = f.recipient_ata;
    let ix = f.withdraw_ix(&closed, &cranker.pubkey(), &recipient_ata, None).await;
    f.env.send_err(&[ix], &[&cranker], code(TimelockError::CrankNotAllowed)).await;
    let ix = f.withdraw_ix(&open, &cranker.pubkey(), &cranker_ata, None).await;
    f.env.send_err(&[ix], &[&cranker], code(TimelockError::CrankDestinationNotRecipient)).await;
    let ix = f.withdraw_ix(&open, &cranker.pubkey(), &recipient_ata, Some(100)).await;
    let out = f.env.send_ok(&[ix], &[&cranker]).await;
    let e = &out.cpi_events::<TokensWithdrawn>()[0];
    assert_eq!(
        (e.authority, e.destination, e.amount, e.recipient),
        (cranker.pubkey(), recipient_ata, 100, f.recipient.pubkey())
    );
    let ix = f.withdraw_ix(&open, &cranker.pubkey(), &recipient_ata, None).await;
    f.env.send_ok(&[ix], &[&cranker]).await;
    assert_eq!((f.balance(&recipient_ata).await, f.balance(&cranker_ata).await), (300, 0));
    assert_eq!(f.lock(&open).await.withdrawn, 300);
    assert_eq!(f.lock(&closed).await.withdrawn, 0);
}
