//! `psp timelock crank`: pays out every lock that allows cranking and has vested tokens, to
//! each recipient's own associated token account — the keeper loop that makes payouts automatic.
use anyhow::Result;
use clap::Args;
use psp_sdk::timelock as tl;
use psp_timelock::state::Lock;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::show::fetch_locks;
use super::withdraw_instructions;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{cluster_now, mint_info};
use crate::output::print;

/// Arguments of `psp timelock crank`.
#[derive(Args, Debug)]
pub struct CrankArgs {
    /// Only locks of this mint.
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Option<Pubkey>,
    /// Only locks paying this wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub recipient: Option<Pubkey>,
    /// List what would be paid without sending anything.
    #[arg(long)]
    pub dry_run: bool,
}

/// Locks a keeper may pay out at `now`: active, cranking allowed, something available.
pub fn crankable(locks: Vec<(Pubkey, Lock)>, mint: Option<Pubkey>, now: i64) -> Vec<(Pubkey, Lock, u64)> {
    locks
        .into_iter()
        .filter(|(_, lock)| lock.policies.crank && mint.is_none_or(|m| m == lock.mint))
        .filter_map(|(address, lock)| {
            let available = lock.available(now);
            (available > 0).then_some((address, lock, available))
        })
        .collect()
}

/// Pays each crankable lock in its own transaction; a failure (e.g. the mint's outflow cap)
/// is reported and the others still go out.
pub async fn run(client: &Client, out: OutputFormat, args: CrankArgs) -> Result<()> {
    let now = cluster_now(client).await?;
    let due = crankable(fetch_locks(client, None, args.recipient).await?, args.mint, now);
    let mut rows = Vec::new();
    for (address, lock, available) in due {
        let mint = mint_info(client, &lock.mint).await?;
        let result = if args.dry_run {
            "due".to_string()
        } else {
            let (ixs, _) = withdraw_instructions(&address, &lock, &client.payer()?.pubkey(), None, None);
            match client.send(&ixs, &[]).await {
                Ok(signature) => format!("paid: {signature}"),
                Err(error) => format!("failed: {}", error.to_string().lines().next().unwrap_or_default()),
            }
        };
        rows.push(json!({
            "lock": address.to_string(),
            "recipient": lock.recipient.to_string(),
            "amount": mint.format(available),
            "status": tl::status_name(lock.status),
            "result": result,
        }));
    }
    print(out, &rows, || {
        if rows.is_empty() {
            return "Nothing to crank.".into();
        }
        rows.iter()
            .map(|r| {
                format!(
                    "{}  {} to {}  {}",
                    r["lock"].as_str().unwrap_or(""),
                    r["amount"].as_str().unwrap_or(""),
                    r["recipient"].as_str().unwrap_or(""),
                    r["result"].as_str().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
