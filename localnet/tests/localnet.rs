//! End-to-end: PSP programs hosted natively in the localnet validator, reached over JSON-RPC and
//! websocket exactly as the CLI and the indexer reach them.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use psp_localnet::{Localnet, LocalnetConfig};
use psp_sdk::multisig as ms;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client::rpc_client::GetConfirmedSignaturesForAddress2Config;
use solana_rpc_client_api::config::{RpcTransactionConfig, RpcTransactionLogsConfig, RpcTransactionLogsFilter};
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::signature::Signer;
use solana_transaction_status_client_types::option_serializer::OptionSerializer;
use solana_transaction_status_client_types::UiTransactionEncoding;

mod support;

use psp_sdk::decoder::EventForm;
use support::{
    create_multisig, eventually, execute_vault_transfer, multisig_created_event, propose_through_buffer, send,
};

const SLOTS_PER_EPOCH: u64 = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programs_reachable_over_rpc_and_websocket_across_epochs() {
    let started = Instant::now();
    let config = LocalnetConfig { slots_per_epoch: Some(SLOTS_PER_EPOCH), ..LocalnetConfig::default() };
    let localnet = Localnet::start(config).await.expect("localnet starts");
    println!("localnet ready in {:?} at {}", started.elapsed(), localnet.rpc_url());
    assert!(localnet.programs().contains(&("psp_multisig", psp_multisig::ID)));
    let client = RpcClient::new_with_commitment(localnet.rpc_url(), CommitmentConfig::confirmed());
    let payer = localnet.payer();

    // 1. A transaction into psp_multisig succeeds.
    println!("[{:>6.1?}] step 1", started.elapsed());
    let (sig1, multisig, create_key) = create_multisig(&client, payer).await;
    let account = client.get_account(&multisig).await.expect("multisig account exists");
    assert_eq!(account.owner, psp_multisig::ID);

    // 2. getSignaturesForAddress on the program id finds it.
    println!("[{:>6.1?}] step 2", started.elapsed());
    let (client_ref, sig1_str) = (&client, &sig1.to_string());
    let found = eventually(Duration::from_secs(10), || async move {
        let sigs = client_ref
            .get_signatures_for_address_with_config(
                &psp_multisig::ID,
                GetConfirmedSignaturesForAddress2Config {
                    commitment: Some(CommitmentConfig::confirmed()),
                    ..Default::default()
                },
            )
            .await
            .ok()?;
        sigs.iter().any(|s| s.signature == *sig1_str).then_some(())
    })
    .await;
    assert!(found.is_some(), "getSignaturesForAddress never listed {sig1}");

    // 3. getTransaction returns the logs with the decodable `MultisigCreated` event.
    println!("[{:>6.1?}] step 3", started.elapsed());
    let tx_config = RpcTransactionConfig {
        encoding: Some(UiTransactionEncoding::Base64),
        commitment: Some(CommitmentConfig::confirmed()),
        max_supported_transaction_version: Some(0),
    };
    let tx = client.get_transaction_with_config(&sig1, tx_config).await.expect("getTransaction");
    let meta = tx.transaction.meta.expect("transaction meta");
    assert!(meta.err.is_none(), "transaction failed: {:?}", meta.err);
    let OptionSerializer::Some(logs) = meta.log_messages else { panic!("no logs in getTransaction") };
    let event = multisig_created_event(&logs).unwrap_or_else(|| panic!("no MultisigCreated event in {logs:#?}"));
    assert_eq!(event.multisig, multisig);
    assert_eq!(event.create_key, create_key);
    assert_eq!(event.creator, payer.pubkey());
    assert_eq!(event.threshold, 1);
    assert_eq!(event.members.len(), 1);
    assert_eq!(event.memo.as_deref(), Some("localnet test"));

    // 4. logsSubscribe (mentions the program) receives the logs of a later transaction.
    println!("[{:>6.1?}] step 4", started.elapsed());
    let pubsub = PubsubClient::new(&localnet.ws_url()).await.expect("pubsub connects");
    let logs_config = RpcTransactionLogsConfig { commitment: Some(CommitmentConfig::confirmed()) };
    let (mut stream, unsubscribe) = pubsub
        .logs_subscribe(RpcTransactionLogsFilter::Mentions(vec![psp_multisig::ID.to_string()]), logs_config)
        .await
        .expect("logsSubscribe");
    let (sig2, multisig2, _) = create_multisig(&client, payer).await;
    let notified = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(notification) = stream.next().await {
            if notification.value.signature == sig2.to_string() {
                return Some(notification.value);
            }
        }
        None
    })
    .await
    .expect("logs notification within 30 s")
    .expect("logs stream open");
    assert!(notified.err.is_none());
    assert_eq!(multisig_created_event(&notified.logs).expect("event in websocket logs").multisig, multisig2);
    unsubscribe().await;
    drop(stream);
    pubsub.shutdown().await.expect("pubsub shutdown");

    // 5. `emit_cpi!` events are inner instructions in getTransaction (a vault transaction that
    //    sends SOL: nested CPI vault -> system program, then the event self-CPI).
    println!("[{:>6.1?}] step 5", started.elapsed());
    let (executed, logs) = execute_vault_transfer(&client, payer, multisig, tx_config).await;
    assert_eq!(executed.vault, ms::vault_pda(&multisig, 0).0);
    assert_eq!((executed.transaction_index, executed.instruction_count), (1, 1));
    // The validator runs the stubs in `EventCpiLogging::Off`: no synthetic log lines.
    assert!(!logs.iter().any(|l| l.starts_with("Program cpi-event: ")), "{logs:#?}");

    // 6. Past two epoch boundaries, PSP transactions still execute.
    println!("[{:>6.1?}] step 6", started.elapsed());
    let first_epoch = client.get_epoch_info().await.expect("epoch info").epoch;
    let waited = Instant::now();
    let epoch = eventually(Duration::from_secs(SLOTS_PER_EPOCH * 3), || async move {
        let info = client_ref.get_epoch_info().await.ok()?;
        (info.epoch >= first_epoch + 2).then_some(info.epoch)
    })
    .await
    .expect("two epoch boundaries within the timeout");
    println!("epoch {first_epoch} -> {epoch} after {:?}", waited.elapsed());
    let (sig3, multisig3, _) = create_multisig(&client, payer).await;
    let tx = client.get_transaction_with_config(&sig3, tx_config).await.expect("getTransaction after epochs");
    let OptionSerializer::Some(logs) = tx.transaction.meta.expect("meta").log_messages else { panic!("no logs") };
    assert_eq!(multisig_created_event(&logs).expect("event after epochs").multisig, multisig3);

    // 7. Stopping removes the temporary ledger.
    println!("[{:>6.1?}] step 7", started.elapsed());
    let ledger = localnet.ledger_path().to_path_buf();
    // Close our connections first: the RPC server's shutdown waits for open keep-alive
    // connections (measured: a 30 s stall about every other run otherwise).
    drop(client);
    let stopping = Instant::now();
    localnet.stop();
    println!("stopped in {:?}", stopping.elapsed());
    assert!(!ledger.exists(), "temporary ledger {} left behind", ledger.display());
    println!("total {:?}", started.elapsed());
}

