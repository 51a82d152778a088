//! Reading governance accounts: pause-bit names and `getProgramAccounts` offsets.
use psp_governance::state::pause;

/// Offset of `realm` in a proposal account (after the discriminator, version and bump).
pub const PROPOSAL_REALM_OFFSET: usize = 8 + 1 + 1;

/// Pause bit names, in bit order.
pub const PAUSE_NAMES: [(&str, u8); 4] =
    [("propose", pause::PROPOSE), ("vote", pause::VOTE), ("execute", pause::EXECUTE), ("halt", pause::HALT)];

/// Parses comma-separated pause flags: propose, vote, execute, halt, all (or none).
pub fn parse_pause_flags(text: &str) -> Result<u8, String> {
    crate::flags::parse_flags(text, &PAUSE_NAMES, pause::ALL)
}

/// Names of the set pause bits (`none` when clear).
pub fn format_pause_flags(flags: u8) -> String {
    crate::flags::format_flags(flags, &PAUSE_NAMES)
}
