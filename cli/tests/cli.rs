//! Drives the `psp` binary against an embedded localnet: a 2-of-3 multisig moves SOL through
//! propose / approve / execute, and bad input fails with a clear error and nothing sent.
mod common;

use common::{json_of, psp, read_only_without_keypair, sending_without_keypair_fails_clearly, setup, Setup};
use psp_localnet::Localnet;
use serde_json::Value;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_runs_a_multisig_end_to_end() {
    // A funded vault; then propose a 0.5 SOL transfer.
    let Setup { localnet, url, rpc, dir: _dir, members, multisig, .. } = setup(2_000_000_000).await;
    let recipient = Keypair::new().pubkey().to_string();
    let proposed = psp(
        &url,
        &members[0].file,
        &["multisig", "propose-transfer", &multisig, "--to", &recipient, "--amount", "0.5"],
    )
    .success();
    assert_eq!(json_of(&proposed)["transaction_index"], 1);

    // Bad input: nothing sent, clear errors, nonzero exit.
    psp(&url, &members[0].file, &["multisig", "approve", &multisig, "1"])
        .failure()
        .stderr(predicates::str::contains("AlreadyVoted"))
        .stderr(predicates::str::contains("nothing was sent"));
    psp(&url, &members[1].file, &["multisig", "approve", "not-a-key", "1"])
        .failure()
        .stderr(predicates::str::contains("not a valid base58 public key"));
    psp(&url, &members[1].file, &["multisig", "execute", &multisig, "7"])
        .failure()
        .stderr(predicates::str::contains("has no transaction 7"));
    psp(&url, &members[2].file, &["multisig", "execute", &multisig, "1"])
        .failure()
        .stderr(predicates::str::contains("InvalidProposalStatus"));

    // Approve, list, execute.
    psp(&url, &members[1].file, &["multisig", "approve", &multisig, "1", "--memo", "ok"]).success();
    let listed = psp(&url, &members[2].file, &["multisig", "proposals", &multisig]).success();
    let listed = json_of(&listed);
    assert_eq!(listed[0]["state"], "approved");
    assert_eq!(listed[0]["approvals"], 2);
    psp(&url, &members[2].file, &["multisig", "execute", &multisig, "1"]).success();
    let recipient_key: solana_sdk::pubkey::Pubkey = recipient.parse().unwrap();
    assert_eq!(rpc.get_balance(&recipient_key).await.unwrap(), 500_000_000);

    // Show reflects the settings.
    let shown = psp(&url, &members[2].file, &["multisig", "show", &multisig]).success();
    let shown = json_of(&shown);
    assert_eq!(shown["threshold"], 2);
    assert_eq!(shown["members"].as_array().unwrap().len(), 3);
    assert_eq!(shown["vault_lamports"], 1_500_000_000u64);

    // A config proposal passes with the last approval executing in the same instruction.
    psp(&url, &members[0].file, &["multisig", "propose-config", &multisig, "--time-lock", "60"]).success();
    psp(&url, &members[1].file, &["multisig", "execute", &multisig, "2", "--approve"]).success();
    let shown = json_of(&psp(&url, &members[2].file, &["multisig", "show", &multisig]).success());
    assert_eq!(shown["time_lock"], 60);
    assert_eq!(shown["vault_tokens"].as_array().unwrap().len(), 0);

    // Reject, list, close.
    psp(&url, &members[0].file, &["multisig", "propose-config", &multisig, "--threshold", "3"]).success();
    psp(&url, &members[1].file, &["multisig", "reject", &multisig, "3"]).success();
    psp(&url, &members[2].file, &["multisig", "reject", &multisig, "3", "--memo", "no"]).success();
    let listed = json_of(&psp(&url, &members[2].file, &["multisig", "proposals", &multisig]).success());
    assert_eq!(listed[0]["index"], 3);
    assert_eq!(listed[0]["state"], "rejected");
    psp(&url, &members[2].file, &["multisig", "close", &multisig, "3"]).success();
    let listed = json_of(&psp(&url, &members[2].file, &["multisig", "proposals", &multisig]).success());
    assert!(listed.as_array().unwrap().iter().all(|p| p["index"] != 3), "closed proposal is gone");

    // Emergency pause by one member.
    psp(&url, &members[1].file, &["multisig", "pause", &multisig])
        .failure()
        .stderr(predicates::str::contains("choose what to pause"));
    psp(&url, &members[1].file, &["multisig", "pause", &multisig, "--spending-limits"]).success();
    let shown = json_of(&psp(&url, &members[2].file, &["multisig", "show", &multisig]).success());
    assert_eq!(shown["paused"], 1);

    // Read-only commands need no keypair; a sending one names the missing file.
    let read = read_only_without_keypair(
        &url,
        &[
            &["multisig", "show", &multisig],
            &["multisig", "proposals", &multisig],
            &["multisig", "spending-limit", "list", &multisig],
        ],
    );
    assert_eq!(read[0]["threshold"], 2);
    assert!(read[1].as_array().is_some_and(|p| !p.is_empty()), "{}", read[1]);
    sending_without_keypair_fails_clearly(&url, &["multisig", "approve", &multisig, "1"]);
    drop(rpc);
    localnet.stop();
}