#[tokio::test]
async fn existing_ledger_is_refused() {
    // A ledger is recognised by its vote-account keypair (`TestValidatorGenesis::ledger_exists`).
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("vote-account-keypair.json"), b"[]").expect("marker file");
    let config = LocalnetConfig { ledger_path: Some(dir.path().to_path_buf()), ..LocalnetConfig::default() };
    let err = Localnet::start(config).await.err().expect("existing ledger refused");
    assert!(err.to_string().contains("already holds a ledger"), "{err:#}");
}

/// web3.js / Anchor TypeScript tests start with `requestAirdrop`: the localnet serves it from a
/// faucet funded at genesis, as `solana-test-validator` does (it used to answer "Invalid request").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_airdrop_is_served_by_the_faucet() {
    let localnet = Localnet::start(LocalnetConfig::default()).await.expect("localnet starts");
    let client = RpcClient::new_with_commitment(localnet.rpc_url(), CommitmentConfig::confirmed());
    let wallet = solana_sdk::pubkey::Pubkey::new_unique();
    let lamports = 2 * solana_sdk::native_token::LAMPORTS_PER_SOL;

    let signature = client.request_airdrop(&wallet, lamports).await.expect("requestAirdrop is served");
    let client_ref = &client;
    let confirmed = eventually(Duration::from_secs(30), || async move {
        client_ref.confirm_transaction(&signature).await.ok()?.then_some(())
    })
    .await;
    assert!(confirmed.is_some(), "airdrop {signature} never confirmed");
    assert_eq!(client.get_balance(&wallet).await.expect("balance"), lamports);
    // From the faucet account funded at genesis (which pays the transaction fee, if any).
    let faucet = client.get_balance(&localnet.faucet_keypair().pubkey()).await.expect("faucet balance");
    let funded = psp_localnet::DEFAULT_FAUCET_SOL * solana_sdk::native_token::LAMPORTS_PER_SOL;
    assert!(faucet <= funded - lamports && faucet > funded - lamports - 1_000_000, "faucet holds {faucet}");
    assert!(localnet.faucet_addr().ip().is_loopback());

    drop(client);
    localnet.stop();
}

