//! Reading locks: progress at a time, the unlock curve, and names for policies and pause bits.
use anchor_lang::prelude::Pubkey;
use psp_timelock::state::{pause, Lock, LockStatus, PartyPolicy, Schedule, Step};

use crate::quote::quote;

pub use psp_timelock::state::{LOCK_RECIPIENT_OFFSET, LOCK_SENDER_OFFSET};

/// Where a lock stands at a given time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockProgress {
    /// Vested so far (for cancelled or vetoed locks: what was paid in the end).
    pub vested: u64,
    /// Withdrawable now.
    pub available: u64,
    /// Paid to recipients.
    pub withdrawn: u64,
    /// Refunded to the sender.
    pub refunded: u64,
    /// Still in escrow.
    pub remaining: u64,
    /// Next time more vests, while active.
    pub next_release: Option<i64>,
    /// Whether the guardian can still veto at that time.
    pub vetoable: bool,
}

/// Progress of `lock` at `now`.
pub fn lock_progress(lock: &Lock, now: i64) -> LockProgress {
    let active = lock.status == LockStatus::Active;
    LockProgress {
        vested: if active { lock.vested(now) } else { lock.withdrawn },
        available: lock.available(now),
        withdrawn: lock.withdrawn,
        refunded: lock.refunded,
        remaining: lock.remaining(),
        next_release: if active { lock.schedule.next_release(lock.total, now) } else { None },
        vetoable: active && lock.high_value && now < lock.veto_deadline,
    }
}

/// The unlock curve of a schedule: `(time, cumulative vested)` at every change, for charts and
/// reports; linear schedules with many installments are sampled to at most `max_points`.
pub fn unlock_curve(schedule: &Schedule, total: u64, max_points: usize) -> Vec<(i64, u64)> {
    let mut points = Vec::new();
    match schedule {
        Schedule::Steps { start_time, steps } => {
            let mut sum = 0u64;
            for step in steps {
                sum = sum.saturating_add(step.amount);
                points.push((step.time(*start_time), sum.min(total)));
            }
        }
        Schedule::Linear { start_time, end_time, period, .. } => {
            let first = schedule.first_release();
            let installments = ((end_time - start_time) as u64 / period).max(1);
            let stride = installments.div_ceil(max_points.max(2) as u64 - 1).max(1);
            let mut k = 0u64;
            while k <= installments {
                let t = start_time + (k * period) as i64;
                if t >= first {
                    points.push((t, schedule.vested(total, t)));
                }
                k += stride;
            }
            if points.first().map(|p| p.0) != Some(first) && first < *end_time {
                points.insert(0, (first, schedule.vested(total, first)));
            }
            if points.last().map(|p| p.0) != Some(*end_time) {
                points.push((*end_time, total));
            }
        }
    }
    points.dedup_by_key(|p| p.1);
    points
}

/// A step schedule from absolute `(unix time, amount)` pairs: it starts at the first time and
/// stores the others as offsets from it (the compact on-chain form).
pub fn steps_schedule(steps: &[(i64, u64)]) -> Result<Schedule, String> {
    let start_time = steps.first().map(|s| s.0).ok_or("a step schedule needs at least one step")?;
    let steps = steps
        .iter()
        .map(|&(time, amount)| {
            let offset = u32::try_from(time - start_time)
                .map_err(|_| format!("step at {time} is before the first step or more than 136 years after it"))?;
            Ok(Step { offset, amount })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Schedule::Steps { start_time, steps })
}

/// Lower-case name of a policy.
pub fn policy_name(policy: PartyPolicy) -> &'static str {
    match policy {
        PartyPolicy::Nobody => "nobody",
        PartyPolicy::Sender => "sender",
        PartyPolicy::Recipient => "recipient",
        PartyPolicy::Either => "either",
    }
}

/// Parses `nobody | sender | recipient | either` (also `both` for either).
pub fn parse_policy(text: &str) -> Result<PartyPolicy, String> {
    match text.to_ascii_lowercase().as_str() {
        "nobody" | "none" => Ok(PartyPolicy::Nobody),
        "sender" => Ok(PartyPolicy::Sender),
        "recipient" => Ok(PartyPolicy::Recipient),
        "either" | "both" => Ok(PartyPolicy::Either),
        other => Err(format!("unknown policy {}: use nobody, sender, recipient or either", quote(other))),
    }
}

/// Lower-case name of a status.
pub fn status_name(status: LockStatus) -> &'static str {
    match status {
        LockStatus::Active => "active",
        LockStatus::Cancelled => "cancelled",
        LockStatus::Vetoed => "vetoed",
    }
}

/// Pause bit names, in bit order.
pub const PAUSE_NAMES: [(&str, u8); 6] = [
    ("create", pause::CREATE),
    ("withdraw", pause::WITHDRAW),
    ("cancel", pause::CANCEL),
    ("top-up", pause::TOP_UP),
    ("transfer", pause::TRANSFER),
    ("halt", pause::HALT),
];

/// Parses a comma-separated list of pause bit names (`all`, `none` accepted).
pub fn parse_pause_flags(text: &str) -> Result<u8, String> {
    crate::flags::parse_flags(text, &PAUSE_NAMES, pause::ALL)
}

/// Names of the set pause bits (`none` when clear).
pub fn format_pause_flags(flags: u8) -> String {
    crate::flags::format_flags(flags, &PAUSE_NAMES)
}

/// A random-looking but deterministic lock id from a sender and a label (for CLIs that name locks).
pub fn lock_id_from_label(sender: &Pubkey, label: &str) -> u64 {
    let hash = anchor_lang::solana_program::hash::hashv(&[sender.as_ref(), label.as_bytes()]);
    u64::from_le_bytes(hash.to_bytes()[..8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_flags_round_trip() {
        let flags = parse_pause_flags("create, cancel,halt").unwrap();
        assert_eq!(flags, pause::CREATE | pause::CANCEL | pause::HALT);
        assert_eq!(format_pause_flags(flags), "create,cancel,halt");
        assert_eq!(parse_pause_flags("all").unwrap(), pause::ALL);
        assert!(parse_pause_flags("stake").is_err());
        assert_eq!(format_pause_flags(0), "none");
    }

    #[test]
    fn curve_of_cliff_vesting() {
        let schedule = Schedule::Linear { start_time: 0, cliff_time: 10, cliff_amount: 0, end_time: 40, period: 10 };
        assert_eq!(unlock_curve(&schedule, 400, 100), vec![(10, 100), (20, 200), (30, 300), (40, 400)]);
        let sampled = unlock_curve(
            &Schedule::Linear { start_time: 0, cliff_time: 0, cliff_amount: 0, end_time: 10_000, period: 1 },
            10_000,
            11,
        );
        assert!(sampled.len() <= 12 && sampled.last() == Some(&(10_000, 10_000)));
    }

    #[test]
    fn steps_are_stored_as_offsets_from_the_first() {
        let schedule = steps_schedule(&[(100, 1), (160, 2)]).unwrap();
        assert_eq!(
            schedule,
            Schedule::Steps {
                start_time: 100,
                steps: vec![Step { offset: 0, amount: 1 }, Step { offset: 60, amount: 2 }]
            }
        );
        assert_eq!(unlock_curve(&schedule, 3, 10), vec![(100, 1), (160, 3)]);
        assert!(steps_schedule(&[(100, 1), (50, 1)]).is_err());
        assert!(steps_schedule(&[]).is_err());
    }

    #[test]
    fn policies_parse() {
        assert_eq!(parse_policy("Both").unwrap(), PartyPolicy::Either);
        assert!(parse_policy("anyone").is_err());
    }
}