/// `psp --help` describes the CLI as it is: its one-line description names every command group.
#[test]
fn help_names_every_command_group() {
    let help = assert_cmd::Command::cargo_bin("psp").unwrap().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&help.get_output().stdout).to_string();
    let about = text.lines().next().unwrap_or_default();
    for group in ["multisig", "timelock", "staking", "Proof-of-Participation", "governance", "localnet", "demo"] {
        assert!(about.contains(group), "the description {about:?} does not name {group}");
    }
    for command in ["multisig", "timelock", "staking", "pop", "gov", "localnet", "demo"] {
        assert!(text.lines().any(|l| l.trim_start().starts_with(command)), "no `{command}` command in:\n{text}");
    }
}

/// `propose-raw` JSON for SOL transfers of 0.001 SOL from `vault` to each recipient.
fn raw_transfers(vault: &solana_sdk::pubkey::Pubkey, recipients: &[solana_sdk::pubkey::Pubkey]) -> Vec<Value> {
    #[allow(deprecated)]
    recipients
        .iter()
        .map(|r| {
            let ix = solana_sdk::system_instruction::transfer(vault, r, 1_000_000);
            serde_json::json!({
                "program_id": ix.program_id.to_string(),
                "accounts": ix.accounts.iter().map(|a| serde_json::json!({"pubkey": a.pubkey.to_string(), "is_signer": a.is_signer, "is_writable": a.is_writable})).collect::<Vec<_>>(),
                "data": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &ix.data),
            })
        })
        .collect()
}

