//! High-value locks: the admin's per-mint threshold and minimum delay, the guardian's veto
//! during the delay (full refund, reason on record), and top-ups that cross the threshold.
use anchor_lang::prelude::Pubkey;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{LockCreated, LockToppedUp, LockVetoed, MintPolicyChanged};
use psp_timelock::state::LockStatus;
use solana_sdk::signature::Signer;

use crate::common::{code, linear, mint_policy_args, open_policies, steps, Fixture, SENDER_FUNDS, T0};

/// Threshold of the fixture mint in these tests.
const THRESHOLD: u64 = 1_000;
/// Minimum delay of high-value locks in these tests.
const DELAY: i64 = 3_600;

/// A fixture whose mint has the test threshold and delay (no outflow cap).
async fn fixture() -> Fixture {
    let mut f = Fixture::new().await;
    f.set_policy(mint_policy_args(THRESHOLD, DELAY, 0, 0)).await;
    f
}

/// The guardian's `veto_lock` instruction for `lock`.
async fn veto_ix(
    f: &mut Fixture,
    lock: &Pubkey,
    signer: &Pubkey,
    reason: &str,
) -> anchor_lang::solana_program::instruction::Instruction {
    let state = f.lock(lock).await;
    tl::veto_lock(lock, &state, signer, &f.sender_ata, reason.to_string())
}

#[tokio::test]
async fn admin_sets_threshold_and_delay() {
    let mut f = Fixture::new().await;
    let out = f.set_policy(mint_policy_args(THRESHOLD, DELAY, 0, 0)).await;
    let e = &out.events::<MintPolicyChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.mint, e.old_high_value_threshold, e.new_high_value_threshold), (f.mint, 0, THRESHOLD));
    assert_eq!((e.old_min_delay, e.new_min_delay), (0, DELAY));
    let out = f.set_policy(mint_policy_args(2 * THRESHOLD, 2 * DELAY, 0, 0)).await;
    let e = &out.events::<MintPolicyChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.old_high_value_threshold, e.new_high_value_threshold), (THRESHOLD, 2 * THRESHOLD));
    assert_eq!((e.old_min_delay, e.new_min_delay), (DELAY, 2 * DELAY));
    let policy = f.mint_policy().await;
    assert_eq!((policy.version, policy.mint, policy.bump), (1, f.mint, tl::mint_policy_pda(&f.mint).1));
    assert_eq!((policy.high_value_threshold, policy.min_delay), (2 * THRESHOLD, 2 * DELAY));
}

#[tokio::test]
async fn high_value_locks_must_respect_the_delay() {
    let mut f = fixture().await;
    let sender = f.sender.insecure_clone();
    // At the threshold, releasing one second before the delay ends: refused.
    for schedule in [linear(T0, T0 + DELAY - 1, 0, T0 + 2 * DELAY, 1), steps(&[(T0 + DELAY - 1, THRESHOLD)])] {
        let args = f.args(THRESHOLD, schedule, open_policies());
        let (ix, lock) = f.create_ix(args);
        f.env.send_err(&[ix], &[&sender], code(TimelockError::HighValueDelayTooShort)).await;
        assert!(!f.env.exists(&lock).await);
    }
    // Below the threshold any schedule is fine.
    let (small, _) = f.create(THRESHOLD - 1, linear(T0, T0, 0, T0 + 10, 1), open_policies()).await;
    assert!(!f.lock(&small).await.high_value);
    // Nothing released before the delay: a high-value lock with a veto deadline.
    let (lock, out) = f.create(5 * THRESHOLD, linear(T0, T0 + DELAY, 0, T0 + 2 * DELAY, 1), open_policies()).await;
    let state = f.lock(&lock).await;
    assert_eq!((state.high_value, state.veto_deadline), (true, T0 + DELAY));
    let e = &out.cpi_events::<LockCreated>()[0];
    assert_eq!((e.high_value, e.veto_deadline), (true, T0 + DELAY));
    // The recipient's withdrawal starts only after the delay.
    f.at(DELAY - 1).await;
    f.withdraw_err(&lock, None, TimelockError::NothingToWithdraw).await;
    f.at(DELAY).await;
    f.withdraw_ok(&lock, None).await;
    // Half of the 5_000 has vested half-way through.
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 2_500);
}

