//! The flash-loan defences: stake created or grown in the voting transaction (or any time
//! after the vote started) cannot vote, nor can a lock ending before the vote ends; voters
//! unstake later without relinquishing anything.
use psp_governance::errors::GovernanceError;
use psp_governance::state::Choice;
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use solana_sdk::signature::Signer;

use crate::common::{fails_with, ok, power, Fixture, Setup, COOLDOWN, MAX_LOCKUP, STAKER_FUNDS, T0, VOTING_PERIOD};

#[tokio::test]
async fn stake_added_in_the_voting_transaction_cannot_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(0, &[]).await;
    // A new position and its vote in one transaction.
    let (key, ata) = f.staker().await;
    let (open, position) = f.open_ix(&key.pubkey(), &ata, 0, 900_000, MAX_LOCKUP).await;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &position, &key.pubkey(), &key.pubkey(), Choice::Yes);
    let failure = f.env.send(&[open.clone(), vote.clone()], &[&key]).await;
    fails_with(failure, GovernanceError::PositionTooNew);
    // Stake added to an existing position (or its lock extended), then a vote, in one transaction.
    let extend_to = f.now().await + MAX_LOCKUP;
    let state = f.env.account(&f.pool).await;
    let v = &f.voters[0];
    let add = st::update_position(&f.pool, &state, &v.position, &v.key.pubkey(), &v.ata, 1_000, None);
    let extend = st::update_position(&f.pool, &state, &v.position, &v.key.pubkey(), &v.ata, 0, Some(extend_to));
    let (vkey, vote0) = (v.key.insecure_clone(), f.vote_ix(0, index, Choice::Yes));
    // (The extension grows the weight once a refresh has lowered it to the remaining lock.)
    let refresh = st::refresh_position(&f.pool, &f.voters[0].position);
    for grow in [vec![add], vec![refresh, extend]] {
        let failure = f.env.send(&[grow, vec![vote0.clone()]].concat(), &[&vkey]).await;
        fails_with(failure, GovernanceError::WeightChangedDuringVote);
    }
    // Nothing was counted; the position created in a later transaction cannot vote either.
    ok(f.env.send(&[open], &[&key]).await);
    f.env.advance_time(1).await;
    fails_with(f.env.send(&[vote], &[&key]).await, GovernanceError::PositionTooNew);
    let p = f.proposal(index).await;
    assert_eq!((p.voters, p.tally.yes), (0, 0));
}

/// Deposit -> vote -> execute in one transaction, where tipping and no hold-up would let a
/// decisive vote execute at once: refused for the new deposit; the same transaction shape
/// works for a position that predates the vote.
#[tokio::test]
async fn deposit_vote_execute_in_one_transaction_fails() {
    let mut setup = Setup::flat(true, &[1_000, 1_000, 8_000]);
    setup.config.hold_up = 0;
    let mut f = Fixture::new(setup).await;
    let (key, ata) = f.staker().await;
    let ixs = [f.treasury_transfer(&ata, 1_000)];
    let index = f.propose(0, &ixs).await;
    let (deposit, position) = f.open_ix(&key.pubkey(), &ata, 0, 900_000, MAX_LOCKUP).await;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &position, &key.pubkey(), &key.pubkey(), Choice::Yes);
    let execute = f.execute_ix(index, &key.pubkey(), &ixs);
    let failure = f.env.send(&[deposit, vote, execute.clone()], &[&key]).await;
    fails_with(failure, GovernanceError::PositionTooNew);
    assert_eq!(f.balance(&ata).await, STAKER_FUNDS);
    // Control: 8_000 of 10_000 staked before the vote tips it, and it executes in the same transaction.
    let whale = f.voters[2].key.insecure_clone();
    f.env.send_ok(&[f.vote_ix(2, index, Choice::Yes), execute], &[&whale, &key]).await;
    assert_eq!(f.balance(&ata).await, STAKER_FUNDS + 1_000);
}

#[tokio::test]
async fn a_position_created_in_the_second_the_vote_starts_cannot_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (created, index) = f.create(0, "same second").await;
    ok(created);
    let (key, ata) = f.staker().await;
    let (result, position) = f.open(&key, &ata, 0, 5_000, MAX_LOCKUP).await;
    ok(result);
    ok(f.start(0, index).await);
    f.env.advance_time(1).await;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &position, &key.pubkey(), &key.pubkey(), Choice::Yes);
    fails_with(f.env.send(&[vote], &[&key]).await, GovernanceError::PositionTooNew);
}

