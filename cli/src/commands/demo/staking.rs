//! The staking part of `psp demo`: a PSPT pool administered by the demo multisig's vault, two
//! reward streams (PSPT itself and a second reward token) added by one multisig proposal and
//! funded, three stakers with no lock, half and the longest lock, the boosted shares they
//! earn (computed off-chain as `psp staking positions` does), and claims that pay exactly that.
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use anyhow::{anyhow, ensure, Result};
use psp_multisig::state::Vote;
use psp_sdk::staking as st;
use psp_staking::events::{RewardsClaimed, StreamsSettled};
use psp_staking::state::{Pool, Position};
use psp_staking::CreatePoolArgs;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::timelock::{World, PSPT};
use super::{create_token, step};
use crate::client::Client;
use crate::commands::common::{cluster_now, transaction_events, MintInfo};
use crate::commands::multisig::ops;
use crate::commands::staking::{
    claim_instructions, format_multiplier, format_weight, pending_at, pool_mints, position_view, stream_view,
};
use crate::console::Console;

/// The second reward token: SPL Token, 9 decimals.
const RWD: MintInfo = MintInfo { decimals: 9, token_program: spl_token::ID };
/// Longest lock of the demo pool (seconds), earning the maximum 3x.
const MAX_LOCKUP: i64 = 40;
/// Each staker's stake (PSPT) and lock (seconds).
const STAKERS: [(&str, &str, i64); 3] =
    [("alice", "1000", 0), ("bob", "1000", MAX_LOCKUP / 2), ("carol", "1000", MAX_LOCKUP)];
/// How long the stakers earn before the table and the claims.
const EARN_SECONDS: i64 = 6;

async fn balance(client: &Client, account: &Pubkey) -> u64 {
    client.rpc.get_token_account_balance(account).await.map_or(0, |b| b.amount.parse().unwrap_or(0))
}

async fn pool(client: &Client, address: &Pubkey) -> Result<Pool> {
    client.account(address, "staking pool").await
}

