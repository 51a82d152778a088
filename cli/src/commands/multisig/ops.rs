//! Multisig operations over RPC, shared by the `psp multisig` commands and the demo.
use anchor_lang::{AnchorSerialize, Discriminator};
use anyhow::{bail, Result};
use psp_multisig::state::{ConfigAction, ConfigTransaction, Multisig, Proposal, VaultTransaction, Vote};
use psp_multisig::{MultisigCreateArgs, TransactionBufferCreateArgs};
use psp_sdk::multisig as ms;
use solana_sdk::hash::hash;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};

use crate::client::Client;

/// Messages above this many bytes are written through a transaction buffer.
const INLINE_MESSAGE_LIMIT: usize = 700;
/// Bytes per buffer chunk (fits one transaction with room for accounts and signatures).
const BUFFER_CHUNK: usize = 800;

/// Creates a multisig with a fresh create key; returns its address.
pub async fn create(client: &Client, args: MultisigCreateArgs) -> Result<(Pubkey, Signature)> {
    let create_key = Keypair::new();
    let ix = ms::multisig_create(&create_key.pubkey(), &client.payer()?.pubkey(), args);
    let signature = client.send(&[ix], &[&create_key]).await?;
    Ok((ms::multisig_pda(&create_key.pubkey()).0, signature))
}

/// The multisig account.
pub async fn multisig(client: &Client, address: &Pubkey) -> Result<Multisig> {
    client.account(address, "multisig").await
}

/// Proposes config `actions`; returns the transaction index.
pub async fn propose_config(
    client: &Client,
    multisig: &Pubkey,
    actions: Vec<ConfigAction>,
    memo: Option<String>,
) -> Result<(u64, Signature)> {
    let index = self::multisig(client, multisig).await?.transaction_index + 1;
    let me = client.payer()?.pubkey();
    let ix = ms::config_transaction_create(multisig, index, &me, &me, actions, memo);
    Ok((index, client.send(&[ix], &[]).await?))
}

/// Proposes `instructions` as a vault transaction, through a buffer when large; returns the
/// transaction index.
pub async fn propose_vault(
    client: &Client,
    multisig: &Pubkey,
    vault_index: u8,
    instructions: &[Instruction],
    memo: Option<String>,
) -> Result<(u64, Signature)> {
    propose_vault_with_tables(client, multisig, vault_index, instructions, &[], memo).await
}

/// [`propose_vault`] loading accounts from the lookup tables at `tables`.
pub async fn propose_vault_with_tables(
    client: &Client,
    multisig: &Pubkey,
    vault_index: u8,
    instructions: &[Instruction],
    tables: &[Pubkey],
    memo: Option<String>,
) -> Result<(u64, Signature)> {
    let vault = ms::vault_pda(multisig, vault_index).0;
    let mut loaded = Vec::new();
    for table in tables {
        loaded.push(client.lookup_table(table).await?);
    }
    let message = ms::compile_message_with_tables(&vault, &[], instructions, &loaded)?;
    let index = self::multisig(client, multisig).await?.transaction_index + 1;
    let me = client.payer()?.pubkey();
    let bytes = message.try_to_vec()?;
    if bytes.len() <= INLINE_MESSAGE_LIMIT {
        let ix = ms::vault_transaction_create(multisig, index, &me, &me, vault_index, message, memo);
        return Ok((index, client.send(&[ix], &[]).await?));
    }
    let buffer_index = 0;
    let mut chunks = bytes.chunks(BUFFER_CHUNK);
    let args = TransactionBufferCreateArgs {
        buffer_index,
        vault_index,
        final_buffer_hash: hash(&bytes).to_bytes(),
        final_buffer_size: u16::try_from(bytes.len())?,
        buffer: chunks.next().unwrap_or_default().to_vec(),
    };
    client.send(&[ms::transaction_buffer_create(multisig, &me, &me, args)], &[]).await?;
    for chunk in chunks {
        client.send(&[ms::transaction_buffer_extend(multisig, &me, buffer_index, chunk.to_vec())], &[]).await?;
    }
    let ix = ms::vault_transaction_create_from_buffer(multisig, index, &me, &me, buffer_index, memo);
    Ok((index, client.send(&[ix], &[]).await?))
}

/// Casts `vote` on transaction `index`.
pub async fn vote(
    client: &Client,
    multisig: &Pubkey,
    index: u64,
    vote: Vote,
    memo: Option<String>,
) -> Result<Signature> {
    let ix = ms::proposal_vote(multisig, index, &client.payer()?.pubkey(), vote, memo);
    client.send(&[ix], &[]).await
}

/// A stored transaction of either kind.
pub enum StoredTransaction {
    /// Config actions.
    Config(ConfigTransaction),
    /// Vault instructions.
    Vault(VaultTransaction),
}

/// Reads transaction `index` and tells its kind by discriminator.
pub async fn transaction(client: &Client, multisig: &Pubkey, index: u64) -> Result<StoredTransaction> {
    let address = ms::transaction_pda(multisig, index).0;
    let Some(data) = client.data(&address).await? else {
        bail!("multisig {multisig} has no transaction {index} (never created, or closed)");
    };
    if data.starts_with(ConfigTransaction::DISCRIMINATOR) {
        return Ok(StoredTransaction::Config(client.account(&address, "config transaction").await?));
    }
    if data.starts_with(VaultTransaction::DISCRIMINATOR) {
        return Ok(StoredTransaction::Vault(client.account(&address, "vault transaction").await?));
    }
    bail!("{address} is not a multisig transaction")
}

/// The proposal of transaction `index`.
pub async fn proposal(client: &Client, multisig: &Pubkey, index: u64) -> Result<Proposal> {
    client.account(&ms::proposal_pda(multisig, index).0, "proposal").await
}

/// Executes transaction `index` (recording the caller's approval first when `approve`).
pub async fn execute(client: &Client, multisig: &Pubkey, index: u64, approve: bool) -> Result<Signature> {
    let me = client.payer()?.pubkey();
    match transaction(client, multisig, index).await? {
        StoredTransaction::Config(tx) => {
            // Removed spending limits return their rent to the rent collector (or vault 0).
            let collector = self::multisig(client, multisig).await?.rent_collector;
            let ix = ms::config_transaction_execute(
                multisig,
                index,
                &me,
                Some(&me),
                collector.as_ref(),
                &tx.actions,
                approve,
            );
            client.send(&[ix], &[]).await
        }
        StoredTransaction::Vault(tx) => {
            // The vault message's lookup tables also shrink the executor's own (v0) transaction.
            let mut tables = Vec::new();
            for lookup in &tx.message.address_table_lookups {
                tables.push(client.lookup_table(&lookup.account_key).await?);
            }
            let ix = ms::vault_transaction_execute_with_tables(multisig, index, &me, &tx.message, &tables, approve)?;
            client.send_with_tables(&[ix], &[], &tables).await
        }
    }
}

/// Closes finished transaction `index`; rent goes to the rent collector.
pub async fn close(client: &Client, multisig: &Pubkey, index: u64) -> Result<Signature> {
    let state = self::multisig(client, multisig).await?;
    let Some(collector) = state.rent_collector else {
        bail!("multisig {multisig} has no rent collector; propose `--rent-collector` first");
    };
    let ix = match transaction(client, multisig, index).await? {
        StoredTransaction::Config(_) => ms::config_transaction_accounts_close(multisig, index, &collector),
        StoredTransaction::Vault(_) => ms::vault_transaction_accounts_close(multisig, index, &collector),
    };
    client.send(&[ix], &[]).await
}