/// Creates an address lookup table holding `addresses` and waits until it can be used.
async fn create_lookup_table(
    localnet: &Localnet,
    rpc: &RpcClient,
    addresses: &[solana_sdk::pubkey::Pubkey],
) -> solana_sdk::pubkey::Pubkey {
    #[allow(deprecated)]
    use solana_sdk::address_lookup_table::instruction::{create_lookup_table, extend_lookup_table};
    let payer = localnet.payer();
    // A slot the bank's SlotHashes already holds: one before the confirmed tip.
    let slot = rpc.get_slot().await.unwrap().saturating_sub(1);
    let (create, table) = create_lookup_table(payer.pubkey(), payer.pubkey(), slot);
    let mut ixs = vec![create];
    for chunk in addresses.chunks(20) {
        ixs.push(extend_lookup_table(table, payer.pubkey(), Some(payer.pubkey()), chunk.to_vec()));
    }
    for batch in ixs.chunks(1) {
        let blockhash = rpc.get_latest_blockhash().await.unwrap();
        let tx = Transaction::new_signed_with_payer(batch, Some(&payer.pubkey()), &[payer], blockhash);
        rpc.send_and_confirm_transaction(&tx).await.unwrap();
    }
    // Addresses extended in a slot become usable from the next one.
    let extended_at = rpc.get_slot().await.unwrap();
    while rpc.get_slot().await.unwrap() <= extended_at + 1 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    table
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_spending_limits_and_buffered_raw_proposals() {
    let Setup { localnet, url, rpc, dir, members, multisig, vault } = setup(5_000_000_000).await;

    // A raw proposal too large for one transaction goes through a transaction buffer.
    let recipients: Vec<solana_sdk::pubkey::Pubkey> = (0..20).map(|_| Keypair::new().pubkey()).collect();
    let more: Vec<solana_sdk::pubkey::Pubkey> = (0..30).map(|_| Keypair::new().pubkey()).collect();
    let file = dir.path().join("ixs.json");
    std::fs::write(&file, serde_json::to_string(&raw_transfers(&vault, &recipients)).unwrap()).unwrap();
    let proposed =
        psp(&url, &members[0].file, &["multisig", "propose-raw", &multisig, "--instructions", file.to_str().unwrap()])
            .success();
    assert_eq!(json_of(&proposed)["transaction_index"], 1);
    psp(&url, &members[1].file, &["multisig", "execute", &multisig, "1", "--approve"]).success();
    for r in &recipients {
        assert_eq!(rpc.get_balance(r).await.unwrap(), 1_000_000);
    }

    // 30 recipients loaded from an address lookup table: proposed inline, executed by a v0
    // transaction that loads the same table.
    let table = create_lookup_table(&localnet, &rpc, &more).await;
    let file = dir.path().join("ixs-alt.json");
    std::fs::write(&file, serde_json::to_string(&raw_transfers(&vault, &more)).unwrap()).unwrap();
    let proposed = psp(
        &url,
        &members[0].file,
        &[
            "multisig",
            "propose-raw",
            &multisig,
            "--instructions",
            file.to_str().unwrap(),
            "--lookup-table",
            &table.to_string(),
        ],
    )
    .success();
    assert_eq!(json_of(&proposed)["transaction_index"], 2);
    psp(&url, &members[1].file, &["multisig", "execute", &multisig, "2", "--approve"]).success();
    for r in &more {
        assert_eq!(rpc.get_balance(r).await.unwrap(), 1_000_000);
    }

    // Spending limit: proposed, approved, executed; then used without a proposal.
    let spender = members[2].keypair.pubkey().to_string();
    let added = psp(
        &url,
        &members[0].file,
        &["multisig", "spending-limit", "add", &multisig, "--amount", "1", "--period", "day", "--member", &spender],
    )
    .success();
    assert_eq!(json_of(&added)["transaction_index"], 3);
    psp(&url, &members[1].file, &["multisig", "execute", &multisig, "3", "--approve"]).success();
    let listed = json_of(&psp(&url, &members[2].file, &["multisig", "spending-limit", "list", &multisig]).success());
    assert_eq!(listed[0]["mint"], "SOL");
    assert_eq!(listed[0]["remaining"], "1");
    let limit = listed[0]["address"].as_str().unwrap().to_string();
    let to = Keypair::new().pubkey().to_string();
    psp(
        &url,
        &members[2].file,
        &["multisig", "spending-limit", "use", &multisig, &limit, "--to", &to, "--amount", "0.6"],
    )
    .success();
    psp(
        &url,
        &members[2].file,
        &["multisig", "spending-limit", "use", &multisig, &limit, "--to", &to, "--amount", "0.5"],
    )
    .failure()
    .stderr(predicates::str::contains("SpendingLimitExceeded"));
    psp(
        &url,
        &members[1].file,
        &["multisig", "spending-limit", "use", &multisig, &limit, "--to", &to, "--amount", "0.1"],
    )
    .failure()
    .stderr(predicates::str::contains("Unauthorized"));
    assert_eq!(rpc.get_balance(&to.parse().unwrap()).await.unwrap(), 600_000_000);
    let listed = json_of(&psp(&url, &members[2].file, &["multisig", "spending-limit", "list", &multisig]).success());
    assert_eq!(listed[0]["remaining"], "0.4");
    drop(rpc);
    localnet.stop();
}

/// `psp localnet` runs the airdrop faucet: `--fund` goes through it, it prints the faucet's
/// address, and `requestAirdrop` from any client is served (it used to fail with "Invalid request").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn psp_localnet_serves_airdrops() {
    use std::io::BufRead;
    let funded = Keypair::new().pubkey();
    /// Kills the child if the test fails before stopping it.
    struct Stop(std::process::Child);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Stop(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("psp"))
            .args(["localnet", "--fund", &funded.to_string()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("psp localnet starts"),
    );
    let (lines_tx, lines_rx) = std::sync::mpsc::channel();
    let stdout = child.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut banner = Vec::new();
    while !banner.last().is_some_and(|l: &String| l.starts_with("Press Ctrl-C")) {
        let line = lines_rx.recv_timeout(std::time::Duration::from_secs(120));
        let Ok(line) = line else { panic!("psp localnet did not start: {banner:#?}") };
        banner.push(line);
    }
    let field = |name: &str| {
        banner.iter().find_map(|l| l.trim_start().strip_prefix(name)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    let url = field("RPC URL:");
    let faucet = field("Faucet:");
    assert!(faucet.contains("serves requestAirdrop"), "{banner:#?}");

    let rpc = RpcClient::new_with_commitment(url, solana_sdk::commitment_config::CommitmentConfig::confirmed());
    assert_eq!(rpc.get_balance(&funded).await.unwrap(), 100_000_000_000, "--fund airdropped 100 SOL");
    let wallet = Keypair::new().pubkey();
    let signature = rpc.request_airdrop(&wallet, 3_000_000_000).await.expect("requestAirdrop is served");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !rpc.confirm_transaction(&signature).await.unwrap() {
        assert!(std::time::Instant::now() < deadline, "airdrop {signature} not confirmed");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(rpc.get_balance(&wallet).await.unwrap(), 3_000_000_000);
    drop(rpc);

    // SAFETY: signals our own child process.
    unsafe { libc::kill(child.0.id() as i32, libc::SIGINT) };
    let stopped = std::time::Instant::now();
    while child.0.try_wait().unwrap().is_none() {
        assert!(stopped.elapsed() < std::time::Duration::from_secs(60), "psp localnet did not stop on Ctrl-C");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
