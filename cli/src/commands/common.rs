//! Helpers every program's commands share: a mint's decimals and token program, the cluster's
//! clock, balance checks before sending, admin actions signed directly or proposed from a
//! multisig vault, and printing a sent action.
use anchor_lang::{AccountDeserialize, AnchorDeserialize, Discriminator};
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_interface::Mint;
use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use serde_json::{json, Value};
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use psp_indexer::pg::Commitment;
use psp_sdk::decoder::DecodedTransaction;

use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::multisig::ops;
use crate::output::print;

/// A mint's decimals and token program (SPL Token or Token-2022, read from the account owner).
#[derive(Clone, Copy, Debug)]
pub struct MintInfo {
    /// Decimal places of UI amounts.
    pub decimals: u8,
    /// The program that owns the mint.
    pub token_program: Pubkey,
}

impl MintInfo {
    /// The associated token account of `owner` for `mint`.
    pub fn ata(&self, owner: &Pubkey, mint: &Pubkey) -> Pubkey {
        get_associated_token_address_with_program_id(owner, mint, &self.token_program)
    }

    /// Parses a UI amount exactly (no more decimals than the mint has).
    pub fn parse(&self, amount: &str) -> Result<u64> {
        psp_sdk::amounts::parse_amount(amount, self.decimals).map_err(|e| anyhow!(e))
    }

    /// Formats base units as a UI amount.
    pub fn format(&self, amount: u64) -> String {
        psp_sdk::amounts::format_amount(amount, self.decimals)
    }
}

/// Reads `mint` and tells which token program owns it.
pub async fn mint_info(client: &Client, mint: &Pubkey) -> Result<MintInfo> {
    let account = client.rpc.get_account(mint).await.with_context(|| format!("mint {mint} not found"))?;
    mint_info_of(mint, &account)
}

/// [`mint_info`] of a mint a new vault, escrow or stream will hold: a mint the programs refuse
/// (`psp_sdk::mint::refusal`) is refused before anything is sent, and the warnings to show with
/// the result (`psp_sdk::mint::warnings`, e.g. a freeze authority) are returned.
pub async fn vault_mint_info(client: &Client, mint: &Pubkey) -> Result<(MintInfo, Vec<String>)> {
    let account = client.rpc.get_account(mint).await.with_context(|| format!("mint {mint} not found"))?;
    let info = mint_info_of(mint, &account)?;
    if let Some(reason) = psp_sdk::mint::refusal(mint, &account.owner, &account.data) {
        bail!("{reason}; nothing was sent");
    }
    Ok((info, psp_sdk::mint::warnings(mint, &account.data)))
}

fn mint_info_of(mint: &Pubkey, account: &solana_sdk::account::Account) -> Result<MintInfo> {
    let token_program = account.owner;
    if token_program != anchor_spl::token::ID && token_program != anchor_spl::token_2022::ID {
        bail!("{mint} is not a token mint (owned by {token_program}, not SPL Token or Token-2022)");
    }
    let decimals =
        Mint::try_deserialize(&mut &account.data[..]).map_err(|_| anyhow!("{mint} is not a token mint"))?.decimals;
    Ok(MintInfo { decimals, token_program })
}

/// Adds mint `warnings` to a create output: a `warnings` list in JSON (always present), one
/// `warning` line each in text.
pub fn add_warnings(value: &mut Value, text: &mut String, warnings: &[String]) {
    value["warnings"] = json!(warnings);
    for warning in warnings {
        text.push_str(&format!("\n  warning: {warning}"));
    }
}

/// The cluster's clock (unix seconds), so relative times and "now" match what programs see.
pub async fn cluster_now(client: &Client) -> Result<i64> {
    let data =
        client.data(&solana_sdk::sysvar::clock::ID).await?.ok_or_else(|| anyhow!("the cluster has no clock sysvar"))?;
    // Clock layout: slot, epoch_start_timestamp, epoch, leader_schedule_epoch, unix_timestamp.
    let bytes: [u8; 8] =
        data.get(32..40).and_then(|b| b.try_into().ok()).ok_or_else(|| anyhow!("malformed clock sysvar"))?;
    Ok(i64::from_le_bytes(bytes))
}

