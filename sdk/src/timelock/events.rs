//! Decoding any `psp-timelock` event from its payload (8-byte discriminator + borsh).
use anchor_lang::{AnchorDeserialize, Discriminator};
use psp_timelock::events::*;

use crate::events::decode_event;

/// Every event the timelock program emits.
#[derive(Debug)]
pub enum TimelockEvent {
    /// The config was created.
    ConfigInitialized(ConfigInitialized),
    /// An admin transfer was proposed or accepted.
    AdminChanged(AdminChanged),
    /// The guardian changed.
    GuardianChanged(GuardianChanged),
    /// Pause bits changed.
    PauseChanged(PauseChanged),
    /// A mint's policy changed.
    MintPolicyChanged(MintPolicyChanged),
    /// A lock was created.
    LockCreated(LockCreated),
    /// Tokens were withdrawn.
    TokensWithdrawn(TokensWithdrawn),
    /// A lock was cancelled.
    LockCancelled(LockCancelled),
    /// A lock was vetoed.
    LockVetoed(LockVetoed),
    /// A lock's recipient changed.
    RecipientChanged(RecipientChanged),
    /// A lock was topped up.
    LockToppedUp(LockToppedUp),
    /// A lock was closed.
    LockClosed(LockClosed),
    /// The circuit breaker refused an outflow (logged by a failed transaction).
    OutflowCapReached(OutflowCapReached),
}

fn try_as<E: AnchorDeserialize + Discriminator>(payload: &[u8], wrap: fn(E) -> TimelockEvent) -> Option<TimelockEvent> {
    decode_event::<E>(payload).map(wrap)
}

impl TimelockEvent {
    /// Names of every variant, as in the IDL.
    pub const NAMES: [&'static str; 13] = [
        "ConfigInitialized",
        "AdminChanged",
        "GuardianChanged",
        "PauseChanged",
        "MintPolicyChanged",
        "LockCreated",
        "TokensWithdrawn",
        "LockCancelled",
        "LockVetoed",
        "RecipientChanged",
        "LockToppedUp",
        "LockClosed",
        "OutflowCapReached",
    ];

    /// Decodes `payload` if it is a timelock event.
    pub fn decode(payload: &[u8]) -> Option<Self> {
        try_as(payload, Self::ConfigInitialized)
            .or_else(|| try_as(payload, Self::AdminChanged))
            .or_else(|| try_as(payload, Self::GuardianChanged))
            .or_else(|| try_as(payload, Self::PauseChanged))
            .or_else(|| try_as(payload, Self::MintPolicyChanged))
            .or_else(|| try_as(payload, Self::LockCreated))
            .or_else(|| try_as(payload, Self::TokensWithdrawn))
            .or_else(|| try_as(payload, Self::LockCancelled))
            .or_else(|| try_as(payload, Self::LockVetoed))
            .or_else(|| try_as(payload, Self::RecipientChanged))
            .or_else(|| try_as(payload, Self::LockToppedUp))
            .or_else(|| try_as(payload, Self::LockClosed))
            .or_else(|| try_as(payload, Self::OutflowCapReached))
    }

    /// The event's name as in the IDL.
    pub fn name(&self) -> &'static str {
        match self {
            Self::ConfigInitialized(_) => "ConfigInitialized",
            Self::AdminChanged(_) => "AdminChanged",
            Self::GuardianChanged(_) => "GuardianChanged",
            Self::PauseChanged(_) => "PauseChanged",
            Self::MintPolicyChanged(_) => "MintPolicyChanged",
            Self::LockCreated(_) => "LockCreated",
            Self::TokensWithdrawn(_) => "TokensWithdrawn",
            Self::LockCancelled(_) => "LockCancelled",
            Self::LockVetoed(_) => "LockVetoed",
            Self::RecipientChanged(_) => "RecipientChanged",
            Self::LockToppedUp(_) => "LockToppedUp",
            Self::LockClosed(_) => "LockClosed",
            Self::OutflowCapReached(_) => "OutflowCapReached",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_idl() {
        let idl: serde_json::Value =
            serde_json::from_str(include_str!("../../../idl/psp_timelock.json")).expect("idl/psp_timelock.json");
        let mut in_idl: Vec<String> =
            idl["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect();
        let mut ours: Vec<String> = TimelockEvent::NAMES.iter().map(|s| s.to_string()).collect();
        in_idl.sort();
        ours.sort();
        assert_eq!(in_idl, ours);
    }
}
