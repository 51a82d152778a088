//! `psp staking positions`: a pool's positions (all, or one owner's) with amount, lock,
//! multiplier, weight, cooldown, voting power and pending rewards per stream. Pending rewards
//! are what a claim would pay now: a copy of the pool accrued to the cluster's clock with the
//! program's own `Pool::accrue`, and a copy of the position settled with `Position::settle`.
use anyhow::{anyhow, Result};
use clap::Args;
use psp_sdk::staking as st;
use psp_staking::constants::MAX_STREAMS;
use psp_staking::state::{boost, Pool, Position};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::{format_multiplier, format_weight, load_pool, pool_mints, PoolMints};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::cluster_now;
use crate::commands::time::describe_time;
use crate::output::print;

/// Arguments of `psp staking positions`.
#[derive(Args, Debug)]
pub struct PositionsArgs {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// Only this owner's positions.
    #[arg(long, value_parser = parse_pubkey)]
    pub owner: Option<Pubkey>,
}

/// Pending rewards of one stream slot.
#[derive(Serialize, Clone)]
pub struct PendingView {
    /// Stream index.
    pub stream: u8,
    /// Reward mint.
    pub mint: String,
    /// Claimable now (UI units).
    pub pending: String,
    /// Claimable now (base units).
    pub pending_base: u64,
}

/// One position as `positions` reports it.
#[derive(Serialize, Clone)]
pub struct PositionView {
    /// Position address.
    pub address: String,
    /// Owner wallet.
    pub owner: String,
    /// Owner-chosen index.
    pub index: u32,
    /// Staked and earning (UI units).
    pub amount: String,
    /// When the current lock started.
    pub lock_start: i64,
    /// When the lock ends.
    pub lock_end: i64,
    /// Whether the lock is still running.
    pub locked: bool,
    /// Multiplier the weight was computed with.
    pub multiplier: String,
    /// Multiplier a refresh would set now (from the remaining lock).
    pub multiplier_now: String,
    /// Share of rewards (UI units of stake x multiplier).
    pub weight: String,
    /// Unbonding (UI units).
    pub cooling: String,
    /// When the cooling tokens can be withdrawn.
    pub cooldown_end: Option<i64>,
    /// Voting power for a vote ending now (0 below the pool's minimum committed lock).
    pub voting_power: String,
    /// Claimable rewards per stream.
    pub pending: Vec<PendingView>,
}

/// Every position of `pool` (or of `owner` in it) via getProgramAccounts, by owner and index.
pub async fn fetch_positions(
    client: &Client,
    pool: &Pubkey,
    owner: Option<&Pubkey>,
) -> Result<Vec<(Pubkey, Position)>> {
    let mut filters = vec![(st::POSITION_POOL_OFFSET, pool.to_bytes().to_vec())];
    if let Some(owner) = owner {
        filters.push((st::POSITION_OWNER_OFFSET, owner.to_bytes().to_vec()));
    }
    let mut positions: Vec<(Pubkey, Position)> = client.program_accounts(&psp_staking::ID, filters).await?;
    positions.sort_by_key(|(k, p)| (p.owner, p.index, *k));
    Ok(positions)
}

/// What `position` could claim from each stream slot at `now`: copies of the pool and the
/// position brought to `now` by the program's own accrual and settlement.
pub fn pending_at(pool: &Pool, position: &Position, now: i64) -> Result<[u64; MAX_STREAMS]> {
    let mut pool = pool.clone();
    pool.accrue(now).map_err(|e| anyhow!("cannot accrue the pool: {e}"))?;
    let mut position = position.clone();
    position.settle(&pool).map_err(|e| anyhow!("cannot settle the position: {e}"))?;
    Ok(position.rewards.map(|r| r.pending))
}

/// The view of `position` at `now`.
pub fn position_view(
    address: &Pubkey,
    position: &Position,
    pool: &Pool,
    mints: &PoolMints,
    now: i64,
) -> Result<PositionView> {
    let stake = mints.stake;
    let pending = pending_at(pool, position, now)?;
    let remaining = position.lock_end.saturating_sub(now).max(0);
    let power = psp_sdk::staking::voting_power(position, pool, now, now);
    Ok(PositionView {
        address: address.to_string(),
        owner: position.owner.to_string(),
        index: position.index,
        amount: stake.format(position.amount),
        lock_start: position.lock_start,
        lock_end: position.lock_end,
        locked: position.lock_end > now,
        multiplier: format_multiplier(position.multiplier_bps),
        multiplier_now: format_multiplier(boost::multiplier_bps(remaining, pool.max_lockup, pool.max_multiplier_bps)),
        weight: format_weight(position.weight, stake.decimals),
        cooling: stake.format(position.cooling_amount),
        cooldown_end: (position.cooling_amount > 0).then_some(position.cooldown_end),
        voting_power: format_weight(power, stake.decimals),
        pending: pool
            .streams
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let mint = mints.streams[i]?;
                Some(PendingView {
                    stream: i as u8,
                    mint: s.reward_mint.to_string(),
                    pending: mint.format(pending[i]),
                    pending_base: pending[i],
                })
            })
            .collect(),
    })
}

/// `positions`.
pub async fn run(client: &Client, out: OutputFormat, args: PositionsArgs) -> Result<()> {
    let pool = load_pool(client, &args.pool).await?;
    let mints = pool_mints(client, &pool).await?;
    let positions = fetch_positions(client, &args.pool, args.owner.as_ref()).await?;
    let now = cluster_now(client).await?;
    let views = positions
        .iter()
        .map(|(address, p)| position_view(address, p, &pool, &mints, now))
        .collect::<Result<Vec<_>>>()?;
    print(out, &views, || {
        if views.is_empty() {
            return "No positions.".into();
        }
        let mut lines = Vec::new();
        for v in &views {
            let lock =
                if v.locked { format!("locked until {}", describe_time(v.lock_end, now)) } else { "unlocked".into() };
            let boost = if v.multiplier == v.multiplier_now {
                v.multiplier.clone()
            } else {
                format!("{} ({} after a refresh)", v.multiplier, v.multiplier_now)
            };
            lines.push(format!("Position {} (owner {}, index {})", v.address, v.owner, v.index));
            lines.push(format!(
                "  staked {}, {lock}, multiplier {boost}, weight {}, voting power {}",
                v.amount, v.weight, v.voting_power
            ));
            if let Some(end) = v.cooldown_end {
                lines.push(format!("  cooling {} (withdrawable {})", v.cooling, describe_time(end, now)));
            }
            for p in &v.pending {
                lines.push(format!("  stream {} pending {} (mint {})", p.stream, p.pending, p.mint));
            }
        }
        lines.join("\n")
    });
    Ok(())
}
