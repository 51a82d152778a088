//! What can fail in the pipeline and what to do about it: retry with backoff, or stop.

use std::time::Duration;

/// The failures the shell sees, by what can be done about them (not by where they come from).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An RPC request got no answer in time.
    RpcTimeout,
    /// The RPC node refused the request for now (HTTP 429).
    RateLimited,
    /// The RPC node has not reached the slot yet (behind its peers, or the slot is not available).
    NodeBehind,
    /// `getTransaction` returned nothing: the transaction is not at the commitment yet.
    TransactionNotFound,
    /// The RPC answer could not be parsed (truncated body, unexpected shape).
    MalformedResponse,
    /// PostgreSQL cannot be reached (down, restarting, connection lost).
    DatabaseUnavailable,
    /// PostgreSQL aborted the transaction to keep it serializable, or on a deadlock: safe to rerun.
    DatabaseSerialization,
    /// PostgreSQL refused a row (constraint, type): rerunning writes the same row again.
    DatabaseConstraint,
    /// The sdk decoder refused the transaction: no retry can change the bytes.
    DecodeRefused,
}

/// What happens once a [`RetryPolicy`] gives up on an error of a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escalation {
    /// The transaction is recorded as failed in its source ([`super::SourceTracker::failed`]):
    /// that source's checkpoint stops below it, other sources go on.
    HoldSource,
    /// The whole pipeline stops: no source can commit while the database refuses.
    StopPipeline,
}

/// Exponential backoff: attempt `n` (from 0) waits `min(base * 2^n, max)`, of which the lower
/// half is fixed and the upper half scaled by the jitter ("equal jitter").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
    /// Retries before giving up; `None`: never give up (wait for the database to come back).
    pub max_attempts: Option<u32>,
}

/// How to treat an error of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryPolicy {
    /// Retry after a delay from the backoff, then escalate when the attempts are used up.
    Retry(Backoff),
    /// Retrying cannot help: escalate at once.
    Stop,
}

/// The outcome of [`RetryPolicy::decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    RetryAfter(Duration),
    GiveUp(Escalation),
}

const fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

const fn retry(base: Duration, max: Duration, max_attempts: Option<u32>) -> RetryPolicy {
    RetryPolicy::Retry(Backoff { base, max, max_attempts })
}

impl ErrorKind {
    /// Every kind, for tables and tests.
    pub const ALL: [ErrorKind; 9] = [
        Self::RpcTimeout,
        Self::RateLimited,
        Self::NodeBehind,
        Self::TransactionNotFound,
        Self::MalformedResponse,
        Self::DatabaseUnavailable,
        Self::DatabaseSerialization,
        Self::DatabaseConstraint,
        Self::DecodeRefused,
    ];

    /// The retry policy of this kind. Slot-paced kinds start at about one slot (400 ms).
    pub const fn policy(self) -> RetryPolicy {
        match self {
            Self::RpcTimeout => retry(ms(200), ms(10_000), Some(8)),
            Self::RateLimited => retry(ms(1_000), ms(30_000), Some(20)),
            Self::NodeBehind => retry(ms(400), ms(5_000), Some(20)),
            Self::TransactionNotFound => retry(ms(400), ms(5_000), Some(30)),
            Self::MalformedResponse => retry(ms(500), ms(5_000), Some(3)),
            Self::DatabaseUnavailable => retry(ms(500), ms(30_000), None),
            Self::DatabaseSerialization => retry(ms(50), ms(2_000), Some(10)),
            Self::DatabaseConstraint | Self::DecodeRefused => RetryPolicy::Stop,
        }
    }

    /// What giving up on this kind means.
    pub const fn escalation(self) -> Escalation {
        match self {
            Self::DatabaseUnavailable | Self::DatabaseSerialization | Self::DatabaseConstraint => {
                Escalation::StopPipeline
            }
            _ => Escalation::HoldSource,
        }
    }

    /// Retry after a delay, or give up: see [`RetryPolicy::decide`].
    pub fn decide(self, attempt: u32, jitter_permille: u16) -> RetryDecision {
        self.policy()
            .decide(attempt, jitter_permille)
            .map_or(RetryDecision::GiveUp(self.escalation()), RetryDecision::RetryAfter)
    }
}

impl RetryPolicy {
    /// Delay before retry number `attempt` (0 = the first retry), or `None` to give up.
    /// `jitter_permille` (0..=1000, clamped) is drawn by the caller, which keeps this pure.
    pub fn decide(self, attempt: u32, jitter_permille: u16) -> Option<Duration> {
        match self {
            Self::Stop => None,
            Self::Retry(backoff) if backoff.max_attempts.is_some_and(|m| attempt >= m) => None,
            Self::Retry(backoff) => Some(backoff.delay(attempt, jitter_permille)),
        }
    }
}

impl Backoff {
    /// `min(base * 2^attempt, max)`, its lower half fixed and its upper half scaled by
    /// `jitter_permille / 1000`: always within `[capped / 2, capped]`. Saturates, never panics.
    pub fn delay(self, attempt: u32, jitter_permille: u16) -> Duration {
        let factor = 1u32.checked_shl(attempt).unwrap_or(u32::MAX);
        let capped = self.base.saturating_mul(factor).min(self.max);
        let half = capped / 2;
        let jitter = u32::from(jitter_permille.min(1000));
        half + scale(capped - half, jitter)
    }
}

/// `d * permille / 1000`, exact in integer nanoseconds (`permille <= 1000`, so it fits).
fn scale(d: Duration, permille: u32) -> Duration {
    const NANOS_PER_SEC: u128 = 1_000_000_000;
    let nanos = d.as_nanos() * u128::from(permille) / 1000;
    let secs = u64::try_from(nanos / NANOS_PER_SEC).unwrap_or(u64::MAX);
    Duration::new(secs, (nanos % NANOS_PER_SEC) as u32)
}