/// Runs the staking steps from step number `first`; returns a one-line summary, the next step
/// number and the pool.
pub async fn run(out: &mut Console, first: usize, w: &World<'_>) -> Result<(String, usize, Pubkey)> {
    let [alice, bob, carol] = [&w.clients[0], &w.clients[1], &w.clients[2]];
    let stakers = [alice, bob, carol];
    let faucet = w.faucet.payer()?.pubkey();
    let mut n = first;

    step(out, n, "alice creates a PSPT staking pool: admin = the multisig's vault, guardian = carol; 1x without a lock up to 3x at 40 s, votes need a 10 s lock, 3 s cooldown");
    let create_key = Keypair::new();
    let settings = CreatePoolArgs {
        admin: w.vault,
        guardian: carol.payer()?.pubkey(),
        max_lockup: MAX_LOCKUP,
        max_multiplier_bps: 30_000,
        min_voting_lockup: 10,
        cooldown: 3,
    };
    let (ix, address) =
        st::create_pool(&create_key.pubkey(), &alice.payer()?.pubkey(), &w.mint, &spl_token::ID, settings);
    let signature = alice.send(&[ix], &[&create_key]).await?;
    out.line(format!("    pool {address}  tx {signature}"));

    n += 1;
    step(
        out,
        n,
        "The multisig adds two reward streams in one proposal: PSPT at 10/s and RWD (a new reward token) at 2.5/s",
    );
    let rwd = create_token(w.faucet, RWD.decimals).await?;
    let state = pool(alice, &address).await?;
    let mut after_first = state.clone();
    after_first.next_stream_id += 1;
    let ixs = vec![
        st::add_stream(&address, &state, &w.vault, &w.vault, &w.mint, &spl_token::ID, PSPT.parse("10")?),
        st::add_stream(&address, &after_first, &w.vault, &w.vault, &rwd, &spl_token::ID, RWD.parse("2.5")?),
    ];
    let (index, _) = ops::propose_vault(alice, &w.multisig, 0, &ixs, Some("staking reward streams".into())).await?;
    ops::vote(bob, &w.multisig, index, Vote::Approve, None).await?;
    let signature = ops::execute(carol, &w.multisig, index, false).await?;
    out.line(format!("    RWD mint {rwd}\n    transaction {index}: proposed by alice, approved by bob, executed by carol  tx {signature}"));

    n += 1;
    step(out, n, "The faucet funds the streams with 5,000 PSPT and 2,000 RWD, and gives bob and carol 1,000 PSPT each");
    let state = pool(alice, &address).await?;
    let (faucet_pspt, faucet_rwd) = (PSPT.ata(&faucet, &w.mint), RWD.ata(&faucet, &rwd));
    let mut ixs = vec![
        create_associated_token_account_idempotent(&faucet, &faucet, &w.mint, &spl_token::ID),
        create_associated_token_account_idempotent(&faucet, &faucet, &rwd, &spl_token::ID),
        spl_token::instruction::mint_to(&spl_token::ID, &w.mint, &faucet_pspt, &faucet, &[], PSPT.parse("5000")?)?,
        spl_token::instruction::mint_to(&spl_token::ID, &rwd, &faucet_rwd, &faucet, &[], RWD.parse("2000")?)?,
        st::fund_stream(&address, &state, 0, &faucet, &faucet_pspt, PSPT.parse("5000")?),
        st::fund_stream(&address, &state, 1, &faucet, &faucet_rwd, RWD.parse("2000")?),
    ];
    for staker in [bob, carol] {
        let owner = staker.payer()?.pubkey();
        ixs.push(create_associated_token_account_idempotent(&faucet, &owner, &w.mint, &spl_token::ID));
        ixs.push(spl_token::instruction::mint_to(
            &spl_token::ID,
            &w.mint,
            &PSPT.ata(&owner, &w.mint),
            &faucet,
            &[],
            PSPT.parse("1000")?,
        )?);
    }
    let signature = w.faucet.send(&ixs, &[]).await?;
    let state = pool(alice, &address).await?;
    let mints = pool_mints(alice, &state).await?;
    let now = cluster_now(alice).await?;
    for (i, mint) in mints.streams.iter().enumerate().take(2) {
        let s = stream_view(
            &state,
            i as u8,
            &state.streams[i],
            &mint.ok_or_else(|| anyhow!("stream {i} missing"))?,
            &mints.stake,
        );
        let until = s.funded_until.map_or(0, |t| t - now);
        out.line(format!(
            "    stream {i}: {}/s = {}/day, {} unallocated, funded for {until} s",
            s.rate_per_second, s.rate_per_day, s.unallocated
        ));
    }
    out.line(format!("    tx {signature}"));

    n += 1;
    step(out, n, "alice, bob and carol stake 1,000 PSPT each in one transaction (so they earn from the same second): no lock, a 20 s lock, a 40 s lock");
    let mut ixs = Vec::new();
    for ((_, amount, lock), staker) in STAKERS.iter().zip(stakers) {
        let me = staker.payer()?.pubkey();
        ixs.push(st::create_position(&address, &state, &me, &PSPT.ata(&me, &w.mint), 0, PSPT.parse(amount)?, *lock).0);
    }
    let signature = alice.send(&ixs, &[bob.payer()?, carol.payer()?]).await?;
    for ((name, _, lock), staker) in STAKERS.iter().zip(stakers) {
        let position = st::position_pda(&address, &staker.payer()?.pubkey(), 0).0;
        let p: Position = staker.account(&position, "staking position").await?;
        out.line(format!(
            "    {name:<6} position {position}: lock {lock:>2} s, multiplier {}, weight {}",
            format_multiplier(p.multiplier_bps),
            format_weight(p.weight, PSPT.decimals)
        ));
    }
    out.line(format!("    tx {signature}"));

    n += 1;
    step(out, n, &format!("After {EARN_SECONDS} s: each staker's share, computed off-chain with the program's own accrual (as `psp staking positions` does)"));
    let start = cluster_now(alice).await?;
    while cluster_now(alice).await? < start + EARN_SECONDS {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    let state = pool(alice, &address).await?;
    let now = cluster_now(alice).await?;
    out.line(format!(
        "    {:<6} {:>9} {:>10} {:>10} {:>12} {:>14} {:>14}",
        "staker", "lock left", "multiplier", "weight", "voting power", "pending PSPT", "pending RWD"
    ));
    for ((name, _, _), staker) in STAKERS.iter().zip(stakers) {
        let position = st::position_pda(&address, &staker.payer()?.pubkey(), 0).0;
        let p: Position = staker.account(&position, "staking position").await?;
        let v = position_view(&position, &p, &state, &mints, now)?;
        let left = (v.lock_end - now).max(0);
        out.line(format!(
            "    {name:<6} {:>7} s {:>10} {:>10} {:>12} {:>14} {:>14}",
            left, v.multiplier, v.weight, v.voting_power, v.pending[0].pending, v.pending[1].pending
        ));
    }
    let mut accrued = state.clone();
    accrued.accrue(now).map_err(|e| anyhow!("{e}"))?;
    let pspt_stream = stream_view(&accrued, 0, &accrued.streams[0], &PSPT, &PSPT);
    out.line(format!(
        "    PSPT stream: {} PSPT per staked PSPT per year at this rate, APR {} (a 40 s demo pool: rewards are large on purpose)",
        pspt_stream.emission_per_year_per_staked_token.unwrap_or_default(),
        pspt_stream.apr.unwrap_or_default()
    ));

    n += 1;
    step(out, n, "Each claims both streams in one transaction; the amounts received match the off-chain computation at the claim's time");
    let mut total = [0u64; 2];
    let mut last_settled = None;
    for ((name, _, _), staker) in STAKERS.iter().zip(stakers) {
        let me = staker.payer()?.pubkey();
        let state = pool(staker, &address).await?;
        let position = st::position_pda(&address, &me, 0).0;
        let before_position: Position = staker.account(&position, "staking position").await?;
        let accounts = [PSPT.ata(&me, &w.mint), RWD.ata(&me, &rwd)];
        let before = [balance(staker, &accounts[0]).await, balance(staker, &accounts[1]).await];
        let ixs = claim_instructions(&address, &state, &mints, &position, &me, &[0, 1], None);
        let signature = staker.send(&ixs, &[]).await?;
        let received =
            [balance(staker, &accounts[0]).await - before[0], balance(staker, &accounts[1]).await - before[1]];
        let (decoded, block_time) = transaction_events(staker, &signature).await?;
        let events: Vec<RewardsClaimed> = decoded.events_of(&psp_staking::ID);
        let claimed: Vec<u64> =
            (0..2u8).map(|i| events.iter().filter(|e| e.index == i).map(|e| e.amount).sum()).collect();
        ensure!(claimed == received, "{name}: events say {claimed:?}, balances moved {received:?}");
        last_settled = decoded.events_of::<StreamsSettled>(&psp_staking::ID).pop();
        let check = match block_time {
            Some(t) => {
                let predicted = pending_at(&state, &before_position, t)?;
                ensure!(
                    predicted[..2] == received,
                    "{name}: predicted {:?} at {t}, received {received:?}",
                    &predicted[..2]
                );
                "= predicted"
            }
            None => "(no block time to predict with)",
        };
        out.line(format!(
            "    {name:<6} received {:>10} PSPT {:>12} RWD {check}, = RewardsClaimed events  tx {signature}",
            PSPT.format(received[0]),
            RWD.format(received[1])
        ));
        total = [total[0] + received[0], total[1] + received[1]];
    }
    let state = pool(alice, &address).await?;
    ensure!(
        state.streams[0].total_claimed == total[0] && state.streams[1].total_claimed == total[1],
        "the pool's claimed totals do not match the claims"
    );
    // What an indexer knows from the events alone: the last claim's StreamsSettled is the pool.
    let settled = last_settled.ok_or_else(|| anyhow!("the last claim emitted no StreamsSettled event"))?;
    ensure!(
        settled.streams == state.streams.map(|s| s.snapshot()),
        "the last StreamsSettled event differs from the pool account: {:?}",
        settled.streams
    );
    out.line(
        "    the last claim's StreamsSettled event equals the pool's streams (funded, allocated, claimed, runway)",
    );
    let summary = format!(
        "three boosted stakers claimed {} PSPT and {} RWD from two streams, exactly as computed off-chain",
        PSPT.format(total[0]),
        RWD.format(total[1])
    );
    Ok((summary, n + 1, address))
}
