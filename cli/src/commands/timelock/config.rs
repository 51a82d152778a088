//! `psp timelock config init | show | policy | pause | unpause | guardian | propose-admin |
//! accept-admin`. Admin actions sign with your key, or with `--multisig` become a vault
//! transaction proposal of the multisig whose vault is the admin.
use anchor_lang::AccountDeserialize;
use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use psp_sdk::timelock as tl;
use psp_timelock::state::{Config, MintPolicy};
use psp_timelock::MintPolicyArgs;
use serde_json::{json, Value};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{cluster_now, done, mint_info, AdminOpts, MintInfo};
use crate::commands::time::{format_duration, parse_duration};
use crate::output::print;

/// Config subcommands.
#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Create the program settings (once; the program's upgrade authority on a real cluster).
    Init {
        /// Admin: changes settings and unpauses (a multisig vault in production).
        #[arg(long, value_parser = parse_pubkey)]
        admin: Pubkey,
        /// Guardian: may pause at once and veto high-value locks.
        #[arg(long, value_parser = parse_pubkey)]
        guardian: Pubkey,
    },
    /// Show the settings, and a mint's policy with its outflow window now.
    Show {
        /// Also show this mint's policy.
        #[arg(long, value_parser = parse_pubkey)]
        mint: Option<Pubkey>,
    },
    /// Set a mint's high-value threshold, minimum delay and outflow cap (admin); unset
    /// options keep their current values.
    Policy(PolicyArgs),
    /// Add pause flags (guardian or admin): create, withdraw, cancel, top-up, transfer, halt, all.
    Pause {
        /// Comma-separated flags to add, e.g. `create,top-up` or `all`.
        #[arg(value_parser = tl::parse_pause_flags)]
        flags: u8,
        /// Pause this mint only (default: program-wide).
        #[arg(long, value_parser = parse_pubkey)]
        mint: Option<Pubkey>,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Clear pause flags (admin): the given ones, or all.
    Unpause {
        /// Comma-separated flags to clear (default: all).
        #[arg(value_parser = tl::parse_pause_flags)]
        flags: Option<u8>,
        /// Unpause this mint only (default: program-wide).
        #[arg(long, value_parser = parse_pubkey)]
        mint: Option<Pubkey>,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Replace the guardian (admin).
    Guardian {
        /// The new guardian.
        #[arg(value_parser = parse_pubkey)]
        guardian: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Propose a new admin (admin); it takes over when it accepts.
    ProposeAdmin {
        /// The proposed admin.
        #[arg(value_parser = parse_pubkey)]
        new_admin: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Accept a pending admin transfer (as the proposed admin, or its multisig vault).
    AcceptAdmin {
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// Arguments of `config policy`.
#[derive(Args, Debug)]
pub struct PolicyArgs {
    /// The mint.
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Pubkey,
    /// Locks of at least this amount (UI units) are high-value; 0 turns it off.
    #[arg(long)]
    pub threshold: Option<String>,
    /// High-value locks release nothing and may be vetoed for this long (e.g. 1h, 2d).
    #[arg(long, value_parser = parse_duration)]
    pub min_delay: Option<u64>,
    /// Most that may leave the program per window for this mint (UI units); 0 = no cap.
    #[arg(long)]
    pub outflow_cap: Option<String>,
    /// Length of the outflow window (e.g. 1d, 6h).
    #[arg(long, value_parser = parse_duration)]
    pub window: Option<u64>,
    #[command(flatten)]
    pub admin: AdminOpts,
}

async fn load_config(client: &Client) -> Result<Config> {
    client.account(&tl::config_pda().0, "timelock config (run `psp timelock config init` first)").await
}

async fn load_policy(client: &Client, mint: &Pubkey) -> Result<Option<MintPolicy>> {
    let Some(data) = client.data(&tl::mint_policy_pda(mint).0).await? else { return Ok(None) };
    Ok(Some(MintPolicy::try_deserialize(&mut &data[..]).map_err(|_| anyhow!("malformed mint policy of {mint}"))?))
}

fn policy_view(policy: Option<&MintPolicy>, mint: &Pubkey, info: &MintInfo, now: i64) -> Value {
    let Some(p) = policy else { return json!({ "mint": mint.to_string(), "exists": false }) };
    let remaining = p.outflow.remaining(now);
    json!({
        "mint": mint.to_string(),
        "exists": true,
        "high_value_threshold": info.format(p.high_value_threshold),
        "min_delay": p.min_delay,
        "paused": tl::format_pause_flags(p.paused),
        "outflow_cap": info.format(p.outflow.cap),
        "window_seconds": p.outflow.window_seconds,
        "window_used": info.format(p.outflow.used(now)),
        "window_remaining": if p.outflow.cap == 0 { "unlimited".to_string() } else { info.format(remaining) },
        "total_locked": info.format(p.total_locked),
        "total_withdrawn": info.format(p.total_withdrawn),
        "total_refunded": info.format(p.total_refunded),
    })
}

fn policy_text(v: &Value) -> String {
    if v["exists"] == false {
        return format!(
            "Mint {}: no policy yet (no high-value threshold, no outflow cap)",
            v["mint"].as_str().unwrap_or_default()
        );
    }
    let s = |k: &str| v[k].as_str().map(str::to_string).unwrap_or_else(|| v[k].to_string());
    let threshold = if s("high_value_threshold") == "0" { "off".into() } else { s("high_value_threshold") };
    let cap = if s("outflow_cap") == "0" {
        "no outflow cap".into()
    } else {
        format!(
            "outflow cap {} per {} (used {}, remaining {})",
            s("outflow_cap"),
            format_duration(v["window_seconds"].as_u64().unwrap_or(0)),
            s("window_used"),
            s("window_remaining")
        )
    };
    format!(
        "Mint {}\n  high-value threshold {threshold}, minimum delay {}\n  {cap}\n  paused {}\n  locked {}, withdrawn {}, refunded {} (all time)",
        s("mint"),
        format_duration(v["min_delay"].as_u64().unwrap_or(0)),
        s("paused"),
        s("total_locked"),
        s("total_withdrawn"),
        s("total_refunded")
    )
}

/// Runs a config subcommand.
pub async fn run(client: &Client, out: OutputFormat, command: ConfigCommand) -> Result<()> {
    match command {
        ConfigCommand::Init { admin, guardian } => {
            let ix = tl::initialize_config(&client.payer()?.pubkey(), &admin, &guardian);
            let signature = client.send(&[ix], &[]).await?;
            let config = tl::config_pda().0;
            let value =
                json!({ "config": config.to_string(), "admin": admin.to_string(), "guardian": guardian.to_string() });
            done(
                out,
                value,
                format!("Initialized timelock config {config}\n  admin    {admin}\n  guardian {guardian}"),
                &signature,
            );
            Ok(())
        }
        ConfigCommand::Show { mint } => {
            let config = load_config(client).await?;
            let mut value = json!({
                "config": tl::config_pda().0.to_string(),
                "admin": config.admin.to_string(),
                "pending_admin": config.pending_admin.map(|k| k.to_string()),
                "guardian": config.guardian.to_string(),
                "paused": tl::format_pause_flags(config.paused),
                "lock_count": config.lock_count,
            });
            if let Some(mint) = mint {
                let info = mint_info(client, &mint).await?;
                let now = cluster_now(client).await?;
                value["mint_policy"] = policy_view(load_policy(client, &mint).await?.as_ref(), &mint, &info, now);
            }
            print(out, &value, || {
                let pending = config.pending_admin.map_or("none".into(), |k| k.to_string());
                let mut text = format!(
                    "Timelock config {}\n  admin         {}\n  pending admin {pending}\n  guardian      {}\n  paused        {}\n  locks created {}",
                    tl::config_pda().0, config.admin, config.guardian, tl::format_pause_flags(config.paused), config.lock_count
                );
                if value.get("mint_policy").is_some() {
                    text += &format!("\n{}", policy_text(&value["mint_policy"]));
                }
                text
            });
            Ok(())
        }
        ConfigCommand::Policy(args) => policy(client, out, args).await,
        ConfigCommand::Pause { flags, mint, admin } => {
            set_pause(client, out, &admin, mint, |old| old | flags, "pause").await
        }
        ConfigCommand::Unpause { flags, mint, admin } => {
            let clear = flags.unwrap_or(u8::MAX);
            set_pause(client, out, &admin, mint, |old| old & !clear, "unpause").await
        }
        ConfigCommand::Guardian { guardian, admin } => {
            admin.check_vault(client, &load_config(client).await?.admin, "timelock admin")?;
            let ix = tl::set_guardian(&admin.authority(client)?, &guardian);
            admin.send(client, out, ix, &format!("set the timelock guardian to {guardian}")).await
        }
        ConfigCommand::ProposeAdmin { new_admin, admin } => {
            admin.check_vault(client, &load_config(client).await?.admin, "timelock admin")?;
            let ix = tl::propose_admin(&admin.authority(client)?, &new_admin);
            admin.send(client, out, ix, &format!("propose {new_admin} as timelock admin")).await
        }
        ConfigCommand::AcceptAdmin { admin } => {
            let config = load_config(client).await?;
            let Some(pending) = config.pending_admin else { bail!("no admin transfer is pending (nothing was sent)") };
            admin.check_vault(client, &pending, "timelock pending admin")?;
            let ix = tl::accept_admin(&admin.authority(client)?);
            admin.send(client, out, ix, "accept the timelock admin role").await
        }
    }
}

async fn policy(client: &Client, out: OutputFormat, args: PolicyArgs) -> Result<()> {
    if args.threshold.is_none() && args.min_delay.is_none() && args.outflow_cap.is_none() && args.window.is_none() {
        bail!("nothing to change: pass --threshold, --min-delay, --outflow-cap and/or --window");
    }
    let config = load_config(client).await?;
    args.admin.check_vault(client, &config.admin, "timelock admin")?;
    let info = mint_info(client, &args.mint).await?;
    let current = load_policy(client, &args.mint).await?;
    let policy = MintPolicyArgs {
        high_value_threshold: match &args.threshold {
            Some(t) => info.parse(t)?,
            None => current.as_ref().map_or(0, |p| p.high_value_threshold),
        },
        min_delay: match args.min_delay {
            Some(d) => i64::try_from(d).map_err(|_| anyhow!("--min-delay is too long"))?,
            None => current.as_ref().map_or(0, |p| p.min_delay),
        },
        outflow_cap: match &args.outflow_cap {
            Some(c) => info.parse(c)?,
            None => current.as_ref().map_or(0, |p| p.outflow.cap),
        },
        window_seconds: match args.window {
            Some(w) => u32::try_from(w).map_err(|_| anyhow!("--window is too long (max ~136 years)"))?,
            None => current.as_ref().map_or(86_400, |p| p.outflow.window_seconds.max(1)),
        },
    };
    let authority = args.admin.authority(client)?;
    let ix = tl::set_mint_policy(&authority, &authority, &args.mint, policy);
    let what = format!(
        "set the policy of mint {}: high-value threshold {}, minimum delay {}, outflow cap {} per {}",
        args.mint,
        info.format(policy.high_value_threshold),
        format_duration(policy.min_delay as u64),
        info.format(policy.outflow_cap),
        format_duration(u64::from(policy.window_seconds))
    );
    args.admin.send(client, out, ix, &what).await
}

async fn set_pause(
    client: &Client,
    out: OutputFormat,
    admin: &AdminOpts,
    mint: Option<Pubkey>,
    change: impl Fn(u8) -> u8,
    verb: &str,
) -> Result<()> {
    let config = load_config(client).await?;
    let authority = admin.authority(client)?;
    if admin.multisig.is_some() && authority != config.admin && authority != config.guardian {
        bail!("vault {authority} is neither the timelock admin nor the guardian; nothing was proposed");
    }
    let old = match &mint {
        Some(m) => {
            load_policy(client, m)
                .await?
                .ok_or_else(|| anyhow!("mint {m} has no timelock policy yet; pause program-wide instead"))?
                .paused
        }
        None => config.paused,
    };
    let new = change(old) & psp_timelock::state::pause::ALL;
    let scope = mint.map_or("program-wide".to_string(), |m| format!("for mint {m}"));
    let ix = tl::set_pause(&authority, mint.as_ref(), new);
    let what = format!("{verb} {scope}: flags {} -> {}", tl::format_pause_flags(old), tl::format_pause_flags(new));
    admin.send(client, out, ix, &what).await
}
