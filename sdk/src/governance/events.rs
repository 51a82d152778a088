//! Decoding any `psp-governance` event from its payload (8-byte discriminator + borsh). The
//! program emits every event with `emit_cpi!`: the payload is the data of an inner instruction
//! to the governance program after Anchor's event tag (`crate::events::cpi_event_payload`).
//! `PauseChanged` and `ProposalCreated` share their names (so discriminators) with events of
//! other PSP programs: decode only inner instructions whose program is the governance program.
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

    /// The event's name as in the IDL.
    pub fn name(&self) -> &'static str {
        match self {
            Self::RealmCreated(_) => "RealmCreated",
            Self::RealmConfigChanged(_) => "RealmConfigChanged",
            Self::PauseChanged(_) => "PauseChanged",
            Self::ProposalCreated(_) => "ProposalCreated",
            Self::InstructionsAppended(_) => "InstructionsAppended",
            Self::VotingStarted(_) => "VotingStarted",
            Self::VoteCast(_) => "VoteCast",
            Self::ProposalDecided(_) => "ProposalDecided",
            Self::ProposalClosed(_) => "ProposalClosed",
            Self::ProposalExecuted(_) => "ProposalExecuted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_emit_cpi_payload() {
        use psp_governance::state::{ProposalState, Tally};
        let key = anchor_lang::prelude::Pubkey::new_unique();
        let event = ProposalDecided {
            realm: key,
            proposal: key,
            state: ProposalState::Succeeded,
            tipped: true,
            tally: Tally { yes: 3, no: 1, abstain: 0 },
            quorum_power: 2,
            total_power: 10,
            voters: 2,
            executable_at: 150,
            expires_at: 250,
            timestamp: 100,
        };
        let mut ix_data = anchor_lang::event::EVENT_IX_TAG_LE.to_vec();
        ix_data.extend(anchor_lang::Event::data(&event));
        let payload = crate::decoder::cpi_event_payload(&ix_data).expect("tagged");
        assert_eq!(GovernanceEvent::decode(payload).map(|e| e.name()), Some("ProposalDecided"));
        match GovernanceEvent::decode(payload) {
            Some(GovernanceEvent::ProposalDecided(d)) => {
                assert_eq!((d.executable_at, d.expires_at, d.tipped), (150, 250, true))
            }
            other => panic!("decoded {other:?}"),
        }
    }

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
