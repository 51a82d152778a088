//! `psp multisig propose-config | propose-transfer | propose-raw`.
use std::path::PathBuf;

use anchor_lang::AccountDeserialize;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token_2022::spl_token_2022;
use anchor_spl::token_interface::Mint;
use anyhow::{anyhow, bail, Context, Result};
use base64::{engine::general_purpose::STANDARD, Engine};
use clap::Args;
use psp_multisig::state::{ConfigAction, Member};
use psp_sdk::amounts::parse_amount;
use psp_sdk::multisig as ms;
use serde::Deserialize;
use serde_json::json;
use solana_sdk::instruction::{AccountMeta, Instruction};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::{ops, parse_member};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

/// Arguments of `psp multisig propose-config`.
#[derive(Args, Debug)]
pub struct ProposeConfigArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Add a member (KEY or KEY:PERMS). Repeat.
    #[arg(long = "add-member", value_parser = parse_member)]
    pub add_members: Vec<Member>,
    /// Remove a member. Repeat.
    #[arg(long = "remove-member", value_parser = parse_pubkey)]
    pub remove_members: Vec<Pubkey>,
    /// Change a member's permissions (KEY:PERMS). Repeat.
    #[arg(long = "set-permissions", value_parser = parse_member)]
    pub set_permissions: Vec<Member>,
    /// New threshold.
    #[arg(long)]
    pub threshold: Option<u16>,
    /// New time lock in seconds.
    #[arg(long)]
    pub time_lock: Option<u32>,
    /// New rent collector, or `none`.
    #[arg(long)]
    pub rent_collector: Option<String>,
    /// Clear every pause flag.
    #[arg(long)]
    pub unpause: bool,
    /// Memo.
    #[arg(long)]
    pub memo: Option<String>,
}

impl ProposeConfigArgs {
    fn actions(&self) -> Result<Vec<ConfigAction>> {
        let mut actions: Vec<ConfigAction> = Vec::new();
        actions.extend(self.add_members.iter().map(|m| ConfigAction::AddMember { new_member: *m }));
        actions.extend(self.remove_members.iter().map(|k| ConfigAction::RemoveMember { old_member: *k }));
        actions.extend(
            self.set_permissions
                .iter()
                .map(|m| ConfigAction::ChangePermissions { member: m.key, permissions: m.permissions }),
        );
        if let Some(t) = self.threshold {
            actions.push(ConfigAction::ChangeThreshold { new_threshold: t });
        }
        if let Some(t) = self.time_lock {
            actions.push(ConfigAction::SetTimeLock { new_time_lock: t });
        }
        if let Some(r) = &self.rent_collector {
            let new_rent_collector = if r == "none" { None } else { Some(parse_pubkey(r)?) };
            actions.push(ConfigAction::SetRentCollector { new_rent_collector });
        }
        if self.unpause {
            actions.push(ConfigAction::SetPauseFlags { flags: 0 });
        }
        if actions.is_empty() {
            bail!("nothing to propose: pass at least one of --add-member, --remove-member, --set-permissions, --threshold, --time-lock, --rent-collector, --unpause");
        }
        Ok(actions)
    }
}

/// Proposes config actions, or applies them when the signer is the config authority.
pub async fn apply_or_propose(
    client: &Client,
    out: OutputFormat,
    multisig: &Pubkey,
    actions: Vec<ConfigAction>,
    memo: Option<String>,
) -> Result<()> {
    let state = ops::multisig(client, multisig).await?;
    let me = client.payer()?.pubkey();
    if !state.is_autonomous() {
        if state.config_authority != me {
            bail!(
                "multisig {multisig} is controlled by config authority {}; sign with that key",
                state.config_authority
            );
        }
        let ix = ms::multisig_config_apply(multisig, &me, Some(&me), state.rent_collector.as_ref(), actions, memo);
        let signature = client.send(&[ix], &[]).await?;
        print(out, &json!({ "applied": true, "signature": signature.to_string() }), || {
            format!("Applied directly by the config authority.\nSignature: {signature}")
        });
        return Ok(());
    }
    let (index, signature) = ops::propose_config(client, multisig, actions, memo).await?;
    print_proposed(out, index, signature);
    Ok(())
}

fn print_proposed(out: OutputFormat, index: u64, signature: solana_sdk::signature::Signature) {
    print(out, &json!({ "transaction_index": index, "signature": signature.to_string() }), || {
        format!("Proposed transaction {index} (your approval recorded if you can vote).\nSignature: {signature}")
    });
}

/// `propose-config`.
pub async fn config(client: &Client, out: OutputFormat, args: ProposeConfigArgs) -> Result<()> {
    let actions = args.actions()?;
    apply_or_propose(client, out, &args.multisig, actions, args.memo.clone()).await
}

