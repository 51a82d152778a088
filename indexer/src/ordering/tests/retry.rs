use std::time::Duration;

use crate::ordering::{Backoff, ErrorKind, Escalation, RetryDecision, RetryPolicy};

const MS: fn(u64) -> Duration = Duration::from_millis;

#[test]
fn the_policy_table() {
    use ErrorKind::*;
    let stops: Vec<_> = ErrorKind::ALL.into_iter().filter(|k| k.policy() == RetryPolicy::Stop).collect();
    assert_eq!(stops, [DatabaseConstraint, DecodeRefused], "only what a retry cannot change stops at once");
    let forever: Vec<_> = ErrorKind::ALL
        .into_iter()
        .filter(|k| matches!(k.policy(), RetryPolicy::Retry(Backoff { max_attempts: None, .. })))
        .collect();
    assert_eq!(forever, [DatabaseUnavailable], "the indexer waits for PostgreSQL to come back");
    let pipeline: Vec<_> = ErrorKind::ALL.into_iter().filter(|k| k.escalation() == Escalation::StopPipeline).collect();
    assert_eq!(pipeline, [DatabaseUnavailable, DatabaseSerialization, DatabaseConstraint]);
    assert_eq!(DecodeRefused.escalation(), Escalation::HoldSource, "fail closed on that source");
}

#[test]
fn give_up_after_the_attempts() {
    let kind = ErrorKind::MalformedResponse;
    for attempt in 0..3 {
        assert!(matches!(kind.decide(attempt, 0), RetryDecision::RetryAfter(_)), "attempt {attempt}");
    }
    assert_eq!(kind.decide(3, 0), RetryDecision::GiveUp(Escalation::HoldSource));
    assert_eq!(ErrorKind::DecodeRefused.decide(0, 500), RetryDecision::GiveUp(Escalation::HoldSource));
    assert_eq!(ErrorKind::DatabaseConstraint.decide(0, 0), RetryDecision::GiveUp(Escalation::StopPipeline));
    assert!(matches!(ErrorKind::DatabaseUnavailable.decide(u32::MAX, 0), RetryDecision::RetryAfter(_)));
}

#[test]
fn backoff_doubles_then_caps() {
    let b = Backoff { base: MS(100), max: MS(1_000), max_attempts: None };
    let full: Vec<_> = (0..6).map(|n| b.delay(n, 1000)).collect();
    assert_eq!(full, [MS(100), MS(200), MS(400), MS(800), MS(1_000), MS(1_000)]);
    let low: Vec<_> = (0..3).map(|n| b.delay(n, 0)).collect();
    assert_eq!(low, [MS(50), MS(100), MS(200)], "no jitter: the fixed lower half");
    assert_eq!(b.delay(2, 500), MS(300));
    assert_eq!(b.delay(0, u16::MAX), MS(100), "jitter clamps to 1000");
}

#[test]
fn backoff_saturates_on_huge_attempts() {
    let b = Backoff { base: Duration::MAX, max: Duration::MAX, max_attempts: None };
    assert_eq!(b.delay(u32::MAX, 1000), Duration::MAX, "saturates, exact, no panic");
    assert_eq!(b.delay(u32::MAX, 0), Duration::MAX / 2);
    let b = Backoff { base: MS(1), max: MS(30_000), max_attempts: None };
    assert_eq!(b.delay(40, 1000), MS(30_000));
}

proptest::proptest! {
    #[test]
    fn backoff_stays_within_bounds(kind in 0usize..9, attempt in 0u32..64, jitter in 0u16..=1000) {
        let RetryPolicy::Retry(b) = ErrorKind::ALL[kind].policy() else { return Ok(()) };
        let d = b.delay(attempt, jitter);
        let capped = b.base.saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX)).min(b.max);
        proptest::prop_assert!(d <= b.max && d <= capped && d >= capped / 2);
        proptest::prop_assert!(b.delay(attempt + 1, jitter) >= d, "never shorter for a later attempt");
    }
}
