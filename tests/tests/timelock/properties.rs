//! Property tests driving the real program (few cases: each starts a bank): random schedules,
//! withdrawals and an optional cancel conserve value to the token, and runs of one-unit
//! withdrawals never extract more than has vested. Vesting is recomputed here independently of
//! the program's own schedule code.
use proptest::prelude::*;
use psp_timelock::errors::TimelockError;
use psp_timelock::state::{PartyPolicy, Schedule};
use solana_sdk::signature::Signer;

use crate::common::{code, linear, policies, steps, Fixture, SENDER_FUNDS, T0};

/// Vested at `now` by the schedule's definition (independent of `Schedule::vested`).
fn expected_vested(schedule: &Schedule, total: u64, now: i64) -> u64 {
    match schedule {
        Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period } => {
            if now < *cliff_time {
                0
            } else if now >= *end_time {
                total
            } else {
                let installments = (end_time - start_time) as u128 / *period as u128;
                let elapsed = (now - start_time) as u128 / *period as u128;
                let linear = (total - cliff_amount) as u128;
                cliff_amount + (linear * elapsed / installments) as u64
            }
        }
        Schedule::Steps { start_time, steps } => {
            steps.iter().filter(|s| start_time + i64::from(s.offset) <= now).map(|s| s.amount).sum()
        }
    }
}

/// A random linear schedule (times relative to `T0`) with its total.
fn any_linear() -> impl Strategy<Value = (Schedule, u64)> {
    (0i64..100, 1u64..50, 1u64..12, 0i64..400, 1u64..1_000_000, 0u64..=100).prop_map(
        |(start, period, installments, cliff_offset, total, cliff_pct)| {
            let (start, end) = (T0 + start, T0 + start + (period * installments) as i64);
            let cliff_amount = (total as u128 * cliff_pct as u128 / 100) as u64;
            (linear(start, (start + cliff_offset).min(end), cliff_amount, end, period), total)
        },
    )
}

/// A random linear or step schedule with its total.
fn any_schedule() -> impl Strategy<Value = (Schedule, u64)> {
    let step_case = proptest::collection::vec((1i64..150, 1u64..100_000), 1..8).prop_map(|gaps| {
        let mut time = T0;
        let pairs: Vec<(i64, u64)> = gaps
            .into_iter()
            .map(|(gap, amount)| {
                time += gap;
                (time, amount)
            })
            .collect();
        (steps(&pairs), pairs.iter().map(|p| p.1).sum())
    });
    prop_oneof![any_linear(), step_case]
}

/// Runs `case` to completion on a fresh tokio runtime.
fn block_on<F: std::future::Future<Output = Result<(), TestCaseError>>>(case: F) -> Result<(), TestCaseError> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(case)
}

/// Withdrawals of random shares of what is available at random times, then a cancel or a final
/// withdrawal after the end: recipient + refund == deposit, and paid never exceeds vested.
async fn conserve(
    schedule: Schedule,
    total: u64,
    ops: Vec<(i64, u64)>,
    cancel: Option<i64>,
) -> Result<(), TestCaseError> {
    let mut f = Fixture::new().await;
    let (lock, _) =
        f.create(total, schedule.clone(), policies(PartyPolicy::Sender, PartyPolicy::Nobody, false, false)).await;
    let recipient_ata = f.recipient_ata;
    let mut now = 0;
    for (dt, pct) in ops {
        now += dt;
        f.at(now).await;
        let available = f.lock(&lock).await.available(T0 + now);
        let ask = (available as u128 * pct as u128 / 100) as u64;
        let before = f.balance(&recipient_ata).await;
        match f.withdraw(&lock, Some(ask)).await {
            Ok(_) => {
                prop_assert_eq!(f.balance(&recipient_ata).await, before + ask);
            }
            Err(failure) => {
                prop_assert_eq!(ask, 0);
                let expected =
                    if available == 0 { TimelockError::NothingToWithdraw } else { TimelockError::ZeroAmount };
                prop_assert_eq!(failure.custom_code(), Some(code(expected)));
            }
        }
        prop_assert!(f.balance(&recipient_ata).await <= expected_vested(&schedule, total, T0 + now));
    }
    if let Some(dt) = cancel {
        now += dt;
        f.at(now).await;
        let sender = f.sender.insecure_clone();
        let ix = f.cancel_ix(&lock, &sender.pubkey()).await;
        f.env.send_ok(&[ix], &[&sender]).await;
        prop_assert_eq!(f.balance(&recipient_ata).await, expected_vested(&schedule, total, T0 + now));
    } else {
        let end = schedule.end().max(T0 + now);
        f.env.set_time(end).await;
        if f.lock(&lock).await.available(end) > 0 {
            f.withdraw_ok(&lock, None).await;
        }
        prop_assert_eq!(f.balance(&recipient_ata).await, total);
    }
    let (sender_balance, recipient_balance, escrow) = f.balances(&lock).await;
    let refunded = sender_balance - (SENDER_FUNDS - total);
    prop_assert_eq!(recipient_balance + refunded, total);
    prop_assert_eq!(escrow, 0);
    let state = f.lock(&lock).await;
    prop_assert_eq!((state.withdrawn, state.refunded), (recipient_balance, refunded));
    Ok(())
}

/// One-unit withdrawals until refused, every `step` seconds through the schedule.
async fn tiny_withdrawals(schedule: Schedule, total: u64, step: i64) -> Result<(), TestCaseError> {
    let mut f = Fixture::new().await;
    let (lock, _) =
        f.create(total, schedule.clone(), policies(PartyPolicy::Nobody, PartyPolicy::Nobody, false, false)).await;
    let recipient_ata = f.recipient_ata;
    let mut now = T0;
    while now < schedule.end() + step {
        f.env.set_time(now).await;
        while f.withdraw(&lock, Some(1)).await.is_ok() {}
        prop_assert_eq!(f.balance(&recipient_ata).await, expected_vested(&schedule, total, now));
        now += step;
    }
    prop_assert_eq!(f.balance(&recipient_ata).await, total);
    prop_assert_eq!(f.lock(&lock).await.withdrawn, total);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn withdrawals_and_cancel_conserve_value(
        (schedule, total) in any_schedule(),
        ops in proptest::collection::vec((0i64..200, 0u64..=100), 0..8),
        cancel in proptest::option::of(0i64..300),
    ) {
        block_on(conserve(schedule, total, ops, cancel))?;
    }

    #[test]
    fn tiny_withdrawals_never_exceed_vested(
        start in 0i64..50, period in 1u64..20, installments in 1u64..8, cliff_offset in 0i64..100,
        total in 1u64..25, step in 5i64..40,
    ) {
        let (start, end) = (T0 + start, T0 + start + (period * installments) as i64);
        let schedule = linear(start, (start + cliff_offset).min(end), 0, end, period);
        block_on(tiny_withdrawals(schedule, total, step))?;
    }
}
