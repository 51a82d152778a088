//! `psp staking claim`: pays a position's rewards — one stream, or every stream with pending
//! rewards (one `claim_rewards` per stream, all in one transaction) — to the owner's
//! associated token accounts, created idempotently first.
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anyhow::{bail, Result};
use clap::Args;
use psp_sdk::staking as st;
use psp_staking::constants::MAX_STREAMS;
use psp_staking::events::RewardsClaimed;
use psp_staking::state::Pool;
use serde_json::json;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::positions::pending_at;
use super::{load_pool, load_position, pool_mints, stream_at, PoolMints};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{cluster_now, done, program_events};

/// Arguments of `psp staking claim`.
#[derive(Args, Debug)]
pub struct ClaimArgs {
    /// Pool address.
    #[arg(value_parser = parse_pubkey)]
    pub pool: Pubkey,
    /// Position index.
    pub index: u32,
    /// Claim only this stream (default: every stream with pending rewards).
    #[arg(long)]
    pub stream: Option<u8>,
    /// Claim at most this much (UI units of the stream's mint; with --stream), e.g. to stay
    /// under the stream's claim cap.
    #[arg(long, requires = "stream")]
    pub max: Option<String>,
}

/// The instructions that claim `streams` (slot indexes) of position `position` for `owner`
/// (who pays for the associated token accounts), each up to `max` when given.
pub fn claim_instructions(
    pool_address: &Pubkey,
    pool: &Pool,
    mints: &PoolMints,
    position: &Pubkey,
    owner: &Pubkey,
    streams: &[u8],
    max: Option<u64>,
) -> Vec<Instruction> {
    let mut ixs = Vec::new();
    let mut created: Vec<Pubkey> = Vec::new();
    for &index in streams {
        let (stream, Some(mint)) = (&pool.streams[usize::from(index)], mints.streams[usize::from(index)]) else {
            continue;
        };
        let destination = mint.ata(owner, &stream.reward_mint);
        if !created.contains(&destination) {
            ixs.push(create_associated_token_account_idempotent(
                owner,
                owner,
                &stream.reward_mint,
                &mint.token_program,
            ));
            created.push(destination);
        }
        ixs.push(st::claim_rewards(pool_address, pool, position, owner, index, &destination, max));
    }
    ixs
}

/// `claim`.
pub async fn run(client: &Client, out: OutputFormat, args: ClaimArgs) -> Result<()> {
    let pool = load_pool(client, &args.pool).await?;
    let mints = pool_mints(client, &pool).await?;
    let me = client.payer()?.pubkey();
    let (address, position) = load_position(client, &args.pool, &me, args.index).await?;
    let (streams, max) = match args.stream {
        Some(index) => {
            stream_at(&pool, index)?;
            let mint = mints.streams[usize::from(index)].expect("a non-empty slot has a mint");
            (vec![index], args.max.as_deref().map(|m| mint.parse(m)).transpose()?)
        }
        None => {
            let pending = pending_at(&pool, &position, cluster_now(client).await?)?;
            let due: Vec<u8> = (0..MAX_STREAMS as u8)
                .filter(|i| mints.streams[usize::from(*i)].is_some() && pending[usize::from(*i)] > 0)
                .collect();
            if due.is_empty() {
                bail!("NothingToClaim: position {} has no pending rewards; nothing was sent", args.index);
            }
            (due, None)
        }
    };
    let ixs = claim_instructions(&args.pool, &pool, &mints, &address, &me, &streams, max);
    let signature = client.send(&ixs, &[]).await?;
    let events: Vec<RewardsClaimed> = program_events(client, &psp_staking::ID, &signature).await.unwrap_or_default();
    let claims: Vec<_> = events
        .iter()
        .filter(|e| e.position == address)
        .map(|e| {
            let mint = mints.streams[usize::from(e.index)].unwrap_or(mints.stake);
            // The position's checkpoint after the claim: what stays unclaimed in this stream.
            let left = e.rewards.get(usize::from(e.index)).map_or(0, |r| r.pending);
            json!({
                "stream": e.index,
                "mint": e.reward_mint.to_string(),
                "amount": mint.format(e.amount),
                "amount_base": e.amount,
                "left": mint.format(left),
                "left_base": left,
                "to": mint.ata(&me, &e.reward_mint).to_string(),
            })
        })
        .collect();
    let lines: Vec<String> = claims
        .iter()
        .map(|c| {
            let left = if c["left_base"].as_u64() == Some(0) {
                String::new()
            } else {
                format!(" ({} left unclaimed)", c["left"].as_str().unwrap_or(""))
            };
            format!(
                "  stream {}: {} of {} to {}{left}",
                c["stream"],
                c["amount"].as_str().unwrap_or(""),
                c["mint"].as_str().unwrap_or(""),
                c["to"].as_str().unwrap_or("")
            )
        })
        .collect();
    let value = json!({ "position": address.to_string(), "claims": claims });
    done(
        out,
        value,
        format!("Claimed rewards of position {} ({address})\n{}", args.index, lines.join("\n")),
        &signature,
    );
    Ok(())
}
