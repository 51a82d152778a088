//! RPC access: reads at `confirmed`, and sends that simulate first so bad input never leaves
//! a half-done action on chain.
use std::sync::OnceLock;

use anchor_lang::{AccountDeserialize, Discriminator};
use anyhow::{anyhow, bail, Context, Result};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSimulateTransactionConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::instruction::{Instruction, InstructionError};
use solana_sdk::message::{v0, AddressLookupTableAccount, VersionedMessage};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::{Transaction, TransactionError, VersionedTransaction};

/// A connection plus the paying signer, which is read only when something is signed: read-only
/// commands work without any keypair file.
pub struct Client {
    /// Non-blocking RPC client at `confirmed` commitment.
    pub rpc: RpcClient,
    /// The keypair file, read on first use (`None`: the payer was given).
    keypair_path: Option<String>,
    /// The payer, or why it cannot be read.
    payer: OnceLock<Result<Keypair, String>>,
}

impl Client {
    /// Connects to `url` with `payer` as fee payer.
    pub fn new(url: String, payer: Keypair) -> Self {
        let rpc = RpcClient::new_with_commitment(url, CommitmentConfig::confirmed());
        Self { rpc, keypair_path: None, payer: OnceLock::from(Ok(payer)) }
    }

    /// Connects to `url`; the payer is read from `keypair_path` when a command first signs.
    pub fn with_keypair_file(url: String, keypair_path: String) -> Self {
        let rpc = RpcClient::new_with_commitment(url, CommitmentConfig::confirmed());
        Self { rpc, keypair_path: Some(keypair_path), payer: OnceLock::new() }
    }

    /// The fee payer and default signer. Fails, naming the file and how to pass one, when the
    /// keypair file cannot be read.
    pub fn payer(&self) -> Result<&Keypair> {
        let loaded = self.payer.get_or_init(|| {
            let path = self.keypair_path.as_deref().expect("a client without a payer has a keypair path");
            crate::cluster::read_keypair(path)
        });
        loaded.as_ref().map_err(|message| anyhow!("{message}"))
    }

    /// Simulates, then sends and confirms `instructions` in one transaction. A failed simulation
    /// sends nothing and returns the program error by name with the program's logs. A
    /// transaction too large for one packet goes out as v0 through a fresh lookup table of its
    /// accounts (deactivated afterwards).
    pub async fn send(&self, instructions: &[Instruction], signers: &[&Keypair]) -> Result<Signature> {
        if !crate::lookup::too_large(&self.payer()?.pubkey(), instructions) {
            return self.send_with_tables(instructions, signers, &[]).await;
        }
        let table = self.create_lookup_table(&crate::lookup::table_candidates(instructions)).await?;
        let result = self.send_with_tables(instructions, signers, std::slice::from_ref(&table)).await;
        if let Err(error) = self.deactivate_lookup_table(&table.key).await {
            tracing::warn!("lookup table {} stays active: {error:#}", table.key);
        }
        result
    }

    /// Like [`Client::send`], as a v0 transaction loading accounts from lookup `tables` (legacy
    /// when there are none).
    pub async fn send_with_tables(
        &self,
        instructions: &[Instruction],
        signers: &[&Keypair],
        tables: &[AddressLookupTableAccount],
    ) -> Result<Signature> {
        let payer = self.payer()?;
        let mut keys: Vec<&Keypair> = vec![payer];
        keys.extend(signers.iter().copied().filter(|k| k.pubkey() != payer.pubkey()));
        let blockhash = self.rpc.get_latest_blockhash().await.context("cannot reach the RPC node")?;
        let tx: VersionedTransaction = if tables.is_empty() {
            Transaction::new_signed_with_payer(instructions, Some(&payer.pubkey()), &keys, blockhash).into()
        } else {
            let message = v0::Message::try_compile(&payer.pubkey(), instructions, tables, blockhash)?;
            VersionedTransaction::try_new(VersionedMessage::V0(message), &keys)?
        };
        let config = RpcSimulateTransactionConfig {
            sig_verify: true,
            commitment: Some(CommitmentConfig::confirmed()),
            ..Default::default()
        };
        let simulation =
            self.rpc.simulate_transaction_with_config(&tx, config).await.context("simulation request failed")?;
        if let Some(error) = simulation.value.err {
            let logs = simulation.value.logs.unwrap_or_default();
            let tail: Vec<&String> = logs.iter().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            bail!(
                "transaction would fail, nothing was sent: {}\nprogram logs:\n  {}",
                explain(&error, &logs),
                tail.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  ")
            );
        }
        self.rpc.send_and_confirm_transaction(&tx).await.map_err(|e| anyhow!("sending failed: {e}"))
    }

