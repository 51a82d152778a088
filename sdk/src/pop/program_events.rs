//! Decoding any `psp-pop` program event from its payload (8-byte discriminator + borsh).
//! (The participation events the epoch builder reads are in [`super::event`].)
use anchor_lang::{AnchorDeserialize, Discriminator};
use psp_pop::events::*;

use crate::events::decode_event;

/// Every event the PoP program emits.
#[derive(Debug)]
pub enum PopProgramEvent {
    /// A distributor was created.
    DistributorCreated(DistributorCreated),
    /// An admin transfer was proposed or accepted.
    AdminChanged(AdminChanged),
    /// Settings changed.
    ConfigChanged(ConfigChanged),
    /// Pause bits changed.
    PauseChanged(PauseChanged),
    /// A kind was defined or changed.
    KindSet(KindSet),
    /// An attestor was added, reactivated or deactivated.
    AttestorSet(AttestorSet),
    /// Rewards were deposited.
    Funded(Funded),
    /// An attestor voted.
    Attested(Attested),
    /// A voting round restarted after an attestor or quorum change.
    RoundReset(RoundReset),
    /// A triple reached quorum.
    EpochProposed(EpochProposed),
    /// A proposed root was vetoed.
    EpochVetoed(EpochVetoed),
    /// An epoch was finalized.
    EpochFinalized(EpochFinalized),
    /// A claim bitmap was opened.
    ClaimChunkOpened(ClaimChunkOpened),
    /// A leaf was claimed.
    Claimed(Claimed),
    /// An epoch's unclaimed rest was swept.
    Swept(Swept),
    /// A claim bitmap was closed.
    ClaimChunkClosed(ClaimChunkClosed),
    /// Unreserved funds went to the receiver.
    UnreservedReclaimed(UnreservedReclaimed),
}

fn try_as<E: AnchorDeserialize + Discriminator>(
    payload: &[u8],
    wrap: fn(E) -> PopProgramEvent,
) -> Option<PopProgramEvent> {
    decode_event::<E>(payload).map(wrap)
}

impl PopProgramEvent {
    /// Names of every variant, as in the IDL.
    pub const NAMES: [&'static str; 17] = [
        "DistributorCreated",
        "AdminChanged",
        "ConfigChanged",
        "PauseChanged",
        "KindSet",
        "AttestorSet",
        "Funded",
        "Attested",
        "RoundReset",
        "EpochProposed",
        "EpochVetoed",
        "EpochFinalized",
        "ClaimChunkOpened",
        "Claimed",
        "Swept",
        "ClaimChunkClosed",
        "UnreservedReclaimed",
    ];

    /// Decodes `payload` if it is a PoP program event.
    pub fn decode(payload: &[u8]) -> Option<Self> {
        try_as(payload, Self::DistributorCreated)
            .or_else(|| try_as(payload, Self::AdminChanged))
            .or_else(|| try_as(payload, Self::ConfigChanged))
            .or_else(|| try_as(payload, Self::PauseChanged))
            .or_else(|| try_as(payload, Self::KindSet))
            .or_else(|| try_as(payload, Self::AttestorSet))
            .or_else(|| try_as(payload, Self::Funded))
            .or_else(|| try_as(payload, Self::Attested))
            .or_else(|| try_as(payload, Self::RoundReset))
            .or_else(|| try_as(payload, Self::EpochProposed))
            .or_else(|| try_as(payload, Self::EpochVetoed))
            .or_else(|| try_as(payload, Self::EpochFinalized))
            .or_else(|| try_as(payload, Self::ClaimChunkOpened))
            .or_else(|| try_as(payload, Self::Claimed))
            .or_else(|| try_as(payload, Self::Swept))
            .or_else(|| try_as(payload, Self::ClaimChunkClosed))
            .or_else(|| try_as(payload, Self::UnreservedReclaimed))
    }

    /// The event's name as in the IDL.
    pub fn name(&self) -> &'static str {
        match self {
            Self::DistributorCreated(_) => "DistributorCreated",
            Self::AdminChanged(_) => "AdminChanged",
            Self::ConfigChanged(_) => "ConfigChanged",
            Self::PauseChanged(_) => "PauseChanged",
            Self::KindSet(_) => "KindSet",
            Self::AttestorSet(_) => "AttestorSet",
            Self::Funded(_) => "Funded",
            Self::Attested(_) => "Attested",
            Self::RoundReset(_) => "RoundReset",
            Self::EpochProposed(_) => "EpochProposed",
            Self::EpochVetoed(_) => "EpochVetoed",
            Self::EpochFinalized(_) => "EpochFinalized",
            Self::ClaimChunkOpened(_) => "ClaimChunkOpened",
            Self::Claimed(_) => "Claimed",
            Self::Swept(_) => "Swept",
            Self::ClaimChunkClosed(_) => "ClaimChunkClosed",
            Self::UnreservedReclaimed(_) => "UnreservedReclaimed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_idl() {
        let idl: serde_json::Value =
            serde_json::from_str(include_str!("../../../idl/psp_pop.json")).expect("idl/psp_pop.json");
        let mut in_idl: Vec<String> =
            idl["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect();
        let mut ours: Vec<String> = PopProgramEvent::NAMES.iter().map(|s| s.to_string()).collect();
        in_idl.sort();
        ours.sort();
        assert_eq!(in_idl, ours);
    }
}
