//! The mint policy in the create commands (issue 11): `psp timelock create`, `psp staking pool
//! create`, `psp staking stream add` and `psp pop distributor create` refuse a mint the programs
//! refuse (a Token-2022 close authority) before sending, and warn when the mint has a freeze
//! authority (`psp_sdk::mint::warnings`).
mod common;

use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token_2022::spl_token_2022::{self, extension::ExtensionType, state::Mint};
use common::{json_of, psp, setup, Setup};
use predicates::str::contains;
use psp_localnet::Localnet;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;

/// A 6-decimal Token-2022 mint (authority: the localnet payer) with `amount` base units in
/// `holder`'s associated token account, an optional freeze authority and an optional close
/// authority extension.
async fn mint(
    localnet: &Localnet,
    rpc: &RpcClient,
    holder: &Pubkey,
    amount: u64,
    freeze: Option<&Pubkey>,
    close_authority: bool,
) -> Pubkey {
    let payer = localnet.payer();
    let mint = Keypair::new();
    let token = spl_token_2022::ID;
    let extensions: &[ExtensionType] = if close_authority { &[ExtensionType::MintCloseAuthority] } else { &[] };
    let space = ExtensionType::try_calculate_account_len::<Mint>(extensions).unwrap();
    let rent = rpc.get_minimum_balance_for_rent_exemption(space).await.unwrap();
    #[allow(deprecated)]
    let mut ixs = vec![solana_sdk::system_instruction::create_account(
        &payer.pubkey(),
        &mint.pubkey(),
        rent,
        space as u64,
        &token,
    )];
    if close_authority {
        ixs.push(
            spl_token_2022::instruction::initialize_mint_close_authority(&token, &mint.pubkey(), Some(&payer.pubkey()))
                .unwrap(),
        );
    }
    ixs.push(
        spl_token_2022::instruction::initialize_mint2(&token, &mint.pubkey(), &payer.pubkey(), freeze, 6).unwrap(),
    );
    ixs.push(create_associated_token_account_idempotent(&payer.pubkey(), holder, &mint.pubkey(), &token));
    let ata = get_associated_token_address_with_program_id(holder, &mint.pubkey(), &token);
    ixs.push(spl_token_2022::instruction::mint_to(&token, &mint.pubkey(), &ata, &payer.pubkey(), &[], amount).unwrap());
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(&ixs, Some(&payer.pubkey()), &[payer, &mint], blockhash);
    rpc.send_and_confirm_transaction(&tx).await.unwrap();
    mint.pubkey()
}

/// The arguments of each create command for `mint` (the pool for `stream add`).
fn commands(mint: &str, recipient: &str, pool: &str) -> Vec<Vec<String>> {
    let lock = ["timelock", "create", "--mint", mint, "--recipient", recipient, "--amount", "10", "--end", "+1h"];
    let pool_create = [
        "staking",
        "pool",
        "create",
        "--mint",
        mint,
        "--max-lockup",
        "60s",
        "--max-multiplier",
        "3x",
        "--min-voting-lockup",
        "10s",
        "--cooldown",
        "2s",
    ];
    let stream = ["staking", "stream", "add", pool, "--mint", mint, "--rate", "1"];
    let distributor = [
        "pop",
        "distributor",
        "create",
        "--mint",
        mint,
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
        "1",
    ];
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![owned(&lock), owned(&pool_create), owned(&stream), owned(&distributor)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_mint_policy_refuses_close_authority_and_warns_about_freeze_authority() {
    let Setup { localnet, url, rpc, dir: _dir, members, .. } = setup(0).await;
    let alice = &members[0];
    let me = alice.keypair.pubkey();
    let recipient = members[1].keypair.pubkey().to_string();
    let plain = mint(&localnet, &rpc, &me, 1_000_000_000, None, false).await.to_string();
    let frozen = mint(&localnet, &rpc, &me, 1_000_000_000, Some(&me), false).await.to_string();
    let closable = mint(&localnet, &rpc, &me, 1_000_000_000, None, true).await.to_string();
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        psp(&url, &alice.file, &args)
    };
    let me_text = me.to_string();
    run(&["timelock", "config", "init", "--admin", &me_text, "--guardian", &me_text].map(String::from)).success();
    // A pool of the plain mint, for `stream add`.
    let created = json_of(&run(&commands(&plain, &recipient, "")[1]).success());
    let pool = created["pool"].as_str().unwrap().to_string();
    assert_eq!(created["warnings"], serde_json::json!([]), "no freeze authority, no warning");

    for args in commands(&closable, &recipient, &pool) {
        run(&args).failure().stderr(contains("UnsupportedMintExtension")).stderr(contains("nothing was sent"));
    }
    for args in commands(&frozen, &recipient, &pool) {
        let output = json_of(&run(&args).success());
        let text = output.to_string();
        assert!(text.contains("the issuer can freeze the vault"), "{args:?}: {text}");
        assert!(text.contains(&me.to_string()), "names the freeze authority: {text}");
    }
    // The text output shows it too.
    assert_cmd::Command::cargo_bin("psp")
        .unwrap()
        .args(["--url", &url, "--keypair", alice.file.to_str().unwrap()])
        .args(commands(&frozen, &recipient, &pool).remove(1))
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success()
        .stdout(contains("warning: the issuer can freeze the vault"));
}
