//! Events an indexer can trust: every governance instruction emits through `emit_cpi!` (no
//! `Program data:` log lines, which are lost past 10 KB of logs), with what the indexer needs:
//! the vote's snapshot and latest expiry when it starts, the decision with its execution
//! window; and an execution's `ProposalExecuted` comes after the events of its own CPIs.
use psp_governance::events::*;
use psp_governance::state::{pause, Choice, ProposalState};
use psp_sdk::decoder::EventForm;
use psp_sdk::events::decode_event;
use psp_sdk::governance as gov;
use psp_tests::TxOutput;
use solana_sdk::signature::Signer;

use crate::common::{ok, power, rules, Fixture, Setup, EXECUTION_WINDOW, HOLD_UP, MIN_VOTING_LOCKUP, VOTING_PERIOD};

/// The payloads of `out`'s events, in execution order (the sdk's decoder), after checking
/// that every one was emitted by `emit_cpi!` and none as a `Program data:` log line.
fn cpi_payloads(out: &TxOutput) -> Vec<Vec<u8>> {
    let decoded = out.decoded();
    assert!(decoded.rejected.is_empty(), "{:#?}", decoded.rejected);
    assert!(decoded.events.iter().all(|e| e.position.form == EventForm::Cpi), "an emit! event: {:#?}", out.logs);
    decoded.events.into_iter().map(|e| e.payload).collect()
}

#[tokio::test]
async fn a_proposals_life_in_cpi_events() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let ixs = [gov::set_pause(&f.realm, &f.treasury, pause::VOTE)];
    let (voter, position) = (f.voters[3].key.pubkey(), f.voters[3].position);
    let (created, index) = f.create(3, "pause votes").await;
    let out = ok(created);
    let e = &out.cpi_events::<ProposalCreated>()[0];
    assert_eq!((e.index, e.proposer, cpi_payloads(&out).len()), (index, voter, 1));
    let out = ok(f.append(3, index, &ixs).await);
    let e = &out.cpi_events::<InstructionsAppended>()[0];
    assert_eq!((e.realm, e.proposal), (f.realm, gov::proposal_pda(&f.realm, index).0));
    let now = f.now().await;
    let out = ok(f.start(3, index).await);
    let e = &out.cpi_events::<VotingStarted>()[0];
    assert_eq!((e.proposer, e.proposer_position, e.proposer_power), (voter, position, power(4_000, now)));
    let ends = now + VOTING_PERIOD;
    assert_eq!((e.voting_ends_at, e.expires_at), (ends, ends + HOLD_UP + EXECUTION_WINDOW));
    assert_eq!((e.config, e.config_version, e.min_voting_lockup), (rules(false), 0, MIN_VOTING_LOCKUP));
    assert_eq!((e.total_power, e.quorum_power, e.instruction_count), (30_000, 9_000, 1));
    assert_eq!(cpi_payloads(&out).len(), 1);
    let out = ok(f.vote(3, index, Choice::Yes).await);
    assert_eq!(out.cpi_events::<VoteCast>()[0].voters, 1);
    f.env.set_time(ends).await;
    let out = ok(f.update(index).await);
    let e = &out.cpi_events::<ProposalDecided>()[0];
    let p = f.proposal(index).await;
    assert_eq!(
        (e.state, e.tipped, e.executable_at, e.expires_at),
        (ProposalState::Succeeded, false, p.executable_at, p.expires_at)
    );
    assert_eq!((e.executable_at, e.expires_at), (ends + HOLD_UP, ends + HOLD_UP + EXECUTION_WINDOW));
    f.env.set_time(ends + HOLD_UP).await;
    let out = ok(f.execute(index, &ixs).await);
    // The proposal's own call (set_pause) emits first; ProposalExecuted comes last.
    let payloads = cpi_payloads(&out);
    assert_eq!(payloads.len(), 2);
    let paused: PauseChanged = decode_event(&payloads[0]).expect("PauseChanged first");
    assert_eq!((paused.authority, paused.new_flags), (f.treasury, pause::VOTE));
    let executed: ProposalExecuted = decode_event(&payloads[1]).expect("ProposalExecuted last");
    assert_eq!((executed.instruction_count, executed.timestamp), (1, ends + HOLD_UP));
}

#[tokio::test]
async fn realm_creation_and_pause_changes_are_cpi_events() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let council = f.council.insecure_clone();
    let out = f.env.send_ok(&[gov::set_pause(&f.realm, &council.pubkey(), pause::EXECUTE)], &[&council]).await;
    let e = &out.cpi_events::<PauseChanged>()[0];
    assert_eq!((e.old_flags, e.new_flags, cpi_payloads(&out).len()), (0, pause::EXECUTE, 1));
    // A second realm over the same pool.
    let create_key = solana_sdk::signature::Keypair::new();
    let payer = f.env.payer().pubkey();
    let (ix, realm) = gov::create_realm(&create_key.pubkey(), &payer, &f.pool, rules(true), &council.pubkey());
    let out = f.env.send_ok(&[ix], &[&create_key]).await;
    let e = &out.cpi_events::<RealmCreated>()[0];
    assert_eq!((e.realm, e.create_key, e.pool), (realm, create_key.pubkey(), f.pool));
    assert_eq!((e.treasury, e.config), (gov::treasury_pda(&realm).0, rules(true)));
}