/// Logs are cut at 10 KB per transaction. A vault transaction of 60 system transfers writes about
/// 12 KB of frame lines natively; the `emit_cpi!` event after them survives as an inner
/// instruction, and the decoder returns it with the cut flagged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cpi_events_survive_log_truncation() {
    // 60 CPIs plus the event stay within the runtime's 64-entry instruction trace.
    const TRANSFERS: u64 = 60;
    let localnet = Localnet::start(LocalnetConfig::default()).await.expect("localnet starts");
    let client = RpcClient::new_with_commitment(localnet.rpc_url(), CommitmentConfig::confirmed());
    let payer = localnet.payer();
    let me = payer.pubkey();
    let (_, multisig, _) = create_multisig(&client, payer).await;
    let vault = ms::vault_pda(&multisig, 0).0;
    #[allow(deprecated)]
    let fund = solana_sdk::system_instruction::transfer(&me, &vault, 1_000_000_000);
    send(&client, payer, &[fund]).await;
    #[allow(deprecated)]
    let transfers: Vec<_> =
        (1..=TRANSFERS).map(|lamports| solana_sdk::system_instruction::transfer(&vault, &me, lamports)).collect();
    let message = ms::compile_message(&vault, &transfers).expect("vault message compiles");
    propose_through_buffer(&client, payer, &multisig, 1, &message).await;
    let execute = ms::vault_transaction_execute(&multisig, 1, &me, &message, false);
    let signature = send(&client, payer, &[execute]).await;

    let config = RpcTransactionConfig {
        encoding: Some(UiTransactionEncoding::Base64),
        commitment: Some(CommitmentConfig::confirmed()),
        max_supported_transaction_version: Some(0),
    };
    let tx = client.get_transaction_with_config(&signature, config).await.expect("getTransaction");
    let decoded = psp_sdk::decoder::rpc::decode_fetched(&tx.transaction).expect("decodable");
    assert!(decoded.logs_truncated, "60 transfers should exceed the 10 KB log limit");
    let OptionSerializer::Some(logs) = tx.transaction.meta.expect("meta").log_messages else { panic!("no logs") };
    assert_eq!(logs.last().map(String::as_str), Some("Log truncated"));
    let executed: Vec<psp_multisig::events::VaultTransactionExecuted> = decoded.events_of(&psp_multisig::ID);
    assert_eq!(executed.len(), 1, "the event CPI survives the cut: {decoded:#?}");
    assert_eq!((executed[0].vault, executed[0].instruction_count), (vault, TRANSFERS as u16));
    let position = decoded.events[0].position;
    assert_eq!((position.form, position.inner_index), (EventForm::Cpi, Some(TRANSFERS as u32)));
    assert!(decoded.rejected.is_empty());
}
