//! `psp timelock show` and `psp timelock list`.
use std::collections::HashMap;

use anyhow::Result;
use clap::Args;
use psp_sdk::timelock as tl;
use psp_timelock::state::{Lock, LockPolicies, Schedule};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::load_lock;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{cluster_now, mint_info, MintInfo};
use crate::commands::time::{describe_time, format_duration, format_time};
use crate::output::print;

/// Points of the unlock curve shown by `show`.
const CURVE_POINTS: usize = 12;

/// One line summary of a schedule.
pub fn schedule_summary(schedule: &Schedule, mint: &MintInfo, now: i64) -> String {
    match schedule {
        Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period } => {
            let mut text = format!(
                "linear from {} to {}, every {}",
                describe_time(*start_time, now),
                describe_time(*end_time, now),
                format_duration(*period)
            );
            if cliff_time > start_time || *cliff_amount > 0 {
                text += &format!(", cliff {}", describe_time(*cliff_time, now));
                if *cliff_amount > 0 {
                    text += &format!(" (+{} at the cliff)", mint.format(*cliff_amount));
                }
            }
            text
        }
        Schedule::Steps { start_time, steps } => {
            let first = steps.first().map_or(0, |s| s.time(*start_time));
            let last = steps.last().map_or(0, |s| s.time(*start_time));
            format!("{} steps from {} to {}", steps.len(), describe_time(first, now), describe_time(last, now))
        }
    }
}

/// One line summary of a lock's policies.
pub fn policies_summary(p: &LockPolicies) -> String {
    let yes = |b: bool| if b { "yes" } else { "no" };
    format!(
        "cancel by {}, recipient change by {}, top-ups {}, crank {}",
        tl::policy_name(p.cancel),
        tl::policy_name(p.change_recipient),
        yes(p.top_up),
        yes(p.crank)
    )
}

#[derive(Serialize)]
struct CurvePoint {
    time: i64,
    at: String,
    vested: String,
}

#[derive(Serialize)]
struct LockView {
    address: String,
    id: u64,
    status: &'static str,
    mint: String,
    token_program: String,
    sender: String,
    recipient: String,
    escrow: String,
    total: String,
    vested: String,
    available: String,
    withdrawn: String,
    refunded: String,
    remaining: String,
    next_release: Option<i64>,
    created_at: i64,
    ended_at: Option<i64>,
    high_value: bool,
    veto_deadline: Option<i64>,
    vetoable: bool,
    cancel_by: &'static str,
    transfer_by: &'static str,
    top_up: bool,
    crank: bool,
    schedule: String,
    now: i64,
    curve: Vec<CurvePoint>,
}

fn view(address: &Pubkey, lock: &Lock, mint: &MintInfo, now: i64, curve_points: usize) -> LockView {
    let p = tl::lock_progress(lock, now);
    let curve = if curve_points == 0 { vec![] } else { tl::unlock_curve(&lock.schedule, lock.total, curve_points) };
    LockView {
        address: address.to_string(),
        id: lock.id,
        status: tl::status_name(lock.status),
        mint: lock.mint.to_string(),
        token_program: lock.token_program.to_string(),
        sender: lock.sender.to_string(),
        recipient: lock.recipient.to_string(),
        escrow: lock.escrow.to_string(),
        total: mint.format(lock.total),
        vested: mint.format(p.vested),
        available: mint.format(p.available),
        withdrawn: mint.format(p.withdrawn),
        refunded: mint.format(p.refunded),
        remaining: mint.format(p.remaining),
        next_release: p.next_release,
        created_at: lock.created_at,
        ended_at: (lock.ended_at != 0).then_some(lock.ended_at),
        high_value: lock.high_value,
        veto_deadline: lock.high_value.then_some(lock.veto_deadline),
        vetoable: p.vetoable,
        cancel_by: tl::policy_name(lock.policies.cancel),
        transfer_by: tl::policy_name(lock.policies.change_recipient),
        top_up: lock.policies.top_up,
        crank: lock.policies.crank,
        schedule: schedule_summary(&lock.schedule, mint, now),
        now,
        curve: curve
            .into_iter()
            .map(|(time, vested)| CurvePoint { time, at: format_time(time), vested: mint.format(vested) })
            .collect(),
    }
}

