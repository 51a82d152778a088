//! Unit and property tests of the value math: schedules and lock accounting.
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, AnchorSerialize};
use proptest::prelude::*;

use super::*;

const DAY: i64 = 86_400;

fn linear(start: i64, cliff: i64, cliff_amount: u64, end: i64, period: u64) -> Schedule {
    Schedule::Linear { start_time: start, cliff_time: cliff, cliff_amount, end_time: end, period }
}

fn lock(total: u64, schedule: Schedule) -> Lock {
    Lock {
        version: 1,
        bump: 255,
        escrow_bump: 254,
        sender: Pubkey::new_unique(),
        recipient: Pubkey::new_unique(),
        id: 7,
        mint: Pubkey::new_unique(),
        token_program: Pubkey::new_unique(),
        escrow: Pubkey::new_unique(),
        total,
        withdrawn: 0,
        refunded: 0,
        created_at: 0,
        ended_at: 0,
        status: LockStatus::Active,
        policies: LockPolicies {
            cancel: PartyPolicy::Either,
            change_recipient: PartyPolicy::Nobody,
            top_up: true,
            crank: false,
        },
        high_value: false,
        veto_deadline: 0,
        fresh_credit: FreshCredit::default(),
        reserved: [0; 16],
        schedule,
    }
}

#[test]
fn four_year_vesting_with_one_year_cliff() {
    let s = linear(0, 365 * DAY, 0, 4 * 365 * DAY, DAY as u64);
    s.validate(4_000).unwrap();
    assert_eq!(s.vested(4_000, 365 * DAY - 1), 0);
    assert_eq!(s.vested(4_000, 365 * DAY), 1_000);
    assert_eq!(s.vested(4_000, 365 * DAY + DAY - 1), 1_000);
    assert_eq!(s.vested(4_000, 2 * 365 * DAY), 2_000);
    assert_eq!(s.vested(4_000, 4 * 365 * DAY - 1), 3_997);
    assert_eq!(s.vested(4_000, 4 * 365 * DAY), 4_000);
    assert_eq!(s.first_release(), 365 * DAY);
    assert_eq!(s.next_release(4_000, 0), Some(365 * DAY));
    assert_eq!(s.next_release(4_000, 365 * DAY), Some(366 * DAY));
    assert_eq!(s.next_release(4_000, 4 * 365 * DAY), None);
}

#[test]
fn cliff_amount_is_paid_at_the_cliff_on_top_of_the_linear_part() {
    let s = linear(100, 200, 50, 1_100, 100);
    s.validate(1_050).unwrap();
    assert_eq!(s.vested(1_050, 199), 0);
    assert_eq!(s.vested(1_050, 200), 50 + 100);
    assert_eq!(s.vested(1_050, 1_099), 50 + 900);
    assert_eq!(s.vested(1_050, 1_100), 1_050);
}

#[test]
fn no_cliff_releases_first_installment_after_one_period() {
    let s = linear(0, 0, 0, 10, 1);
    assert_eq!(s.vested(10, -1), 0);
    assert_eq!(s.vested(10, 0), 0);
    assert_eq!(s.vested(10, 1), 1);
    assert_eq!(s.first_release(), 1);
}

#[test]
fn rounds_down() {
    let s = linear(0, 0, 0, 3, 1);
    assert_eq!(s.vested(10, 1), 3);
    assert_eq!(s.vested(10, 2), 6);
    assert_eq!(s.vested(10, 3), 10);
    assert_eq!(s.next_release(1, 0), Some(3));
}

#[test]
fn steps_release_at_their_times() {
    let s =
        Schedule::Steps { start_time: 0, steps: vec![Step { offset: 10, amount: 5 }, Step { offset: 20, amount: 7 }] };
    s.validate(12).unwrap();
    assert_eq!(s.vested(12, 9), 0);
    assert_eq!(s.vested(12, 10), 5);
    assert_eq!(s.vested(12, 19), 5);
    assert_eq!(s.vested(12, 20), 12);
    assert_eq!(s.next_release(12, 10), Some(20));
    assert_eq!(s.first_release(), 10);
}

