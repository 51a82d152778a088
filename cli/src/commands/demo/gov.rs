//! The governance part of `psp demo`: a realm over the demo's PSPT staking pool (council = the
//! multisig's vault), the multisig handing the pool's admin to the realm's treasury, stakers
//! re-locking to vote, a proposal that takes the pool's admin and raises the PSPT reward rate,
//! a refused flash-loan vote, votes that tip the outcome, and the execution after the hold-up.
use anyhow::{anyhow, ensure, Result};
use psp_governance::events::{ProposalDecided, VoteCast};
use psp_governance::state::{Choice, Proposal, ProposalState, RealmConfig};
use psp_multisig::state::Vote;
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::state::Pool;
use psp_staking::SetStreamArgs;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::step;
use super::timelock::{World, PSPT};
use crate::client::Client;
use crate::commands::common::{cluster_now, program_events};
use crate::commands::multisig::ops;
use crate::console::Console;

/// The realm's rules: 30% quorum, 60% approval, 6 s votes that tip, a 3 s hold-up.
const RULES: RealmConfig = RealmConfig {
    min_power_to_propose: 1_000_000,
    quorum_bps: 3_000,
    approval_bps: 6_000,
    voting_period: 6,
    hold_up: 3,
    execution_window: 60,
    tipping: true,
};
/// The PSPT stream's new rate (PSPT per second).
const NEW_RATE: &str = "20";

