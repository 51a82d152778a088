//! `psp staking pool show`: settings, totals, and each reward stream accrued to the cluster's
//! now (with the program's own `Pool::accrue`), with its emission per staked token per year
//! and, for a stream paying the stake mint, the APR (BRIEF §5: annual reward emission /
//! staked value, here at the current rate).
use anyhow::{anyhow, Result};
use psp_staking::state::{Pool, RewardStream, StreamStatus};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::{format_multiplier, format_pause_flags, format_weight, load_pool, pool_mints, ratio};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::common::{cluster_now, MintInfo};
use crate::commands::time::{describe_time, format_duration};
use crate::output::print;

/// Seconds in the year used for annual figures (365 days).
pub const YEAR: u128 = 365 * 86_400;

/// One reward stream as `pool show` reports it.
#[derive(Serialize)]
pub struct StreamView {
    /// Slot index (what `claim --stream` and `stream fund` take).
    pub index: u8,
    /// Pool-unique stream id.
    pub id: u32,
    /// active or retired.
    pub status: &'static str,
    /// Reward mint.
    pub mint: String,
    /// Reward vault.
    pub vault: String,
    /// Emission per second (UI units).
    pub rate_per_second: String,
    /// Emission per day (UI units).
    pub rate_per_day: String,
    /// Funded and not yet allocated, now.
    pub unallocated: String,
    /// When emission stops at the current rate without new funds.
    pub funded_until: Option<i64>,
    /// Ever funded.
    pub total_funded: String,
    /// Ever allocated to stakers.
    pub allocated: String,
    /// Ever claimed.
    pub claimed: String,
    /// Claim cap per window (UI units; "none" without a cap).
    pub outflow_cap: String,
    /// Window of the claim cap (seconds).
    pub outflow_window: u32,
    /// Reward tokens emitted per year per earning staked token at the current rate.
    pub emission_per_year_per_staked_token: Option<String>,
    /// Annual emission / earning stake, in percent (only when the reward mint is the stake mint).
    pub apr: Option<String>,
}

/// `pool show` in JSON.
#[derive(Serialize)]
struct PoolView {
    pool: String,
    create_key: String,
    admin: String,
    pending_admin: Option<String>,
    guardian: String,
    stake_mint: String,
    stake_vault: String,
    max_lockup: i64,
    max_multiplier: String,
    min_voting_lockup: i64,
    cooldown: i64,
    paused: String,
    total_staked: String,
    total_cooling: String,
    total_weight: String,
    position_count: u64,
    now: i64,
    streams: Vec<StreamView>,
}

/// Stake earning rewards (staked minus cooling), in base units.
pub fn earning_stake(pool: &Pool) -> u64 {
    pool.total_staked.saturating_sub(pool.total_cooling)
}

/// The view of stream `index` of `pool` (already accrued to now).
pub fn stream_view(pool: &Pool, index: u8, stream: &RewardStream, reward: &MintInfo, stake: &MintInfo) -> StreamView {
    let earning = u128::from(earning_stake(pool));
    // Emission continues only while funded.
    let rate = if stream.status == StreamStatus::Active && stream.unallocated > 0 {
        u128::from(stream.rate_per_second)
    } else {
        0
    };
    let per_token = (earning > 0).then(|| {
        let num = rate * YEAR * 10u128.pow(u32::from(stake.decimals));
        ratio(num, earning * 10u128.pow(u32::from(reward.decimals)), 6)
    });
    let apr = (earning > 0 && stream.reward_mint == pool.stake_mint)
        .then(|| format!("{}%", ratio(rate * YEAR * 100, earning, 2)));
    StreamView {
        index,
        id: stream.id,
        status: if stream.status == StreamStatus::Active { "active" } else { "retired" },
        mint: stream.reward_mint.to_string(),
        vault: stream.reward_vault.to_string(),
        rate_per_second: reward.format(stream.rate_per_second),
        rate_per_day: reward.format(stream.rate_per_second.saturating_mul(86_400)),
        unallocated: reward.format(stream.unallocated),
        funded_until: stream.funded_until(),
        total_funded: reward.format(stream.total_funded),
        allocated: reward.format(stream.total_allocated),
        claimed: reward.format(stream.total_claimed),
        outflow_cap: if stream.outflow.cap == 0 { "none".into() } else { reward.format(stream.outflow.cap) },
        outflow_window: stream.outflow.window_seconds,
        emission_per_year_per_staked_token: per_token,
        apr,
    }
}

