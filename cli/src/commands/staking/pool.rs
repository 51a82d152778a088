//! `psp staking pool create | show | config | propose-admin | accept-admin`, and pausing.
//! Admin actions sign with your key, or with `--multisig` become a vault transaction proposal
//! of the multisig whose vault is the pool admin.
use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use psp_sdk::staking as st;
use psp_staking::state::{pause, validate_pool_config};
use psp_staking::{CreatePoolArgs, PoolConfigArgs};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{read_keypair_file, Keypair, Signer};

use super::{format_multiplier, format_pause_flags, load_pool, parse_lockup, parse_multiplier, show};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{add_warnings, done, vault_mint_info, AdminOpts};
use crate::commands::time::format_duration;

/// Pool subcommands.
#[derive(Subcommand, Debug)]
pub enum PoolCommand {
    /// Create a pool for a stake mint (you pay; a create key seeds the address).
    Create(CreateArgs),
    /// Show settings, totals, each reward stream, emission per staked token and APR.
    Show {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
    },
    /// Change the cooldown, minimum voting lockup and/or guardian (admin); unset options keep
    /// their current values.
    Config(ConfigArgs),
    /// Propose a new admin (admin); it takes over when it accepts.
    ProposeAdmin {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// The proposed admin.
        #[arg(value_parser = parse_pubkey)]
        new_admin: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Accept a pending admin transfer (as the proposed admin, or its multisig vault).
    AcceptAdmin {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// Arguments of `pool create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Stake mint (SPL Token or Token-2022).
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Pubkey,
    /// Longest lock, which earns the maximum multiplier (e.g. 4y, 365d, 40s).
    #[arg(long, value_parser = parse_lockup)]
    pub max_lockup: i64,
    /// Multiplier at the longest lock (e.g. 3, 3x, 2.5x; 1x to 10x).
    #[arg(long, value_parser = parse_multiplier)]
    pub max_multiplier: u32,
    /// Shortest committed lock that gives voting power (e.g. 30d; 0 = any lock).
    #[arg(long, value_parser = parse_lockup)]
    pub min_voting_lockup: i64,
    /// Unbonding period between unstaking and withdrawing (e.g. 7d; at most 1 year).
    #[arg(long, value_parser = parse_lockup)]
    pub cooldown: i64,
    /// Admin: changes settings and streams (a multisig vault in production; default: you).
    #[arg(long, value_parser = parse_pubkey)]
    pub admin: Option<Pubkey>,
    /// Guardian: may pause at once (default: you).
    #[arg(long, value_parser = parse_pubkey)]
    pub guardian: Option<Pubkey>,
    /// Keypair file of the create key that seeds the pool address (default: a new key).
    #[arg(long)]
    pub create_key: Option<String>,
}

/// Arguments of `pool config`.
#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// New unbonding period (applies to cooldowns started from now on).
    #[arg(long, value_parser = parse_lockup)]
    pub cooldown: Option<i64>,
    /// New shortest committed lock that gives voting power.
    #[arg(long, value_parser = parse_lockup)]
    pub min_voting_lockup: Option<i64>,
    /// New guardian.
    #[arg(long, value_parser = parse_pubkey)]
    pub guardian: Option<Pubkey>,
    #[command(flatten)]
    pub admin: AdminOpts,
}

/// Runs a pool subcommand.
pub async fn run(client: &Client, out: OutputFormat, command: PoolCommand) -> Result<()> {
    match command {
        PoolCommand::Create(args) => create(client, out, args).await,
        PoolCommand::Show { pool } => show::run(client, out, &pool).await,
        PoolCommand::Config(args) => config(client, out, args).await,
        PoolCommand::ProposeAdmin { pool, new_admin, admin } => {
            admin.check_vault(client, &load_pool(client, &pool).await?.admin, "pool admin")?;
            let ix = st::propose_admin(&pool, &admin.authority(client)?, &new_admin);
            admin.send(client, out, ix, &format!("propose {new_admin} as admin of pool {pool}")).await
        }
        PoolCommand::AcceptAdmin { pool, admin } => {
            let Some(pending) = load_pool(client, &pool).await?.pending_admin else {
                bail!("pool {pool} has no pending admin transfer (nothing was sent)")
            };
            admin.check_vault(client, &pending, "pool's pending admin")?;
            let ix = st::accept_admin(&pool, &admin.authority(client)?);
            admin.send(client, out, ix, &format!("accept the admin role of pool {pool}")).await
        }
    }
}

/// `pool create`.
async fn create(client: &Client, out: OutputFormat, args: CreateArgs) -> Result<()> {
    validate_pool_config(args.max_lockup, args.max_multiplier, args.min_voting_lockup, args.cooldown).map_err(|_| {
        anyhow!("InvalidPoolConfig: the max lockup must be at most 10 years, the max multiplier 1x to 10x, the cooldown at most 1 year and the minimum voting lockup at most the max lockup; nothing was sent")
    })?;
    let (mint, warnings) = vault_mint_info(client, &args.mint).await?;
    let create_key = match &args.create_key {
        Some(path) => read_keypair_file(path).map_err(|e| anyhow!("cannot read create key {path}: {e}"))?,
        None => Keypair::new(),
    };
    let me = client.payer()?.pubkey();
    let (admin, guardian) = (args.admin.unwrap_or(me), args.guardian.unwrap_or(me));
    let settings = CreatePoolArgs {
        admin,
        guardian,
        max_lockup: args.max_lockup,
        max_multiplier_bps: args.max_multiplier,
        min_voting_lockup: args.min_voting_lockup,
        cooldown: args.cooldown,
    };
    let (ix, pool) = st::create_pool(&create_key.pubkey(), &me, &args.mint, &mint.token_program, settings);
    let signature = client.send(&[ix], &[&create_key]).await?;
    let mut value = json!({
        "pool": pool.to_string(),
        "create_key": create_key.pubkey().to_string(),
        "stake_mint": args.mint.to_string(),
        "stake_vault": st::stake_vault_pda(&pool).0.to_string(),
        "admin": admin.to_string(),
        "guardian": guardian.to_string(),
        "max_lockup": args.max_lockup,
        "max_multiplier": format_multiplier(args.max_multiplier),
        "min_voting_lockup": args.min_voting_lockup,
        "cooldown": args.cooldown,
    });
    let mut text = format!(
        "Created staking pool {pool}\n  create key {}\n  stake mint {}\n  boost      1x without a lock to {} at {}\n  voting     locks of at least {}\n  cooldown   {}\n  admin      {admin}\n  guardian   {guardian}",
        create_key.pubkey(),
        args.mint,
        format_multiplier(args.max_multiplier),
        format_duration(args.max_lockup as u64),
        format_duration(args.min_voting_lockup as u64),
        format_duration(args.cooldown as u64)
    );
    add_warnings(&mut value, &mut text, &warnings);
    done(out, value, text, &signature);
    Ok(())
}

/// `pool config`.
async fn config(client: &Client, out: OutputFormat, args: ConfigArgs) -> Result<()> {
    if args.cooldown.is_none() && args.min_voting_lockup.is_none() && args.guardian.is_none() {
        bail!("nothing to change: pass --cooldown, --min-voting-lockup and/or --guardian");
    }
    let pool = load_pool(client, &args.pool).await?;
    args.admin.check_vault(client, &pool.admin, "pool admin")?;
    let new = PoolConfigArgs {
        guardian: args.guardian.unwrap_or(pool.guardian),
        cooldown: args.cooldown.unwrap_or(pool.cooldown),
        min_voting_lockup: args.min_voting_lockup.unwrap_or(pool.min_voting_lockup),
    };
    validate_pool_config(pool.max_lockup, pool.max_multiplier_bps, new.min_voting_lockup, new.cooldown).map_err(|_| {
        anyhow!("InvalidPoolConfig: the cooldown must be at most 1 year and the minimum voting lockup at most the max lockup ({}); nothing was sent", format_duration(pool.max_lockup as u64))
    })?;
    let ix = st::set_pool_config(&args.pool, &args.admin.authority(client)?, new);
    let what = format!(
        "set pool {}: guardian {}, cooldown {}, minimum voting lockup {}",
        args.pool,
        new.guardian,
        format_duration(new.cooldown as u64),
        format_duration(new.min_voting_lockup as u64)
    );
    args.admin.send(client, out, ix, &what).await
}

/// `pause` / `unpause`: replaces the pool's pause bits with `change(old)`.
pub async fn set_pause(
    client: &Client,
    out: OutputFormat,
    address: &Pubkey,
    admin: &AdminOpts,
    change: impl Fn(u8) -> u8,
    verb: &str,
) -> Result<()> {
    let pool = load_pool(client, address).await?;
    let authority = admin.authority(client)?;
    if admin.multisig.is_some() && authority != pool.admin && authority != pool.guardian {
        bail!("vault {authority} is neither the pool admin nor the guardian; nothing was proposed");
    }
    let new = change(pool.paused) & pause::ALL;
    let ix = st::set_pause(address, &authority, new);
    let what =
        format!("{verb} pool {address}: flags {} -> {}", format_pause_flags(pool.paused), format_pause_flags(new));
    admin.send(client, out, ix, &what).await
}
