//! `psp multisig spending-limit add | remove | use | list`.
use anchor_lang::{AccountDeserialize, Discriminator};
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_interface::Mint;
use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use psp_multisig::state::{ConfigAction, Period, SpendingLimit};
use psp_sdk::amounts::{format_amount, parse_amount};
use psp_sdk::multisig::{self as ms, TokenTransferAccounts};
use serde::Serialize;
use serde_json::json;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::propose::apply_or_propose;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

/// Spending limit subcommands.
#[derive(Subcommand, Debug)]
pub enum SpendingCommand {
    /// Propose a new spending limit (or add it directly as config authority).
    Add(AddArgs),
    /// Propose removing a spending limit.
    Remove {
        #[arg(value_parser = parse_pubkey)]
        multisig: Pubkey,
        #[arg(value_parser = parse_pubkey)]
        limit: Pubkey,
    },
    /// Spend from a vault within a limit (no proposal needed).
    Use(UseArgs),
    /// List a multisig's spending limits.
    List {
        #[arg(value_parser = parse_pubkey)]
        multisig: Pubkey,
    },
}

/// Reset period names.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PeriodArg {
    OneTime,
    Day,
    Week,
    Month,
}

/// Arguments of `spending-limit add`.
#[derive(Args, Debug)]
pub struct AddArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Allowance per period, in UI units.
    #[arg(long)]
    pub amount: String,
    /// Token mint (omit for SOL).
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Option<Pubkey>,
    /// Reset period.
    #[arg(long, value_enum)]
    pub period: PeriodArg,
    /// Member allowed to spend. Repeat.
    #[arg(long = "member", required = true, value_parser = parse_pubkey)]
    pub members: Vec<Pubkey>,
    /// Allowed destination wallet (default: any). Repeat.
    #[arg(long = "destination", value_parser = parse_pubkey)]
    pub destinations: Vec<Pubkey>,
    /// Vault index.
    #[arg(long, default_value_t = 0)]
    pub vault_index: u8,
}

/// Arguments of `spending-limit use`.
#[derive(Args, Debug)]
pub struct UseArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Spending limit address.
    #[arg(value_parser = parse_pubkey)]
    pub limit: Pubkey,
    /// Recipient wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub to: Pubkey,
    /// Amount in UI units.
    #[arg(long)]
    pub amount: String,
}

async fn decimals_and_program(client: &Client, mint: &Pubkey) -> Result<(u8, Pubkey)> {
    if *mint == Pubkey::default() {
        return Ok((9, anchor_lang::system_program::ID));
    }
    let account = client.rpc.get_account(mint).await.with_context(|| format!("mint {mint} not found"))?;
    let mint_state =
        Mint::try_deserialize(&mut &account.data[..]).map_err(|_| anyhow!("{mint} is not a token mint"))?;
    Ok((mint_state.decimals, account.owner))
}

#[derive(Serialize)]
struct LimitView {
    address: String,
    mint: String,
    vault_index: u8,
    amount: String,
    remaining: String,
    period: String,
    members: Vec<String>,
    destinations: Vec<String>,
}

/// Runs a spending limit subcommand.
pub async fn run(client: &Client, out: OutputFormat, command: SpendingCommand) -> Result<()> {
    match command {
        SpendingCommand::Add(args) => {
            let mint = args.mint.unwrap_or_default();
            let (decimals, _) = decimals_and_program(client, &mint).await?;
            let amount = parse_amount(&args.amount, decimals).map_err(|e| anyhow!(e))?;
            let period = match args.period {
                PeriodArg::OneTime => Period::OneTime,
                PeriodArg::Day => Period::Day,
                PeriodArg::Week => Period::Week,
                PeriodArg::Month => Period::Month,
            };
            let create_key = Keypair::new().pubkey();
            let address = ms::spending_limit_pda(&args.multisig, &create_key).0;
            eprintln!("Spending limit address (once executed): {address}");
            let action = ConfigAction::AddSpendingLimit {
                create_key,
                vault_index: args.vault_index,
                mint,
                amount,
                period,
                members: args.members,
                destinations: args.destinations,
            };
            apply_or_propose(client, out, &args.multisig, vec![action], None).await
        }
        SpendingCommand::Remove { multisig, limit } => {
            apply_or_propose(
                client,
                out,
                &multisig,
                vec![ConfigAction::RemoveSpendingLimit { spending_limit: limit }],
                None,
            )
            .await
        }
        SpendingCommand::Use(args) => {
            let limit: SpendingLimit = client.account(&args.limit, "spending limit").await?;
            let (decimals, token_program) = decimals_and_program(client, &limit.mint).await?;
            let amount = parse_amount(&args.amount, decimals).map_err(|e| anyhow!(e))?;
            let vault = ms::vault_pda(&args.multisig, limit.vault_index).0;
            let token = (limit.mint != Pubkey::default()).then(|| TokenTransferAccounts {
                mint: limit.mint,
                vault_token_account: get_associated_token_address_with_program_id(&vault, &limit.mint, &token_program),
                destination_token_account: get_associated_token_address_with_program_id(
                    &args.to,
                    &limit.mint,
                    &token_program,
                ),
                token_program,
            });
            let me = client.payer()?.pubkey();
            let ix = ms::spending_limit_use(
                &args.multisig,
                &args.limit,
                limit.vault_index,
                &me,
                &args.to,
                token,
                amount,
                decimals,
                None,
            );
            let signature = client.send(&[ix], &[]).await?;
            print(out, &json!({ "signature": signature.to_string() }), || {
                format!("Sent {} to {}\nSignature: {signature}", args.amount, args.to)
            });
            Ok(())
        }
        SpendingCommand::List { multisig } => {
            // SpendingLimit layout: 8-byte discriminator, version, bump, then the multisig key.
            let config = RpcProgramAccountsConfig {
                filters: Some(vec![
                    RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, SpendingLimit::DISCRIMINATOR.to_vec())),
                    RpcFilterType::Memcmp(Memcmp::new_raw_bytes(10, multisig.to_bytes().to_vec())),
                ]),
                account_config: RpcAccountInfoConfig {
                    encoding: Some(UiAccountEncoding::Base64),
                    ..Default::default()
                },
                ..Default::default()
            };
            let accounts = client.rpc.get_program_accounts_with_config(&psp_multisig::ID, config).await?;
            let mut views = Vec::new();
            for (address, account) in accounts {
                let Some(limit) = ms::decode_account::<SpendingLimit>(&account.data) else { continue };
                let (decimals, _) = decimals_and_program(client, &limit.mint).await?;
                views.push(LimitView {
                    address: address.to_string(),
                    mint: if limit.mint == Pubkey::default() { "SOL".into() } else { limit.mint.to_string() },
                    vault_index: limit.vault_index,
                    amount: format_amount(limit.amount, decimals),
                    remaining: format_amount(limit.remaining_amount, decimals),
                    period: format!("{:?}", limit.period),
                    members: limit.members.iter().map(|k| k.to_string()).collect(),
                    destinations: limit.destinations.iter().map(|k| k.to_string()).collect(),
                });
            }
            print(out, &views, || {
                if views.is_empty() {
                    return "No spending limits.".into();
                }
                views
                    .iter()
                    .map(|v| {
                        format!(
                            "{}  {} {} per {} (remaining {}), vault {}, members {}",
                            v.address,
                            v.amount,
                            v.mint,
                            v.period,
                            v.remaining,
                            v.vault_index,
                            v.members.join(",")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
    }
}
