//! Drives `psp staking ...` against an embedded localnet: pool create/show, reward streams
//! (add, fund, set-rate, cap, retire), positions under two locks with growing pending rewards,
//! claims into freshly created token accounts, extend and add, unstake refused while locked and
//! allowed after, withdraw after the cooldown, pause/unpause, the admin role handed to a
//! multisig vault whose actions pass by proposal, and bad input refused with nothing sent.
mod common;

use common::{
    balance, json_of, mint_to, mint_with_balance, psp, read_only_without_keypair,
    sending_without_keypair_fails_clearly, setup, Member, Setup,
};
use predicates::str::contains;
use serde_json::Value;
use solana_sdk::signature::Signer;

fn key(m: &Member) -> String {
    m.keypair.pubkey().to_string()
}

fn pending(positions: &Value, index: u64, stream: usize) -> u64 {
    let position = positions.as_array().unwrap().iter().find(|p| p["index"] == index).unwrap();
    position["pending"][stream]["pending_base"].as_u64().unwrap()
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_staking_end_to_end() {
    let Setup { localnet, url, rpc, dir: _dir, members, multisig, vault } = setup(1_000_000_000).await;
    let (alice, bob, carol) = (&members[0], &members[1], &members[2]);
    let stake_key = mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000_000).await;
    mint_to(&localnet, &rpc, &stake_key, &bob.keypair.pubkey(), 10_000_000_000).await;
    let reward_key = mint_with_balance(&localnet, &rpc, &alice.keypair.pubkey(), 1_000_000_000_000).await;
    let (stake_mint, reward_mint, vault) = (stake_key.to_string(), reward_key.to_string(), vault.to_string());

    // A pool administered by alice (handed to the multisig's vault later), guardian carol.
    let create = [
        "staking",
        "pool",
        "create",
        "--mint",
        &stake_mint,
        "--max-lockup",
        "60s",
        "--max-multiplier",
        "3x",
        "--min-voting-lockup",
        "10s",
        "--cooldown",
        "2s",
        "--guardian",
        &key(carol),
    ];
    let mut too_strong = create;
    too_strong[8] = "11";
    psp(&url, &alice.file, &too_strong)
        .failure()
        .stderr(contains("InvalidPoolConfig"))
        .stderr(contains("nothing was sent"));
    let created = json_of(&psp(&url, &alice.file, &create).success());
    let pool = created["pool"].as_str().unwrap().to_string();
    assert_eq!(created["admin"], key(alice).as_str());
    assert_eq!(created["max_multiplier"], "3x");

    // Streams: the reward mint at 1/s then re-rated to 2/s and capped; the stake mint at 43,200/day.
    psp(&url, &bob.file, &["staking", "stream", "add", &pool, "--mint", &reward_mint, "--rate", "1"])
        .failure()
        .stderr(contains("Unauthorized"));
    psp(&url, &alice.file, &["staking", "stream", "add", &pool, "--mint", &reward_mint, "--rate", "1"]).success();
    psp(&url, &alice.file, &["staking", "stream", "add", &pool, "--mint", &stake_mint, "--rate-per-day", "43200"])
        .success();
    psp(&url, &alice.file, &["staking", "stream", "fund", &pool, "0", "--amount", "10000"]).success();
    psp(&url, &alice.file, &["staking", "stream", "fund", &pool, "1", "--amount", "5000"]).success();
    psp(&url, &alice.file, &["staking", "stream", "fund", &pool, "2", "--amount", "1"])
        .failure()
        .stderr(contains("no stream at index 2"));
    psp(&url, &alice.file, &["staking", "stream", "set-rate", &pool, "0", "--rate", "2"]).success();
    psp(&url, &alice.file, &["staking", "stream", "cap", &pool, "0", "--cap", "1000", "--window", "1d"]).success();
    let shown = json_of(&psp(&url, &bob.file, &["staking", "pool", "show", &pool]).success());
    assert_eq!(shown["admin"], key(alice).as_str());
    assert_eq!(shown["guardian"], key(carol).as_str());
    let streams = shown["streams"].as_array().unwrap();
    assert_eq!(streams.len(), 2);
    assert_eq!(
        (streams[0]["rate_per_second"].as_str(), streams[0]["rate_per_day"].as_str()),
        (Some("2"), Some("172800"))
    );
    assert_eq!(
        (streams[0]["outflow_cap"].as_str(), streams[0]["outflow_window"].as_u64()),
        (Some("1000"), Some(86_400))
    );
    assert_eq!(
        (streams[0]["total_funded"].as_str(), streams[0]["mint"].as_str()),
        (Some("10000"), Some(reward_mint.as_str()))
    );
    assert_eq!(streams[1]["rate_per_second"], "0.5");
    assert!(streams[0]["emission_per_year_per_staked_token"].is_null(), "nothing staked yet");

    // Bob stakes under two locks; a lock above the max is refused before anything is sent.
    let staked =
        json_of(&psp(&url, &bob.file, &["staking", "stake", &pool, "--amount", "100", "--lock", "3s"]).success());
    assert_eq!(
        (staked["index"].as_u64(), staked["multiplier"].as_str(), staked["weight"].as_str()),
        (Some(0), Some("1.1x"), Some("110"))
    );
    let staked =
        json_of(&psp(&url, &bob.file, &["staking", "stake", &pool, "--amount", "200", "--lock", "30s"]).success());
    assert_eq!(
        (staked["index"].as_u64(), staked["multiplier"].as_str(), staked["weight"].as_str()),
        (Some(1), Some("2x"), Some("400"))
    );
    psp(&url, &bob.file, &["staking", "stake", &pool, "--amount", "1", "--lock", "2m"])
        .failure()
        .stderr(contains("LockTooLong"))
        .stderr(contains("nothing was sent"));
    assert_eq!(balance(&rpc, &bob.keypair.pubkey(), &stake_key).await, "9700");
    let shown = json_of(&psp(&url, &bob.file, &["staking", "pool", "show", &pool]).success());
    assert_eq!(shown["total_staked"], "300");
    assert_eq!(shown["total_weight"], "510");
    assert!(shown["streams"][0]["apr"].is_null(), "another mint has no APR");
    assert_eq!(shown["streams"][1]["apr"], "5256000%", "0.5/s x 1 year / 300 staked");

    // Positions: pending rewards grow with time.
    let before = json_of(&psp(&url, &carol.file, &["staking", "positions", &pool, "--owner", &key(bob)]).success());
    assert_eq!(before.as_array().unwrap().len(), 2);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let after = json_of(&psp(&url, &carol.file, &["staking", "positions", &pool]).success());
    assert_eq!(after.as_array().unwrap().len(), 2);
    assert!(pending(&after, 1, 0) > pending(&before, 1, 0), "{before} -> {after}");
    assert!(pending(&after, 1, 1) > pending(&before, 1, 1));
    assert_eq!(after[1]["voting_power"].as_str().map(|v| v != "0"), Some(true), "a 30 s lock votes: {after}");
    assert!(json_of(&psp(&url, &carol.file, &["staking", "positions", &pool, "--owner", &key(carol)]).success())
        .as_array()
        .unwrap()
        .is_empty());

    // Claim every stream of position 1: bob's reward-mint account is created on the way.
    assert_eq!(balance(&rpc, &bob.keypair.pubkey(), &reward_key).await, "none");
    let claimed = json_of(&psp(&url, &bob.file, &["staking", "claim", &pool, "1"]).success());
    let claims = claimed["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{claimed}");
    assert!(claims.iter().all(|c| c["amount_base"].as_u64().unwrap() > 0));
    // Everything pending was claimed: the events' checkpoints leave nothing in either stream.
    assert!(claims.iter().all(|c| c["left_base"].as_u64() == Some(0)), "{claimed}");
    assert_eq!(balance(&rpc, &bob.keypair.pubkey(), &reward_key).await, claims[0]["amount"].as_str().unwrap());
    let partial = json_of(
        &psp(&url, &bob.file, &["staking", "claim", &pool, "0", "--stream", "0", "--max", "0.000001"]).success(),
    );
    assert_eq!(partial["claims"][0]["amount"], "0.000001");
    psp(&url, &carol.file, &["staking", "claim", &pool, "0"]).failure().stderr(contains("has no position 0"));

    // Extend and add; unstaking a running lock is refused by the program.
    let extended = json_of(&psp(&url, &bob.file, &["staking", "extend", &pool, "1", "--lock", "+50s"]).success());
    assert!(extended["lock_end"].as_i64().unwrap() > staked["lock_end"].as_i64().unwrap());
    psp(&url, &bob.file, &["staking", "extend", &pool, "1", "--lock", "2m"]).failure().stderr(contains("LockTooLong"));
    let added = json_of(&psp(&url, &bob.file, &["staking", "add", &pool, "1", "--amount", "10"]).success());
    assert_eq!(added["amount"], "210");
    psp(&url, &bob.file, &["staking", "unstake", &pool, "1"])
        .failure()
        .stderr(contains("StillLocked"))
        .stderr(contains("nothing was sent"));

    // Pause: the guardian adds flags, only the admin clears them; unknown flags are refused.
    psp(&url, &bob.file, &["staking", "pause", &pool, "stake"]).failure().stderr(contains("Unauthorized"));
    psp(&url, &carol.file, &["staking", "pause", &pool, "stake"]).success();
    psp(&url, &bob.file, &["staking", "add", &pool, "1", "--amount", "1"]).failure().stderr(contains("Paused"));
    psp(&url, &carol.file, &["staking", "unpause", &pool]).failure().stderr(contains("GuardianCannotUnpause"));
    psp(&url, &alice.file, &["staking", "pause", &pool, "stake,frozen"])
        .failure()
        .stderr(contains("unknown pause flag 'frozen'"));
    psp(&url, &alice.file, &["staking", "unpause", &pool]).success();
    assert_eq!(json_of(&psp(&url, &bob.file, &["staking", "pool", "show", &pool]).success())["paused"], "none");

    // Position 0's 3 s lock has ended: anyone refreshes it to 1x; bob unstakes, waits out the
    // cooldown and withdraws.
    let refreshed = json_of(
        &psp(&url, &carol.file, &["staking", "refresh", &pool, "--owner", &key(bob), "--index", "0"]).success(),
    );
    assert_eq!(refreshed["multiplier"], "1x");
    let unbonding = json_of(&psp(&url, &bob.file, &["staking", "unstake", &pool, "0"]).success());
    assert_eq!((unbonding["amount"].as_str(), unbonding["cooling"].as_str()), (Some("0"), Some("100")));
    psp(&url, &bob.file, &["staking", "withdraw", &pool, "0"]).failure().stderr(contains("CooldownNotOver"));
    std::thread::sleep(std::time::Duration::from_secs(3));
    let before = balance(&rpc, &bob.keypair.pubkey(), &stake_key).await.parse::<f64>().unwrap();
    psp(&url, &bob.file, &["staking", "withdraw", &pool, "0"]).success();
    let after = balance(&rpc, &bob.keypair.pubkey(), &stake_key).await.parse::<f64>().unwrap();
    assert_eq!(after, before + 100.0);
    // An emptied position closes once its rewards are claimed; a staked one does not.
    let _ = psp(&url, &bob.file, &["staking", "claim", &pool, "0"]);
    let closed = json_of(&psp(&url, &bob.file, &["staking", "close", &pool, "0"]).success());
    assert_eq!(closed["closed"], true);
    psp(&url, &bob.file, &["staking", "close", &pool, "1"]).failure().stderr(contains("PositionNotEmpty"));

    // The admin role moves to the multisig's vault; its actions then pass by proposal.
    psp(&url, &alice.file, &["staking", "pool", "propose-admin", &pool, &vault]).success();
    let wrong_vault = ["staking", "pool", "accept-admin", &pool, "--multisig", &multisig, "--vault-index", "1"];
    psp(&url, &alice.file, &wrong_vault).failure().stderr(contains("is not the pool's pending admin"));
    pass_proposal(&url, &members, &multisig, &["staking", "pool", "accept-admin", &pool]);
    assert_eq!(json_of(&psp(&url, &bob.file, &["staking", "pool", "show", &pool]).success())["admin"], vault.as_str());
    psp(&url, &alice.file, &["staking", "stream", "set-rate", &pool, "1", "--rate", "1"])
        .failure()
        .stderr(contains("Unauthorized"));
    pass_proposal(&url, &members, &multisig, &["staking", "stream", "set-rate", &pool, "1", "--rate", "0.25"]);
    pass_proposal(&url, &members, &multisig, &["staking", "pool", "config", &pool, "--cooldown", "1d"]);
    pass_proposal(&url, &members, &multisig, &["staking", "stream", "retire", &pool, "0"]);
    let shown = json_of(&psp(&url, &bob.file, &["staking", "pool", "show", &pool]).success());
    assert_eq!(shown["streams"][1]["rate_per_second"], "0.25");
    assert_eq!(shown["cooldown"], 86_400);
    assert_eq!(shown["streams"][0]["status"], "retired");
    let refunded: f64 = balance(&rpc, &vault.parse().unwrap(), &reward_key).await.parse().unwrap();
    assert!(refunded > 9_000.0, "unallocated rewards go back to the vault: {refunded}");

    // Read-only commands need no keypair; a sending one names the missing file.
    let read = read_only_without_keypair(
        &url,
        &[
            &["staking", "pool", "show", &pool],
            &["staking", "positions", &pool],
            &["staking", "positions", &pool, "--owner", &key(bob)],
        ],
    );
    assert_eq!(read[0]["cooldown"], 86_400);
    assert!(read[1].as_array().is_some_and(|p| !p.is_empty()), "{}", read[1]);
    sending_without_keypair_fails_clearly(&url, &["staking", "stake", &pool, "--amount", "1", "--lock", "3s"]);
    drop(rpc);
    localnet.stop();
}
