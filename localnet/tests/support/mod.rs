//! Helpers of the localnet end-to-end test: PSP transactions over RPC and event decoding.

use std::time::{Duration, Instant};

use anchor_lang::{InstructionData, ToAccountMetas};
use psp_multisig::events::{MultisigCreated, VaultTransactionExecuted};
use psp_multisig::state::{permission, Member};
use psp_sdk::decoder::{decode_transaction, EventForm, TransactionView};
use psp_sdk::multisig as ms;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::RpcTransactionConfig;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::Transaction;
use solana_transaction_status_client_types::option_serializer::OptionSerializer;

/// `multisig_create` with one all-permissions member; returns the multisig PDA too.
pub fn multisig_create(creator: &Pubkey, create_key: &Pubkey) -> (Instruction, Pubkey) {
    let (multisig, _) = Pubkey::find_program_address(&[b"multisig", create_key.as_ref()], &psp_multisig::ID);
    let args = psp_multisig::MultisigCreateArgs {
        config_authority: None,
        threshold: 1,
        members: vec![Member { key: *creator, permissions: permission::ALL }],
        time_lock: 0,
        rent_collector: None,
        memo: Some("localnet test".into()),
    };
    let accounts = psp_multisig::accounts::MultisigCreate {
        multisig,
        create_key: *create_key,
        creator: *creator,
        system_program: anchor_lang::system_program::ID,
    };
    let data = psp_multisig::instruction::MultisigCreate { args }.data();
    (Instruction { program_id: psp_multisig::ID, accounts: accounts.to_account_metas(None), data }, multisig)
}

/// Sends and confirms (at `confirmed`) one `multisig_create`.
pub async fn create_multisig(client: &RpcClient, payer: &Keypair) -> (Signature, Pubkey, Pubkey) {
    let create_key = Keypair::new();
    let (ix, multisig) = multisig_create(&payer.pubkey(), &create_key.pubkey());
    let blockhash = client.get_latest_blockhash().await.expect("blockhash");
    let tx = Transaction::new_signed_with_payer(&[ix], Some(&payer.pubkey()), &[payer, &create_key], blockhash);
    let signature = client.send_and_confirm_transaction(&tx).await.expect("multisig_create confirmed");
    (signature, multisig, create_key.pubkey())
}

/// The `MultisigCreated` event of a transaction's logs (the sdk's decoder; logs alone, as a
/// `logsSubscribe` notification carries them).
pub fn multisig_created_event(logs: &[String]) -> Option<MultisigCreated> {
    let view = TransactionView { programs: vec![], inner: None, logs: logs.to_vec() };
    decode_transaction(&view).events_of::<MultisigCreated>(&psp_multisig::ID).into_iter().next()
}

/// Funds vault 0 of `multisig` (threshold 1, `payer` its only member), proposes and executes a
/// SOL transfer from it; returns the `VaultTransactionExecuted` event found in the inner
/// instructions of the execution, and the execution's logs.
pub async fn execute_vault_transfer(
    client: &RpcClient,
    payer: &Keypair,
    multisig: Pubkey,
    tx_config: RpcTransactionConfig,
) -> (VaultTransactionExecuted, Vec<String>) {
    let vault = ms::vault_pda(&multisig, 0).0;
    let recipient = Pubkey::new_unique();
    #[allow(deprecated)]
    let transfer = solana_sdk::system_instruction::transfer(&vault, &recipient, 1_000_000_000);
    let message = ms::compile_message(&vault, &[transfer]).expect("vault message compiles");
    #[allow(deprecated)]
    let fund = solana_sdk::system_instruction::transfer(&payer.pubkey(), &vault, 2_000_000_000);
    let me = payer.pubkey();
    let create = ms::vault_transaction_create(&multisig, 1, &me, &me, 0, message.clone(), None);
    send(client, payer, &[fund, create]).await;
    let signature = send(client, payer, &[ms::vault_transaction_execute(&multisig, 1, &me, &message, false)]).await;
    assert_eq!(client.get_balance(&recipient).await.expect("balance"), 1_000_000_000);

    let tx = client.get_transaction_with_config(&signature, tx_config).await.expect("getTransaction");
    let decoded = psp_sdk::decoder::rpc::decode_fetched(&tx.transaction).expect("decodable transaction");
    assert!(decoded.rejected.is_empty() && !decoded.logs_truncated, "{decoded:#?}");
    let position = decoded.events.last().expect("an event").position;
    assert_eq!((position.form, position.inner_index), (EventForm::Cpi, Some(1)), "after the system transfer");
    let event = decoded.events_of::<VaultTransactionExecuted>(&psp_multisig::ID).into_iter().next();
    let OptionSerializer::Some(logs) = tx.transaction.meta.expect("meta").log_messages else { panic!("no logs") };
    (event.unwrap_or_else(|| panic!("no VaultTransactionExecuted event in {decoded:#?}")), logs)
}

/// Proposes `message` as vault transaction `index` of `multisig` through a transaction buffer
/// (800-byte chunks), as `psp multisig propose-raw` does for large messages; the creator's
/// approval is recorded with it.
pub async fn propose_through_buffer(
    client: &RpcClient,
    payer: &Keypair,
    multisig: &Pubkey,
    index: u64,
    message: &psp_multisig::state::VaultTransactionMessage,
) {
    let me = payer.pubkey();
    let bytes = anchor_lang::AnchorSerialize::try_to_vec(message).expect("message serializes");
    let mut chunks = bytes.chunks(800);
    let args = psp_multisig::TransactionBufferCreateArgs {
        buffer_index: 0,
        vault_index: 0,
        final_buffer_hash: solana_sdk::hash::hash(&bytes).to_bytes(),
        final_buffer_size: u16::try_from(bytes.len()).expect("message fits a buffer"),
        buffer: chunks.next().unwrap_or_default().to_vec(),
    };
    send(client, payer, &[ms::transaction_buffer_create(multisig, &me, &me, args)]).await;
    for chunk in chunks {
        send(client, payer, &[ms::transaction_buffer_extend(multisig, &me, 0, chunk.to_vec())]).await;
    }
    send(client, payer, &[ms::vault_transaction_create_from_buffer(multisig, index, &me, &me, 0, None)]).await;
}

/// Signs with `payer`, sends and confirms.
pub async fn send(client: &RpcClient, payer: &Keypair, ixs: &[Instruction]) -> Signature {
    let blockhash = client.get_latest_blockhash().await.expect("blockhash");
    let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &[payer], blockhash);
    client.send_and_confirm_transaction(&tx).await.expect("transaction confirmed")
}

/// Polls `f` every 200 ms until it returns `Some` or `timeout` passes.
pub async fn eventually<T, F: std::future::Future<Output = Option<T>>>(
    timeout: Duration,
    mut f: impl FnMut() -> F,
) -> Option<T> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(value) = f().await {
            return Some(value);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    None
}
