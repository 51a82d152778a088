//! Shared setup of the CLI end-to-end tests: an embedded localnet, funded members with keypair
//! files, a 2-of-3 multisig created through the `psp` binary, and helpers to run the binary.
#![allow(dead_code)]
use std::path::{Path, PathBuf};

use anchor_spl::associated_token::get_associated_token_address;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use assert_cmd::Command;
use psp_localnet::{Localnet, LocalnetConfig};
use serde_json::Value;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::program_pack::Pack;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{write_keypair_file, Keypair, Signer};
use solana_sdk::transaction::Transaction;

/// A funded wallet and its keypair file.
pub struct Member {
    pub keypair: Keypair,
    pub file: PathBuf,
}

/// Runs `psp --output json ARGS` against `url` signed by `keypair`.
pub fn psp(url: &str, keypair: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("psp")
        .unwrap()
        .args(["--url", url, "--keypair", keypair.to_str().unwrap(), "--output", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
}

/// Runs `psp --output json ARGS` against `url` with no keypair anywhere: HOME is an empty
/// directory (no Solana CLI config, no `~/.config/solana/id.json`) and neither `--keypair` nor
/// `PSP_KEYPAIR` is given. Returns the run and the keypair path the CLI defaults to.
pub fn psp_without_keypair(url: &str, args: &[&str]) -> (assert_cmd::assert::Assert, String) {
    let home = tempfile::tempdir().unwrap();
    let run = Command::cargo_bin("psp")
        .unwrap()
        .env("HOME", home.path())
        .env_remove("PSP_KEYPAIR")
        .args(["--url", url, "--output", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .assert();
    (run, format!("{}/.config/solana/id.json", home.path().display()))
}

/// Runs each read-only command with no keypair anywhere ([`psp_without_keypair`]) and
/// requires success; returns their JSON documents.
pub fn read_only_without_keypair(url: &str, commands: &[&[&str]]) -> Vec<Value> {
    commands
        .iter()
        .map(|args| {
            let (run, _) = psp_without_keypair(url, args);
            let output = run.get_output();
            assert!(
                output.status.success(),
                "`psp {}` needs no keypair, but failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
            json_of(&run)
        })
        .collect()
}

/// Runs a sending command with no keypair anywhere: it fails before sending, naming the
/// keypair file it looked for and how to pass one.
pub fn sending_without_keypair_fails_clearly(url: &str, args: &[&str]) {
    let (run, path) = psp_without_keypair(url, args);
    run.failure()
        .stderr(predicates::str::contains(format!("the keypair {path} cannot be read")))
        .stderr(predicates::str::contains("pass one with --keypair <FILE>"));
}

/// The JSON document on a command's stdout.
pub fn json_of(assert: &assert_cmd::assert::Assert) -> Value {
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    // Native programs print `msg!` lines to stdout; the JSON document starts at the first '{' or '['.
    let start = out.find(['{', '[']).unwrap_or_else(|| panic!("no JSON in: {out}"));
    serde_json::from_str(&out[start..]).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"))
}

/// Three funded members with keypair files.
pub async fn members(localnet: &Localnet, rpc: &RpcClient, dir: &Path) -> Vec<Member> {
    let mut members = Vec::new();
    for i in 0..3 {
        let keypair = Keypair::new();
        let file = dir.join(format!("member{i}.json"));
        write_keypair_file(&keypair, &file).unwrap();
        members.push(Member { keypair, file });
    }
    let payer = localnet.payer();
    #[allow(deprecated)]
    let funding: Vec<_> = members
        .iter()
        .map(|m| solana_sdk::system_instruction::transfer(&payer.pubkey(), &m.keypair.pubkey(), 5_000_000_000))
        .collect();
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(&funding, Some(&payer.pubkey()), &[payer], blockhash);
    rpc.send_and_confirm_transaction(&tx).await.unwrap();
    members
}

/// Creates a 2-of-3 multisig through the CLI; returns its address and vault 0.
pub fn create_multisig(url: &str, members: &[Member]) -> (String, solana_sdk::pubkey::Pubkey) {
    let member_args: Vec<String> = members.iter().map(|m| format!("{}:ive", m.keypair.pubkey())).collect();
    let mut args = vec!["multisig", "create", "--threshold", "2", "--rent-collector"];
    let collector = members[0].keypair.pubkey().to_string();
    args.push(&collector);
    for m in &member_args {
        args.extend(["--member", m.as_str()]);
    }
    let created = psp(url, &members[0].file, &args).success();
    let created = json_of(&created);
    let multisig = created["multisig"].as_str().unwrap().to_string();
    (multisig, created["vault"].as_str().unwrap().parse().unwrap())
}

/// Sends `lamports` from the localnet faucet to `to`.
pub async fn fund(localnet: &Localnet, rpc: &RpcClient, to: &solana_sdk::pubkey::Pubkey, lamports: u64) {
    let payer = localnet.payer();
    #[allow(deprecated)]
    let ix = solana_sdk::system_instruction::transfer(&payer.pubkey(), to, lamports);
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    rpc.send_and_confirm_transaction(&Transaction::new_signed_with_payer(
        &[ix],
        Some(&payer.pubkey()),
        &[payer],
        blockhash,
    ))
    .await
    .unwrap();
}

/// A localnet with a 2-of-3 multisig created through the CLI and its vault 0 funded.
pub struct Setup {
    pub localnet: Localnet,
    pub url: String,
    pub rpc: RpcClient,
    pub dir: tempfile::TempDir,
    pub members: Vec<Member>,
    pub multisig: String,
    pub vault: solana_sdk::pubkey::Pubkey,
}

/// Starts a localnet with three funded members and a 2-of-3 multisig whose vault 0 holds `vault_lamports`.
pub async fn setup(vault_lamports: u64) -> Setup {
    let localnet = Localnet::start(LocalnetConfig::default()).await.expect("localnet");
    let url = localnet.rpc_url();
    let rpc = RpcClient::new_with_commitment(url.clone(), CommitmentConfig::confirmed());
    let dir = tempfile::tempdir().unwrap();
    let members = members(&localnet, &rpc, dir.path()).await;
    let (multisig, vault) = create_multisig(&url, &members);
    fund(&localnet, &rpc, &vault, vault_lamports).await;
    Setup { localnet, url, rpc, dir, members, multisig, vault }
}

/// A new wallet funded with `lamports`, with its keypair file in `dir`.
pub async fn wallet(localnet: &Localnet, rpc: &RpcClient, dir: &Path, name: &str, lamports: u64) -> Member {
    let keypair = Keypair::new();
    let file = dir.join(format!("{name}.json"));
    write_keypair_file(&keypair, &file).unwrap();
    fund(localnet, rpc, &keypair.pubkey(), lamports).await;
    Member { keypair, file }
}

/// A new 6-decimal SPL mint with `amount` base units in `holder`'s associated token account.
pub async fn mint_with_balance(localnet: &Localnet, rpc: &RpcClient, holder: &Pubkey, amount: u64) -> Pubkey {
    let payer = localnet.payer();
    let mint = Keypair::new();
    let space = spl_token::state::Mint::LEN;
    let rent = rpc.get_minimum_balance_for_rent_exemption(space).await.unwrap();
    #[allow(deprecated)]
    let ixs = vec![
        solana_sdk::system_instruction::create_account(
            &payer.pubkey(),
            &mint.pubkey(),
            rent,
            space as u64,
            &spl_token::ID,
        ),
        spl_token::instruction::initialize_mint2(&spl_token::ID, &mint.pubkey(), &payer.pubkey(), None, 6).unwrap(),
        create_associated_token_account_idempotent(&payer.pubkey(), holder, &mint.pubkey(), &spl_token::ID),
        spl_token::instruction::mint_to(
            &spl_token::ID,
            &mint.pubkey(),
            &get_associated_token_address(holder, &mint.pubkey()),
            &payer.pubkey(),
            &[],
            amount,
        )
        .unwrap(),
    ];
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(&ixs, Some(&payer.pubkey()), &[payer, &mint], blockhash);
    rpc.send_and_confirm_transaction(&tx).await.unwrap();
    mint.pubkey()
}

/// `owner`'s associated token account balance of `mint` in UI units ("none" without one).
pub async fn balance(rpc: &RpcClient, owner: &Pubkey, mint: &Pubkey) -> String {
    match rpc.get_token_account_balance(&get_associated_token_address(owner, mint)).await {
        Ok(b) => b.ui_amount_string,
        Err(_) => "none".into(),
    }
}

/// Mints `amount` base units of `mint` (authority: the localnet faucet) to `holder`'s
/// associated token account, created if missing.
pub async fn mint_to(localnet: &Localnet, rpc: &RpcClient, mint: &Pubkey, holder: &Pubkey, amount: u64) {
    let payer = localnet.payer();
    let ixs = vec![
        create_associated_token_account_idempotent(&payer.pubkey(), holder, mint, &spl_token::ID),
        spl_token::instruction::mint_to(
            &spl_token::ID,
            mint,
            &get_associated_token_address(holder, mint),
            &payer.pubkey(),
            &[],
            amount,
        )
        .unwrap(),
    ];
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(&ixs, Some(&payer.pubkey()), &[payer], blockhash);
    rpc.send_and_confirm_transaction(&tx).await.unwrap();
}
