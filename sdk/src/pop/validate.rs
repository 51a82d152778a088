//! The event validator: every line of an events file ends up accepted, truncated or rejected
//! with a reason. Nothing is dropped silently: [`ValidationStats::is_balanced`] checks that
//! lines = blank + accepted + fully rejected, and input units = accepted + rejected units.
//!
//! Checks, in this order (the first failing one is the line's reason): length (at most
//! [`MAX_LINE_BYTES`]), schema, known kind,
//! units > 0, time in `[start, end)`, allowed reporter, evidence not seen before (the first
//! line wins; later ones name it), then the caps.
//!
//! Caps truncate: an event that crosses a cap keeps the units that fit and is also recorded
//! as a *partial* rejection for the rest (an event with no room left is rejected fully). Caps
//! are filled first come, first served in file order; so are duplicate evidence hashes. With a
//! per-kind cap alone the outcome does not depend on the order of lines; with the cap over all
//! kinds, or with conflicting duplicates, the file order decides which units count.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead};

use anchor_lang::prelude::Pubkey;
use serde::Serialize;

use super::event::{EventLines, Line, PopEvent, MAX_LINE_BYTES};
pub use super::reject::{RejectReason, Rejection};
use super::rules::EpochRules;

/// An accepted event, reduced to what the builder needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcceptedEvent {
    /// Line of the events file (from 1).
    pub line: u64,
    /// The participant.
    pub participant: Pubkey,
    /// Index of the kind in the rules' `kinds`.
    pub kind: u32,
    /// Units counted (after truncation by caps).
    pub units: u64,
}

/// Counts that account for every line and every unit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ValidationStats {
    /// Lines read.
    pub lines: u64,
    /// Empty or whitespace-only lines (not events).
    pub blank_lines: u64,
    /// Lines that parsed as events.
    pub parsed_events: u64,
    /// Events accepted, fully or truncated.
    pub accepted_events: u64,
    /// Of those, events truncated by a cap.
    pub truncated_events: u64,
    /// Lines rejected entirely.
    pub rejected_lines: u64,
    /// Units of all parsed events.
    pub input_units: u128,
    /// Units accepted.
    pub accepted_units: u128,
    /// Units of parsed events rejected (fully or by truncation).
    pub rejected_units: u128,
    /// Rejections (full and partial) per [`RejectReason::code`].
    pub by_reason: BTreeMap<&'static str, u64>,
}

impl ValidationStats {
    /// Whether every line and every unit is accounted for.
    pub fn is_balanced(&self) -> bool {
        self.lines == self.blank_lines + self.accepted_events + self.rejected_lines
            && self.input_units == self.accepted_units + self.rejected_units
    }
}

/// The outcome of validating an events file.
#[derive(Clone, Debug, Default)]
pub struct Validation {
    /// Accepted events in file order (truncated ones carry their accepted units).
    pub accepted: Vec<AcceptedEvent>,
    /// Rejections in file order (partial ones included).
    pub rejections: Vec<Rejection>,
    /// The accounting.
    pub stats: ValidationStats,
}

/// Streaming validator: push lines in file order, then [`Validator::finish`].
pub struct Validator<'r> {
    rules: &'r EpochRules,
    reporters: Option<HashSet<Pubkey>>,
    evidence: HashMap<[u8; 32], u64>,
    kind_used: HashMap<(Pubkey, u32), u64>,
    total_used: HashMap<Pubkey, u64>,
    out: Validation,
}

impl<'r> Validator<'r> {
    /// A validator for `rules` (which should have passed [`EpochRules::check`]).
    pub fn new(rules: &'r EpochRules) -> Self {
        let reporters = rules.allowed_reporters.as_ref().map(|r| r.iter().copied().collect());
        Validator {
            rules,
            reporters,
            evidence: HashMap::new(),
            kind_used: HashMap::new(),
            total_used: HashMap::new(),
            out: Validation::default(),
        }
    }

    fn reject(&mut self, line: u64, reason: RejectReason, event: Option<PopEvent>, excerpt: Option<String>) {
        *self.out.stats.by_reason.entry(reason.code()).or_default() += 1;
        self.out.rejections.push(Rejection { line, reason, event, excerpt });
    }

