//! The lockup boost: weight = amount x multiplier, rising linearly from 1x without a lock to
//! the pool's maximum at its longest lock.
use crate::constants::BPS;

/// Multiplier in basis points for a lock of `lock_seconds` (rounded down, clamped to the range).
pub fn multiplier_bps(lock_seconds: i64, max_lockup: i64, max_multiplier_bps: u32) -> u32 {
    if max_lockup <= 0 || lock_seconds <= 0 || max_multiplier_bps <= BPS {
        return BPS;
    }
    let lock = lock_seconds.min(max_lockup) as u128;
    let bonus = u128::from(max_multiplier_bps - BPS) * lock / max_lockup as u128;
    BPS + bonus as u32
}

/// Weight of `amount` at `multiplier_bps` (rounded down).
pub fn weight(amount: u64, multiplier_bps: u32) -> u128 {
    u128::from(amount) * u128::from(multiplier_bps) / u128::from(BPS)
}
