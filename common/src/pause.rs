//! Pause bits. Each program defines its operation bits below [`HALT`]; [`HALT`] stops
//! everything including exits (withdrawing what is owed), which no single operation bit does.

/// Full halt: also stops exits (withdrawals of vested tokens, unstaking after a lock ends).
pub const HALT: u8 = 1 << 7;

/// Whether an operation guarded by `op` is blocked by `flags` (any of `op`, or a full halt).
pub fn blocks(flags: u8, op: u8) -> bool {
    flags & (op | HALT) != 0
}

/// Whether an exit (an operation that only pays out what is owed) is blocked: only a halt does.
pub fn blocks_exit(flags: u8) -> bool {
    flags & HALT != 0
}

/// Whether a change from `old` to `new` only adds bits (what a guardian may do alone).
pub fn only_adds(old: u8, new: u8) -> bool {
    new & old == old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halt_blocks_everything_op_bits_only_their_op() {
        assert!(blocks(HALT, 1));
        assert!(blocks_exit(HALT));
        assert!(blocks(1, 1));
        assert!(!blocks(2, 1));
        assert!(!blocks_exit(1 | 2 | 4));
    }

    #[test]
    fn only_adds_detects_cleared_bits() {
        assert!(only_adds(0b01, 0b11));
        assert!(only_adds(0b01, 0b01));
        assert!(!only_adds(0b11, 0b01));
    }
}