    /// Asks the cluster's faucet for `lamports` to `to` (`requestAirdrop`, as web3.js tests do)
    /// and waits until the transfer is confirmed.
    pub async fn airdrop(&self, to: &Pubkey, lamports: u64) -> Result<Signature> {
        let signature = self.rpc.request_airdrop(to, lamports).await.context("requestAirdrop failed")?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !self.rpc.confirm_transaction(&signature).await? {
            if std::time::Instant::now() > deadline {
                bail!("airdrop {signature} to {to} not confirmed after 30 s");
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Ok(signature)
    }

    /// Decodes the Anchor account at `key`.
    pub async fn account<T: AccountDeserialize>(&self, key: &Pubkey, what: &str) -> Result<T> {
        let account = self
            .rpc
            .get_account_with_commitment(key, CommitmentConfig::confirmed())
            .await?
            .value
            .ok_or_else(|| anyhow!("no {what} at {key}"))?;
        T::try_deserialize(&mut &account.data[..]).map_err(|_| anyhow!("{key} is not a {what}"))
    }

    /// Reads address lookup table `key` (for v0 transactions and vault messages).
    pub async fn lookup_table(&self, key: &Pubkey) -> Result<AddressLookupTableAccount> {
        let data = self.data(key).await?.ok_or_else(|| anyhow!("no lookup table at {key}"))?;
        let addresses = psp_multisig::utils::lookup_table_addresses(&data)
            .map_err(|_| anyhow!("{key} is not an address lookup table"))?;
        Ok(AddressLookupTableAccount { key: *key, addresses })
    }

    /// Every account of type `T` owned by `program_id` (matched by discriminator) whose data
    /// holds each `(offset, bytes)` of `filters` (`getProgramAccounts` with memcmp filters).
    pub async fn program_accounts<T: AccountDeserialize + Discriminator>(
        &self,
        program_id: &Pubkey,
        filters: Vec<(usize, Vec<u8>)>,
    ) -> Result<Vec<(Pubkey, T)>> {
        let mut memcmp = vec![RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, T::DISCRIMINATOR.to_vec()))];
        memcmp.extend(
            filters.into_iter().map(|(offset, bytes)| RpcFilterType::Memcmp(Memcmp::new_raw_bytes(offset, bytes))),
        );
        let config = RpcProgramAccountsConfig {
            filters: Some(memcmp),
            account_config: RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                commitment: Some(CommitmentConfig::confirmed()),
                ..Default::default()
            },
            ..Default::default()
        };
        let accounts = self.rpc.get_program_accounts_with_config(program_id, config).await?;
        Ok(accounts
            .into_iter()
            .filter_map(|(k, a)| T::try_deserialize(&mut &a.data[..]).ok().map(|t| (k, t)))
            .collect())
    }

    /// Raw account data, if the account exists.
    pub async fn data(&self, key: &Pubkey) -> Result<Option<Vec<u8>>> {
        Ok(self.rpc.get_account_with_commitment(key, CommitmentConfig::confirmed()).await?.value.map(|a| a.data))
    }
}

/// A transaction error in words, naming PSP program errors (the raising program is read from
/// the logs, so errors of PSP programs called by a multisig vault are named too).
pub fn explain(error: &TransactionError, logs: &[String]) -> String {
    match error {
        TransactionError::InstructionError(index, InstructionError::Custom(code)) => {
            match psp_sdk::errors::failing_program(logs).and_then(|program| psp_sdk::errors::explain(&program, *code)) {
                Some(text) => format!("instruction {index}: {text} (error {code})"),
                None => format!("instruction {index}: custom program error {code}"),
            }
        }
        other => other.to_string(),
    }
}
