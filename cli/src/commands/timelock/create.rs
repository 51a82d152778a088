//! `psp timelock create`: escrow tokens for a recipient under a linear (cliff) or step schedule.
use std::path::Path;

use anchor_lang::AccountDeserialize;
use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Args};
use psp_sdk::timelock as tl;
use psp_timelock::state::{Config, LockPolicies, MintPolicy, PartyPolicy, Schedule};
use psp_timelock::CreateLockArgs;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::{load_lock, show};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{add_warnings, check_balance, cluster_now, done, vault_mint_info, MintInfo};
use crate::commands::time::{describe_time, parse_duration, parse_time};
use psp_sdk::quote::quote;

/// Arguments of `psp timelock create`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("schedule").required(true).args(["end", "steps"])))]
pub struct CreateArgs {
    /// Token mint (SPL Token or Token-2022); the tokens come from your associated token account.
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Pubkey,
    /// Wallet that receives the vested tokens.
    #[arg(long, value_parser = parse_pubkey)]
    pub recipient: Pubkey,
    /// Amount to lock in UI units (e.g. 1000.5); with --steps it defaults to the steps' sum.
    #[arg(long)]
    pub amount: Option<String>,
    /// Linear schedule: start of vesting (unix seconds, RFC3339 or +duration; default now).
    #[arg(long, conflicts_with = "steps", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// Linear schedule: end of vesting, when everything has vested.
    #[arg(long, conflicts_with = "steps", allow_hyphen_values = true)]
    pub end: Option<String>,
    /// Linear schedule: nothing vests before the cliff; at it, what accrued linearly since the
    /// start unlocks at once (plus --cliff-amount). Default: no cliff.
    #[arg(long, conflicts_with = "steps", allow_hyphen_values = true)]
    pub cliff: Option<String>,
    /// Extra amount released at the cliff on top of the linear part (UI units; default 0).
    #[arg(long, requires = "cliff")]
    pub cliff_amount: Option<String>,
    /// Linear schedule: one installment every period (e.g. 1d, 1h, 30s); must divide end - start.
    #[arg(long, value_parser = parse_duration, default_value = "1s", conflicts_with = "steps")]
    pub period: u64,
    /// Step schedule: "TIME:AMOUNT,TIME:AMOUNT,..." inline, or a file of such steps (one per line
    /// or comma-separated; TIME as for --end).
    #[arg(long, allow_hyphen_values = true)]
    pub steps: Option<String>,
    /// Who may cancel the lock: nobody, sender, recipient or either.
    #[arg(long, value_parser = tl::parse_policy, default_value = "nobody")]
    pub cancel_by: PartyPolicy,
    /// Who may change the recipient: nobody, sender, recipient or either.
    #[arg(long, value_parser = tl::parse_policy, default_value = "nobody")]
    pub transfer_by: PartyPolicy,
    /// Allow anyone to add tokens later.
    #[arg(long)]
    pub top_up: bool,
    /// Allow anyone to crank withdrawals to the recipient's own token account.
    #[arg(long)]
    pub crank: bool,
    /// Lock id (unique per sender; default: the next free id).
    #[arg(long, conflicts_with = "label")]
    pub id: Option<u64>,
    /// Derive the lock id from this label (so the lock can be found again by name).
    #[arg(long)]
    pub label: Option<String>,
}

/// Parses steps "TIME:AMOUNT" separated by commas or newlines (`#` starts a comment line).
pub fn parse_steps(text: &str, now: i64, mint: &MintInfo) -> Result<Vec<(i64, u64)>> {
    let body = if Path::new(text).is_file() {
        std::fs::read_to_string(text).with_context(|| format!("cannot read steps file {text}"))?
    } else {
        text.to_string()
    };
    let steps = body
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with('#'))
        .map(|item| {
            let (time, amount) =
                item.rsplit_once(':').ok_or_else(|| anyhow!("step {} is not TIME:AMOUNT", quote(item)))?;
            Ok((parse_time(time, now).map_err(|e| anyhow!(e))?, mint.parse(amount)?))
        })
        .collect::<Result<Vec<_>>>()?;
    if steps.is_empty() {
        bail!("--steps has no steps: use \"TIME:AMOUNT,TIME:AMOUNT\"");
    }
    Ok(steps)
}

