//! `psp timelock ...`: vesting and time-locked transfers (create, inspect, withdraw, cancel,
//! transfer, top up, close, veto) and the program's settings (`config ...`).
mod act;
mod config;
mod crank;
mod create;
mod show;
pub mod time;

pub use act::withdraw_instructions;
pub use show::{curve_table, schedule_summary};

use anchor_lang::AccountDeserialize;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_interface::Mint;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use psp_timelock::state::Lock;
use serde_json::{json, Value};
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use crate::client::Client;
use crate::cluster::{parse_pubkey, GlobalOpts, OutputFormat};
use crate::commands::multisig::ops;
use crate::output::print;

/// Timelock subcommands.
#[derive(Subcommand, Debug)]
pub enum TimelockCommand {
    /// Lock tokens for a recipient under a linear (cliff) or step schedule.
    Create(create::CreateArgs),
    /// Show a lock: policies, schedule, progress now and the unlock curve.
    Show(LockTarget),
    /// List locks (all, or by sender and/or recipient).
    List(show::ListArgs),
    /// Withdraw vested tokens (as the recipient, or cranked to the recipient when allowed).
    Withdraw(act::WithdrawArgs),
    /// Cancel a lock: the vested part goes to the recipient, the rest back to the sender.
    Cancel(LockTarget),
    /// Hand a lock's future payouts to a new recipient.
    Transfer(act::TransferArgs),
    /// Add tokens to a lock that allows top-ups.
    TopUp(act::TopUpArgs),
    /// Close a finished lock and its escrow (rent back to the sender).
    Close(LockTarget),
    /// Veto a high-value lock during its delay (guardian): everything back to the sender.
    Veto(act::VetoArgs),
    /// Pay out every lock that allows cranking and has vested tokens (a keeper's job).
    Crank(crank::CrankArgs),
    /// Program settings: init, show, mint policy, pause, guardian, admin transfer.
    #[command(subcommand)]
    Config(config::ConfigCommand),
}

/// A lock address.
#[derive(Args, Debug)]
pub struct LockTarget {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
}

/// Runs a timelock subcommand.
pub async fn run(global: &GlobalOpts, command: TimelockCommand) -> Result<()> {
    let client = Client::new(global.rpc_url(), global.signer()?);
    let out = global.output;
    match command {
        TimelockCommand::Create(args) => create::run(&client, out, args).await,
        TimelockCommand::Show(t) => show::show(&client, out, &t.lock).await,
        TimelockCommand::List(args) => show::list(&client, out, args).await,
        TimelockCommand::Withdraw(args) => act::withdraw(&client, out, args).await,
        TimelockCommand::Cancel(t) => act::cancel(&client, out, &t.lock).await,
        TimelockCommand::Transfer(args) => act::transfer(&client, out, args).await,
        TimelockCommand::TopUp(args) => act::top_up(&client, out, args).await,
        TimelockCommand::Close(t) => act::close(&client, out, &t.lock).await,
        TimelockCommand::Veto(args) => act::veto(&client, out, args).await,
        TimelockCommand::Crank(args) => crank::run(&client, out, args).await,
        TimelockCommand::Config(cmd) => config::run(&client, out, cmd).await,
    }
}

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
    let token_program = account.owner;
    if token_program != anchor_spl::token::ID && token_program != anchor_spl::token_2022::ID {
        bail!("{mint} is not a token mint (owned by {token_program}, not SPL Token or Token-2022)");
    }
    let decimals = Mint::try_deserialize(&mut &account.data[..]).map_err(|_| anyhow!("{mint} is not a token mint"))?.decimals;
    Ok(MintInfo { decimals, token_program })
}

/// The cluster's clock (unix seconds), so relative times and "now" match what programs see.
pub async fn cluster_now(client: &Client) -> Result<i64> {
    let data = client.data(&solana_sdk::sysvar::clock::ID).await?.ok_or_else(|| anyhow!("the cluster has no clock sysvar"))?;
    // Clock layout: slot, epoch_start_timestamp, epoch, leader_schedule_epoch, unix_timestamp.
    let bytes: [u8; 8] = data.get(32..40).and_then(|b| b.try_into().ok()).ok_or_else(|| anyhow!("malformed clock sysvar"))?;
    Ok(i64::from_le_bytes(bytes))
}

/// Checks that the signer's associated token account of `mint` holds at least `amount`;
/// returns that account.
pub async fn check_balance(client: &Client, info: &MintInfo, mint: &Pubkey, amount: u64) -> Result<Pubkey> {
    let me = client.payer.pubkey();
    let source = info.ata(&me, mint);
    let balance = client
        .rpc
        .get_token_account_balance(&source)
        .await
        .map_err(|_| anyhow!("you ({me}) have no token account for mint {mint} ({source}); nothing was sent"))?;
    let have: u64 = balance.amount.parse().unwrap_or(0);
    if have < amount {
        bail!("insufficient balance: {source} holds {}, {} needed; nothing was sent", info.format(have), info.format(amount));
    }
    Ok(source)
}

/// Reads the lock at `address`.
pub async fn load_lock(client: &Client, address: &Pubkey) -> Result<Lock> {
    client.account(address, "timelock lock").await
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
    pub fn authority(&self, client: &Client) -> Pubkey {
        match &self.multisig {
            Some(multisig) => psp_sdk::multisig::vault_pda(multisig, self.vault_index).0,
            None => client.payer.pubkey(),
        }
    }

    /// Refuses to propose from a vault that is not `expected` (nothing sent).
    pub fn check_vault(&self, client: &Client, expected: &Pubkey, role: &str) -> Result<()> {
        if let Some(multisig) = &self.multisig {
            let vault = self.authority(client);
            if vault != *expected {
                bail!("vault {} of multisig {multisig} is not the timelock {role} ({expected}); nothing was proposed", self.vault_index);
            }
        }
        Ok(())
    }

    /// Sends `ix` (signed by the keypair), or proposes it as a vault transaction of the multisig.
    pub async fn send(&self, client: &Client, out: OutputFormat, ix: Instruction, what: &str) -> Result<()> {
        match &self.multisig {
            None => {
                let signature = client.send(&[ix], &[]).await?;
                done(out, json!({ "result": what }), what.to_string(), &signature);
            }
            Some(multisig) => {
                let (index, signature) = ops::propose_vault(client, multisig, self.vault_index, &[ix], self.memo.clone()).await?;
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
pub fn done(out: OutputFormat, mut value: Value, text: String, signature: &solana_sdk::signature::Signature) {
    value["signature"] = json!(signature.to_string());
    print(out, &value, || format!("{text}\nSignature: {signature}"));
}
