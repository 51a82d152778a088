//! Tests across the PoP modules: one per rejection reason, the accounting, the proofs file
//! round trip, and property tests of the builder.
mod proofs_file;
mod props;
mod validate;

use anchor_lang::prelude::Pubkey;

use super::event::PopEvent;
use super::rules::{EpochRules, KindRule};

/// Key `n` (distinct per `n`).
pub fn key(n: u16) -> Pubkey {
    let mut bytes = [7u8; 32];
    bytes[..2].copy_from_slice(&n.to_be_bytes());
    Pubkey::new_from_array(bytes)
}

/// Evidence hash `n`.
pub fn evidence(n: u32) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    bytes[..4].copy_from_slice(&n.to_le_bytes());
    bytes
}

/// Epoch 7 in [1000, 2000): relay (weight 3, cap 10 per participant), vote (weight 1), no
/// other caps, any reporter.
pub fn rules() -> EpochRules {
    EpochRules {
        epoch: 7,
        start: 1000,
        end: 2000,
        kinds: vec![
            KindRule { name: "relay".into(), weight: 3, max_units_per_participant: Some(10) },
            KindRule { name: "vote".into(), weight: 1, max_units_per_participant: None },
        ],
        max_units_per_participant: None,
        allowed_reporters: None,
    }
}

/// An event of participant `p` with evidence `n`.
pub fn event(p: u16, kind: &str, units: u64, n: u32) -> PopEvent {
    PopEvent { participant: key(p), kind: kind.into(), units, evidence: evidence(n), time: 1500, reporter: key(999) }
}

/// Events as a JSON-lines text.
pub fn lines(events: &[PopEvent]) -> String {
    events.iter().map(|e| e.to_json_line() + "\n").collect()
}
