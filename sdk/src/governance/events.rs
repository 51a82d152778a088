//! Decoding any `psp-governance` event from its payload (8-byte discriminator + borsh).
use anchor_lang::{AnchorDeserialize, Discriminator};
use psp_governance::events::*;

use crate::events::decode_event;

/// Every event the governance program emits.
#[derive(Debug)]
pub enum GovernanceEvent {
    /// A realm was created.
    RealmCreated(RealmCreated),
    /// The realm's settings changed.
    RealmConfigChanged(RealmConfigChanged),
    /// Pause bits changed.
    PauseChanged(PauseChanged),
    /// A proposal was drafted.
    ProposalCreated(ProposalCreated),
    /// Instructions were appended to a draft.
    InstructionsAppended(InstructionsAppended),
    /// A vote started.
    VotingStarted(VotingStarted),
    /// A position voted.
    VoteCast(VoteCast),
    /// A vote was decided.
    ProposalDecided(ProposalDecided),
    /// A proposal was cancelled, vetoed or expired.
    ProposalClosed(ProposalClosed),
    /// A proposal was executed.
    ProposalExecuted(ProposalExecuted),
}

fn try_as<E: AnchorDeserialize + Discriminator>(
    payload: &[u8],
    wrap: fn(E) -> GovernanceEvent,
) -> Option<GovernanceEvent> {
    decode_event::<E>(payload).map(wrap)
}

impl GovernanceEvent {
    /// Names of every variant, as in the IDL.
    pub const NAMES: [&'static str; 10] = [
        "RealmCreated",
        "RealmConfigChanged",
        "PauseChanged",
        "ProposalCreated",
        "InstructionsAppended",
        "VotingStarted",
        "VoteCast",
        "ProposalDecided",
        "ProposalClosed",
        "ProposalExecuted",
    ];

    /// Decodes `payload` if it is a governance event.
    pub fn decode(payload: &[u8]) -> Option<Self> {
        try_as(payload, Self::RealmCreated)
            .or_else(|| try_as(payload, Self::RealmConfigChanged))
            .or_else(|| try_as(payload, Self::PauseChanged))
            .or_else(|| try_as(payload, Self::ProposalCreated))
            .or_else(|| try_as(payload, Self::InstructionsAppended))
            .or_else(|| try_as(payload, Self::VotingStarted))
            .or_else(|| try_as(payload, Self::VoteCast))
            .or_else(|| try_as(payload, Self::ProposalDecided))
            .or_else(|| try_as(payload, Self::ProposalClosed))
            .or_else(|| try_as(payload, Self::ProposalExecuted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_idl() {
        let idl: serde_json::Value =
            serde_json::from_str(include_str!("../../../idl/psp_governance.json")).expect("idl/psp_governance.json");
        let mut in_idl: Vec<String> =
            idl["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect();
        let mut ours: Vec<String> = GovernanceEvent::NAMES.iter().map(|s| s.to_string()).collect();
        in_idl.sort();
        ours.sort();
        assert_eq!(in_idl, ours);
    }
}