#[tokio::test]
async fn guardian_vetoes_during_the_delay_with_a_reason() {
    let mut f = fixture().await;
    let (lock, _) = f.create(THRESHOLD, steps(&[(T0 + DELAY, 400), (T0 + 2 * DELAY, 600)]), open_policies()).await;
    f.at(DELAY - 1).await;
    // Not by the admin, the sender or anyone else.
    for signer in [f.admin.insecure_clone(), f.sender.insecure_clone()] {
        let ix = veto_ix(&mut f, &lock, &signer.pubkey(), "no").await;
        f.env.send_err(&[ix], &[&signer], code(TimelockError::Unauthorized)).await;
    }
    let guardian = f.guardian.insecure_clone();
    let long = "x".repeat(201);
    let ix = veto_ix(&mut f, &lock, &guardian.pubkey(), &long).await;
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::ReasonTooLong)).await;
    let ix = veto_ix(&mut f, &lock, &guardian.pubkey(), "recipient flagged by compliance").await;
    let out = f.env.send_ok(&[ix], &[&guardian]).await;
    let e = &out.cpi_events::<LockVetoed>()[0];
    assert_eq!((e.lock, e.mint, e.guardian, e.refunded_to_sender), (lock, f.mint, guardian.pubkey(), THRESHOLD));
    assert_eq!((e.reason.as_str(), e.timestamp), ("recipient flagged by compliance", T0 + DELAY - 1));
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS, 0, 0));
    let state = f.lock(&lock).await;
    assert_eq!(
        (state.status, state.refunded, state.withdrawn, state.ended_at),
        (LockStatus::Vetoed, THRESHOLD, 0, T0 + DELAY - 1)
    );
    assert_eq!(f.mint_policy().await.total_refunded, THRESHOLD);
    // Nothing can be withdrawn later; the lock is closable.
    f.at(3 * DELAY).await;
    f.withdraw_err(&lock, None, TimelockError::LockNotActive).await;
    let sender = f.sender.insecure_clone();
    let ix = f.close_ix(&lock, &sender.pubkey()).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    assert!(!f.env.exists(&lock).await);
}

#[tokio::test]
async fn veto_after_the_deadline_or_of_a_normal_lock_is_refused() {
    let mut f = fixture().await;
    let (lock, _) = f.create(THRESHOLD, steps(&[(T0 + DELAY, THRESHOLD)]), open_policies()).await;
    let (normal, _) = f.create(THRESHOLD - 1, steps(&[(T0 + DELAY, THRESHOLD - 1)]), open_policies()).await;
    let guardian = f.guardian.insecure_clone();
    let ix = veto_ix(&mut f, &normal, &guardian.pubkey(), "no").await;
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::NotVetoable)).await;
    f.at(DELAY).await;
    let ix = veto_ix(&mut f, &lock, &guardian.pubkey(), "too late").await;
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::VetoPeriodOver)).await;
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, THRESHOLD);
    assert_eq!(f.lock(&lock).await.status, LockStatus::Active);
}

#[tokio::test]
async fn a_top_up_crossing_the_threshold_must_respect_the_delay() {
    let mut f = fixture().await;
    let sender = f.sender.insecure_clone();
    // Releases at 100 s: crossing the threshold now would release before the delay.
    let (early, _) = f.create(600, linear(T0, T0 + 100, 0, T0 + 1_000, 100), open_policies()).await;
    let ix = f.top_up_ix(&early, 400).await;
    f.env.send_err(&[ix], &[&sender], code(TimelockError::HighValueDelayTooShort)).await;
    let ix = f.top_up_ix(&early, 399).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    assert!(!f.lock(&early).await.high_value);
    // Releases after the delay counted from the top-up: becomes high-value and vetoable.
    let (late, _) = f.create(600, steps(&[(T0 + 2 * DELAY, 600)]), open_policies()).await;
    f.at(DELAY / 2).await;
    let ix = f.top_up_ix(&late, 400).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let e = &out.cpi_events::<LockToppedUp>()[0];
    assert_eq!((e.total, e.high_value, e.veto_deadline), (THRESHOLD, true, T0 + DELAY / 2 + DELAY));
    let state = f.lock(&late).await;
    assert_eq!((state.high_value, state.veto_deadline), (true, T0 + DELAY / 2 + DELAY));
    let before = f.balance(&f.sender_ata.clone()).await;
    f.at(DELAY / 2 + DELAY - 1).await;
    let guardian = f.guardian.insecure_clone();
    let ix = veto_ix(&mut f, &late, &guardian.pubkey(), "top-up review").await;
    f.env.send_ok(&[ix], &[&guardian]).await;
    assert_eq!(f.balance(&f.sender_ata.clone()).await, before + THRESHOLD);
}
