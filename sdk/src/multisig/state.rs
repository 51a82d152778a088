//! Reading multisig accounts: decoding and the derived proposal state (including "stale").
use anchor_lang::AccountDeserialize;
use psp_multisig::state::{permission, Multisig, Proposal, ProposalStatus};
use serde::Serialize;

/// Decodes an Anchor account (checks the discriminator).
pub fn decode_account<T: AccountDeserialize>(data: &[u8]) -> Option<T> {
    T::try_deserialize(&mut &data[..]).ok()
}

/// Where a proposal stands, as a user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ProposalState {
    /// Open for votes.
    Active,
    /// Created before a config change; can only be closed.
    Stale,
    /// Approved; executable from `executable_at` (unix seconds).
    Approved { executable_at: i64 },
    /// Rejected.
    Rejected,
    /// Executed.
    Executed,
    /// Cancelled.
    Cancelled,
}

/// The state of `proposal` given its multisig; `is_config` selects the staleness rule of
/// config transactions (an approved but stale config transaction can never execute).
pub fn proposal_state(proposal: &Proposal, multisig: &Multisig, is_config: bool) -> ProposalState {
    let stale = multisig.is_stale(proposal.transaction_index);
    match proposal.status {
        ProposalStatus::Active { .. } if stale => ProposalState::Stale,
        ProposalStatus::Active { .. } => ProposalState::Active,
        ProposalStatus::Approved { .. } if stale && is_config => ProposalState::Stale,
        ProposalStatus::Approved { timestamp } => {
            ProposalState::Approved { executable_at: timestamp.saturating_add(multisig.time_lock as i64) }
        }
        ProposalStatus::Rejected { .. } => ProposalState::Rejected,
        ProposalStatus::Executed { .. } => ProposalState::Executed,
        ProposalStatus::Cancelled { .. } => ProposalState::Cancelled,
    }
}

/// Parses permissions written as letters (`i`nitiate, `v`ote, `e`xecute, e.g. "ive", "v") or
/// as `all`.
pub fn parse_permissions(text: &str) -> Result<u8, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(permission::ALL);
    }
    text.chars().try_fold(0u8, |mask, c| match c.to_ascii_lowercase() {
        'i' => Ok(mask | permission::INITIATE),
        'v' => Ok(mask | permission::VOTE),
        'e' => Ok(mask | permission::EXECUTE),
        other => Err(format!("unknown permission '{other}': use i (initiate), v (vote), e (execute) or all")),
    })
}

/// Formats permission bits as letters ("ive", "v-e", ...).
pub fn format_permissions(mask: u8) -> String {
    [(permission::INITIATE, 'i'), (permission::VOTE, 'v'), (permission::EXECUTE, 'e')]
        .iter()
        .map(|(bit, c)| if mask & bit != 0 { *c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_round_trip() {
        assert_eq!(parse_permissions("all").unwrap(), 7);
        assert_eq!(parse_permissions("VE").unwrap(), 6);
        assert!(parse_permissions("x").is_err());
        assert_eq!(format_permissions(5), "i-e");
    }
}
