//! `psp staking stake | extend | add | unstake | withdraw | refresh`: a position's life from
//! staking under a lock to withdrawing after the cooldown.
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anyhow::{anyhow, bail, Result};
use clap::{ArgGroup, Args};
use psp_sdk::staking as st;
use psp_staking::state::{Pool, Position};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::positions::fetch_positions;
use super::{format_multiplier, format_weight, load_pool, load_position, parse_lockup, PositionTarget};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{check_balance, cluster_now, done, mint_info, MintInfo};
use crate::commands::time::{describe_time, format_duration, parse_time};

/// Arguments of `psp staking stake`.
#[derive(Args, Debug)]
pub struct StakeArgs {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// Amount to stake in UI units (from your associated token account).
    #[arg(long)]
    pub amount: String,
    /// Lock duration (e.g. 90d, 4y; 0 = no lock, 1x); longer locks earn a bigger multiplier.
    #[arg(long, value_parser = parse_lockup, default_value = "0")]
    pub lock: i64,
    /// Position index (default: your lowest free index).
    #[arg(long)]
    pub index: Option<u32>,
}

/// Arguments of `psp staking extend`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("until").required(true).args(["lock_until", "lock"])))]
pub struct ExtendArgs {
    #[command(flatten)]
    pub target: PositionTarget,
    /// New lock end (unix seconds, RFC3339, a date, or +duration from now).
    #[arg(long, allow_hyphen_values = true)]
    pub lock_until: Option<String>,
    /// New lock as a duration from now (e.g. 180d or +180d).
    #[arg(long, value_parser = parse_lockup)]
    pub lock: Option<i64>,
}

/// Arguments of `psp staking add`.
#[derive(Args, Debug)]
pub struct AddArgs {
    #[command(flatten)]
    pub target: PositionTarget,
    /// Amount to add in UI units.
    #[arg(long)]
    pub amount: String,
}

/// Arguments of `psp staking unstake`.
#[derive(Args, Debug)]
pub struct UnstakeArgs {
    #[command(flatten)]
    pub target: PositionTarget,
    /// Amount to unbond in UI units (default: the whole stake).
    #[arg(long)]
    pub amount: Option<String>,
}

/// Arguments of `psp staking refresh`.
#[derive(Args, Debug)]
pub struct RefreshArgs {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// Owner of the position.
    #[arg(long, value_parser = parse_pubkey)]
    pub owner: Pubkey,
    /// Position index.
    #[arg(long)]
    pub index: u32,
}

/// The lowest position index `owner` does not use in `pool`.
async fn next_free_index(client: &Client, pool: &Pubkey, owner: &Pubkey) -> Result<u32> {
    let used: Vec<u32> = fetch_positions(client, pool, Some(owner)).await?.iter().map(|(_, p)| p.index).collect();
    (0..=u32::MAX).find(|i| !used.contains(i)).ok_or_else(|| anyhow!("no free position index"))
}

/// Refuses a lock longer than the pool allows (nothing sent).
fn check_lock(pool: &Pool, lock_seconds: i64) -> Result<()> {
    if lock_seconds > pool.max_lockup {
        bail!(
            "LockTooLong: a lock of {} is longer than the pool's max lockup of {}; nothing was sent",
            format_duration(lock_seconds.max(0) as u64),
            format_duration(pool.max_lockup as u64)
        );
    }
    Ok(())
}

/// Prints a position after a change.
fn report(
    out: OutputFormat,
    what: &str,
    address: &Pubkey,
    p: &Position,
    stake: &MintInfo,
    now: i64,
    signature: &Signature,
) {
    let value = json!({
        "position": address.to_string(),
        "index": p.index,
        "amount": stake.format(p.amount),
        "lock_end": p.lock_end,
        "multiplier": format_multiplier(p.multiplier_bps),
        "weight": format_weight(p.weight, stake.decimals),
        "cooling": stake.format(p.cooling_amount),
        "cooldown_end": (p.cooling_amount > 0).then_some(p.cooldown_end),
    });
    let lock =
        if p.lock_end > now { format!("locked until {}", describe_time(p.lock_end, now)) } else { "unlocked".into() };
    let mut text = format!(
        "{what} position {} ({address})\n  staked {}, {lock}, multiplier {}, weight {}",
        p.index,
        stake.format(p.amount),
        format_multiplier(p.multiplier_bps),
        format_weight(p.weight, stake.decimals)
    );
    if p.cooling_amount > 0 {
        text += &format!(
            "\n  cooling {} (withdrawable {})",
            stake.format(p.cooling_amount),
            describe_time(p.cooldown_end, now)
        );
    }
    done(out, value, text, signature);
}

/// `stake`: opens a position.
pub async fn stake(client: &Client, out: OutputFormat, args: StakeArgs) -> Result<()> {
    let pool = load_pool(client, &args.pool).await?;
    check_lock(&pool, args.lock)?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let amount = stake.parse(&args.amount)?;
    let me = client.payer()?.pubkey();
    let source = check_balance(client, &stake, &pool.stake_mint, amount).await?;
    let index = match args.index {
        Some(index) => index,
        None => next_free_index(client, &args.pool, &me).await?,
    };
    let (ix, address) = st::create_position(&args.pool, &pool, &me, &source, index, amount, args.lock);
    let signature = client.send(&[ix], &[]).await?;
    let (_, position) = load_position(client, &args.pool, &me, index).await?;
    report(out, "Opened", &address, &position, &stake, cluster_now(client).await?, &signature);
    Ok(())
}

