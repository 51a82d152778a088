//! `psp staking stream add | fund | set-rate | cap | retire`. Funding is open to anyone; the
//! other actions are the admin's (direct, or proposed with `--multisig`).
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anyhow::{anyhow, bail, Result};
use clap::{ArgGroup, Args, Subcommand};
use psp_sdk::staking as st;
use psp_staking::{OutflowCap, SetStreamArgs};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::{load_pool, stream_at};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{check_balance, done, mint_info, vault_mint_info, AdminOpts, MintInfo};
use crate::commands::time::{format_duration, parse_duration};

/// Stream subcommands.
#[derive(Subcommand, Debug)]
pub enum StreamCommand {
    /// Add a reward stream in a free slot (admin; with --multisig the vault pays the reward
    /// vault's rent); it emits once funded.
    Add {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Reward mint.
        #[arg(long, value_parser = parse_pubkey)]
        mint: Pubkey,
        #[command(flatten)]
        rate: RateArgs,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Add reward tokens to a stream from your associated token account (anyone).
    Fund {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Stream index (see `psp staking pool show`).
        index: u8,
        /// Amount in UI units.
        #[arg(long)]
        amount: String,
    },
    /// Change a stream's emission rate (admin); what accrued so far is settled at the old rate.
    SetRate {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Stream index.
        index: u8,
        #[command(flatten)]
        rate: RateArgs,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Cap a stream's claims per rolling window (admin); 0 removes the cap.
    Cap {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Stream index.
        index: u8,
        /// Most that may be claimed per window (UI units; 0 = no cap).
        #[arg(long)]
        cap: String,
        /// Window length (e.g. 1d, 6h).
        #[arg(long, value_parser = parse_duration, default_value = "1d")]
        window: u64,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Retire a stream (admin): emission stops, unallocated funds go back to the admin's
    /// associated token account (created if missing).
    Retire {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Stream index.
        index: u8,
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// An emission rate, per second or per day.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("rates").required(true).args(["rate", "rate_per_day"])))]
pub struct RateArgs {
    /// Emission per second in UI units of the reward mint (e.g. 0.5).
    #[arg(long)]
    pub rate: Option<String>,
    /// Emission per day in UI units (converted to a whole number of base units per second,
    /// rounded down).
    #[arg(long)]
    pub rate_per_day: Option<String>,
}

impl RateArgs {
    /// Base units per second.
    pub fn per_second(&self, mint: &MintInfo) -> Result<u64> {
        match (&self.rate, &self.rate_per_day) {
            (Some(rate), _) => mint.parse(rate),
            (None, Some(per_day)) => Ok(mint.parse(per_day)? / 86_400),
            (None, None) => bail!("pass --rate or --rate-per-day"),
        }
    }
}

/// "X/s (Y/day)".
fn describe_rate(mint: &MintInfo, rate: u64) -> String {
    format!("{}/s ({}/day)", mint.format(rate), mint.format(rate.saturating_mul(86_400)))
}

/// Runs a stream subcommand.
pub async fn run(client: &Client, out: OutputFormat, command: StreamCommand) -> Result<()> {
    match command {
        StreamCommand::Add { pool: address, mint, rate, admin } => {
            let pool = load_pool(client, &address).await?;
            admin.check_vault(client, &pool.admin, "pool admin")?;
            let (info, warnings) = vault_mint_info(client, &mint).await?;
            let rate = rate.per_second(&info)?;
            let authority = admin.authority(client)?;
            // Through a multisig the vault also pays the reward vault's rent.
            let payer = if admin.multisig.is_some() { authority } else { client.payer()?.pubkey() };
            let ix = st::add_stream(&address, &pool, &authority, &payer, &mint, &info.token_program, rate);
            let mut what = format!("add a stream of {mint} at {} to pool {address}", describe_rate(&info, rate));
            // The output of `send` is this one line (JSON and text): the warnings go into it.
            for warning in &warnings {
                what.push_str(&format!(" (warning: {warning})"));
            }
            admin.send(client, out, ix, &what).await
        }
        StreamCommand::Fund { pool: address, index, amount } => {
            let pool = load_pool(client, &address).await?;
            let stream = *stream_at(&pool, index)?;
            let info = mint_info(client, &stream.reward_mint).await?;
            let amount = info.parse(&amount)?;
            let source = check_balance(client, &info, &stream.reward_mint, amount).await?;
            let ix = st::fund_stream(&address, &pool, index, &client.payer()?.pubkey(), &source, amount);
            let signature = client.send(&[ix], &[]).await?;
            let after = *stream_at(&load_pool(client, &address).await?, index)?;
            let value = json!({
                "pool": address.to_string(),
                "index": index,
                "amount": info.format(amount),
                "unallocated": info.format(after.unallocated),
                "total_funded": info.format(after.total_funded),
                "funded_until": after.funded_until(),
            });
            let runway = after.funded_until().map_or("no rate".into(), |t| {
                format!("{} at the current rate", format_duration((t - after.last_update).max(0) as u64))
            });
            let text = format!(
                "Funded stream {index} of pool {address} with {}: {} unallocated ({runway})",
                info.format(amount),
                info.format(after.unallocated)
            );
            done(out, value, text, &signature);
            Ok(())
        }
        StreamCommand::SetRate { pool: address, index, rate, admin } => {
            let pool = load_pool(client, &address).await?;
            admin.check_vault(client, &pool.admin, "pool admin")?;
            let stream = *stream_at(&pool, index)?;
            let info = mint_info(client, &stream.reward_mint).await?;
            let rate = rate.per_second(&info)?;
            let args = SetStreamArgs { rate_per_second: Some(rate), outflow_cap: None };
            let ix = st::set_stream(&address, &admin.authority(client)?, index, args);
            let what = format!(
                "set the rate of stream {index} of pool {address} to {} (was {})",
                describe_rate(&info, rate),
                describe_rate(&info, stream.rate_per_second)
            );
            admin.send(client, out, ix, &what).await
        }
        StreamCommand::Cap { pool: address, index, cap, window, admin } => {
            let pool = load_pool(client, &address).await?;
            admin.check_vault(client, &pool.admin, "pool admin")?;
            let stream = *stream_at(&pool, index)?;
            let info = mint_info(client, &stream.reward_mint).await?;
            let cap = info.parse(&cap)?;
            let window = u32::try_from(window).map_err(|_| anyhow!("--window is too long (max ~136 years)"))?;
            if window == 0 {
                bail!("--window must be at least 1s; nothing was sent");
            }
            let outflow_cap = Some(OutflowCap { cap, window_seconds: window });
            let args = SetStreamArgs { rate_per_second: None, outflow_cap };
            let ix = st::set_stream(&address, &admin.authority(client)?, index, args);
            let what = if cap == 0 {
                format!("remove the claim cap of stream {index} of pool {address}")
            } else {
                format!(
                    "cap claims of stream {index} of pool {address} at {} per {}",
                    info.format(cap),
                    format_duration(u64::from(window))
                )
            };
            admin.send(client, out, ix, &what).await
        }
        StreamCommand::Retire { pool: address, index, admin } => {
            let pool = load_pool(client, &address).await?;
            admin.check_vault(client, &pool.admin, "pool admin")?;
            let stream = *stream_at(&pool, index)?;
            let info = mint_info(client, &stream.reward_mint).await?;
            let authority = admin.authority(client)?;
            let payer = if admin.multisig.is_some() { authority } else { client.payer()?.pubkey() };
            let refund_to = info.ata(&authority, &stream.reward_mint);
            let ixs = vec![
                create_associated_token_account_idempotent(
                    &payer,
                    &authority,
                    &stream.reward_mint,
                    &info.token_program,
                ),
                st::retire_stream(&address, &pool, index, &authority, &refund_to),
            ];
            let what = format!("retire stream {index} of pool {address}; unallocated rewards go to {refund_to}");
            admin.send_all(client, out, ixs, &what).await
        }
    }
}
