//! Decoding any `psp-multisig` event from its payload (8-byte discriminator + borsh), for the
//! indexer and the CLI. Payloads come from `Program data:` log lines or `emit_cpi!` inner
//! instructions (see [`crate::events`]).
use anchor_lang::{AnchorDeserialize, Discriminator};
use psp_multisig::events::*;

use crate::events::decode_event;

/// Every event the multisig program emits.
#[derive(Debug)]
pub enum MultisigEvent {
    /// A multisig was created.
    Created(MultisigCreated),
    /// A config action was applied.
    ConfigActionApplied(ConfigActionApplied),
    /// The config authority applied config actions directly (with its memo).
    ConfigApplied(MultisigConfigApplied),
    /// Pause bits were set.
    Paused(MultisigPaused),
    /// A transaction and its proposal were created.
    ProposalCreated(ProposalCreated),
    /// A member voted.
    ProposalVoted(ProposalVoted),
    /// A config transaction was executed.
    ConfigTransactionExecuted(ConfigTransactionExecuted),
    /// A vault transaction was executed.
    VaultTransactionExecuted(VaultTransactionExecuted),
    /// A spending limit was used.
    SpendingLimitUsed(SpendingLimitUsed),
    /// A spending limit was created or closed.
    SpendingLimitChanged(SpendingLimitChanged),
    /// A transaction buffer was created, extended or closed.
    TransactionBufferChanged(TransactionBufferChanged),
    /// A finished proposal and its transaction were closed.
    TransactionAccountsClosed(TransactionAccountsClosed),
}

fn try_as<E: AnchorDeserialize + Discriminator>(payload: &[u8], wrap: fn(E) -> MultisigEvent) -> Option<MultisigEvent> {
    decode_event::<E>(payload).map(wrap)
}

impl MultisigEvent {
    /// Names of every variant, as in the IDL.
    pub const NAMES: [&'static str; 12] = [
        "MultisigCreated",
        "ConfigActionApplied",
        "MultisigConfigApplied",
        "MultisigPaused",
        "ProposalCreated",
        "ProposalVoted",
        "ConfigTransactionExecuted",
        "VaultTransactionExecuted",
        "SpendingLimitUsed",
        "SpendingLimitChanged",
        "TransactionBufferChanged",
        "TransactionAccountsClosed",
    ];

    /// Decodes `payload` if it is a multisig event.
    pub fn decode(payload: &[u8]) -> Option<Self> {
        try_as(payload, Self::Created)
            .or_else(|| try_as(payload, Self::ConfigActionApplied))
            .or_else(|| try_as(payload, Self::ConfigApplied))
            .or_else(|| try_as(payload, Self::Paused))
            .or_else(|| try_as(payload, Self::ProposalCreated))
            .or_else(|| try_as(payload, Self::ProposalVoted))
            .or_else(|| try_as(payload, Self::ConfigTransactionExecuted))
            .or_else(|| try_as(payload, Self::VaultTransactionExecuted))
            .or_else(|| try_as(payload, Self::SpendingLimitUsed))
            .or_else(|| try_as(payload, Self::SpendingLimitChanged))
            .or_else(|| try_as(payload, Self::TransactionBufferChanged))
            .or_else(|| try_as(payload, Self::TransactionAccountsClosed))
    }

    /// The event's name as in the IDL.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Created(_) => "MultisigCreated",
            Self::ConfigActionApplied(_) => "ConfigActionApplied",
            Self::ConfigApplied(_) => "MultisigConfigApplied",
            Self::Paused(_) => "MultisigPaused",
            Self::ProposalCreated(_) => "ProposalCreated",
            Self::ProposalVoted(_) => "ProposalVoted",
            Self::ConfigTransactionExecuted(_) => "ConfigTransactionExecuted",
            Self::VaultTransactionExecuted(_) => "VaultTransactionExecuted",
            Self::SpendingLimitUsed(_) => "SpendingLimitUsed",
            Self::SpendingLimitChanged(_) => "SpendingLimitChanged",
            Self::TransactionBufferChanged(_) => "TransactionBufferChanged",
            Self::TransactionAccountsClosed(_) => "TransactionAccountsClosed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::prelude::Pubkey;
    use anchor_lang::AnchorSerialize;

    #[test]
    fn decodes_by_discriminator_and_names_every_idl_event() {
        let event = MultisigPaused {
            multisig: Pubkey::new_unique(),
            member: Pubkey::new_unique(),
            old_flags: 0,
            new_flags: 2,
            timestamp: 9,
        };
        let mut payload = MultisigPaused::DISCRIMINATOR.to_vec();
        payload.extend(event.try_to_vec().unwrap());
        let decoded = MultisigEvent::decode(&payload).expect("decodes");
        assert_eq!(decoded.name(), "MultisigPaused");
        assert!(matches!(decoded, MultisigEvent::Paused(e) if e.new_flags == 2));
        assert!(MultisigEvent::decode(&[0u8; 16]).is_none());

        // Every event in the IDL has a variant.
        let idl: serde_json::Value = serde_json::from_str(include_str!("../../../idl/psp_multisig.json")).unwrap();
        let mut names: Vec<&str> =
            idl["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
        let mut ours = MultisigEvent::NAMES.to_vec();
        names.sort_unstable();
        ours.sort_unstable();
        assert_eq!(names, ours, "update MultisigEvent when the program's events change");
    }
}