/// Arguments of `psp multisig propose-transfer`.
#[derive(Args, Debug)]
pub struct ProposeTransferArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Recipient wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub to: Pubkey,
    /// Amount in UI units (e.g. 1.5).
    #[arg(long)]
    pub amount: String,
    /// Token mint (omit for SOL).
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Option<Pubkey>,
    /// Vault index.
    #[arg(long, default_value_t = 0)]
    pub vault_index: u8,
    /// Memo.
    #[arg(long)]
    pub memo: Option<String>,
}

/// The instructions of a vault transfer of `amount` (UI units) of `mint` (None = SOL) to `to`.
pub async fn transfer_instructions(
    client: &Client,
    vault: &Pubkey,
    to: &Pubkey,
    mint: Option<&Pubkey>,
    amount: &str,
) -> Result<Vec<Instruction>> {
    let Some(mint) = mint else {
        let lamports = parse_amount(amount, 9).map_err(|e| anyhow!(e))?;
        #[allow(deprecated)]
        return Ok(vec![solana_sdk::system_instruction::transfer(vault, to, lamports)]);
    };
    let account = client.rpc.get_account(mint).await.with_context(|| format!("mint {mint} not found"))?;
    let decimals =
        Mint::try_deserialize(&mut &account.data[..]).map_err(|_| anyhow!("{mint} is not a token mint"))?.decimals;
    let token_program = account.owner;
    let base_units = parse_amount(amount, decimals).map_err(|e| anyhow!(e))?;
    let from = get_associated_token_address_with_program_id(vault, mint, &token_program);
    let dest = get_associated_token_address_with_program_id(to, mint, &token_program);
    Ok(vec![
        create_associated_token_account_idempotent(vault, to, mint, &token_program),
        spl_token_2022::instruction::transfer_checked(
            &token_program,
            &from,
            mint,
            &dest,
            vault,
            &[],
            base_units,
            decimals,
        )?,
    ])
}

/// `propose-transfer`.
pub async fn transfer(client: &Client, out: OutputFormat, args: ProposeTransferArgs) -> Result<()> {
    let vault = ms::vault_pda(&args.multisig, args.vault_index).0;
    let ixs = transfer_instructions(client, &vault, &args.to, args.mint.as_ref(), &args.amount).await?;
    let (index, signature) = ops::propose_vault(client, &args.multisig, args.vault_index, &ixs, args.memo).await?;
    print_proposed(out, index, signature);
    Ok(())
}

/// Arguments of `psp multisig propose-raw`.
#[derive(Args, Debug)]
pub struct ProposeRawArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// JSON file: [{"program_id", "accounts": [{"pubkey", "is_signer", "is_writable"}], "data": base64}].
    #[arg(long)]
    pub instructions: PathBuf,
    /// Vault index (the vault is the only allowed signer).
    #[arg(long, default_value_t = 0)]
    pub vault_index: u8,
    /// Address lookup table to load accounts from (repeat); lets a message use many accounts.
    #[arg(long = "lookup-table", value_parser = parse_pubkey)]
    pub lookup_tables: Vec<Pubkey>,
    /// Memo.
    #[arg(long)]
    pub memo: Option<String>,
}

#[derive(Deserialize)]
struct RawAccount {
    pubkey: String,
    #[serde(default)]
    is_signer: bool,
    #[serde(default)]
    is_writable: bool,
}

#[derive(Deserialize)]
struct RawInstruction {
    program_id: String,
    accounts: Vec<RawAccount>,
    data: String,
}

/// Parses the `propose-raw` JSON format.
pub fn parse_raw_instructions(text: &str) -> Result<Vec<Instruction>> {
    let raw: Vec<RawInstruction> = serde_json::from_str(text).map_err(|e| {
        anyhow!("instructions file is not valid JSON of the documented shape: {}", psp_sdk::quote::parser_message(&e))
    })?;
    raw.into_iter()
        .map(|ix| {
            Ok(Instruction {
                program_id: parse_pubkey(&ix.program_id)?,
                accounts: ix
                    .accounts
                    .into_iter()
                    .map(|a| {
                        Ok(AccountMeta {
                            pubkey: parse_pubkey(&a.pubkey)?,
                            is_signer: a.is_signer,
                            is_writable: a.is_writable,
                        })
                    })
                    .collect::<Result<_>>()?,
                data: STANDARD.decode(&ix.data).context("instruction data must be base64")?,
            })
        })
        .collect()
}

/// `propose-raw`.
pub async fn raw(client: &Client, out: OutputFormat, args: ProposeRawArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.instructions)
        .with_context(|| format!("cannot read {}", args.instructions.display()))?;
    let ixs = parse_raw_instructions(&text)?;
    let (index, signature) =
        ops::propose_vault_with_tables(client, &args.multisig, args.vault_index, &ixs, &args.lookup_tables, args.memo)
            .await?;
    print_proposed(out, index, signature);
    Ok(())
}
