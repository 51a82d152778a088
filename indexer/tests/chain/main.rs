//! Chain -> decoder -> PostgreSQL, on the embedded validator and an embedded PostgreSQL: a
//! multisig creation (an `emit!` event), a vault transfer (an `emit_cpi!` event after a CPI) and
//! a vote that fails on chain but lands are fetched over RPC, written in one batch with their
//! events, and read back exactly; writing them again changes nothing.
use psp_indexer::pg::{self, Checkpoint, Commitment, EmbeddedPostgres};
use psp_indexer::source::fetch_record;
use psp_localnet::{Localnet, LocalnetConfig};
use psp_multisig::state::{permission, Member, Vote};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::RpcSendTransactionConfig;
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::instruction::Instruction;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::Transaction;
use sqlx::postgres::PgPoolOptions;

/// An `events` row as read back: signature, name, form, inner index, payload.
type EventRow = (String, String, String, Option<i32>, Vec<u8>);

async fn send(rpc: &RpcClient, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Signature {
    let blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
    let mut all = vec![payer];
    all.extend_from_slice(signers);
    let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, blockhash);
    rpc.send_and_confirm_transaction(&tx).await.expect("confirmed")
}

/// Sends without preflight so a transaction that fails on chain still lands; waits for it.
async fn send_failing(rpc: &RpcClient, payer: &Keypair, ixs: &[Instruction]) -> Signature {
    let blockhash = rpc.get_latest_blockhash().await.expect("blockhash");
    let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &[payer], blockhash);
    let config = RpcSendTransactionConfig { skip_preflight: true, ..Default::default() };
    let signature = rpc.send_transaction_with_config(&tx, config).await.expect("sent");
    for _ in 0..150 {
        if let Some(status) = rpc.get_signature_status(&signature).await.expect("status") {
            assert!(status.is_err(), "the vote should fail on chain");
            return signature;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("{signature} did not land");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetched_transactions_land_with_their_events() {
    let localnet = Localnet::start(LocalnetConfig::default()).await.expect("localnet starts");
    let rpc = RpcClient::new_with_commitment(localnet.rpc_url(), CommitmentConfig::confirmed());
    let payer = localnet.payer();
    let me = payer.pubkey();

    let create_key = Keypair::new();
    let args = MultisigCreateArgs {
        config_authority: None,
        threshold: 1,
        members: vec![Member { key: me, permissions: permission::ALL }],
        time_lock: 0,
        rent_collector: None,
        memo: Some("indexed".into()),
    };
    let multisig = ms::multisig_pda(&create_key.pubkey()).0;
    let created = send(&rpc, payer, &[ms::multisig_create(&create_key.pubkey(), &me, args)], &[&create_key]).await;
    let vault = ms::vault_pda(&multisig, 0).0;
    #[allow(deprecated)]
    let fund = solana_sdk::system_instruction::transfer(&me, &vault, 2_000_000_000);
    #[allow(deprecated)]
    let transfer = solana_sdk::system_instruction::transfer(&vault, &me, 1_000_000_000);
    let message = ms::compile_message(&vault, &[transfer]).expect("message");
    let proposed =
        send(&rpc, payer, &[fund, ms::vault_transaction_create(&multisig, 1, &me, &me, 0, message.clone(), None)], &[])
            .await;
    let executed = send(&rpc, payer, &[ms::vault_transaction_execute(&multisig, 1, &me, &message, false)], &[]).await;
    // Transaction 9 does not exist: the vote fails on chain.
    let refused = send_failing(&rpc, payer, &[ms::proposal_vote(&multisig, 9, &me, Vote::Approve, None)]).await;

    let mut records = Vec::new();
    for signature in [created, proposed, executed, refused] {
        records.push(fetch_record(&rpc, &signature, Commitment::Confirmed).await.expect("fetched"));
    }
    assert!(records[3].failed && records[3].error.is_some(), "{:?}", records[3].error);
    assert_eq!(records[3].decoded.failed_program, Some(psp_multisig::ID));

    let server = EmbeddedPostgres::start().expect("embedded PostgreSQL starts");
    let pool = PgPoolOptions::new().max_connections(2).connect(&server.url()).await.expect("connects");
    pg::migrate(&pool).await.expect("migrations apply");
    let last = records.iter().max_by_key(|r| r.slot).unwrap();
    let checkpoint = Checkpoint {
        source: format!("backfill:{}", psp_multisig::ID),
        slot: last.slot,
        signature: Some(last.signature.clone()),
    };
    let written = pg::write_batch(&pool, &records, &checkpoint).await.expect("written");
    assert_eq!((written.transactions, written.rejected), (4, 0));

    let rows: Vec<(String, i64, bool, Option<String>)> =
        sqlx::query_as("SELECT signature, slot, failed, failed_program FROM transactions ORDER BY slot, signature")
            .fetch_all(&pool)
            .await
            .unwrap();
    for record in &records {
        let row = rows.iter().find(|r| r.0 == record.signature).expect("every fetched transaction is stored");
        assert_eq!((row.1 as u64, row.2), (record.slot, record.failed));
    }
    assert!(rows
        .iter()
        .any(|r| r.0 == refused.to_string() && r.3.as_deref() == Some(&psp_multisig::ID.to_string()[..])));

    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT signature, name, form, inner_index, payload FROM events ORDER BY slot, signature, event_index",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let of = |signature: &Signature| events.iter().filter(|e| e.0 == signature.to_string()).collect::<Vec<_>>();
    assert_eq!(
        of(&created).iter().map(|e| (e.1.as_str(), e.2.as_str())).collect::<Vec<_>>(),
        [("MultisigCreated", "log")]
    );
    let exec = of(&executed);
    let last_event = exec.last().expect("execution events");
    assert_eq!(
        (last_event.1.as_str(), last_event.2.as_str(), last_event.3),
        ("VaultTransactionExecuted", "cpi", Some(1))
    );
    let decoded = &records[2].decoded.events.last().unwrap().payload;
    assert_eq!(&last_event.4, decoded, "the stored payload is the event's exact bytes");
    let total_events: usize = records.iter().map(|r| r.decoded.events.len()).sum();
    assert_eq!(events.len(), total_events);

    let again = pg::write_batch(&pool, &records, &checkpoint).await.expect("rewritten");
    assert_eq!((again.transactions, again.events, again.rejected), (0, 0, 0), "idempotent");
    assert_eq!(pg::read_checkpoint(&pool, &checkpoint.source).await.unwrap(), Some(checkpoint));
}
