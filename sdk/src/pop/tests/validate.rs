//! One test per rejection reason, plus the accounting invariant.
use super::*;
use crate::pop::validate::{validate_str, RejectReason as R, Validation};

fn only_rejection(v: &Validation) -> &R {
    assert_eq!(v.rejections.len(), 1, "{:?}", v.rejections);
    assert!(v.stats.is_balanced(), "{:?}", v.stats);
    &v.rejections[0].reason
}

#[test]
fn malformed_line_is_rejected_with_its_excerpt() {
    let text = format!("{}{{\"participant\": oops\n", lines(&[event(1, "vote", 1, 1)]));
    let v = validate_str(&rules(), &text);
    assert!(matches!(only_rejection(&v), R::Malformed { .. }));
    assert_eq!(v.rejections[0].line, 2);
    assert_eq!(v.rejections[0].excerpt.as_deref(), Some("{\"participant\": oops"));
    assert_eq!(v.stats.by_reason["malformed"], 1);
    assert_eq!(v.accepted.len(), 1);
}

#[test]
fn unknown_kind_zero_units_and_outside_epoch() {
    let v = validate_str(&rules(), &lines(&[event(1, "mine", 1, 1)]));
    assert_eq!(only_rejection(&v), &R::UnknownKind { kind: "mine".into() });
    let v = validate_str(&rules(), &lines(&[event(1, "vote", 0, 1)]));
    assert_eq!(only_rejection(&v), &R::ZeroUnits);
    for time in [999, 2000] {
        let mut e = event(1, "vote", 1, 1);
        e.time = time;
        let v = validate_str(&rules(), &lines(&[e]));
        assert_eq!(only_rejection(&v), &R::OutsideEpoch { time, start: 1000, end: 2000 });
        assert_eq!(v.stats.rejected_units, 1);
    }
    let mut e = event(1, "vote", 1, 1);
    e.time = 1000;
    assert!(validate_str(&rules(), &lines(&[e])).rejections.is_empty(), "start is inclusive");
}

#[test]
fn unknown_reporter_only_with_a_list() {
    let mut r = rules();
    let e = event(1, "vote", 1, 1);
    assert!(validate_str(&r, &lines(std::slice::from_ref(&e))).rejections.is_empty());
    r.allowed_reporters = Some(vec![key(500)]);
    let v = validate_str(&r, &lines(std::slice::from_ref(&e)));
    assert_eq!(only_rejection(&v), &R::UnknownReporter { reporter: key(999) });
    r.allowed_reporters = Some(vec![key(500), key(999)]);
    assert!(validate_str(&r, &lines(&[e])).rejections.is_empty());
}

#[test]
fn duplicate_evidence_first_wins_and_rejected_events_do_not_claim_evidence() {
    // Line 1 is rejected (unknown kind): its evidence stays free, so line 2 takes it and line 3
    // is the duplicate of line 2.
    let text = lines(&[event(1, "mine", 1, 5), event(2, "vote", 4, 5), event(3, "vote", 9, 5)]);
    let v = validate_str(&rules(), &text);
    assert_eq!(v.rejections.len(), 2);
    assert_eq!(v.rejections[1].line, 3);
    assert_eq!(v.rejections[1].reason, R::DuplicateEvidence { first_line: 2 });
    assert_eq!(v.accepted.len(), 1);
    assert_eq!((v.accepted[0].participant, v.accepted[0].units), (key(2), 4));
    assert!(v.stats.is_balanced());
    assert_eq!(v.stats.by_reason["duplicate_evidence"], 1);
}

#[test]
fn kind_cap_truncates_then_rejects() {
    // relay cap 10: 6 accepted, then 4 of 7 (partial), then 0 of 2 (full); another participant
    // and the vote kind are unaffected.
    let text = lines(&[
        event(1, "relay", 6, 1),
        event(1, "relay", 7, 2),
        event(1, "relay", 2, 3),
        event(2, "relay", 10, 4),
        event(1, "vote", 50, 5),
    ]);
    let v = validate_str(&rules(), &text);
    let units: Vec<_> = v.accepted.iter().map(|a| (a.line, a.units)).collect();
    assert_eq!(units, vec![(1, 6), (2, 4), (4, 10), (5, 50)]);
    assert_eq!(v.rejections[0].reason, R::KindCap { cap: 10, accepted_units: 4, rejected_units: 3 });
    assert!(v.rejections[0].is_partial());
    assert_eq!(v.rejections[1].reason, R::KindCap { cap: 10, accepted_units: 0, rejected_units: 2 });
    assert!(!v.rejections[1].is_partial());
    let s = &v.stats;
    assert_eq!((s.lines, s.accepted_events, s.truncated_events, s.rejected_lines), (5, 4, 1, 1));
    assert_eq!((s.input_units, s.accepted_units, s.rejected_units), (75, 70, 5));
    assert!(s.is_balanced());
}