#[test]
fn invalid_schedules_are_refused() {
    assert!(linear(10, 5, 0, 20, 1).validate(1).is_err(), "cliff before start");
    assert!(linear(10, 30, 0, 20, 1).validate(1).is_err(), "cliff after end");
    assert!(linear(10, 10, 0, 10, 1).validate(1).is_err(), "empty span");
    assert!(linear(0, 0, 0, 10, 3).validate(1).is_err(), "period does not divide span");
    assert!(linear(0, 0, 0, 10, 0).validate(1).is_err(), "zero period");
    assert!(linear(0, 5, 2, 10, 1).validate(1).is_err(), "cliff amount above total");
    let step = |offset, amount| Step { offset, amount };
    assert!(Schedule::Steps { start_time: 0, steps: vec![] }.validate(0).is_err());
    assert!(Schedule::Steps { start_time: 0, steps: vec![step(2, 1), step(2, 1)] }.validate(2).is_err());
    assert!(Schedule::Steps { start_time: 0, steps: vec![step(1, 0)] }.validate(0).is_err());
    assert!(Schedule::Steps { start_time: 0, steps: vec![step(1, 1)] }.validate(2).is_err());
    let many: Vec<Step> = (0..65).map(|i| step(i, 1)).collect();
    assert!(Schedule::Steps { start_time: 0, steps: many }.validate(65).is_err());
}

#[test]
fn top_up_scales_linear_and_extends_last_step() {
    let mut s =
        Schedule::Steps { start_time: 0, steps: vec![Step { offset: 1, amount: 1 }, Step { offset: 2, amount: 1 }] };
    s.apply_top_up(5).unwrap();
    s.validate(7).unwrap();
    assert_eq!(s.vested(7, 1), 1);
}

#[test]
fn account_size_matches_serialization() {
    for schedule in [
        linear(0, 0, 0, 10, 1),
        Schedule::Steps { start_time: 0, steps: (0..64).map(|i| Step { offset: i, amount: 1 }).collect() },
    ] {
        let l = lock(64, schedule.clone());
        assert_eq!(8 + l.try_to_vec().unwrap().len(), Lock::space(&schedule));
        let bytes = l.try_to_vec().unwrap();
        assert_eq!(&bytes[LOCK_SENDER_OFFSET - 8..LOCK_SENDER_OFFSET + 24], l.sender.as_ref());
        assert_eq!(&bytes[LOCK_RECIPIENT_OFFSET - 8..LOCK_RECIPIENT_OFFSET + 24], l.recipient.as_ref());
    }
}

#[test]
fn zero_filled_account_of_a_short_step_lock_deserializes() {
    // `init` deserializes the fresh, zero-filled account before the handler writes it.
    let schedule = Schedule::Steps { start_time: 0, steps: vec![Step { offset: 1, amount: 1 }] };
    let zeroed = vec![0u8; Lock::space(&schedule) - 8];
    assert!(Lock::deserialize(&mut &zeroed[..]).is_ok());
}

#[test]
fn veto_only_for_high_value_within_delay() {
    let mut l = lock(100, linear(0, 0, 0, 100, 1));
    assert!(l.book_veto(0).is_err());
    l.high_value = true;
    l.veto_deadline = 50;
    assert!(l.clone().book_veto(50).is_err());
    assert_eq!(l.book_veto(49).unwrap(), 100);
    assert_eq!(l.status, LockStatus::Vetoed);
    assert!(l.is_finished());
}

fn any_schedule() -> impl Strategy<Value = (Schedule, u64)> {
    let linear_case = (0i64..1_000, 0i64..1_000, 1u64..50, 1u64..40, 1u64..u64::MAX / 4, 0u64..=100).prop_map(
        |(start, cliff_offset, period, installments, total, cliff_pct)| {
            let end = start + (period * installments) as i64;
            let cliff = (start + cliff_offset).min(end);
            let cliff_amount = (total as u128 * cliff_pct as u128 / 100) as u64;
            (linear(start, cliff, cliff_amount, end, period), total)
        },
    );
    let steps_case = (-100i64..500, proptest::collection::vec((1u32..500, 1u64..1_000_000), 1..=64)).prop_map(
        |(start_time, gaps)| {
            let mut offset = 0;
            let steps: Vec<Step> = gaps
                .into_iter()
                .map(|(gap, amount)| {
                    offset += gap;
                    Step { offset, amount }
                })
                .collect();
            let total = steps.iter().map(|s| s.amount).sum();
            (Schedule::Steps { start_time, steps }, total)
        },
    );
    prop_oneof![linear_case, steps_case]
}

