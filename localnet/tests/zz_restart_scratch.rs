use std::time::Duration;
use anchor_lang::{InstructionData, ToAccountMetas};
use psp_localnet::{Localnet, LocalnetConfig};
use psp_multisig::state::{permission, Member};
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::{commitment_config::CommitmentConfig, instruction::Instruction, pubkey::Pubkey, signature::{Keypair, Signer}, transaction::Transaction};

async fn create(client: &RpcClient, payer: &Keypair) -> Pubkey {
    let ck = Keypair::new();
    let (multisig, _) = Pubkey::find_program_address(&[b"multisig", ck.pubkey().as_ref()], &psp_multisig::ID);
    let args = psp_multisig::MultisigCreateArgs { config_authority: None, threshold: 1, members: vec![Member { key: payer.pubkey(), permissions: permission::ALL }], time_lock: 0, rent_collector: None, memo: None };
    let accounts = psp_multisig::accounts::MultisigCreate { multisig, create_key: ck.pubkey(), creator: payer.pubkey(), system_program: anchor_lang::system_program::ID };
    let ix = Instruction { program_id: psp_multisig::ID, accounts: accounts.to_account_metas(None), data: psp_multisig::instruction::MultisigCreate { args }.data() };
    let bh = client.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(&[ix], Some(&payer.pubkey()), &[payer, &ck], bh);
    client.send_and_confirm_transaction(&tx).await.unwrap();
    multisig
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart() {
    let dir = std::path::PathBuf::from("/tmp/scratch/ledger");
    let _ = std::fs::remove_dir_all(&dir);
    let cfg = LocalnetConfig { ledger_path: Some(dir.clone()), ..Default::default() };
    let ln = Localnet::start(cfg.clone()).await.unwrap();
    let payer = ln.payer().pubkey();
    let client = RpcClient::new_with_commitment(ln.rpc_url(), CommitmentConfig::confirmed());
    let m = Pubkey::new_unique(); let to = Pubkey::new_unique(); let bh = client.get_latest_blockhash().await.unwrap(); client.send_and_confirm_transaction(&solana_sdk::system_transaction::transfer(ln.payer(), &to, 5_000_000, bh)).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await; println!("to balance {}", client.get_balance(&to).await.unwrap());
    let slot = client.get_slot().await.unwrap();
    println!("created {m} slot {slot}");
    ln.stop();
    let ln = Localnet::start(cfg).await.unwrap();
    assert_eq!(ln.payer().pubkey(), payer);
    let client = RpcClient::new_with_commitment(ln.rpc_url(), CommitmentConfig::confirmed());
    println!("after restart slot {}", client.get_slot().await.unwrap());
    println!("to balance after restart {:?}", client.get_balance(&to).await); println!("account after restart: {:?}", client.get_account(&m).await.map(|a| a.data.len()));
    let m2 = create(&client, ln.payer()).await;
    println!("created after restart {m2}");
    ln.stop();
}