#[tokio::test]
async fn a_lock_ending_before_the_vote_ends_has_no_power() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (key, ata) = f.staker().await;
    let (result, short) = f.open(&key, &ata, 0, 5_000, VOTING_PERIOD).await;
    ok(result);
    f.env.advance_time(1).await;
    let index = f.propose(0, &[]).await;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &short, &key.pubkey(), &key.pubkey(), Choice::Yes);
    fails_with(f.env.send(&[vote], &[&key]).await, GovernanceError::NoVotingPower);
}

#[tokio::test]
async fn voters_unstake_later_without_relinquishing() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(3, &[]).await;
    ok(f.vote(0, index, Choice::Yes).await);
    let v = &f.voters[0];
    let (key, position, ata) = (v.key.insecure_clone(), v.position, v.ata);
    // The lock outlasts the vote: no unstaking while it runs.
    let cooldown = st::start_cooldown(&f.pool, &position, &key.pubkey(), 1_000);
    let failure = f.env.send(std::slice::from_ref(&cooldown), &[&key]).await.expect_err("still locked");
    assert_eq!(failure.custom_code(), Some(StakingError::StillLocked.into()));
    f.finish(index).await;
    // After the lock ends, the ordinary exit works, governance untouched.
    f.env.set_time(T0 + MAX_LOCKUP).await;
    f.env.send_ok(&[cooldown], &[&key]).await;
    f.env.advance_time(COOLDOWN).await;
    let state = f.env.account(&f.pool).await;
    let withdraw = st::withdraw(&f.pool, &state, &position, &key.pubkey(), &ata);
    f.env.send_ok(&[withdraw], &[&key]).await;
    assert_eq!(f.balance(&ata).await, STAKER_FUNDS);
    // The vote still stands.
    let p = f.proposal(index).await;
    assert_eq!((p.voters, p.tally.yes), (1, power(1_000, p.voting_starts_at)));
}

/// Stake bought during a vote and added to a position whose stored weight is stale (its boost
/// not yet lowered by a refresh) must not vote either: the defence cannot rest on the stored
/// weight growing.
#[tokio::test]
async fn stake_added_to_an_unrefreshed_position_during_the_vote_cannot_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    // Late in the fixture locks (ending at T0 + 1_000): the boost left is 1.28x, the stored
    // weights still 3x.
    f.env.set_time(T0 + 850).await;
    let index = f.propose(3, &[]).await;
    f.env.advance_time(10).await;
    let v = &f.voters[0];
    let state = f.env.account(&f.pool).await;
    let add = st::update_position(&f.pool, &state, &v.position, &v.key.pubkey(), &v.ata, 1_000, None);
    let (key, vote) = (v.key.insecure_clone(), f.vote_ix(0, index, Choice::Yes));
    let result = f.env.send(&[add, vote], &[&key]).await;
    let p = f.proposal(index).await;
    // Before the purchase the position had 1_280; with it, it would vote with 2_560.
    assert_eq!((p.voters, p.tally.yes), (0, 0), "stake added during the vote counted: {:?}", result.as_ref().err());
    fails_with(result, GovernanceError::WeightChangedDuringVote);
}

/// A position whose lock had ended when the vote started (no power then) re-locked during the
/// vote must not vote: its stored weight, never refreshed, does not grow with the new lock.
#[tokio::test]
async fn a_lock_renewed_during_the_vote_cannot_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    f.env.set_time(T0 + MAX_LOCKUP + 5).await;
    let (key, ata) = f.staker().await;
    let (result, position) = f.open(&key, &ata, 0, 1_000, MAX_LOCKUP).await;
    ok(result);
    f.voters.push(crate::common::Voter { key, ata, position });
    f.env.advance_time(1).await;
    let index = f.propose(4, &[]).await;
    // Voter 0's lock has ended: no power.
    fails_with(f.vote(0, index, Choice::Yes).await, GovernanceError::NoVotingPower);
    let relock_to = f.now().await + MAX_LOCKUP;
    let state = f.env.account(&f.pool).await;
    let v = &f.voters[0];
    let relock = st::update_position(&f.pool, &state, &v.position, &v.key.pubkey(), &v.ata, 0, Some(relock_to));
    let (vkey, vote) = (v.key.insecure_clone(), f.vote_ix(0, index, Choice::Yes));
    let result = f.env.send(&[relock, vote], &[&vkey]).await;
    let p = f.proposal(index).await;
    assert_eq!((p.voters, p.tally.yes), (0, 0), "power gained during the vote counted: {:?}", result.as_ref().err());
    fails_with(result, GovernanceError::WeightChangedDuringVote);
}
