//! Full lifecycles through execution of real instructions: a treasury token transfer, a
//! staking stream added and its rate changed by the pool's admin (the treasury), a list written
//! in several chunks, a proposal without instructions; each executes once, after the hold-up.
use anchor_spl::token::spl_token;
use psp_governance::errors::GovernanceError;
use psp_governance::events::{InstructionsAppended, ProposalExecuted};
use psp_governance::state::{Choice, ProposalState};
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use psp_staking::state::Pool;
use psp_staking::SetStreamArgs;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{fails_with, ok, Fixture, Setup, TREASURY_FUNDS};

/// A token account of a new owner for the stake mint (empty).
async fn empty_account(f: &mut Fixture) -> anchor_lang::prelude::Pubkey {
    let mint = f.stake_mint;
    f.env.token_account(&mint, &Keypair::new().pubkey(), &spl_token::ID).await
}

#[tokio::test]
async fn treasury_token_transfer_executes_once_after_the_hold_up() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let dest = empty_account(&mut f).await;
    let ixs = [f.treasury_transfer(&dest, 1_234)];
    let index = f.propose(3, &ixs).await;
    f.pass(index, &[2, 3]).await;
    let at = f.proposal(index).await.executable_at;
    f.env.set_time(at - 1).await;
    fails_with(f.execute(index, &ixs).await, GovernanceError::HoldUpNotOver);
    f.env.set_time(at).await;
    let executor = Keypair::new();
    let ix = f.execute_ix(index, &executor.pubkey(), &ixs);
    let out = f.env.send_ok(&[ix], &[&executor]).await;
    let events = out.cpi_events::<ProposalExecuted>();
    assert_eq!(events.len(), 1);
    let proposal = gov::proposal_pda(&f.realm, index).0;
    let e = &events[0];
    assert_eq!((e.proposal, e.executor, e.instruction_count, e.timestamp), (proposal, executor.pubkey(), 1, at));
    let p = f.proposal(index).await;
    assert_eq!((p.state, p.closed_at), (ProposalState::Executed, at));
    let treasury_ata = f.treasury_ata;
    assert_eq!((f.balance(&dest).await, f.balance(&treasury_ata).await), (1_234, TREASURY_FUNDS - 1_234));
    // Once only.
    fails_with(f.execute(index, &ixs).await, GovernanceError::NotSucceeded);
    assert_eq!(f.balance(&dest).await, 1_234);
}

/// The sdk's `execute_proposal` builder leaves the treasury out of the remaining accounts (the
/// program passes its own treasury account to every call): a treasury-signed instruction runs.
#[tokio::test]
async fn sdk_execute_builder_runs_treasury_signed_instructions() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let dest = empty_account(&mut f).await;
    let ixs = [f.treasury_transfer(&dest, 10)];
    let index = f.propose(3, &ixs).await;
    f.pass(index, &[3]).await;
    let executor = Keypair::new();
    let ix = gov::execute_proposal(&f.realm, index, &executor.pubkey(), &ixs);
    f.env.send_ok(&[ix], &[&executor]).await;
    assert_eq!(f.balance(&dest).await, 10);
}

#[tokio::test]
async fn proposals_add_a_stream_and_change_its_rate() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let reward_mint = f.env.create_mint(6, &spl_token::ID).await;
    let pool: Pool = f.env.account(&f.pool).await;
    assert_eq!(pool.admin, f.treasury);
    let add = [st::add_stream(&f.pool, &pool, &f.treasury, &f.treasury, &reward_mint, &spl_token::ID, 5)];
    let rate = [st::set_stream(&f.pool, &f.treasury, 0, SetStreamArgs { rate_per_second: Some(9), outflow_cap: None })];
    let first = f.propose(3, &add).await;
    let second = f.propose(3, &rate).await;
    ok(f.vote(3, first, Choice::Yes).await);
    ok(f.vote(3, second, Choice::Yes).await);
    assert_eq!(f.finish(first).await, ProposalState::Succeeded);
    assert_eq!(f.finish(second).await, ProposalState::Succeeded);
    let at = f.proposal(second).await.executable_at;
    f.env.set_time(at).await;
    // Out of order: the rate change finds no stream; the failed execution changes nothing.
    let failure = f.execute(second, &rate).await.expect_err("no stream yet");
    assert_eq!(failure.custom_code(), Some(StakingError::InvalidStreamIndex.into()));
    assert_eq!(f.proposal(second).await.state, ProposalState::Succeeded);
    let treasury = f.treasury;
    let lamports = f.env.lamports(&treasury).await;
    ok(f.execute(first, &add).await);
    let pool: Pool = f.env.account(&f.pool).await;
    assert_eq!((pool.streams[0].reward_mint, pool.streams[0].rate_per_second), (reward_mint, 5));
    assert!(f.env.lamports(&treasury).await < lamports, "the treasury paid the reward vault's rent");
    ok(f.execute(second, &rate).await);
    let pool: Pool = f.env.account(&f.pool).await;
    assert_eq!(pool.streams[0].rate_per_second, 9);
    fails_with(f.execute(second, &rate).await, GovernanceError::NotSucceeded);
    // Nobody else is the pool's admin.
    let outsider = f.voters[0].key.insecure_clone();
    let ix =
        st::set_stream(&f.pool, &outsider.pubkey(), 0, SetStreamArgs { rate_per_second: Some(1), outflow_cap: None });
    assert!(f.env.send(&[ix], &[&outsider]).await.is_err());
    let pool: Pool = f.env.account(&f.pool).await;
    assert_eq!(pool.streams[0].rate_per_second, 9);
}

#[tokio::test]
async fn a_list_written_in_several_chunks_executes() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let mut dests = Vec::new();
    for _ in 0..4 {
        dests.push(empty_account(&mut f).await);
    }
    let ixs: Vec<_> = (0..8u64).map(|i| f.treasury_transfer(&dests[(i % 4) as usize], 100 + i)).collect();
    let chunks = gov::append_instructions(&f.realm, 0, &f.treasury, &f.treasury, &ixs).len();
    assert!(chunks >= 2, "more than one chunk: {chunks}");
    let (created, index) = f.create(3, "eight transfers").await;
    ok(created);
    let out = ok(f.append(3, index, &ixs).await);
    let total = out.cpi_events::<InstructionsAppended>()[0].total_bytes;
    assert!(total > 800, "{total} bytes");
    ok(f.start(3, index).await);
    assert_eq!(f.proposal(index).await.instruction_count, 8);
    f.pass(index, &[3]).await;
    ok(f.execute(index, &ixs).await);
    for (i, dest) in dests.iter().enumerate() {
        let expected = (100 + i as u64) + (104 + i as u64);
        assert_eq!(f.balance(dest).await, expected);
    }
    let treasury_ata = f.treasury_ata;
    assert_eq!(f.balance(&treasury_ata).await, TREASURY_FUNDS - (100..108).sum::<u64>());
}

#[tokio::test]
async fn a_proposal_without_instructions_passes_and_executes() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(0, &[]).await;
    f.pass(index, &[3]).await;
    let out = ok(f.execute(index, &[]).await);
    assert_eq!(out.cpi_events::<ProposalExecuted>()[0].instruction_count, 0);
    assert_eq!(f.proposal(index).await.state, ProposalState::Executed);
}