    /// Takes line `number` of the file.
    pub fn push(&mut self, number: u64, line: Line) {
        self.out.stats.lines += 1;
        match line {
            Line::Blank => self.out.stats.blank_lines += 1,
            Line::Malformed { error, excerpt } => {
                self.out.stats.rejected_lines += 1;
                self.reject(number, RejectReason::Malformed { error }, None, Some(excerpt));
            }
            Line::TooLong { length, excerpt } => {
                self.out.stats.rejected_lines += 1;
                let reason = RejectReason::LineTooLong { length, max: MAX_LINE_BYTES as u64 };
                self.reject(number, reason, None, Some(excerpt));
            }
            Line::Event(event) => self.push_event(number, event),
        }
    }

    fn push_event(&mut self, line: u64, event: PopEvent) {
        let (rules, stats) = (self.rules, &mut self.out.stats);
        stats.parsed_events += 1;
        stats.input_units += u128::from(event.units);
        let kind = rules.kind_index(&event.kind);
        let early = match kind {
            None => Some(RejectReason::UnknownKind { kind: crate::quote::clip(&event.kind).into_owned() }),
            Some(_) if event.units == 0 => Some(RejectReason::ZeroUnits),
            Some(_) if !rules.contains_time(event.time) => {
                Some(RejectReason::OutsideEpoch { time: event.time, start: rules.start, end: rules.end })
            }
            Some(_) if self.reporters.as_ref().is_some_and(|r| !r.contains(&event.reporter)) => {
                Some(RejectReason::UnknownReporter { reporter: event.reporter })
            }
            Some(_) => match self.evidence.get(&event.evidence) {
                Some(&first_line) => Some(RejectReason::DuplicateEvidence { first_line }),
                None => {
                    self.evidence.insert(event.evidence, line);
                    None
                }
            },
        };
        if let Some(reason) = early {
            stats.rejected_lines += 1;
            stats.rejected_units += u128::from(event.units);
            return self.reject(line, reason, Some(event), None);
        }
        let kind = u32::try_from(kind.expect("checked above")).expect("at most MAX_KINDS kinds");
        let (p, units) = (event.participant, event.units);
        let mut room = units;
        let mut cut: Option<fn(u64, u64, u64) -> RejectReason> = None;
        let mut cap_hit = 0;
        if let Some(cap) = rules.kinds[kind as usize].max_units_per_participant {
            let left = cap - self.kind_used.get(&(p, kind)).copied().unwrap_or(0);
            if left < room {
                (room, cap_hit) = (left, cap);
                cut = Some(|cap, accepted_units, rejected_units| RejectReason::KindCap {
                    cap,
                    accepted_units,
                    rejected_units,
                });
            }
            if room > 0 {
                *self.kind_used.entry((p, kind)).or_default() += room;
            }
        }
        if let Some(cap) = rules.max_units_per_participant {
            let used = self.total_used.entry(p).or_default();
            let left = cap - *used;
            if left < room {
                // The kind counter already took `room`: give back what the total cap cuts.
                if let Some(k) = self.kind_used.get_mut(&(p, kind)) {
                    *k -= room - left;
                }
                (room, cap_hit) = (left, cap);
                cut = Some(|cap, accepted_units, rejected_units| RejectReason::ParticipantCap {
                    cap,
                    accepted_units,
                    rejected_units,
                });
            }
            *used += room;
        }
        let stats = &mut self.out.stats;
        stats.accepted_units += u128::from(room);
        stats.rejected_units += u128::from(units - room);
        if room > 0 {
            stats.accepted_events += 1;
            stats.truncated_events += u64::from(room < units);
            self.out.accepted.push(AcceptedEvent { line, participant: p, kind, units: room });
        } else {
            stats.rejected_lines += 1;
        }
        if let Some(reason) = cut {
            self.reject(line, reason(cap_hit, room, units - room), Some(event), None);
        }
    }

    /// The accepted events, the rejections and the accounting.
    pub fn finish(self) -> Validation {
        self.out
    }
}

/// Validates every line of `reader` against `rules`.
pub fn validate_reader<R: BufRead>(rules: &EpochRules, reader: R) -> io::Result<Validation> {
    let mut validator = Validator::new(rules);
    for item in EventLines::new(reader) {
        let (number, line) = item?;
        validator.push(number, line);
    }
    Ok(validator.finish())
}

/// Validates the events in `text`.
pub fn validate_str(rules: &EpochRules, text: &str) -> Validation {
    validate_reader(rules, text.as_bytes()).expect("reading a string cannot fail")
}