async fn wait_until(client: &Client, time: i64) -> Result<()> {
    while cluster_now(client).await? < time {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    Ok(())
}

async fn proposal(client: &Client, address: &Pubkey) -> Result<Proposal> {
    client.account(address, "proposal").await
}

/// Runs the governance steps from step number `first` on staking pool `pool`; returns a
/// one-line summary.
pub async fn run(out: &mut Console, first: usize, w: &World<'_>, pool: Pubkey) -> Result<String> {
    let [alice, bob, carol] = [&w.clients[0], &w.clients[1], &w.clients[2]];
    let mut n = first;

    step(out, n, "alice creates a governance realm over the PSPT staking pool: council = the multisig's vault; 30% quorum, 60% approval, 6 s votes that end early once decided, 3 s hold-up");
    let create_key = Keypair::new();
    let (ix, realm) = gov::create_realm(&create_key.pubkey(), &alice.payer()?.pubkey(), &pool, RULES, &w.vault);
    let signature = alice.send(&[ix], &[&create_key]).await?;
    let treasury = gov::treasury_pda(&realm).0;
    out.line(format!("    realm {realm}\n    treasury {treasury}  tx {signature}"));

    n += 1;
    step(out, n, "The multisig proposes the realm's treasury as the staking pool's admin (the realm will accept by its own proposal)");
    let ixs = vec![st::propose_admin(&pool, &w.vault, &treasury)];
    let (index, _) =
        ops::propose_vault(alice, &w.multisig, 0, &ixs, Some("staking pool -> DAO treasury".into())).await?;
    ops::vote(bob, &w.multisig, index, Vote::Approve, None).await?;
    let signature = ops::execute(carol, &w.multisig, index, false).await?;
    out.line(format!("    transaction {index}: proposed by alice, approved by bob, executed by carol  tx {signature}"));

    n += 1;
    step(out, n, "bob and carol re-lock their positions for the longest lock (40 s, 3x) so they can vote; a second later the vote may start");
    let state: Pool = alice.account(&pool, "staking pool").await?;
    let now = cluster_now(alice).await?;
    for staker in [bob, carol] {
        let me = staker.payer()?.pubkey();
        let position = st::position_pda(&pool, &me, 0).0;
        let ix = st::update_position(&pool, &state, &position, &me, &PSPT.ata(&me, &w.mint), 0, Some(now + 40));
        staker.send(&[ix], &[]).await?;
    }
    wait_until(alice, now + 1).await?;

    n += 1;
    step(out, n, &format!("carol proposes \"Raise PSPT staking rewards to {NEW_RATE}/s\": the treasury accepts the pool's admin, then sets stream 0's rate"));
    let carol_key = carol.payer()?.pubkey();
    let carol_position = st::position_pda(&pool, &carol_key, 0).0;
    let actions = vec![
        st::accept_admin(&pool, &treasury),
        st::set_stream(
            &pool,
            &treasury,
            0,
            SetStreamArgs { rate_per_second: Some(PSPT.parse(NEW_RATE)?), outflow_cap: None },
        ),
    ];
    let (ix, address) = gov::create_proposal(
        &realm,
        0,
        &carol_key,
        &carol_key,
        &format!("Raise PSPT staking rewards to {NEW_RATE}/s"),
        "https://psp.example/proposals/0",
        [7; 32],
    );
    carol.send(&[ix], &[]).await?;
    for ix in gov::append_instructions(&realm, 0, &carol_key, &carol_key, &actions) {
        carol.send(&[ix], &[]).await?;
    }
    let signature = carol.send(&[gov::start_voting(&realm, 0, &pool, &carol_position, &carol_key)], &[]).await?;
    let p = proposal(alice, &address).await?;
    out.line(format!(
        "    proposal {address}: {} instructions; vote until {}; total weight {}, quorum {}  tx {signature}",
        p.instruction_count, p.voting_ends_at, p.total_power, p.quorum_power
    ));

    n += 1;
    step(out, n, "Flash-loan attempt: alice opens a new locked position and votes in the same transaction: refused");
    let alice_key = alice.payer()?.pubkey();
    let (create, new_position) =
        st::create_position(&pool, &state, &alice_key, &PSPT.ata(&alice_key, &w.mint), 1, PSPT.parse("10")?, 40);
    let vote = gov::cast_vote(&realm, 0, &pool, &new_position, &alice_key, &alice_key, Choice::Yes);
    match alice.send(&[create, vote], &[]).await {
        Ok(signature) => return Err(anyhow!("a position created in the voting transaction voted: {signature}")),
        Err(e) => out.line(format!("    refused: {}", e.to_string().lines().next().unwrap_or_default())),
    }

    n += 1;
    step(
        out,
        n,
        "bob and carol vote yes; once no remaining weight could change the outcome, the vote tips to Succeeded",
    );
    let mut decided = None;
    for (name, staker) in [("bob", bob), ("carol", carol)] {
        let me = staker.payer()?.pubkey();
        let position = st::position_pda(&pool, &me, 0).0;
        let signature = staker.send(&[gov::cast_vote(&realm, 0, &pool, &position, &me, &me, Choice::Yes)], &[]).await?;
        let cast: Vec<VoteCast> = program_events(staker, &psp_governance::ID, &signature).await?;
        let cast = cast.first().ok_or_else(|| anyhow!("no VoteCast event"))?;
        out.line(format!(
            "    {name:<6} yes with power {}: tally yes {} no {} abstain {}  tx {signature}",
            cast.power, cast.tally.yes, cast.tally.no, cast.tally.abstain
        ));
        if let Some(d) =
            program_events::<ProposalDecided>(staker, &psp_governance::ID, &signature).await?.into_iter().next()
        {
            decided = Some(d);
        }
    }
    let decided = decided.ok_or_else(|| anyhow!("the vote did not tip"))?;
    ensure!(
        decided.state == ProposalState::Succeeded && decided.tipped,
        "expected a tipped success, got {:?}",
        decided.state
    );
    out.line(format!(
        "    ProposalDecided: Succeeded (tipped), executable at {} after the council's hold-up",
        decided.executable_at
    ));

    n += 1;
    step(out, n, "After the hold-up anyone executes: the treasury accepts the pool's admin and sets the new rate");
    wait_until(alice, decided.executable_at).await?;
    let signature = alice.send(&[gov::execute_proposal(&realm, 0, &alice_key, &actions)], &[]).await?;
    let state: Pool = alice.account(&pool, "staking pool").await?;
    ensure!(state.admin == treasury, "the pool's admin is {}, not the treasury", state.admin);
    ensure!(state.streams[0].rate_per_second == PSPT.parse(NEW_RATE)?, "the rate did not change");
    out.line(format!(
        "    pool admin = treasury; PSPT stream rate {}/s  tx {signature}",
        PSPT.format(state.streams[0].rate_per_second)
    ));
    Ok(format!("stakers passed proposal 0 of realm {realm} (flash-loan vote refused) and the treasury raised the PSPT reward rate to {NEW_RATE}/s"))
}