/// `extend`: moves the lock end later.
pub async fn extend(client: &Client, out: OutputFormat, args: ExtendArgs) -> Result<()> {
    let t = &args.target;
    let pool = load_pool(client, &t.pool).await?;
    let me = client.payer()?.pubkey();
    let (address, position) = load_position(client, &t.pool, &me, t.index).await?;
    let now = cluster_now(client).await?;
    let lock_end = match (&args.lock_until, args.lock) {
        (Some(until), _) => parse_time(until, now).map_err(|e| anyhow!(e))?,
        (None, Some(lock)) => now.saturating_add(lock),
        (None, None) => bail!("pass --lock-until or --lock"),
    };
    check_lock(&pool, lock_end.saturating_sub(now))?;
    if lock_end <= position.lock_end {
        bail!(
            "LockNotExtended: the lock already ends {}; a lock can only be extended; nothing was sent",
            describe_time(position.lock_end, now)
        );
    }
    let stake = mint_info(client, &pool.stake_mint).await?;
    let source = stake.ata(&me, &pool.stake_mint);
    let ix = st::update_position(&t.pool, &pool, &address, &me, &source, 0, Some(lock_end));
    let signature = client.send(&[ix], &[]).await?;
    let (_, after) = load_position(client, &t.pool, &me, t.index).await?;
    report(out, "Extended", &address, &after, &stake, cluster_now(client).await?, &signature);
    Ok(())
}

/// `add`: adds stake under the running lock.
pub async fn add(client: &Client, out: OutputFormat, args: AddArgs) -> Result<()> {
    let t = &args.target;
    let pool = load_pool(client, &t.pool).await?;
    let me = client.payer()?.pubkey();
    let (address, _) = load_position(client, &t.pool, &me, t.index).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let amount = stake.parse(&args.amount)?;
    let source = check_balance(client, &stake, &pool.stake_mint, amount).await?;
    let ix = st::update_position(&t.pool, &pool, &address, &me, &source, amount, None);
    let signature = client.send(&[ix], &[]).await?;
    let (_, after) = load_position(client, &t.pool, &me, t.index).await?;
    report(
        out,
        &format!("Added {} to", stake.format(amount)),
        &address,
        &after,
        &stake,
        cluster_now(client).await?,
        &signature,
    );
    Ok(())
}

/// `unstake`: starts the cooldown of some or all of an unlocked position's stake.
pub async fn unstake(client: &Client, out: OutputFormat, args: UnstakeArgs) -> Result<()> {
    let t = &args.target;
    let pool = load_pool(client, &t.pool).await?;
    let me = client.payer()?.pubkey();
    let (address, position) = load_position(client, &t.pool, &me, t.index).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let amount = match &args.amount {
        Some(amount) => stake.parse(amount)?,
        None => position.amount,
    };
    if amount == 0 {
        bail!("position {} has nothing staked to unbond; nothing was sent", t.index);
    }
    let ix = st::start_cooldown(&t.pool, &address, &me, amount);
    let signature = client.send(&[ix], &[]).await?;
    let (_, after) = load_position(client, &t.pool, &me, t.index).await?;
    report(
        out,
        &format!("Unbonding {} of", stake.format(amount)),
        &address,
        &after,
        &stake,
        cluster_now(client).await?,
        &signature,
    );
    Ok(())
}

/// `withdraw`: takes cooled tokens back to your associated token account (created if missing).
pub async fn withdraw(client: &Client, out: OutputFormat, t: PositionTarget) -> Result<()> {
    let pool = load_pool(client, &t.pool).await?;
    let me = client.payer()?.pubkey();
    let (address, position) = load_position(client, &t.pool, &me, t.index).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let destination = stake.ata(&me, &pool.stake_mint);
    let ixs = vec![
        create_associated_token_account_idempotent(&me, &me, &pool.stake_mint, &stake.token_program),
        st::withdraw(&t.pool, &pool, &address, &me, &destination),
    ];
    let signature = client.send(&ixs, &[]).await?;
    let (_, after) = load_position(client, &t.pool, &me, t.index).await?;
    let what = format!("Withdrew {} to {destination} from", stake.format(position.cooling_amount));
    report(out, &what, &address, &after, &stake, cluster_now(client).await?, &signature);
    Ok(())
}

/// `close`: closes an empty position of the signer (rent back).
pub async fn close(client: &Client, out: OutputFormat, t: PositionTarget) -> Result<()> {
    let me = client.payer()?.pubkey();
    let (address, _) = load_position(client, &t.pool, &me, t.index).await?;
    let signature = client.send(&[st::close_position(&t.pool, &address, &me)], &[]).await?;
    let value = serde_json::json!({ "position": address.to_string(), "closed": true });
    crate::commands::common::done(out, value, format!("Closed position {address} (rent back to {me})"), &signature);
    Ok(())
}

/// `refresh`: re-weights anyone's position from its remaining lock.
pub async fn refresh(client: &Client, out: OutputFormat, args: RefreshArgs) -> Result<()> {
    let pool = load_pool(client, &args.pool).await?;
    let (address, before) = load_position(client, &args.pool, &args.owner, args.index).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    let signature = client.send(&[st::refresh_position(&args.pool, &address)], &[]).await?;
    let (_, after) = load_position(client, &args.pool, &args.owner, args.index).await?;
    let what = format!("Refreshed (multiplier was {})", format_multiplier(before.multiplier_bps));
    report(out, &what, &address, &after, &stake, cluster_now(client).await?, &signature);
    Ok(())
}
