//! `psp pop build-epoch` and `psp pop verify-proof` on a small events file with bad lines (no
//! validator needed: both commands are off-chain).
use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};
use solana_sdk::pubkey::Pubkey;

fn psp(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("psp").unwrap().args(args).timeout(std::time::Duration::from_secs(60)).assert()
}

fn json_of(assert: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&assert.get_output().stdout).expect("JSON on stdout")
}

fn event(participant: &Pubkey, kind: &str, units: u64, evidence: u32, time: i64, reporter: &Pubkey) -> String {
    json!({"participant": participant.to_string(), "kind": kind, "units": units, "evidence": format!("{evidence:064x}"), "time": time, "reporter": reporter.to_string()}).to_string()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn build_epoch_reports_rejections_and_proofs_verify() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, bob, carol, reporter, stranger) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
    let rules = json!({"epoch": 3, "start": 1000, "end": 2000,
        "kinds": [{"name": "relay", "weight": 3, "max_units_per_participant": 10}, {"name": "vote", "weight": 1}],
        "allowed_reporters": [reporter.to_string()]});
    std::fs::write(dir.path().join("rules.json"), rules.to_string()).unwrap();
    let lines = [
        event(&alice, "relay", 8, 1, 1100, &reporter),    // 1: 24 points
        event(&alice, "relay", 5, 2, 1200, &reporter),    // 2: truncated to 2 units (kind cap 10): 6 points
        event(&bob, "vote", 40, 3, 1300, &reporter),      // 3: 40 points
        "{\"participant\": \"nope\"".to_string(),         // 4: malformed
        event(&carol, "mine", 1, 4, 1400, &reporter),     // 5: unknown kind
        event(&carol, "vote", 9, 3, 1500, &reporter),     // 6: duplicate of line 3's evidence
        event(&carol, "vote", 9, 5, 2000, &reporter),     // 7: outside the epoch (end is exclusive)
        event(&carol, "vote", 9, 6, 1999, &stranger),     // 8: unknown reporter
        event(&carol, "vote", 0, 7, 1999, &reporter),     // 9: zero units
        String::new(),                                    // 10: blank
        event(&carol, "vote", 1, 8, 1999, &reporter),     // 11: 1 point
    ];
    std::fs::write(dir.path().join("events.jsonl"), lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    let (events, rules_path) = (dir.path().join("events.jsonl"), dir.path().join("rules.json"));
    let args = ["pop", "build-epoch", "--events", path(&events), "--rules", path(&rules_path), "--budget", "1000", "--out", path(&out)];

    let built = json_of(&psp(&[&["--output", "json"], &args[..]].concat()).success());
    // 71 points: alice 30 -> 422, bob 40 -> 563, carol 1 -> 14; 999 paid, remainder 1.
    assert_eq!(built["epoch"], 3);
    assert_eq!(built["leaf_count"], 3);
    assert_eq!(built["total_points"], "71");
    assert_eq!(built["total_amount"], 999);
    assert_eq!(built["remainder"], 1);
    assert_eq!((built["lines"].as_u64(), built["accepted_events"].as_u64(), built["truncated_events"].as_u64()), (Some(11), Some(4), Some(1)));
    assert_eq!((built["rejected_lines"].as_u64(), built["blank_lines"].as_u64()), (Some(6), Some(1)));
    let by_reason = &built["rejections_by_reason"];
    for code in ["malformed", "unknown_kind", "duplicate_evidence", "outside_epoch", "unknown_reporter", "zero_units", "kind_cap"] {
        assert_eq!(by_reason[code], 1, "{code}: {by_reason}");
    }
    let root = built["root"].as_str().unwrap().to_string();

    let rejections: Value = serde_json::from_str(&std::fs::read_to_string(out.join("epoch-3-rejections.json")).unwrap()).unwrap();
    let listed: Vec<(u64, &str)> = rejections["rejections"].as_array().unwrap().iter().map(|r| (r["line"].as_u64().unwrap(), r["code"].as_str().unwrap())).collect();
    assert_eq!(listed, vec![(2, "kind_cap"), (4, "malformed"), (5, "unknown_kind"), (6, "duplicate_evidence"), (7, "outside_epoch"), (8, "unknown_reporter"), (9, "zero_units")]);
    assert_eq!(rejections["rejections"][0]["partial"], true);
    assert_eq!(rejections["rejections"][3]["reason"]["first_line"], 3);

    // Text output names the root, the totals and the reasons.
    let text = String::from_utf8(psp(&args).success().get_output().stdout.clone()).unwrap();
    assert!(text.contains(&format!("epoch 3: root {root}")), "{text}");
    assert!(text.contains("budget 1000 = 999 to 3 claimants + remainder 1"), "{text}");
    assert!(text.contains("duplicate_evidence") && text.contains("line 6: evidence already used on line 3"), "{text}");

    // Every claimant's proof verifies; amounts are the floor shares.
    let proofs = out.join("epoch-3-proofs.json");
    for (who, amount) in [(alice, 422), (bob, 563), (carol, 14)] {
        let verified = json_of(&psp(&["--output", "json", "pop", "verify-proof", "--proofs", path(&proofs), "--claimant", &who.to_string()]).success());
        assert_eq!((verified["valid"].as_bool(), verified["amount"].as_u64(), verified["root"].as_str()), (Some(true), Some(amount), Some(root.as_str())));
    }
    psp(&["pop", "verify-proof", "--proofs", path(&proofs), "--claimant", &alice.to_string()])
        .success()
        .stdout(predicates::str::contains(format!("valid: {alice} may claim 422 base units in epoch 3")));
    psp(&["pop", "verify-proof", "--proofs", path(&proofs), "--claimant", &stranger.to_string()])
        .failure()
        .stderr(predicates::str::contains("has no claim in epoch 3"));

    // A tampered proof hash fails verification (the file's totals still add up).
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&proofs).unwrap()).unwrap();
    let claims = file["claims"].as_array_mut().unwrap();
    let bob_claim = claims.iter_mut().find(|c| c["claimant"] == bob.to_string()).unwrap();
    bob_claim["proof"][0] = json!("00".repeat(32));
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, file.to_string()).unwrap();
    psp(&["pop", "verify-proof", "--proofs", path(&tampered), "--claimant", &bob.to_string()])
        .failure()
        .stderr(predicates::str::contains("does NOT lead to root"));

    // Bad rules fail with the reason, and nothing is written.
    std::fs::write(&rules_path, json!({"epoch": 3, "start": 5, "end": 1, "kinds": []}).to_string()).unwrap();
    let out2 = dir.path().join("out2");
    psp(&["pop", "build-epoch", "--events", path(&events), "--rules", path(&rules_path), "--budget", "1000", "--out", path(&out2)])
        .failure()
        .stderr(predicates::str::contains("must be before end"));
    assert!(!out2.exists());
}
