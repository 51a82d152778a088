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
    /// Every stream slot's values after an instruction that settled or changed them.
    StreamsSettled(StreamsSettled),
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
    pub const NAMES: [&'static str; 10] = [
        "PoolCreated",
        "AdminChanged",
        "PoolConfigChanged",
        "PauseChanged",
        "StreamChanged",
        "StreamsSettled",
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
            .or_else(|| try_as(payload, Self::StreamsSettled))
            .or_else(|| try_as(payload, Self::PositionChanged))
            .or_else(|| try_as(payload, Self::RewardsClaimed))
            .or_else(|| try_as(payload, Self::PositionClosed))
            .or_else(|| try_as(payload, Self::OutflowCapReached))
    }

    /// The event's name as in the IDL.
    pub fn name(&self) -> &'static str {
        match self {
            Self::PoolCreated(_) => "PoolCreated",
            Self::AdminChanged(_) => "AdminChanged",
            Self::PoolConfigChanged(_) => "PoolConfigChanged",
            Self::PauseChanged(_) => "PauseChanged",
            Self::StreamChanged(_) => "StreamChanged",
            Self::StreamsSettled(_) => "StreamsSettled",
            Self::PositionChanged(_) => "PositionChanged",
            Self::RewardsClaimed(_) => "RewardsClaimed",
            Self::PositionClosed(_) => "PositionClosed",
            Self::OutflowCapReached(_) => "OutflowCapReached",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::prelude::Pubkey;
    use anchor_lang::{AnchorSerialize, Discriminator};
    use psp_staking::state::{PositionReward, StreamSnapshot, StreamStatus};

    fn payload<E: AnchorSerialize + Discriminator>(event: &E) -> Vec<u8> {
        let mut bytes = E::DISCRIMINATOR.to_vec();
        bytes.extend(event.try_to_vec().unwrap());
        bytes
    }

    fn changed(change: StreamChange) -> StreamChanged {
        StreamChanged {
            pool: Pubkey::new_unique(),
            index: 2,
            stream_id: 7,
            reward_mint: Pubkey::new_unique(),
            change,
            timestamp: 9,
        }
    }

    #[test]
    fn every_stream_change_variant_round_trips_with_its_values() {
        let funder = Pubkey::new_unique();
        let changes = [
            StreamChange::Added { rate_per_second: 5 },
            StreamChange::Funded { funder, amount: 1_000 },
            StreamChange::RateSet { old_rate_per_second: 5, new_rate_per_second: 0 },
            StreamChange::OutflowCapSet { old_cap: 0, old_window_seconds: 0, new_cap: 500, new_window_seconds: 3_600 },
            StreamChange::Retired { refund: u64::MAX },
        ];
        for (tag, change) in changes.into_iter().enumerate() {
            let event = changed(change);
            let bytes = payload(&event);
            // Borsh enum: one tag byte (declaration order), then the variant's fields.
            assert_eq!(bytes[8 + 32 + 1 + 4 + 32], tag as u8);
            let Some(StakingEvent::StreamChanged(decoded)) = StakingEvent::decode(&bytes) else {
                panic!("{change:?} did not decode as StreamChanged")
            };
            assert_eq!((decoded.change, decoded.index, decoded.stream_id, decoded.timestamp), (change, 2, 7, 9));
        }
        // The funder and amount sit right after the tag.
        let bytes = payload(&changed(StreamChange::Funded { funder, amount: 1_000 }));
        let at = 8 + 32 + 1 + 4 + 32 + 1;
        assert_eq!(&bytes[at..at + 32], funder.as_ref());
        assert_eq!(bytes[at + 32..at + 40], 1_000u64.to_le_bytes());
        // An unknown tag is not a StreamChanged.
        let mut bad = payload(&changed(StreamChange::Added { rate_per_second: 5 }));
        bad[8 + 32 + 1 + 4 + 32] = 5;
        assert!(!matches!(StakingEvent::decode(&bad), Some(StakingEvent::StreamChanged(_))));
    }

    #[test]
    fn streams_settled_decodes_every_slot() {
        let mut streams = [StreamSnapshot::default(); 4];
        streams[1] = StreamSnapshot {
            id: 3,
            status: StreamStatus::Active,
            rate_per_second: 10,
            acc_per_weight: u128::MAX - 1,
            last_update: 77,
            unallocated: 1,
            total_funded: 2,
            total_allocated: 3,
            total_claimed: 4,
            total_refunded: 5,
            funded_until: Some(-6),
        };
        streams[3].status = StreamStatus::Retired;
        let event = StreamsSettled {
            pool: Pubkey::new_unique(),
            total_weight: 1 << 100,
            total_staked: 8,
            streams,
            timestamp: 9,
        };
        assert_eq!(StakingEvent::decode(&payload(&event)).map(|e| e.name()), Some("StreamsSettled"));
        let Some(StakingEvent::StreamsSettled(decoded)) = StakingEvent::decode(&payload(&event)) else { panic!() };
        assert_eq!((decoded.streams, decoded.total_weight, decoded.total_staked), (streams, 1 << 100, 8));
        let claimed = RewardsClaimed {
            pool: Pubkey::new_unique(),
            position: Pubkey::new_unique(),
            owner: Pubkey::new_unique(),
            index: 1,
            stream_id: 3,
            reward_mint: Pubkey::new_unique(),
            amount: 4,
            total_claimed: 4,
            rewards: [PositionReward { stream_id: 3, acc_snapshot: 11, pending: 12 }; 4],
            timestamp: 9,
        };
        let Some(StakingEvent::RewardsClaimed(decoded)) = StakingEvent::decode(&payload(&claimed)) else { panic!() };
        assert_eq!(decoded.rewards, claimed.rewards);
    }

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
