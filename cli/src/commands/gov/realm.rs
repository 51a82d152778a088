//! `psp gov realm create | show`, and pausing (the council, directly or by `--multisig`).
use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use psp_governance::constants::{MAX_PERIOD, MIN_VOTING_PERIOD};
use psp_governance::events::RealmCreated;
use psp_governance::state::{pause, RealmConfig};
use psp_sdk::governance as gov;
use serde::Serialize;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{read_keypair_file, Keypair, Signer};

use super::{format_bps, format_pause_flags, load_realm, parse_percent, parse_period, LoadedRealm};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{done, mint_info, program_events, AdminOpts, MintInfo};
use crate::commands::staking::{format_weight, load_pool};
use crate::commands::time::format_duration;
use crate::output::print;

/// Realm subcommands.
#[derive(Subcommand, Debug)]
pub enum RealmCommand {
    /// Create a realm over a staking pool (you pay; a create key seeds the address).
    Create(CreateArgs),
    /// Show the pool, council, treasury and its balance, rules, proposal count and pause flags.
    Show {
        /// Realm address.
        #[arg(value_parser = parse_pubkey)]
        realm: Pubkey,
    },
}

/// Arguments of `realm create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// The psp-staking pool whose positions vote.
    #[arg(long, value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// The council: may veto passed proposals during their hold-up and pause (a multisig vault).
    #[arg(long, value_parser = parse_pubkey)]
    pub council: Pubkey,
    /// Share of the pool's total weight that must vote (yes + no + abstain), e.g. 20 or 12.5%.
    #[arg(long, value_parser = parse_percent)]
    pub quorum: u16,
    /// Share of yes among yes + no needed to pass, e.g. 50 or 66.67%.
    #[arg(long, value_parser = parse_percent)]
    pub approval: u16,
    /// Length of a vote (e.g. 3d, 4s).
    #[arg(long, value_parser = parse_period)]
    pub voting_period: i64,
    /// Time between success and the earliest execution: the council's veto window (e.g. 1d, 0).
    #[arg(long, value_parser = parse_period)]
    pub hold_up: i64,
    /// Time after the hold-up during which a passed proposal can run; then it expires (e.g. 7d).
    #[arg(long, value_parser = parse_period)]
    pub execution_window: i64,
    /// Voting power needed to start a vote, in UI units of the stake mint at 1x (default 0:
    /// any position with power).
    #[arg(long)]
    pub min_power_to_propose: Option<String>,
    /// End a vote as soon as its outcome can no longer change.
    #[arg(long)]
    pub tipping: bool,
    /// Keypair file of the create key that seeds the realm address (default: a new key).
    #[arg(long)]
    pub create_key: Option<String>,
}

/// The rules as users read them.
fn rules_json(config: &RealmConfig, stake: &MintInfo) -> serde_json::Value {
    json!({
        "min_power_to_propose": format_weight(config.min_power_to_propose, stake.decimals),
        "quorum": format_bps(config.quorum_bps),
        "approval": format_bps(config.approval_bps),
        "voting_period": config.voting_period,
        "hold_up": config.hold_up,
        "execution_window": config.execution_window,
        "tipping": config.tipping,
    })
}

/// The rules in one block of text.
fn rules_text(config: &RealmConfig, stake: &MintInfo) -> String {
    let d = |s: i64| format_duration(s.max(0) as u64);
    format!(
        "  quorum     {} of the pool's weight at the vote's start\n  approval   {} yes among yes + no{}\n  voting     {}, then a hold-up of {} (council veto), then {} to execute\n  proposing  needs a position with voting power {}",
        format_bps(config.quorum_bps),
        format_bps(config.approval_bps),
        if config.tipping { " (tipping: ends early once decided)" } else { "" },
        d(config.voting_period),
        d(config.hold_up),
        d(config.execution_window),
        if config.min_power_to_propose == 0 { "(any)".to_string() } else { format!(">= {}", format_weight(config.min_power_to_propose, stake.decimals)) }
    )
}