#[test]
fn participant_cap_over_all_kinds_truncates_and_gives_back_kind_room() {
    let mut r = rules();
    r.max_units_per_participant = Some(12);
    // relay 8 (kind room 2 left), vote 3 (total 11), relay 5: the kind cap allows 2, the total
    // cap only 1 -> participant cap; then relay 1 still fits the kind cap (9 of 10) but not the total.
    let text =
        lines(&[event(1, "relay", 8, 1), event(1, "vote", 3, 2), event(1, "relay", 5, 3), event(1, "relay", 1, 4)]);
    let v = validate_str(&r, &text);
    let units: Vec<_> = v.accepted.iter().map(|a| a.units).collect();
    assert_eq!(units, vec![8, 3, 1]);
    assert_eq!(v.rejections[0].reason, R::ParticipantCap { cap: 12, accepted_units: 1, rejected_units: 4 });
    assert_eq!(v.rejections[1].reason, R::ParticipantCap { cap: 12, accepted_units: 0, rejected_units: 1 });
    assert_eq!(v.stats.by_reason["participant_cap"], 2);
    assert!(v.stats.is_balanced());
}

#[test]
fn display_and_summary_name_the_reason() {
    let v = validate_str(&rules(), &lines(&[event(1, "vote", 1, 1), event(2, "vote", 1, 1)]));
    let summary = v.rejections[0].summary();
    assert!(summary.starts_with("line 2: evidence already used on line 1"), "{summary}");
    assert!(summary.contains(&key(2).to_string()));
    assert_eq!(R::ZeroUnits.to_string(), "units is 0");
}

/// Longest message a rejection may print for hostile input: the reason, a short quote, the
/// position; never the input itself.
const SHORT: usize = 600;

#[test]
fn multi_megabyte_line_is_refused_as_too_long_and_not_echoed() {
    // A 5 MB value the JSON parser would echo in full (a "participant" that is no public key).
    let hostile = format!("{{\"participant\":\"{}\"}}\n", "x".repeat(5 << 20));
    let text = format!("{}{hostile}{}", lines(&[event(1, "vote", 1, 1)]), lines(&[event(2, "vote", 1, 2)]));
    let v = validate_str(&rules(), &text);
    assert_eq!(v.rejections.len(), 1);
    let rejection = &v.rejections[0];
    assert_eq!(rejection.line, 2);
    assert_eq!(rejection.reason.code(), "line_too_long");
    assert!(rejection.summary().len() < SHORT, "summary of {} bytes", rejection.summary().len());
    assert!(rejection.excerpt.as_ref().is_some_and(|x| x.len() < SHORT));
    // The lines around it are read as usual.
    assert_eq!(v.accepted.len(), 2);
    assert_eq!(v.accepted[1].line, 3);
    assert!(v.stats.is_balanced());
}

#[test]
fn rejections_quote_only_a_prefix_of_long_values() {
    // Under the line limit but far beyond a readable message: a bad key, a string where a
    // number belongs, an unknown field, an unknown kind.
    let long = "z".repeat(30_000);
    let mut bad_key = serde_json::to_value(event(1, "vote", 1, 1)).unwrap();
    bad_key["participant"] = long.clone().into();
    let mut bad_units = serde_json::to_value(event(1, "vote", 1, 2)).unwrap();
    bad_units["units"] = long.clone().into();
    let mut bad_field = serde_json::to_value(event(1, "vote", 1, 3)).unwrap();
    bad_field[long.as_str()] = 1.into();
    let text = format!("{bad_key}\n{bad_units}\n{bad_field}\n{}", lines(&[event(1, &long, 1, 4)]));
    let v = validate_str(&rules(), &text);
    assert_eq!(v.rejections.len(), 4);
    for rejection in &v.rejections {
        let summary = rejection.summary();
        assert!(summary.len() < SHORT, "line {}: summary of {} bytes", rejection.line, summary.len());
        assert!(rejection.reason.to_string().len() < SHORT, "line {}", rejection.line);
    }
    assert!(v.rejections[0].summary().contains("zzz…' is not a base58 public key"), "{}", v.rejections[0].summary());
    assert_eq!(v.rejections[3].reason.code(), "unknown_kind");
}
