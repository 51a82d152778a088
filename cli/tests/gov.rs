//! Drives `psp gov ...` against an embedded localnet: a staking pool whose admin role is handed
//! to the realm's treasury (created by alice as a temporary admin with a reward stream, then
//! `propose-admin` to the treasury; the first proposal carries `--accept-pool-admin`), a realm
//! with a 4 s vote and a 2 s hold-up, a proposal raising the stream's rate and paying SOL out
//! of the treasury, votes (one changed from no to yes), the tally, deciding, execution after
//! the hold-up, a draft from an instructions file started later and cancelled, a vote refused
//! for a position created after the vote started, lists by state, pausing by the council
//! multisig, and bad input refused with nothing sent.
mod common;

use std::time::{Duration, Instant};

use base64::{engine::general_purpose::STANDARD, Engine};
use common::{
    fund, json_of, mint_to, mint_with_balance, psp, read_only_without_keypair, sending_without_keypair_fails_clearly,
    setup, Member, Setup,
};
use predicates::str::contains;
use serde_json::{json, Value};
use solana_sdk::signature::{write_keypair_file, Keypair, Signer};

fn key(m: &Member) -> String {
    m.keypair.pubkey().to_string()
}

/// Runs `psp ... --multisig` as the first member, then approval and execution by the others.
fn pass_proposal(url: &str, members: &[Member], multisig: &str, args: &[&str]) {
    let mut args = args.to_vec();
    args.extend(["--multisig", multisig]);
    let proposed = json_of(&psp(url, &members[0].file, &args).success());
    let index = proposed["transaction_index"].as_u64().unwrap().to_string();
    psp(url, &members[1].file, &["multisig", "approve", multisig, &index]).success();
    psp(url, &members[2].file, &["multisig", "execute", multisig, &index]).success();
}

