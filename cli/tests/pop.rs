//! `psp pop build-epoch` and `psp pop verify-proof` on a small events file with bad lines (no
//! validator needed: both commands are off-chain), then a whole epoch on an embedded localnet:
//! distributor, kinds, attestors, funding, rules from chain, build, votes on chain and signed
//! off-chain, status, finalize, claims, sweep and bitmap clean-up, with bad input refused.
mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;
use psp_localnet::{Localnet, LocalnetConfig};
use serde_json::{json, Value};
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

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
    let (alice, bob, carol, reporter, stranger) =
        (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
    let rules = json!({"epoch": 3, "start": 1000, "end": 2000,
        "kinds": [{"name": "relay", "weight": 3, "max_units_per_participant": 10}, {"name": "vote", "weight": 1}],
        "allowed_reporters": [reporter.to_string()]});
    std::fs::write(dir.path().join("rules.json"), rules.to_string()).unwrap();
    let lines = [
        event(&alice, "relay", 8, 1, 1100, &reporter), // 1: 24 points
        event(&alice, "relay", 5, 2, 1200, &reporter), // 2: truncated to 2 units (kind cap 10): 6 points
        event(&bob, "vote", 40, 3, 1300, &reporter),   // 3: 40 points
        "{\"participant\": \"nope\"".to_string(),      // 4: malformed
        event(&carol, "mine", 1, 4, 1400, &reporter),  // 5: unknown kind
        event(&carol, "vote", 9, 3, 1500, &reporter),  // 6: duplicate of line 3's evidence
        event(&carol, "vote", 9, 5, 2000, &reporter),  // 7: outside the epoch (end is exclusive)
        event(&carol, "vote", 9, 6, 1999, &stranger),  // 8: unknown reporter
        event(&carol, "vote", 0, 7, 1999, &reporter),  // 9: zero units
        String::new(),                                 // 10: blank
        event(&carol, "vote", 1, 8, 1999, &reporter),  // 11: 1 point
    ];
    std::fs::write(dir.path().join("events.jsonl"), lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    let (events, rules_path) = (dir.path().join("events.jsonl"), dir.path().join("rules.json"));
    let args = [
        "pop",
        "build-epoch",
        "--events",
        path(&events),
        "--rules",
        path(&rules_path),
        "--budget",
        "1000",
        "--out",
        path(&out),
    ];

    let built = json_of(&psp(&[&["--output", "json"], &args[..]].concat()).success());
    // 71 points: alice 30 -> 422, bob 40 -> 563, carol 1 -> 14; 999 paid, remainder 1.
    assert_eq!(built["epoch"], 3);
    assert_eq!(built["leaf_count"], 3);
    assert_eq!(built["total_points"], "71");
    assert_eq!(built["total_amount"], 999);
    assert_eq!(built["remainder"], 1);
    assert_eq!(
        (built["lines"].as_u64(), built["accepted_events"].as_u64(), built["truncated_events"].as_u64()),
        (Some(11), Some(4), Some(1))
    );
    assert_eq!((built["rejected_lines"].as_u64(), built["blank_lines"].as_u64()), (Some(6), Some(1)));
    let by_reason = &built["rejections_by_reason"];
    for code in [
        "malformed",
        "unknown_kind",
        "duplicate_evidence",
        "outside_epoch",
        "unknown_reporter",
        "zero_units",
        "kind_cap",
    ] {
        assert_eq!(by_reason[code], 1, "{code}: {by_reason}");
    }
    let root = built["root"].as_str().unwrap().to_string();

    let rejections: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("epoch-3-rejections.json")).unwrap()).unwrap();
    let listed: Vec<(u64, &str)> = rejections["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        vec![
            (2, "kind_cap"),
            (4, "malformed"),
            (5, "unknown_kind"),
            (6, "duplicate_evidence"),
            (7, "outside_epoch"),
            (8, "unknown_reporter"),
            (9, "zero_units")
        ]
    );
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
        let verified = json_of(
            &psp(&[
                "--output",
                "json",
                "pop",
                "verify-proof",
                "--proofs",
                path(&proofs),
                "--claimant",
                &who.to_string(),
            ])
            .success(),
        );
        assert_eq!(
            (verified["valid"].as_bool(), verified["amount"].as_u64(), verified["root"].as_str()),
            (Some(true), Some(amount), Some(root.as_str()))
        );
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
    psp(&[
        "pop",
        "build-epoch",
        "--events",
        path(&events),
        "--rules",
        path(&rules_path),
        "--budget",
        "1000",
        "--out",
        path(&out2),
    ])
    .failure()
    .stderr(predicates::str::contains("must be before end"));
    assert!(!out2.exists());
}