/// `pool show`.
pub async fn run(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let mut pool = load_pool(client, address).await?;
    let mints = pool_mints(client, &pool).await?;
    let now = cluster_now(client).await?;
    pool.accrue(now).map_err(|e| anyhow!("cannot accrue the pool to now: {e}"))?;
    let stake = mints.stake;
    let streams: Vec<StreamView> = pool
        .streams
        .iter()
        .enumerate()
        .filter_map(|(i, s)| mints.streams[i].map(|m| stream_view(&pool, i as u8, s, &m, &stake)))
        .collect();
    let v = PoolView {
        pool: address.to_string(),
        create_key: pool.create_key.to_string(),
        admin: pool.admin.to_string(),
        pending_admin: pool.pending_admin.map(|k| k.to_string()),
        guardian: pool.guardian.to_string(),
        stake_mint: pool.stake_mint.to_string(),
        stake_vault: pool.stake_vault.to_string(),
        max_lockup: pool.max_lockup,
        max_multiplier: format_multiplier(pool.max_multiplier_bps),
        min_voting_lockup: pool.min_voting_lockup,
        cooldown: pool.cooldown,
        paused: format_pause_flags(pool.paused),
        total_staked: stake.format(pool.total_staked),
        total_cooling: stake.format(pool.total_cooling),
        total_weight: format_weight(pool.total_weight, stake.decimals),
        position_count: pool.position_count,
        now,
        streams,
    };
    print(out, &v, || {
        let d = |s: i64| format_duration(s.max(0) as u64);
        let mut text = format!(
            "Pool        {}\nStake mint  {} (vault {})\nAdmin       {}{}\nGuardian    {}\nBoost       1x without a lock to {} at {}\nVoting      locks committed for at least {}\nCooldown    {}\nPaused      {}\nStaked      {} ({} cooling), weight {}, {} positions ever",
            v.pool, v.stake_mint, v.stake_vault, v.admin,
            v.pending_admin.as_ref().map_or(String::new(), |p| format!(" (pending: {p})")),
            v.guardian, v.max_multiplier, d(v.max_lockup), d(v.min_voting_lockup), d(v.cooldown), v.paused,
            v.total_staked, v.total_cooling, v.total_weight, v.position_count
        );
        if v.streams.is_empty() {
            text += "\nStreams     none (add one with `psp staking stream add`)";
        }
        for s in &v.streams {
            let until = s.funded_until.map_or("-".into(), |t| describe_time(t, now));
            let cap = if s.outflow_cap == "none" {
                "no claim cap".into()
            } else {
                format!("claim cap {} per {}", s.outflow_cap, format_duration(u64::from(s.outflow_window)))
            };
            let per_token = s.emission_per_year_per_staked_token.clone().unwrap_or_else(|| "- (nothing staked)".into());
            text += &format!(
                "\nStream {} (id {}, {})  mint {}\n  rate        {}/s = {}/day\n  unallocated {} (funded until {until})\n  funded {}, allocated {}, claimed {}; {cap}\n  reward emission per year per staked token: {per_token}",
                s.index, s.id, s.status, s.mint, s.rate_per_second, s.rate_per_day, s.unallocated, s.total_funded, s.allocated, s.claimed
            );
            if let Some(apr) = &s.apr {
                text += &format!("\n  APR {apr} (annual emission at the current rate / earning stake)");
            }
        }
        text
    });
    Ok(())
}