/// Checks that the signer's associated token account of `mint` holds at least `amount`;
/// returns that account.
pub async fn check_balance(client: &Client, info: &MintInfo, mint: &Pubkey, amount: u64) -> Result<Pubkey> {
    let me = client.payer()?.pubkey();
    let source = info.ata(&me, mint);
    let balance = client
        .rpc
        .get_token_account_balance(&source)
        .await
        .map_err(|_| anyhow!("you ({me}) have no token account for mint {mint} ({source}); nothing was sent"))?;
    let have: u64 = balance.amount.parse().unwrap_or(0);
    if have < amount {
        bail!(
            "insufficient balance: {source} holds {}, {} needed; nothing was sent",
            info.format(have),
            info.format(amount)
        );
    }
    Ok(source)
}

/// Options of admin actions: sign directly, or propose from a multisig vault that is the admin.
#[derive(Args, Debug, Clone)]
pub struct AdminOpts {
    /// Propose the action from this multisig's vault (the admin) instead of signing with your key.
    #[arg(long, value_parser = parse_pubkey)]
    pub multisig: Option<Pubkey>,
    /// Index of the multisig vault that acts (with --multisig).
    #[arg(long, default_value_t = 0)]
    pub vault_index: u8,
    /// Memo recorded on the proposal (with --multisig).
    #[arg(long)]
    pub memo: Option<String>,
}

impl AdminOpts {
    /// Who signs the instruction: the multisig vault, or the keypair.
    pub fn authority(&self, client: &Client) -> Result<Pubkey> {
        Ok(match &self.multisig {
            Some(multisig) => psp_sdk::multisig::vault_pda(multisig, self.vault_index).0,
            None => client.payer()?.pubkey(),
        })
    }

    /// Refuses to propose from a vault that is not `expected`, the `role` such as "timelock
    /// admin" (nothing sent).
    pub fn check_vault(&self, client: &Client, expected: &Pubkey, role: &str) -> Result<()> {
        if let Some(multisig) = &self.multisig {
            let vault = self.authority(client)?;
            if vault != *expected {
                bail!(
                    "vault {} of multisig {multisig} is not the {role} ({expected}); nothing was proposed",
                    self.vault_index
                );
            }
        }
        Ok(())
    }

    /// Sends `ix` (signed by the keypair), or proposes it as a vault transaction of the multisig.
    pub async fn send(&self, client: &Client, out: OutputFormat, ix: Instruction, what: &str) -> Result<()> {
        self.send_all(client, out, vec![ix], what).await
    }

    /// Sends `ixs` in one transaction (signed by the keypair), or proposes them as one vault
    /// transaction of the multisig.
    pub async fn send_all(&self, client: &Client, out: OutputFormat, ixs: Vec<Instruction>, what: &str) -> Result<()> {
        match &self.multisig {
            None => {
                let signature = client.send(&ixs, &[]).await?;
                done(out, json!({ "result": what }), what.to_string(), &signature);
            }
            Some(multisig) => {
                let (index, signature) =
                    ops::propose_vault(client, multisig, self.vault_index, &ixs, self.memo.clone()).await?;
                let value = json!({ "proposed": what, "multisig": multisig.to_string(), "transaction_index": index, "signature": signature.to_string() });
                print(out, &value, || {
                    format!(
                        "Proposed transaction {index} on multisig {multisig}: {what} (signed by vault {} when executed).\nApprove and execute with `psp multisig approve|execute {multisig} {index}`.\nSignature: {signature}",
                        self.vault_index
                    )
                });
            }
        }
        Ok(())
    }
}

/// Prints a sent action: `value` plus the signature in JSON, `text` plus the signature in text.
pub fn done(out: OutputFormat, mut value: Value, text: String, signature: &Signature) {
    value["signature"] = json!(signature.to_string());
    print(out, &value, || format!("{text}\nSignature: {signature}"));
}

/// Every PSP event of transaction `signature` at `confirmed`, read exactly as the indexer reads
/// it (`psp_indexer::source::fetch_record`: the sdk's decoder), with the transaction's block time.
pub async fn transaction_events(client: &Client, signature: &Signature) -> Result<(DecodedTransaction, Option<i64>)> {
    let record = psp_indexer::source::fetch_record(&client.rpc, signature, Commitment::Confirmed).await?;
    Ok((record.decoded, record.block_time))
}

/// Every event `E` that `program_id` emitted in transaction `signature` (logged or by CPI).
pub async fn program_events<E: AnchorDeserialize + Discriminator>(
    client: &Client,
    program_id: &Pubkey,
    signature: &Signature,
) -> Result<Vec<E>> {
    Ok(transaction_events(client, signature).await?.0.events_of(program_id))
}