/// The schedule and amount the arguments describe.
fn schedule(args: &CreateArgs, now: i64, mint: &MintInfo) -> Result<(Schedule, u64)> {
    let time = |t: &str| parse_time(t, now).map_err(|e| anyhow!(e));
    if let Some(steps) = &args.steps {
        let steps = parse_steps(steps, now, mint)?;
        let sum = steps
            .iter()
            .try_fold(0u64, |s, st| s.checked_add(st.1))
            .ok_or_else(|| anyhow!("steps add up to too much"))?;
        if let Some(amount) = &args.amount {
            let amount = mint.parse(amount)?;
            if amount != sum {
                bail!("the steps add up to {} but --amount is {}", mint.format(sum), mint.format(amount));
            }
        }
        return Ok((tl::steps_schedule(&steps).map_err(|e| anyhow!(e))?, sum));
    }
    let amount =
        mint.parse(args.amount.as_deref().ok_or_else(|| anyhow!("--amount is required for a linear schedule"))?)?;
    let start_time = args.start.as_deref().map_or(Ok(now), time)?;
    let end_time = time(args.end.as_deref().expect("clap requires --end or --steps"))?;
    let cliff_time = args.cliff.as_deref().map_or(Ok(start_time), time)?;
    let cliff_amount = args.cliff_amount.as_deref().map_or(Ok(0), |a| mint.parse(a))?;
    if end_time <= start_time {
        bail!("--end must be after --start");
    }
    if cliff_time < start_time || cliff_time > end_time {
        bail!("--cliff must be between --start and --end");
    }
    if args.period == 0 || !((end_time - start_time) as u64).is_multiple_of(args.period) {
        bail!("--period ({}s) must divide end - start ({}s)", args.period, end_time - start_time);
    }
    Ok((Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period: args.period }, amount))
}

/// The next id of `sender` whose lock address is still free.
async fn next_free_id(client: &Client, sender: &Pubkey) -> Result<u64> {
    let config: Config =
        client.account(&tl::config_pda().0, "timelock config (run `psp timelock config init` first)").await?;
    let mut id = config.lock_count;
    while client.data(&tl::lock_pda(sender, id).0).await?.is_some() {
        id += 1;
    }
    Ok(id)
}

/// `create`.
pub async fn run(client: &Client, out: OutputFormat, args: CreateArgs) -> Result<()> {
    let (mint, warnings) = vault_mint_info(client, &args.mint).await?;
    let now = cluster_now(client).await?;
    let (schedule, amount) = schedule(&args, now, &mint)?;
    let sender = client.payer()?.pubkey();
    let source = check_balance(client, &mint, &args.mint, amount).await?;
    let id = match (&args.id, &args.label) {
        (Some(id), _) => *id,
        (None, Some(label)) => tl::lock_id_from_label(&sender, label),
        (None, None) => next_free_id(client, &sender).await?,
    };
    if let Some(data) = client.data(&tl::mint_policy_pda(&args.mint).0).await? {
        let policy = MintPolicy::try_deserialize(&mut &data[..]).map_err(|_| anyhow!("malformed mint policy"))?;
        if policy.is_high_value(amount) {
            eprintln!(
                "High-value lock (threshold {}): the guardian may veto it for {}s, and nothing may release before then.",
                mint.format(policy.high_value_threshold),
                policy.min_delay
            );
        }
    }
    let policies = LockPolicies {
        cancel: args.cancel_by,
        change_recipient: args.transfer_by,
        top_up: args.top_up,
        crank: args.crank,
    };
    let create = CreateLockArgs { id, recipient: args.recipient, amount, schedule: schedule.clone(), policies };
    let (ix, lock_address) = tl::create_lock(&sender, &source, &args.mint, &mint.token_program, create);
    let signature = client.send(&[ix], &[]).await?;
    let lock = load_lock(client, &lock_address).await?;
    let summary = show::schedule_summary(&lock.schedule, &mint, now);
    let mut value = json!({
        "lock": lock_address.to_string(),
        "id": id,
        "mint": args.mint.to_string(),
        "recipient": args.recipient.to_string(),
        "amount": mint.format(amount),
        "schedule": summary,
        "high_value": lock.high_value,
        "veto_deadline": lock.high_value.then_some(lock.veto_deadline),
    });
    let high = if lock.high_value {
        format!("yes: the guardian may veto until {}", describe_time(lock.veto_deadline, now))
    } else {
        "no".into()
    };
    let mut text = format!(
        "Created lock {lock_address} (id {id})\n  {} of {} for {}\n  schedule   {summary}\n  policies   {}\n  high-value {high}",
        mint.format(amount),
        args.mint,
        args.recipient,
        show::policies_summary(&lock.policies)
    );
    add_warnings(&mut value, &mut text, &warnings);
    done(out, value, text, &signature);
    Ok(())
}