/// The unlock curve as a text table: time, cumulative vested, share of the total.
pub fn curve_table(lock: &Lock, mint: &MintInfo, now: i64, max_points: usize) -> String {
    let mut lines = vec![format!("    {:<22} {:>18} {:>7}", "time", "vested", "share")];
    for (time, vested) in tl::unlock_curve(&lock.schedule, lock.total, max_points) {
        let per_mille = (vested as u128 * 1000 / (lock.total.max(1) as u128)) as u64;
        let mark = if time <= now { "*" } else { " " };
        lines.push(format!(
            "  {mark} {:<22} {:>18} {:>5}.{}%",
            format_time(time),
            mint.format(vested),
            per_mille / 10,
            per_mille % 10
        ));
    }
    lines.join("\n")
}

/// `show`.
pub async fn show(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let lock = load_lock(client, address).await?;
    let mint = mint_info(client, &lock.mint).await?;
    let now = cluster_now(client).await?;
    let v = view(address, &lock, &mint, now, CURVE_POINTS);
    print(out, &v, || {
        let high = match v.veto_deadline {
            Some(deadline) if v.vetoable => {
                format!("yes: the guardian may veto until {}", describe_time(deadline, now))
            }
            Some(deadline) => format!("yes (veto period ended {})", format_time(deadline)),
            None => "no".into(),
        };
        let next = v.next_release.map_or("-".into(), |t| describe_time(t, now));
        let ended = v.ended_at.map_or(String::new(), |t| format!(" at {}", format_time(t)));
        format!(
            "Lock        {} (id {})\nStatus      {}{ended}\nMint        {} (token program {})\nSender      {}\nRecipient   {}\nEscrow      {}\nSchedule    {}\nPolicies    {}\nHigh-value  {high}\nCreated     {}\nProgress at {}\n  total      {}\n  vested     {}\n  withdrawn  {}\n  available  {}\n  refunded   {}\n  remaining  {} (in escrow)\n  next release {next}\nUnlock curve (* = reached)\n{}",
            v.address, v.id, v.status, v.mint, v.token_program, v.sender, v.recipient, v.escrow, v.schedule,
            policies_summary(&lock.policies), format_time(lock.created_at), format_time(now), v.total, v.vested,
            v.withdrawn, v.available, v.refunded, v.remaining, curve_table(&lock, &mint, now, CURVE_POINTS)
        )
    });
    Ok(())
}

/// Arguments of `psp timelock list`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only locks funded by this wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub sender: Option<Pubkey>,
    /// Only locks paying this wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub recipient: Option<Pubkey>,
}

/// Every lock, or those of `sender` and/or `recipient` (getProgramAccounts with memcmp
/// filters), oldest first.
pub async fn fetch_locks(
    client: &Client,
    sender: Option<Pubkey>,
    recipient: Option<Pubkey>,
) -> Result<Vec<(Pubkey, Lock)>> {
    let mut filters = Vec::new();
    if let Some(sender) = sender {
        filters.push((tl::LOCK_SENDER_OFFSET, sender.to_bytes().to_vec()));
    }
    if let Some(recipient) = recipient {
        filters.push((tl::LOCK_RECIPIENT_OFFSET, recipient.to_bytes().to_vec()));
    }
    let mut locks: Vec<(Pubkey, Lock)> = client.program_accounts(&psp_timelock::ID, filters).await?;
    locks.sort_by_key(|(k, l)| (l.created_at, *k));
    Ok(locks)
}

/// `list`: every lock matching the filters.
pub async fn list(client: &Client, out: OutputFormat, args: ListArgs) -> Result<()> {
    let locks = fetch_locks(client, args.sender, args.recipient).await?;
    let now = cluster_now(client).await?;
    let mut mints: HashMap<Pubkey, MintInfo> = HashMap::new();
    let mut views = Vec::new();
    for (address, lock) in &locks {
        if let std::collections::hash_map::Entry::Vacant(entry) = mints.entry(lock.mint) {
            entry.insert(mint_info(client, &lock.mint).await?);
        }
        views.push(view(address, lock, &mints[&lock.mint], now, 0));
    }
    print(out, &views, || {
        if views.is_empty() {
            return "No locks.".into();
        }
        let mut lines = vec![format!(
            "{:<44} {:>20} {:<9} {:>14} {:>14} {:>14}  {:<44}  next release",
            "lock", "id", "status", "total", "withdrawn", "available", "recipient"
        )];
        for v in &views {
            lines.push(format!(
                "{:<44} {:>20} {:<9} {:>14} {:>14} {:>14}  {:<44}  {}",
                v.address,
                v.id,
                v.status,
                v.total,
                v.withdrawn,
                v.available,
                v.recipient,
                v.next_release.map_or("-".into(), |t| describe_time(t, now))
            ));
        }
        lines.join("\n")
    });
    Ok(())
}
