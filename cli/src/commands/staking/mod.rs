//! `psp staking ...`: lockup-boosted staking pools. Pool settings and reward streams (admin
//! actions sign directly or, with `--multisig`, become a vault transaction proposal), positions
//! (stake, extend, add, unstake, withdraw, refresh), claims, and read-only views whose pending
//! rewards come from the program's own accrual and settlement functions run off-chain.
mod claim;
mod pool;
mod position;
mod positions;
mod show;
mod stream;

pub use claim::claim_instructions;
pub use positions::{pending_at, position_view};
pub use show::stream_view;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use psp_staking::constants::MAX_STREAMS;
use psp_staking::state::{pause, Pool, Position, RewardStream, StreamStatus};
use solana_sdk::pubkey::Pubkey;

use crate::client::Client;
use crate::cluster::{parse_pubkey, GlobalOpts};
use crate::commands::common::{mint_info, AdminOpts, MintInfo};
use crate::commands::time::parse_duration;
use psp_sdk::quote::quote;

/// Staking subcommands.
#[derive(Subcommand, Debug)]
pub enum StakingCommand {
    /// Pools: create, show (settings, totals, streams, APR), config.
    #[command(subcommand)]
    Pool(pool::PoolCommand),
    /// Reward streams: add, fund, set-rate, cap, retire.
    #[command(subcommand)]
    Stream(stream::StreamCommand),
    /// Open a position: stake under a lock (longer locks earn a bigger multiplier).
    Stake(position::StakeArgs),
    /// Extend a position's lock (the boost follows the remaining lock).
    Extend(position::ExtendArgs),
    /// Add stake to a position.
    Add(position::AddArgs),
    /// Start unstaking an unlocked position (the cooldown starts; default: everything).
    Unstake(position::UnstakeArgs),
    /// Withdraw tokens whose cooldown has ended.
    Withdraw(PositionTarget),
    /// Close an empty position (no stake, nothing cooling, nothing to claim): rent back.
    Close(PositionTarget),
    /// Claim rewards (default: every stream with pending rewards, in one transaction).
    Claim(claim::ClaimArgs),
    /// Re-weight anyone's position from its remaining lock (boosts decay to 1x).
    Refresh(position::RefreshArgs),
    /// List positions with weight, multiplier, voting power and pending rewards.
    Positions(positions::PositionsArgs),
    /// Add pause flags (guardian or admin): stake, claim, halt, all.
    Pause {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Comma-separated flags to add: stake, claim, halt or all.
        #[arg(value_parser = parse_pause_flags)]
        flags: u8,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Clear pause flags (admin): the given ones, or all.
    Unpause {
        /// Pool address.
        #[arg(value_parser = parse_pubkey)]
        pool: Pubkey,
        /// Comma-separated flags to clear (default: all).
        #[arg(value_parser = parse_pause_flags)]
        flags: Option<u8>,
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// A position of the signer: pool and position index.
#[derive(Args, Debug)]
pub struct PositionTarget {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// Position index (see `psp staking positions`).
    pub index: u32,
}

/// Runs a staking subcommand.
pub async fn run(global: &GlobalOpts, command: StakingCommand) -> Result<()> {
    let client = global.client();
    let out = global.output;
    match command {
        StakingCommand::Pool(cmd) => pool::run(&client, out, cmd).await,
        StakingCommand::Stream(cmd) => stream::run(&client, out, cmd).await,
        StakingCommand::Stake(args) => position::stake(&client, out, args).await,
        StakingCommand::Extend(args) => position::extend(&client, out, args).await,
        StakingCommand::Add(args) => position::add(&client, out, args).await,
        StakingCommand::Unstake(args) => position::unstake(&client, out, args).await,
        StakingCommand::Withdraw(target) => position::withdraw(&client, out, target).await,
        StakingCommand::Close(target) => position::close(&client, out, target).await,
        StakingCommand::Claim(args) => claim::run(&client, out, args).await,
        StakingCommand::Refresh(args) => position::refresh(&client, out, args).await,
        StakingCommand::Positions(args) => positions::run(&client, out, args).await,
        StakingCommand::Pause { pool, flags, admin } => {
            pool::set_pause(&client, out, &pool, &admin, |old| old | flags, "pause").await
        }
        StakingCommand::Unpause { pool, flags, admin } => {
            let clear = flags.unwrap_or(pause::ALL);
            pool::set_pause(&client, out, &pool, &admin, |old| old & !clear, "unpause").await
        }
    }
}

/// Reads the pool at `address`.
pub async fn load_pool(client: &Client, address: &Pubkey) -> Result<Pool> {
    client.account(address, "staking pool").await
}

/// Reads position `index` of `owner` in `pool`; returns its address too.
pub async fn load_position(client: &Client, pool: &Pubkey, owner: &Pubkey, index: u32) -> Result<(Pubkey, Position)> {
    let address = psp_sdk::staking::position_pda(pool, owner, index).0;
    let position = client
        .account(&address, "staking position")
        .await
        .map_err(|_| anyhow!("{owner} has no position {index} in pool {pool} ({address})"))?;
    Ok((address, position))
}

/// Stream slot `index` of `pool`, which must hold a stream.
pub fn stream_at(pool: &Pool, index: u8) -> Result<&RewardStream> {
    match pool.streams.get(usize::from(index)) {
        Some(stream) if stream.status != StreamStatus::Empty => Ok(stream),
        _ => bail!("the pool has no stream at index {index} (see `psp staking pool show`); nothing was sent"),
    }
}

/// The stake mint and each stream's reward mint of a pool.
pub struct PoolMints {
    /// The stake mint.
    pub stake: MintInfo,
    /// Reward mint of each non-empty stream slot.
    pub streams: [Option<MintInfo>; MAX_STREAMS],
}

/// Reads the mints of `pool` (each distinct mint once).
pub async fn pool_mints(client: &Client, pool: &Pool) -> Result<PoolMints> {
    let stake = mint_info(client, &pool.stake_mint).await?;
    let mut streams = [None; MAX_STREAMS];
    for (slot, stream) in streams.iter_mut().zip(&pool.streams) {
        if stream.status != StreamStatus::Empty {
            *slot = Some(if stream.reward_mint == pool.stake_mint {
                stake
            } else {
                mint_info(client, &stream.reward_mint).await?
            });
        }
    }
    Ok(PoolMints { stake, streams })
}

pub use psp_sdk::staking::{format_pause_flags, parse_pause_flags};

/// Parses a lockup: a duration (`90d`, `1h`, `3600`) or years (`4y` = 4 x 365 days).
pub fn parse_lockup(text: &str) -> Result<i64, String> {
    let t = text.trim().trim_start_matches('+');
    let seconds = match t.strip_suffix('y') {
        Some(years) => years
            .parse::<u64>()
            .map_err(|_| format!("{} is not a lockup (e.g. 4y, 90d, 1h)", quote(text)))?
            .checked_mul(365 * 86_400),
        None => Some(parse_duration(t)?),
    };
    seconds.and_then(|s| i64::try_from(s).ok()).ok_or_else(|| format!("lockup {} is too long", quote(text)))
}

/// Parses a multiplier such as `3`, `3x` or `2.5x` into basis points (10_000 = 1x).
pub fn parse_multiplier(text: &str) -> Result<u32, String> {
    let t = text.trim().trim_end_matches(['x', 'X']);
    let bps = psp_sdk::amounts::parse_amount(t, 4)
        .map_err(|e| format!("{} is not a multiplier (e.g. 3x, 2.5): {e}", quote(text)))?;
    u32::try_from(bps).map_err(|_| format!("multiplier {} is too large", quote(text)))
}

/// A multiplier in basis points as `2.5x`.
pub fn format_multiplier(bps: u32) -> String {
    format!("{}x", psp_sdk::amounts::format_amount(u64::from(bps), 4))
}

/// `num / den` in decimal with up to `places` digits after the point (trailing zeros trimmed),
/// by long division (no floats, no overflow for any u128 inputs with `den > 0`).
pub fn ratio(num: u128, den: u128, places: u32) -> String {
    if den == 0 {
        return "-".into();
    }
    let (whole, mut rest) = (num / den, num % den);
    let mut digits = String::new();
    for _ in 0..places {
        // 10 x rest = digit x den + r, adding rest ten times modulo den (rest < den: no overflow).
        let (mut digit, mut r) = (0u8, 0u128);
        for _ in 0..10 {
            let room = den - r;
            if rest >= room {
                r = rest - room;
                digit += 1;
            } else {
                r += rest;
            }
        }
        digits.push(char::from(b'0' + digit));
        rest = r;
    }
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{digits}")
    }
}

/// A weight (stake base units x multiplier) in stake UI units.
pub fn format_weight(weight: u128, decimals: u8) -> String {
    ratio(weight, 10u128.pow(u32::from(decimals)), u32::from(decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_and_formatting() {
        assert_eq!(parse_pause_flags("stake, claim").unwrap(), pause::STAKE | pause::CLAIM);
        assert_eq!(parse_pause_flags("all").unwrap(), pause::ALL);
        assert!(parse_pause_flags("create").unwrap_err().contains("unknown pause flag 'create'"));
        assert_eq!(format_pause_flags(pause::CLAIM | pause::HALT), "claim,halt");
        assert_eq!(format_pause_flags(0), "none");
        assert_eq!(parse_lockup("4y"), Ok(4 * 365 * 86_400));
        assert_eq!(parse_lockup("90d"), Ok(90 * 86_400));
        assert_eq!(parse_lockup("+40s"), Ok(40));
        assert!(parse_lockup("4 years").is_err());
        assert_eq!(parse_multiplier("3x"), Ok(30_000));
        assert_eq!(parse_multiplier("2.5"), Ok(25_000));
        assert!(parse_multiplier("2.00001").is_err());
        assert_eq!(format_multiplier(15_000), "1.5x");
        assert_eq!(ratio(1, 3, 4), "0.3333");
        assert_eq!(ratio(10, 4, 6), "2.5");
        assert_eq!(ratio(u128::MAX, u128::MAX - 1, 3), "1");
        assert_eq!(ratio(1, 0, 2), "-");
        assert_eq!(format_weight(2_500_000, 6), "2.5");
    }
}
