//! Reading staking accounts: pause-bit names and `getProgramAccounts` offsets.
use psp_staking::state::pause;

/// Offset of `pool` in a position account (after the discriminator, version and bump).
pub const POSITION_POOL_OFFSET: usize = 8 + 2;
/// Offset of `owner` in a position account.
pub const POSITION_OWNER_OFFSET: usize = POSITION_POOL_OFFSET + 32;

/// Pause bit names, in bit order.
pub const PAUSE_NAMES: [(&str, u8); 3] = [("stake", pause::STAKE), ("claim", pause::CLAIM), ("halt", pause::HALT)];

/// Parses comma-separated pause flags: stake, claim, halt, all (or none).
pub fn parse_pause_flags(text: &str) -> Result<u8, String> {
    crate::flags::parse_flags(text, &PAUSE_NAMES, pause::ALL)
}

/// Names of the set pause bits (`none` when clear).
pub fn format_pause_flags(flags: u8) -> String {
    crate::flags::format_flags(flags, &PAUSE_NAMES)
}