/// Retries `args` (as `who`) every 500 ms until it succeeds; each failure must mention `expected`.
fn until_success(url: &str, who: &Member, args: &[&str], expected: &str) -> Value {
    let started = Instant::now();
    loop {
        let attempt = psp(url, &who.file, args);
        if attempt.get_output().status.success() {
            return json_of(&attempt);
        }
        let stderr = String::from_utf8_lossy(&attempt.get_output().stderr).to_string();
        assert!(stderr.contains(expected), "{args:?} failed unexpectedly: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(15), "{args:?} still failing: {stderr}");
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_gov_end_to_end() {
    let Setup { localnet, url, rpc, dir, members, multisig, vault } = setup(1_000_000_000).await;
    let (alice, bob, carol) = (&members[0], &members[1], &members[2]);
    let stake_key = mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000).await;
    mint_to(&localnet, &rpc, &stake_key, &bob.keypair.pubkey(), 1_000_000_000).await;
    mint_to(&localnet, &rpc, &stake_key, &carol.keypair.pubkey(), 1_000_000_000).await;
    let reward_key = mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000).await;
    let (stake_mint, reward_mint, vault) = (stake_key.to_string(), reward_key.to_string(), vault.to_string());
    let dave = Keypair::new().pubkey();

    // The realm's address comes from its create key, so the pool can be handed to its treasury.
    let create_key = Keypair::new();
    let create_key_file = dir.path().join("realm-key.json");
    write_keypair_file(&create_key, &create_key_file).unwrap();
    let realm_key = psp_sdk::governance::realm_pda(&create_key.pubkey()).0;
    let (realm, treasury) = (realm_key.to_string(), psp_sdk::governance::treasury_pda(&realm_key).0.to_string());

    // Pool with alice as temporary admin: a reward stream at 1/s, then the admin role offered to the treasury.
    let pool_args = [
        "staking",
        "pool",
        "create",
        "--mint",
        &stake_mint,
        "--max-lockup",
        "60s",
        "--max-multiplier",
        "2x",
        "--min-voting-lockup",
        "10s",
        "--cooldown",
        "1s",
    ];
    let pool = json_of(&psp(&url, &alice.file, &pool_args).success())["pool"].as_str().unwrap().to_string();
    psp(&url, &alice.file, &["staking", "stream", "add", &pool, "--mint", &reward_mint, "--rate", "1"]).success();
    psp(&url, &alice.file, &["staking", "stream", "fund", &pool, "0", "--amount", "100"]).success();
    psp(&url, &alice.file, &["staking", "pool", "propose-admin", &pool, &treasury]).success();
    // Stakers: alice 100 and bob 300 locked 40 s (1.6667x); their positions predate every vote.
    psp(&url, &alice.file, &["staking", "stake", &pool, "--amount", "100", "--lock", "40s"]).success();
    psp(&url, &bob.file, &["staking", "stake", &pool, "--amount", "300", "--lock", "40s"]).success();

    // Realm: bad rules are refused before sending; then created at the precomputed address.
    let create = [
        "gov",
        "realm",
        "create",
        "--pool",
        &pool,
        "--council",
        &vault,
        "--quorum",
        "20",
        "--approval",
        "50",
        "--voting-period",
        "8s",
        "--hold-up",
        "2s",
        "--execution-window",
        "60s",
        "--min-power-to-propose",
        "50",
        "--create-key",
        create_key_file.to_str().unwrap(),
    ];
    let mut bad = create;
    bad[8] = "0";
    psp(&url, &alice.file, &bad).failure().stderr(contains("not between 0.01% and 100%"));
    let mut bad = create;
    bad[12] = "0s";
    psp(&url, &alice.file, &bad).failure().stderr(contains("InvalidConfig")).stderr(contains("nothing was sent"));
    let created = json_of(&psp(&url, &alice.file, &create).success());
    assert_eq!(
        (created["realm"].as_str(), created["treasury"].as_str()),
        (Some(realm.as_str()), Some(treasury.as_str()))
    );
    psp(&url, &alice.file, &create).failure().stderr(contains("a realm already exists"));
    fund(&localnet, &rpc, &treasury.parse().unwrap(), 1_000_000_000).await;
    let shown = json_of(&psp(&url, &carol.file, &["gov", "realm", "show", &realm]).success());
    assert_eq!(
        (shown["pool"].as_str(), shown["council"].as_str(), shown["treasury_sol"].as_str()),
        (Some(pool.as_str()), Some(vault.as_str()), Some("1"))
    );
    assert_eq!(
        (
            shown["rules"]["quorum"].as_str(),
            shown["rules"]["approval"].as_str(),
            shown["rules"]["voting_period"].as_u64()
        ),
        (Some("20%"), Some("50%"), Some(8))
    );
    assert_eq!(
        (shown["proposal_count"].as_u64(), shown["paused"].as_str(), shown["rules"]["min_power_to_propose"].as_str()),
        (Some(0), Some("none"), Some("50"))
    );

    // Proposals: without a position, or changing the pool before the treasury accepts its admin role, refused.
    let description = dir.path().join("proposal.md");
    std::fs::write(&description, "Double the reward rate and pay dave 0.5 SOL.").unwrap();
    let dave_s = dave.to_string();
    let mut propose = vec![
        "gov",
        "propose",
        &realm,
        "--title",
        "Raise rewards",
        "--link",
        "https://example.org/p/0",
        "--description-file",
        description.to_str().unwrap(),
        "--position",
        "0",
    ];
    propose.extend(["--set-stream-rate", "2", "--stream", "0", "--transfer-sol", "0.5", "--to", &dave_s]);
    psp(&url, &bob.file, &propose)
        .failure()
        .stderr(contains("not the realm's treasury"))
        .stderr(contains("--accept-pool-admin"));
    propose.push("--accept-pool-admin");
    psp(&url, &carol.file, &propose)
        .failure()
        .stderr(contains("has no position 0"))
        .stderr(contains("nothing was sent"));
    let proposed = json_of(&psp(&url, &bob.file, &propose).success());
    assert_eq!(
        (proposed["index"].as_u64(), proposed["state"].as_str(), proposed["instructions"].as_u64()),
        (Some(0), Some("voting"), Some(3))
    );

    // alice votes yes while bob votes no, then bob changes his vote to yes.
    let (yes, no) = std::thread::scope(|s| {
        let yes = s.spawn(|| json_of(&psp(&url, &alice.file, &["gov", "vote", &realm, "0", "yes"]).success()));
        let no = s
            .spawn(|| json_of(&psp(&url, &bob.file, &["gov", "vote", &realm, "0", "no", "--position", "0"]).success()));
        (yes.join().unwrap(), no.join().unwrap())
    });
    let (alice_power, bob_power) =
        (yes["votes"][0]["power"].as_str().unwrap().to_string(), no["votes"][0]["power"].as_str().unwrap().to_string());
    // Power: stake x the boost of the lock remaining now (1x to 2x over 60 s).
    let power = |p: &str| p.parse::<f64>().unwrap();
    assert!(
        (100.0..=200.0).contains(&power(&alice_power)) && (300.0..=600.0).contains(&power(&bob_power)),
        "{yes} {no}"
    );
    assert_eq!((yes["tally"]["no"].as_str().is_some(), no["choice"].as_str()), (true, Some("no")));
    let changed = json_of(&psp(&url, &bob.file, &["gov", "vote", &realm, "0", "yes"]).success());
    assert_eq!(
        (changed["votes"][0]["previous_choice"].as_str(), changed["tally"]["no"].as_str(), changed["voters"].as_u64()),
        (Some("no"), Some("0"), Some(2))
    );
    assert_eq!(changed["tipped"], false);
    let tally = json_of(&psp(&url, &carol.file, &["gov", "tally", &realm, "0"]).success());
    assert_eq!(
        (tally["no"].as_str(), tally["abstain"].as_str(), tally["voters"].as_u64()),
        (Some("0"), Some("0"), Some(2))
    );
    assert_eq!(
        (tally["shares"]["yes"].as_str(), tally["approval"].as_str(), tally["approval_required"].as_str()),
        (Some("100%"), Some("100%"), Some("50%"))
    );
    assert_eq!((tally["quorum_reached"].as_bool(), tally["passing"].as_bool()), (Some(true), Some(true)));
    assert_eq!(tally["yes"], changed["tally"]["yes"]);

    // After the vote: decided by anyone, executable after the 2 s hold-up.
    let decided = until_success(&url, carol, &["gov", "update", &realm, "0"], "VotingNotEnded");
    assert_eq!(decided["state"], "succeeded");
    let executed = until_success(&url, carol, &["gov", "execute", &realm, "0"], "HoldUpNotOver");
    assert_eq!((executed["state"].as_str(), executed["instructions"].as_u64()), (Some("executed"), Some(3)));
    let pool_now = json_of(&psp(&url, &carol.file, &["staking", "pool", "show", &pool]).success());
    assert_eq!(
        (pool_now["admin"].as_str(), pool_now["streams"][0]["rate_per_second"].as_str()),
        (Some(treasury.as_str()), Some("2"))
    );
    assert_eq!(rpc.get_balance(&dave).await.unwrap(), 500_000_000);
    psp(&url, &carol.file, &["gov", "execute", &realm, "0"])
        .failure()
        .stderr(contains("already executed"))
        .stderr(contains("nothing was sent"));
    psp(&url, &alice.file, &["gov", "vote", &realm, "0", "yes"])
        .failure()
        .stderr(contains("NotVoting: proposal 0 is executed"));
    let shown = json_of(&psp(&url, &carol.file, &["gov", "show", &realm, "0"]).success());
    assert_eq!((shown["state"].as_str(), shown["instruction_count"].as_u64()), (Some("executed"), Some(3)));
    assert_eq!(shown["instructions"][2]["summary"], format!("transfer 0.5 SOL from {treasury} to {dave}"));
    assert_eq!(shown["description_hash"].as_str().unwrap().len(), 64);

    // A draft from an instructions file, started later; carol's position created after the
    // vote started cannot vote; only the proposer cancels.
    let transfer = [&[2u8, 0, 0, 0][..], &100_000_000u64.to_le_bytes()].concat();
    let file = dir.path().join("instructions.json");
    let ixs = json!([{ "program_id": "11111111111111111111111111111111", "accounts": [
        { "pubkey": treasury, "is_signer": true, "is_writable": true }, { "pubkey": key(carol), "is_signer": false, "is_writable": true }
    ], "data": STANDARD.encode(&transfer) }]);
    std::fs::write(&file, ixs.to_string()).unwrap();
    let draft = [
        "gov",
        "propose",
        &realm,
        "--title",
        "Pay carol",
        "--link",
        "https://example.org/p/1",
        "--instructions-file",
        file.to_str().unwrap(),
        "--draft",
    ];
    let drafted = json_of(&psp(&url, &bob.file, &draft).success());
    assert_eq!((drafted["index"].as_u64(), drafted["state"].as_str()), (Some(1), Some("draft")));
    psp(&url, &alice.file, &["gov", "start", &realm, "1"]).failure().stderr(contains("only the proposer"));
    let started = json_of(&psp(&url, &bob.file, &["gov", "start", &realm, "1", "--position", "0"]).success());
    assert_eq!((started["state"].as_str(), started["instructions"].as_u64()), (Some("voting"), Some(1)));
    psp(&url, &carol.file, &["staking", "stake", &pool, "--amount", "100", "--lock", "40s"]).success();
    psp(&url, &carol.file, &["gov", "vote", &realm, "1", "yes"])
        .failure()
        .stderr(contains("PositionTooNew"))
        .stderr(contains("nothing was sent"));
    psp(&url, &alice.file, &["gov", "cancel", &realm, "1"]).failure().stderr(contains("only the proposer"));
    psp(&url, &bob.file, &["gov", "cancel", &realm, "1"]).success();
    let listed = json_of(&psp(&url, &carol.file, &["gov", "list", &realm]).success());
    let states: Vec<&str> = listed.as_array().unwrap().iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["executed", "cancelled"]);
    let cancelled = json_of(&psp(&url, &carol.file, &["gov", "list", &realm, "--state", "cancelled"]).success());
    assert_eq!((cancelled.as_array().unwrap().len(), cancelled[0]["index"].as_u64()), (1, Some(1)));

    // Pausing belongs to the council (the multisig's vault): alice's own key is refused.
    psp(&url, &alice.file, &["gov", "pause", &realm, "all"]).failure().stderr(contains("not the council"));
    psp(&url, &alice.file, &["gov", "pause", &realm, "vote,frozen"])
        .failure()
        .stderr(contains("unknown pause flag 'frozen'"));
    pass_proposal(&url, &members, &multisig, &["gov", "pause", &realm, "vote,execute"]);
    assert_eq!(json_of(&psp(&url, &carol.file, &["gov", "realm", "show", &realm]).success())["paused"], "vote,execute");

    // Read-only commands need no keypair; a sending one names the missing file.
    let read = read_only_without_keypair(
        &url,
        &[
            &["gov", "realm", "show", &realm],
            &["gov", "list", &realm],
            &["gov", "show", &realm, "0"],
            &["gov", "tally", &realm, "0"],
        ],
    );
    assert_eq!(read[0]["paused"], "vote,execute");
    assert!(read[1].as_array().is_some_and(|p| !p.is_empty()), "{}", read[1]);
    sending_without_keypair_fails_clearly(&url, &["gov", "pause", &realm, "propose"]);
    drop(rpc);
    localnet.stop();
}
