//! Rejections: why a line of an events file was rejected, fully or (caps) partly.
use std::fmt;

use anchor_lang::prelude::Pubkey;
use serde::Serialize;

use super::codec::{pubkey_b58, to_hex};
use super::event::PopEvent;
use crate::quote::{clip, quote};

/// Why a line was (fully or partly) rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// Not JSON, or not the event schema.
    Malformed {
        /// The parser's message.
        error: String,
    },
    /// Longer than [`super::event::MAX_LINE_BYTES`]; not read whole, not parsed.
    LineTooLong {
        /// The line's length in bytes.
        length: u64,
        /// The limit.
        max: u64,
    },
    /// The kind is not in the rules.
    UnknownKind {
        /// The kind named by the event (its start, [`clip`]).
        kind: String,
    },
    /// `units` is 0.
    ZeroUnits,
    /// `time` is outside `[start, end)`.
    OutsideEpoch {
        /// The event's time.
        time: i64,
        /// The epoch's start (inclusive).
        start: i64,
        /// The epoch's end (exclusive).
        end: i64,
    },
    /// The reporter is not in `allowed_reporters`.
    UnknownReporter {
        /// The event's reporter.
        #[serde(with = "pubkey_b58")]
        reporter: Pubkey,
    },
    /// The evidence hash was already used by the event on `first_line`.
    DuplicateEvidence {
        /// The line that used the evidence first (and was accepted or capped).
        first_line: u64,
    },
    /// The participant's cap for this kind is reached; `rejected_units` were cut.
    KindCap {
        /// The cap (units per participant of this kind).
        cap: u64,
        /// Units of the event still accepted.
        accepted_units: u64,
        /// Units of the event cut.
        rejected_units: u64,
    },
    /// The participant's cap over all kinds is reached; `rejected_units` were cut.
    ParticipantCap {
        /// The cap (units per participant over all kinds).
        cap: u64,
        /// Units of the event still accepted.
        accepted_units: u64,
        /// Units of the event cut.
        rejected_units: u64,
    },
}

impl RejectReason {
    /// Short stable name of the reason (the key of [`ValidationStats::by_reason`]).
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::Malformed { .. } => "malformed",
            RejectReason::LineTooLong { .. } => "line_too_long",
            RejectReason::UnknownKind { .. } => "unknown_kind",
            RejectReason::ZeroUnits => "zero_units",
            RejectReason::OutsideEpoch { .. } => "outside_epoch",
            RejectReason::UnknownReporter { .. } => "unknown_reporter",
            RejectReason::DuplicateEvidence { .. } => "duplicate_evidence",
            RejectReason::KindCap { .. } => "kind_cap",
            RejectReason::ParticipantCap { .. } => "participant_cap",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReason::Malformed { error } => write!(f, "malformed event: {error}"),
            RejectReason::LineTooLong { length, max } => {
                write!(f, "line too long: {length} bytes, at most {max} are read")
            }
            RejectReason::UnknownKind { kind } => write!(f, "unknown kind {}", quote(kind)),
            RejectReason::ZeroUnits => write!(f, "units is 0"),
            RejectReason::OutsideEpoch { time, start, end } => {
                write!(f, "time {time} is outside the epoch [{start}, {end})")
            }
            RejectReason::UnknownReporter { reporter } => write!(f, "reporter {reporter} is not allowed"),
            RejectReason::DuplicateEvidence { first_line } => write!(f, "evidence already used on line {first_line}"),
            RejectReason::KindCap { cap, accepted_units, rejected_units } => {
                write!(f, "per-kind cap of {cap} units reached: {accepted_units} accepted, {rejected_units} rejected")
            }
            RejectReason::ParticipantCap { cap, accepted_units, rejected_units } => {
                write!(
                    f,
                    "per-participant cap of {cap} units reached: {accepted_units} accepted, {rejected_units} rejected"
                )
            }
        }
    }
}

/// A rejected (or, for caps, partly rejected) line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// Line of the events file (from 1).
    pub line: u64,
    /// Why.
    pub reason: RejectReason,
    /// The event, when the line parsed.
    pub event: Option<PopEvent>,
    /// The start of the line, when it did not parse.
    pub excerpt: Option<String>,
}

impl Rejection {
    /// Whether part of the event's units were still accepted (a truncation by a cap).
    pub fn is_partial(&self) -> bool {
        matches!(self.reason, RejectReason::KindCap { accepted_units, .. } | RejectReason::ParticipantCap { accepted_units, .. } if accepted_units > 0)
    }

    /// One-line summary: line, reason, and participant/kind/units/evidence prefix.
    pub fn summary(&self) -> String {
        match (&self.event, &self.excerpt) {
            (Some(e), _) => format!(
                "line {}: {} ({} {} x{} evidence {}..)",
                self.line,
                self.reason,
                e.participant,
                clip(&e.kind),
                e.units,
                &to_hex(&e.evidence)[..12]
            ),
            (None, Some(x)) => format!("line {}: {} ({x})", self.line, self.reason),
            (None, None) => format!("line {}: {}", self.line, self.reason),
        }
    }
}