/// Base units of `owner`'s associated token account of `mint`.
async fn base_units(rpc: &RpcClient, owner: &Pubkey, mint: &Pubkey) -> u64 {
    let ata = anchor_spl::associated_token::get_associated_token_address(owner, mint);
    rpc.get_token_account_balance(&ata).await.map_or(0, |b| b.amount.parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_pop_epoch_on_chain() {
    let localnet = Localnet::start(LocalnetConfig::default()).await.expect("localnet");
    let url = localnet.rpc_url();
    let rpc = RpcClient::new_with_commitment(url.clone(), CommitmentConfig::confirmed());
    let dir = tempfile::tempdir().unwrap();
    let members = common::members(&localnet, &rpc, dir.path()).await;
    // alice: admin, funder and attestor; bob and carol: attestors (carol also guardian);
    // dave and erin: participants (erin never claims, so the sweep has something to take).
    let (alice, bob, carol) = (&members[0], &members[1], &members[2]);
    let dave = &common::wallet(&localnet, &rpc, dir.path(), "dave", 1_000_000_000).await;
    let erin = &common::wallet(&localnet, &rpc, dir.path(), "erin", 1_000_000_000).await;
    let mint_key = common::mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000_000).await;
    let mint = mint_key.to_string();
    let key = |m: &common::Member| m.keypair.pubkey().to_string();
    let run = |who: &common::Member, args: &[&str]| common::psp(&url, &who.file, args);
    let ok = |who: &common::Member, args: &[&str]| common::json_of(&run(who, args).success());

    // A distributor whose epoch 0 has ended: 60 s epochs from 2 minutes ago.
    let create = [
        "pop",
        "distributor",
        "create",
        "--mint",
        &mint,
        "--guardian",
        &key(carol),
        "--genesis",
        "-2m",
        "--epoch-length",
        "60s",
        "--challenge-window",
        "2s",
        "--claim-window",
        "8s",
        "--max-epoch-total",
        "1000",
        "--quorum",
        "2",
    ];
    let mut short = create;
    short[10] = "30s";
    run(alice, &short).failure().stderr(contains("InvalidConfig")).stderr(contains("nothing was sent"));
    let created = ok(alice, &create);
    let d = created["distributor"].as_str().unwrap().to_string();
    let d = d.as_str();
    assert_eq!(
        created["clawback_receiver"],
        anchor_spl::associated_token::get_associated_token_address(&alice.keypair.pubkey(), &mint_key).to_string()
    );

    // Kinds (one inactive), attestors, funding.
    ok(alice, &["pop", "kind", "set", d, "relay", "--weight", "3", "--cap", "10"]);
    ok(alice, &["pop", "kind", "set", d, "vote", "--weight", "1"]);
    ok(alice, &["pop", "kind", "set", d, "mine", "--weight", "5", "--inactive"]);
    run(alice, &["pop", "kind", "set", d, "vote", "--weight", "1"]).failure().stderr(contains("NothingToChange"));
    run(bob, &["pop", "kind", "set", d, "vote", "--weight", "2"]).failure().stderr(contains("Unauthorized"));
    let kinds = ok(dave, &["pop", "kinds", d]);
    let listed: Vec<(u64, &str, u64, Value, bool)> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_u64().unwrap(),
                k["name"].as_str().unwrap(),
                k["weight"].as_u64().unwrap(),
                k["max_units_per_participant"].clone(),
                k["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![(0, "relay", 3, json!(10), true), (1, "vote", 1, Value::Null, true), (2, "mine", 5, Value::Null, false)]
    );
    for m in [alice, bob, carol] {
        ok(alice, &["pop", "attestor", "add", d, &key(m)]);
    }
    run(alice, &["pop", "attestor", "add", d, &key(bob)]).failure().stderr(contains("already an active attestor"));
    assert_eq!(ok(dave, &["pop", "attestors", d]).as_array().unwrap().len(), 3);
    ok(alice, &["pop", "fund", d, "1000"]);
    run(alice, &["pop", "config", d, "--quorum", "2"]).failure().stderr(contains("NothingToChange"));

    // Pause: the guardian adds flags, only the admin clears them.
    ok(carol, &["pop", "pause", d, "claim,sweep"]);
    run(carol, &["pop", "unpause", d]).failure().stderr(contains("GuardianCannotUnpause"));
    ok(alice, &["pop", "unpause", d]);
    let shown = ok(dave, &["pop", "distributor", "show", d]);
    assert_eq!(
        (shown["vault_balance"].as_str(), shown["unreserved"].as_str(), shown["paused"].as_str()),
        (Some("1000"), Some("1000"), Some("none"))
    );
    assert_eq!(
        (shown["quorum"].as_u64(), shown["attestor_count"].as_u64(), shown["kind_count"].as_u64()),
        (Some(2), Some(3), Some(3))
    );
    assert!(shown["current_epoch"].as_u64().unwrap() >= 2, "{shown}");

    // Rules from chain, events, build (from the file and straight from chain: same root).
    let rules_path = dir.path().join("rules.json");
    ok(dave, &["pop", "rules", d, "--epoch", "0", "--out", path(&rules_path)]);
    let rules: Value = serde_json::from_str(&std::fs::read_to_string(&rules_path).unwrap()).unwrap();
    assert_eq!(rules["kinds"].as_array().unwrap().len(), 2, "inactive kinds are left out: {rules}");
    let (start, reporter) = (rules["start"].as_i64().unwrap(), Pubkey::new_unique());
    let (dave_key, erin_key) = (dave.keypair.pubkey(), erin.keypair.pubkey());
    let lines = [
        event(&dave_key, "relay", 8, 1, start + 1, &reporter), // 24 points
        event(&dave_key, "vote", 5, 2, start + 2, &reporter),  // 5 points
        event(&erin_key, "vote", 10, 3, start + 3, &reporter), // 10 points
        event(&erin_key, "mine", 10, 4, start + 4, &reporter), // inactive kind: rejected
    ];
    let events = dir.path().join("events.jsonl");
    std::fs::write(&events, lines.join("\n")).unwrap();
    let out = dir.path().join("out");
    let build = ["pop", "build-epoch", "--events", path(&events), "--budget", "900000000", "--out", path(&out)];
    let built = ok(dave, &[&build[..], &["--rules", path(&rules_path)]].concat());
    let from_chain = ok(dave, &[&build[..], &["--distributor", d, "--epoch", "0"]].concat());
    assert_eq!(built["root"], from_chain["root"]);
    assert_eq!(
        (built["total_amount"].as_u64(), built["leaf_count"].as_u64(), built["rejected_lines"].as_u64()),
        (Some(899_999_999), Some(2), Some(1))
    );
    let mut too_much = build;
    too_much[5] = "1000000001";
    run(dave, &[&too_much[..], &["--distributor", d, "--epoch", "0"]].concat())
        .failure()
        .stderr(contains("exceeds the distributor's max epoch total"));
    let proofs = out.join("epoch-0-proofs.json");
    let proofs = path(&proofs);

    // Votes: alice on chain (1 of 2), refused twice, for a running epoch and from a non-attestor.
    let voted = ok(alice, &["pop", "attest", d, "--epoch", "0", "--proofs", proofs]);
    assert_eq!(
        (voted["votes"].as_u64(), voted["quorum"].as_u64(), voted["proposed"].as_bool()),
        (Some(1), Some(2), Some(false))
    );
    run(alice, &["pop", "attest", d, "--epoch", "0", "--proofs", proofs]).failure().stderr(contains("AlreadyVoted"));
    run(alice, &["pop", "attest", d, "--epoch", "100", "--root", &"11".repeat(32), "--total", "5", "--leaves", "1"])
        .failure()
        .stderr(contains("EpochNotEnded"));
    run(dave, &["pop", "attest", d, "--epoch", "0", "--proofs", proofs])
        .failure()
        .stderr(contains("is not an attestor"));
    let status = ok(dave, &["pop", "epoch", d, "0"]);
    assert_eq!((status["status"].as_str(), status["candidates"][0]["votes"].as_u64()), (Some("Voting"), Some(1)));
    assert_eq!(status["candidates"][0]["root"], built["root"]);

    // bob and carol sign off-chain; anyone submits both signatures in one transaction.
    let (bob_file, carol_file) = (dir.path().join("bob.json"), dir.path().join("carol.json"));
    ok(bob, &["pop", "sign-attestation", d, "--epoch", "0", "--proofs", proofs, "--out", path(&bob_file)]);
    ok(carol, &["pop", "sign-attestation", d, "--epoch", "0", "--proofs", proofs, "--out", path(&carol_file)]);
    run(dave, &["pop", "propose-signed", d, "--attestation", path(&bob_file)])
        .failure()
        .stderr(contains("QuorumNotReached"));
    let proposed = ok(dave, &["pop", "propose-signed", d, "--attestation", path(&bob_file), path(&carol_file)]);
    assert_eq!(proposed["proposed"], true, "{proposed}");
    let status = ok(dave, &["pop", "epoch", d, "0"]);
    assert_eq!((status["status"].as_str(), status["root"].as_str()), (Some("Proposed"), built["root"].as_str()));
    run(dave, &["pop", "claim", d, "--epoch", "0", "--proofs", proofs]).failure().stderr(contains("EpochNotFinalized"));

    // After the challenge window: finalize (opening the bitmap), claims, sweep after the deadline.
    std::thread::sleep(std::time::Duration::from_secs(3));
    let finalized = ok(erin, &["pop", "finalize", d, "--epoch", "0"]);
    assert_eq!((finalized["finalized"].as_bool(), finalized["chunks_opened"].clone()), (Some(true), json!([0])));
    run(erin, &["pop", "sweep", d, "--epoch", "0"]).failure().stderr(contains("ClaimWindowOpen"));
    let claimed = ok(dave, &["pop", "claim", d, "--epoch", "0", "--proofs", proofs]);
    assert_eq!((claimed["amount_base"].as_u64(), claimed["opened_chunk"].as_bool()), (Some(669_230_769), Some(false)));
    assert_eq!(common::balance(&rpc, &dave_key, &mint_key).await, "669.230769");
    run(dave, &["pop", "claim", d, "--epoch", "0", "--proofs", proofs]).failure().stderr(contains("AlreadyClaimed"));
    let status = ok(dave, &["pop", "epoch", d, "0"]);
    assert_eq!(
        (status["status"].as_str(), status["claimed_count"].as_u64(), status["claimed_percent"].as_str()),
        (Some("Finalized"), Some(1), Some("74.35%"))
    );
    let deadline = status["claim_deadline"].as_i64().unwrap();
    while ok(dave, &["pop", "epoch", d, "0"])["now"].as_i64().unwrap() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let before = base_units(&rpc, &alice.keypair.pubkey(), &mint_key).await;
    let swept = ok(erin, &["pop", "sweep", d, "--epoch", "0"]);
    assert_eq!(swept["amount_base"].as_u64(), Some(230_769_230));
    assert_eq!(base_units(&rpc, &alice.keypair.pubkey(), &mint_key).await, before + 230_769_230);
    let closed = ok(erin, &["pop", "close-chunks", d, "--epoch", "0"]);
    assert_eq!(closed["chunks_closed"], json!([0]));
    let status = ok(dave, &["pop", "epoch", d, "0"]);
    assert_eq!(
        (status["status"].as_str(), status["swept"].as_str(), status["chunks_open"].as_u64()),
        (Some("Swept"), Some("230.76923"), Some(0))
    );

    // Read-only commands (and building from chain rules) need no keypair; a sending one names
    // the missing file.
    let from_chain = [&build[..], &["--distributor", d, "--epoch", "0"]].concat();
    let read = common::read_only_without_keypair(
        &url,
        &[
            &["pop", "distributor", "show", d],
            &["pop", "epoch", d, "0"],
            &["pop", "kinds", d],
            &["pop", "attestors", d],
            &from_chain,
        ],
    );
    assert_eq!(read[1]["status"], "Swept");
    assert_eq!(read[4]["root"], built["root"]);
    common::sending_without_keypair_fails_clearly(&url, &["pop", "fund", d, "1"]);
    drop(rpc);
    localnet.stop();
}

/// A 50 MB malformed line (a "public key" the parser would quote whole) is refused as too long
/// without being read into memory, and neither the terminal nor the rejections file quotes more
/// than a short prefix of it; the lines around it count as usual.
#[test]
fn build_epoch_refuses_a_huge_line_without_echoing_it() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let (alice, reporter) = (Pubkey::new_unique(), Pubkey::new_unique());
    let rules = json!({"epoch": 1, "start": 1000, "end": 2000, "kinds": [{"name": "vote", "weight": 1}]});
    let rules_path = dir.path().join("rules.json");
    std::fs::write(&rules_path, rules.to_string()).unwrap();
    let events = dir.path().join("events.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&events).unwrap());
    writeln!(file, "{}", event(&alice, "vote", 1, 1, 1100, &reporter)).unwrap();
    file.write_all(b"{\"participant\":\"").unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..50 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\"}\n").unwrap();
    writeln!(file, "{}", event(&alice, "vote", 2, 2, 1200, &reporter)).unwrap();
    drop(file);

    let out = dir.path().join("out");
    let args = ["pop", "build-epoch", "--events", path(&events), "--rules", path(&rules_path), "--budget", "10"];
    let built = psp(&[&args[..], &["--out", path(&out)]].concat()).success();
    let (stdout, stderr) = (&built.get_output().stdout, &built.get_output().stderr);
    assert!(
        stdout.len() < 4_096 && stderr.len() < 4_096,
        "terminal output of {} + {} bytes",
        stdout.len(),
        stderr.len()
    );
    let text = String::from_utf8_lossy(stdout);
    assert!(text.contains("line too long"), "{text}");
    assert!(text.contains("2 accepted"), "{text}");

    let rejections_file = out.join("epoch-1-rejections.json");
    let size = std::fs::metadata(&rejections_file).unwrap().len();
    assert!(size < 4_096, "rejections file of {size} bytes");
    let rejections: Value = serde_json::from_str(&std::fs::read_to_string(&rejections_file).unwrap()).unwrap();
    assert_eq!(rejections["rejections"][0]["line"], 2);
    assert_eq!(rejections["rejections"][0]["code"], "line_too_long");
    assert_eq!(rejections["stats"]["accepted_events"], 2);
}