/// `realm create`.
pub async fn create(client: &Client, out: OutputFormat, args: CreateArgs) -> Result<()> {
    let pool = load_pool(client, &args.pool).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let min_power = match &args.min_power_to_propose {
        Some(amount) => u128::from(stake.parse(amount)?),
        None => 0,
    };
    let config = RealmConfig {
        min_power_to_propose: min_power,
        quorum_bps: args.quorum,
        approval_bps: args.approval,
        voting_period: args.voting_period,
        hold_up: args.hold_up,
        execution_window: args.execution_window,
        tipping: args.tipping,
    };
    let year = format_duration(MAX_PERIOD as u64);
    if !(MIN_VOTING_PERIOD..=MAX_PERIOD).contains(&config.voting_period)
        || !(0..=MAX_PERIOD).contains(&config.hold_up)
        || !(1..=MAX_PERIOD).contains(&config.execution_window)
    {
        bail!("InvalidConfig: the voting period must be 1s to {year}, the hold-up 0 to {year}, the execution window 1s to {year}; nothing was sent");
    }
    let create_key = match &args.create_key {
        Some(path) => read_keypair_file(path).map_err(|e| anyhow!("cannot read create key {path}: {e}"))?,
        None => Keypair::new(),
    };
    let me = client.payer()?.pubkey();
    let (ix, realm) = gov::create_realm(&create_key.pubkey(), &me, &args.pool, config, &args.council);
    if client.data(&realm).await?.is_some() {
        bail!(
            "a realm already exists at {realm} (create key {}); use another --create-key; nothing was sent",
            create_key.pubkey()
        );
    }
    let signature = client.send(&[ix], &[&create_key]).await?;
    let treasury = gov::treasury_pda(&realm).0;
    let created: Option<RealmCreated> =
        program_events(client, &psp_governance::ID, &signature).await.unwrap_or_default().into_iter().next();
    let treasury = created.map_or(treasury, |e| e.treasury);
    let admin_note = if pool.admin == treasury || pool.pending_admin == Some(treasury) {
        String::new()
    } else {
        format!("\n  note       the pool's admin is {}, not the treasury: proposals cannot change the pool until it is handed over (`psp staking pool propose-admin {} {treasury}`, then a proposal with --accept-pool-admin)", pool.admin, args.pool)
    };
    let value = json!({
        "realm": realm.to_string(),
        "treasury": treasury.to_string(),
        "create_key": create_key.pubkey().to_string(),
        "pool": args.pool.to_string(),
        "council": args.council.to_string(),
        "rules": rules_json(&config, &stake),
    });
    let text = format!(
        "Created realm {realm}\n  treasury   {treasury} (signs executed proposals; fund it to let proposals spend)\n  create key {}\n  pool       {}\n  council    {}\n{}{admin_note}",
        create_key.pubkey(),
        args.pool,
        args.council,
        rules_text(&config, &stake)
    );
    done(out, value, text, &signature);
    Ok(())
}

/// `realm show` in JSON.
#[derive(Serialize)]
pub struct RealmView {
    /// The realm.
    pub realm: String,
    /// Key that seeded the address.
    pub create_key: String,
    /// The staking pool whose positions vote.
    pub pool: String,
    /// Its stake mint.
    pub stake_mint: String,
    /// The pool's admin (proposals can change the pool when it is the treasury).
    pub pool_admin: String,
    /// The council.
    pub council: String,
    /// The treasury.
    pub treasury: String,
    /// The treasury's SOL balance.
    pub treasury_sol: String,
    /// The voting rules.
    pub rules: serde_json::Value,
    /// Bumped by every settings change.
    pub config_version: u32,
    /// Proposals ever created.
    pub proposal_count: u64,
    /// The pool's total weight now (an upper bound of all voting power).
    pub total_power: String,
    /// Pause flags by name.
    pub paused: String,
}

/// The view of a loaded realm whose treasury holds `treasury_lamports`.
pub fn realm_view(l: &LoadedRealm, treasury_lamports: u64) -> RealmView {
    let r = &l.realm;
    RealmView {
        realm: l.address.to_string(),
        create_key: r.create_key.to_string(),
        pool: r.pool.to_string(),
        stake_mint: l.pool.stake_mint.to_string(),
        pool_admin: l.pool.admin.to_string(),
        council: r.council.to_string(),
        treasury: r.treasury.to_string(),
        treasury_sol: psp_sdk::amounts::format_amount(treasury_lamports, 9),
        rules: rules_json(&r.config, &l.stake),
        config_version: r.config_version,
        proposal_count: r.proposal_count,
        total_power: format_weight(l.pool.total_weight, l.stake.decimals),
        paused: format_pause_flags(r.paused),
    }
}

/// `realm show`.
pub async fn show(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let l = load_realm(client, address).await?;
    let lamports = client.rpc.get_balance(&l.realm.treasury).await?;
    let v = realm_view(&l, lamports);
    print(out, &v, || {
        let admin = if l.pool.admin == l.realm.treasury {
            "the treasury".to_string()
        } else {
            format!("{} (not the treasury)", v.pool_admin)
        };
        format!(
            "Realm      {}\nPool       {} (stake mint {}, admin {admin})\nCouncil    {}\nTreasury   {} holding {} SOL\nRules (version {})\n{}\nProposals  {} (see `psp gov list {}`)\nPower      {} total weight in the pool now\nPaused     {}",
            v.realm, v.pool, v.stake_mint, v.council, v.treasury, v.treasury_sol, v.config_version,
            rules_text(&l.realm.config, &l.stake), v.proposal_count, v.realm, v.total_power, v.paused
        )
    });
    Ok(())
}

/// `pause` / `unpause`: replaces the realm's pause bits with `change(old)` (the council).
pub async fn set_pause(
    client: &Client,
    out: OutputFormat,
    address: &Pubkey,
    admin: &AdminOpts,
    change: impl Fn(u8) -> u8,
    verb: &str,
) -> Result<()> {
    let l = load_realm(client, address).await?;
    let authority = admin.authority(client)?;
    if authority != l.realm.council {
        let who =
            if admin.multisig.is_some() { format!("vault {authority} is") } else { format!("you ({authority}) are") };
        bail!(
            "Unauthorized: {who} not the council ({}) of realm {address}{}; nothing was sent",
            l.realm.council,
            if admin.multisig.is_none() { " (for a multisig council pass --multisig)" } else { "" }
        );
    }
    let new = change(l.realm.paused) & pause::ALL;
    if new == l.realm.paused {
        bail!(
            "nothing to change: the pause flags of realm {address} are already {}; nothing was sent",
            format_pause_flags(new)
        );
    }
    let ix = gov::set_pause(address, &authority, new);
    let what =
        format!("{verb} realm {address}: flags {} -> {}", format_pause_flags(l.realm.paused), format_pause_flags(new));
    admin.send(client, out, ix, &what).await
}
