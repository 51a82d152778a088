//! Drives `psp timelock ...` against an embedded localnet: settings owned by a multisig vault
//! (policy set by proposal), linear and step locks, list/show, withdraw and crank, recipient
//! change, top-up, cancel, close, guardian veto, and refusals with named errors.
mod common;

use common::{
    balance, json_of, mint_with_balance, psp, read_only_without_keypair, sending_without_keypair_fails_clearly, setup,
    wallet, Member, Setup,
};
use predicates::str::contains;
use solana_sdk::signature::{Keypair, Signer};

fn key(m: &Member) -> String {
    m.keypair.pubkey().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_timelock_end_to_end() {
    let Setup { localnet, url, rpc, dir, members, multisig, vault } = setup(1_000_000_000).await;
    let (alice, bob, carol) = (&members[0], &members[1], &members[2]);
    let dave = wallet(&localnet, &rpc, dir.path(), "dave", 1_000_000_000).await;
    let erin = Keypair::new().pubkey().to_string();
    let mint_key = mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000_000).await;
    let mint = mint_key.to_string();
    let vault = vault.to_string();

    // Settings: admin = the multisig's vault, guardian = carol.
    psp(&url, &alice.file, &["timelock", "config", "init", "--admin", &vault, "--guardian", &key(carol)]).success();
    // The policy is an admin action: alice's own key is refused, the vault proposes it.
    psp(&url, &alice.file, &["timelock", "config", "policy", "--mint", &mint, "--threshold", "1000"])
        .failure()
        .stderr(contains("Unauthorized"))
        .stderr(contains("nothing was sent"));
    let policy_args = [
        "timelock",
        "config",
        "policy",
        "--mint",
        &mint,
        "--threshold",
        "1000",
        "--min-delay",
        "1h",
        "--outflow-cap",
        "100000",
        "--window",
        "1d",
        "--multisig",
        &multisig,
    ];
    let proposed = json_of(&psp(&url, &alice.file, &policy_args).success());
    let index = proposed["transaction_index"].as_u64().unwrap().to_string();
    psp(&url, &bob.file, &["multisig", "approve", &multisig, &index]).success();
    psp(&url, &carol.file, &["multisig", "execute", &multisig, &index]).success();
    let shown = json_of(&psp(&url, &bob.file, &["timelock", "config", "show", "--mint", &mint]).success());
    assert_eq!(shown["admin"], vault.as_str());
    assert_eq!(shown["guardian"], key(carol).as_str());
    assert_eq!(shown["mint_policy"]["high_value_threshold"], "1000");
    assert_eq!(shown["mint_policy"]["min_delay"], 3600);
    assert_eq!(shown["mint_policy"]["outflow_cap"], "100000");
    assert_eq!(shown["mint_policy"]["window_remaining"], "100000");

    // A linear lock with a cliff (already passed) and a step lock, both for dave.
    let linear = [
        "timelock",
        "create",
        "--mint",
        &mint,
        "--recipient",
        &key(&dave),
        "--amount",
        "100",
        "--start",
        "-100s",
        "--cliff",
        "-50s",
        "--end",
        "+100s",
        "--period",
        "1s",
        "--cancel-by",
        "sender",
        "--transfer-by",
        "recipient",
        "--top-up",
        "--label",
        "grant-1",
    ];
    let created = json_of(&psp(&url, &alice.file, &linear).success());
    let lock1 = created["lock"].as_str().unwrap().to_string();
    assert_eq!(created["high_value"], false);
    let steps = [
        "timelock",
        "create",
        "--mint",
        &mint,
        "--recipient",
        &key(&dave),
        "--steps",
        "-10s:5,+1h:3,+2h:2",
        "--crank",
        "--id",
        "77",
    ];
    let created = json_of(&psp(&url, &alice.file, &steps).success());
    let lock2 = created["lock"].as_str().unwrap().to_string();
    assert_eq!(created["id"], 77);
    assert_eq!(created["amount"], "10");

    // List by sender and by recipient (getProgramAccounts with memcmp filters).
    let by_sender = json_of(&psp(&url, &bob.file, &["timelock", "list", "--sender", &key(alice)]).success());
    assert_eq!(by_sender.as_array().unwrap().len(), 2);
    let by_recipient = json_of(&psp(&url, &bob.file, &["timelock", "list", "--recipient", &key(&dave)]).success());
    assert_eq!(by_recipient.as_array().unwrap().len(), 2);
    let none = json_of(&psp(&url, &bob.file, &["timelock", "list", "--recipient", &erin]).success());
    assert!(none.as_array().unwrap().is_empty());

    // Show: progress now and the unlock curve.
    let shown = json_of(&psp(&url, &bob.file, &["timelock", "show", &lock1]).success());
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["total"], "100");
    assert_eq!(shown["cancel_by"], "sender");
    assert_ne!(shown["available"], "0");
    assert!(shown["curve"].as_array().unwrap().len() >= 2);

    // Withdraw: a third party may not crank a lock without crank permission.
    psp(&url, &bob.file, &["timelock", "withdraw", &lock1]).failure().stderr(contains("CrankNotAllowed"));
    psp(&url, &dave.file, &["timelock", "withdraw", &lock1, "--amount", "1"]).success();
    assert_eq!(balance(&rpc, &dave.keypair.pubkey(), &mint_key).await, "1");
    // A keeper (bob) finds the crankable step lock and pays it to dave's account.
    let due = json_of(&psp(&url, &bob.file, &["timelock", "crank", "--dry-run"]).success());
    assert_eq!(due.as_array().unwrap().len(), 1, "only the step lock allows cranking: {due}");
    assert_eq!((due[0]["lock"].as_str().unwrap(), due[0]["amount"].as_str().unwrap()), (lock2.as_str(), "5"));
    let cranked = json_of(&psp(&url, &bob.file, &["timelock", "crank"]).success());
    assert!(cranked[0]["result"].as_str().unwrap().starts_with("paid"), "{cranked}");
    assert_eq!(balance(&rpc, &dave.keypair.pubkey(), &mint_key).await, "6");
    assert!(json_of(&psp(&url, &bob.file, &["timelock", "crank"]).success()).as_array().unwrap().is_empty());
    psp(&url, &bob.file, &["timelock", "withdraw", &lock2]).failure().stderr(contains("NothingToWithdraw"));

    // Recipient change by the recipient, top-up, cancel, close.
    psp(&url, &alice.file, &["timelock", "transfer", &lock1, "--to", &erin])
        .failure()
        .stderr(contains("TransferNotAllowed"));
    psp(&url, &dave.file, &["timelock", "transfer", &lock1, "--to", &erin]).success();
    let shown = json_of(&psp(&url, &bob.file, &["timelock", "show", &lock1]).success());
    assert_eq!(shown["recipient"], erin.as_str());
    psp(&url, &bob.file, &["timelock", "top-up", &lock1, "--amount", "10"])
        .failure()
        .stderr(contains("no token account"));
    psp(&url, &alice.file, &["timelock", "top-up", &lock1, "--amount", "10"]).success();
    assert_eq!(json_of(&psp(&url, &bob.file, &["timelock", "show", &lock1]).success())["total"], "110");
    psp(&url, &alice.file, &["timelock", "close", &lock1]).failure().stderr(contains("still holds"));
    psp(&url, &dave.file, &["timelock", "cancel", &lock1]).failure().stderr(contains("CancelNotAllowed"));
    let cancelled = json_of(&psp(&url, &alice.file, &["timelock", "cancel", &lock1]).success());
    let shown = json_of(&psp(&url, &bob.file, &["timelock", "show", &lock1]).success());
    assert_eq!(shown["status"], "cancelled");
    assert_eq!(shown["remaining"], "0");
    assert_eq!(
        balance(&rpc, &erin.parse().unwrap(), &mint_key).await,
        cancelled["paid_to_recipient"].as_str().unwrap()
    );
    psp(&url, &alice.file, &["timelock", "close", &lock1]).success();
    psp(&url, &bob.file, &["timelock", "show", &lock1]).failure().stderr(contains("no timelock lock"));

    // A high-value lock is vetoed by the guardian only; everything goes back to alice.
    let before = balance(&rpc, &alice.keypair.pubkey(), &mint_key).await;
    let mallory = Keypair::new().pubkey().to_string();
    let high = [
        "timelock",
        "create",
        "--mint",
        &mint,
        "--recipient",
        &mallory,
        "--amount",
        "2000",
        "--start",
        "+2h",
        "--end",
        "+3h",
        "--period",
        "1h",
    ];
    let created = json_of(&psp(&url, &alice.file, &high).success());
    assert_eq!(created["high_value"], true);
    let lock3 = created["lock"].as_str().unwrap().to_string();
    let early = [
        "timelock",
        "create",
        "--mint",
        &mint,
        "--recipient",
        &mallory,
        "--amount",
        "2000",
        "--end",
        "+10m",
        "--period",
        "1m",
    ];
    psp(&url, &alice.file, &early).failure().stderr(contains("HighValueDelayTooShort"));
    psp(&url, &bob.file, &["timelock", "veto", &lock3, "--reason", "no"]).failure().stderr(contains("Unauthorized"));
    let vetoed =
        json_of(&psp(&url, &carol.file, &["timelock", "veto", &lock3, "--reason", "recipient flagged"]).success());
    assert_eq!(vetoed["refunded_to_sender"], "2000");
    assert_eq!(json_of(&psp(&url, &bob.file, &["timelock", "show", &lock3]).success())["status"], "vetoed");
    assert_eq!(balance(&rpc, &alice.keypair.pubkey(), &mint_key).await, before);

    // Bad input: clear message, nonzero exit, nothing sent.
    let mut bad_policy = linear;
    bad_policy[17] = "anyone";
    psp(&url, &alice.file, &bad_policy).failure().stderr(contains("unknown policy 'anyone'"));
    let mut bad_time = linear;
    bad_time[13] = "tomorrow";
    psp(&url, &alice.file, &bad_time).failure().stderr(contains("'tomorrow' is not a time"));
    let mut bad_period = linear;
    bad_period[15] = "7s";
    psp(&url, &alice.file, &bad_period).failure().stderr(contains("must divide"));
    psp(
        &url,
        &alice.file,
        &["timelock", "create", "--mint", &mint, "--recipient", &mallory, "--amount", "1.0000001", "--end", "+1h"],
    )
    .failure()
    .stderr(contains("more than 6 decimal places"));
    assert_eq!(balance(&rpc, &alice.keypair.pubkey(), &mint_key).await, before);

    // 64 monthly steps do not fit a legacy transaction: the CLI sends a v0 transaction through a
    // lookup table of the instruction's accounts.
    let steps_file = std::env::temp_dir().join(format!("psp-64-steps-{}.txt", std::process::id()));
    let lines: Vec<String> = (1..=64).map(|month| format!("+{}d:1", 30 * month)).collect();
    std::fs::write(&steps_file, lines.join("\n")).unwrap();
    let long =
        ["timelock", "create", "--mint", &mint, "--recipient", &mallory, "--steps", steps_file.to_str().unwrap()];
    let created = json_of(&psp(&url, &alice.file, &long).success());
    assert_eq!(created["amount"], "64");
    let shown = json_of(&psp(&url, &bob.file, &["timelock", "show", created["lock"].as_str().unwrap()]).success());
    assert_eq!(shown["total"], "64");
    let after: f64 = balance(&rpc, &alice.keypair.pubkey(), &mint_key).await.parse().unwrap();
    assert_eq!(after, before.parse::<f64>().unwrap() - 64.0);

    // Read-only commands need no keypair; a sending one names the missing file.
    let sender = key(alice);
    let read = read_only_without_keypair(
        &url,
        &[
            &["timelock", "list", "--sender", &sender],
            &["timelock", "show", &lock2],
            &["timelock", "config", "show", "--mint", &mint],
            &["timelock", "crank", "--dry-run"],
        ],
    );
    assert!(read[0].as_array().is_some_and(|locks| !locks.is_empty()), "{}", read[0]);
    assert_eq!(read[1]["id"], 77);
    sending_without_keypair_fails_clearly(&url, &["timelock", "withdraw", &lock2]);
    drop(rpc);
    localnet.stop();
}
