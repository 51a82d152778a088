//! Decoding any `psp-staking` event from its payload (8-byte discriminator + borsh).
use anchor_lang::{AnchorDeserialize, Discriminator};
use psp_staking::events::*;

use crate::events::decode_event;

/// Every event the staking program emits.
#[derive(Debug)]
pub enum StakingEvent {
    /// A pool was created.
    PoolCreated(PoolCreated),
    /// An admin transfer was proposed or accepted.
    AdminChanged(AdminChanged),
    /// Guardian, cooldown or voting minimum changed.
    PoolConfigChanged(PoolConfigChanged),
    /// Pause bits changed.
    PauseChanged(PauseChanged),
    /// A stream was added, funded, re-rated, capped or retired.
    StreamChanged(StreamChanged),
    /// A position's stake, lock or weight changed.
    PositionChanged(PositionChanged),
    /// Rewards were claimed.
    RewardsClaimed(RewardsClaimed),
    /// A position was closed.
    PositionClosed(PositionClosed),
    /// A claim hit a stream's outflow cap (logged by a failed transaction).
    OutflowCapReached(OutflowCapReached),
}

fn try_as<E: AnchorDeserialize + Discriminator>(payload: &[u8], wrap: fn(E) -> StakingEvent) -> Option<StakingEvent> {
    decode_event::<E>(payload).map(wrap)
}

impl StakingEvent {
    /// Names of every variant, as in the IDL.
    pub const NAMES: [&'static str; 9] = [
        "PoolCreated",
        "AdminChanged",
        "PoolConfigChanged",
        "PauseChanged",
        "StreamChanged",
        "PositionChanged",
        "RewardsClaimed",
        "PositionClosed",
        "OutflowCapReached",
    ];

    /// Decodes `payload` if it is a staking event.
    pub fn decode(payload: &[u8]) -> Option<Self> {
        try_as(payload, Self::PoolCreated)
            .or_else(|| try_as(payload, Self::AdminChanged))
            .or_else(|| try_as(payload, Self::PoolConfigChanged))
            .or_else(|| try_as(payload, Self::PauseChanged))
            .or_else(|| try_as(payload, Self::StreamChanged))
            .or_else(|| try_as(payload, Self::PositionChanged))
            .or_else(|| try_as(payload, Self::RewardsClaimed))
            .or_else(|| try_as(payload, Self::PositionClosed))
            .or_else(|| try_as(payload, Self::OutflowCapReached))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_idl() {
        let idl: serde_json::Value =
            serde_json::from_str(include_str!("../../../idl/psp_staking.json")).expect("idl/psp_staking.json");
        let mut in_idl: Vec<String> =
            idl["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect();
        let mut ours: Vec<String> = StakingEvent::NAMES.iter().map(|s| s.to_string()).collect();
        in_idl.sort();
        ours.sort();
        assert_eq!(in_idl, ours);
    }
}