proptest! {
    /// Vested is monotone in time and never above the total; all of it vests at the end.
    #[test]
    fn vested_is_monotone_and_bounded((schedule, total) in any_schedule(), times in proptest::collection::vec(-100i64..3_000, 1..40)) {
        schedule.validate(total).unwrap();
        let mut times = times;
        times.sort();
        let mut last = 0;
        for t in times {
            let v = schedule.vested(total, t);
            prop_assert!(v >= last && v <= total);
            prop_assert!(t >= schedule.first_release() || v == 0);
            last = v;
        }
        prop_assert_eq!(schedule.vested(total, schedule.end()), total);
    }

    /// For any withdrawals over time and a cancel at any point,
    /// withdrawn + refunded == deposited, and withdrawn never exceeds vested.
    #[test]
    fn withdrawals_and_cancel_conserve_value(
        (schedule, total) in any_schedule(),
        ops in proptest::collection::vec((0i64..150, 0u64..=100), 0..30),
        cancel_at in proptest::option::of(0i64..4_000),
    ) {
        let mut l = lock(total, schedule);
        let mut now = 0;
        for (dt, pct) in ops {
            now += dt;
            let available = l.available(now);
            let ask = (available as u128 * pct as u128 / 100) as u64;
            match l.book_withdrawal(Some(ask), now) {
                Ok(paid) => prop_assert_eq!(paid, ask),
                Err(_) => prop_assert!(ask == 0),
            }
            prop_assert!(l.withdrawn <= l.vested(now));
        }
        prop_assert!(l.book_withdrawal(Some(l.available(now) + 1), now).is_err());
        if let Some(at) = cancel_at {
            let now = now.max(at);
            let before = l.withdrawn;
            let (paid, refunded) = l.book_cancel(now).unwrap();
            prop_assert_eq!(before + paid, l.vested(now));
            prop_assert_eq!(l.withdrawn + l.refunded, total);
            prop_assert_eq!(paid + refunded + before, total);
            prop_assert!(l.is_finished());
        } else {
            prop_assert_eq!(l.withdrawn + l.remaining(), total);
        }
    }

    /// A stream of one-unit withdrawals never extracts more than has vested.
    #[test]
    fn tiny_withdrawals_never_exceed_vested(
        start in 0i64..100, period in 1u64..20, installments in 1u64..30,
        cliff_offset in 0i64..200, total in 1u64..3_000, step in 1i64..20,
    ) {
        let end = start + (period * installments) as i64;
        let mut l = lock(total, linear(start, (start + cliff_offset).min(end), 0, end, period));
        let mut now = -step;
        while now < end + step {
            now += step;
            while l.book_withdrawal(Some(1), now).is_ok() {}
            prop_assert_eq!(l.withdrawn, l.vested(now));
        }
        prop_assert_eq!(l.withdrawn, total);
    }

    /// `next_release` is the first time after `now` at which more vests.
    #[test]
    fn next_release_is_exact((schedule, total) in any_schedule(), now in -10i64..3_000) {
        let current = schedule.vested(total, now);
        match schedule.next_release(total, now) {
            None => prop_assert_eq!(current, total),
            Some(t) => {
                prop_assert!(t > now);
                prop_assert!(schedule.vested(total, t) > current);
                prop_assert_eq!(schedule.vested(total, t - 1), current);
            }
        }
    }
}

#[test]
fn fresh_credit_takes_sixteen_formerly_reserved_bytes_and_reads_zero_in_older_locks() {
    // The layout before the credit existed: the same length, with 32 reserved bytes.
    assert_eq!(LOCK_FIXED_LEN, 8 + 3 + 32 + 32 + 8 + 32 * 3 + 8 * 5 + 1 + 4 + 1 + 8 + 32);
    let schedule = linear(0, 0, 0, 10, 1);
    let mut l = lock(10, schedule.clone());
    let older = l.try_to_vec().unwrap();
    l.fresh_credit = FreshCredit::new(10, 5);
    let newer = l.try_to_vec().unwrap();
    let at = LOCK_FIXED_LEN - 8 - 32;
    assert_eq!(&newer[at..at + 16], &[10, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(older[at..at + 32], [0u8; 32]);
    assert_eq!(Lock::deserialize(&mut &older[..]).unwrap().fresh_credit, FreshCredit::default());
}
