//! Casting votes: voting again replaces the vote (no double count), a change moves the power,
//! one record per (proposal, position), an owner's positions each vote, and eligibility fixed
//! when the vote starts (the pool's minimum committed lock is copied into the proposal).
use anchor_lang::error::ErrorCode;
use psp_governance::errors::GovernanceError;
use psp_governance::events::VoteCast;
use psp_governance::state::{Choice, ProposalState, VoteRecord};
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::state::Pool;
use psp_staking::PoolConfigArgs;
use solana_sdk::signature::Signer;

use crate::common::{
    anchor_code, fails_with, ok, power, Fixture, Setup, Voter, COOLDOWN, MAX_LOCKUP, MIN_VOTING_LOCKUP,
};

#[tokio::test]
async fn voting_again_replaces_the_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(0, &[]).await;
    let now = f.now().await;
    let out = ok(f.vote(3, index, Choice::Yes).await);
    let first = power(4_000, now);
    let e = &out.cpi_events::<VoteCast>()[0];
    assert_eq!((e.power, e.previous_choice, e.previous_power, e.voters), (first, None, 0, 1));
    // The same vote again (a second later, with slightly less power): counted once.
    f.env.set_time(now + 1).await;
    let out = ok(f.vote(3, index, Choice::Yes).await);
    let second = power(4_000, now + 1);
    assert!(second < first);
    let e = &out.cpi_events::<VoteCast>()[0];
    assert_eq!((e.previous_choice, e.previous_power, e.tally.yes, e.voters), (Some(Choice::Yes), first, second, 1));
    // A change to no moves the power.
    let out = ok(f.vote(3, index, Choice::No).await);
    let e = &out.cpi_events::<VoteCast>()[0];
    assert_eq!((e.choice, e.previous_choice, e.previous_power), (Choice::No, Some(Choice::Yes), second));
    let p = f.proposal(index).await;
    assert_eq!((p.tally.yes, p.tally.no, p.tally.abstain, p.voters), (0, second, 0, 1));
    let proposal = gov::proposal_pda(&f.realm, index).0;
    let record: VoteRecord = f.env.account(&gov::vote_record_pda(&proposal, &f.voters[3].position).0).await;
    assert_eq!((record.choice, record.power, record.voter), (Choice::No, second, f.voters[3].key.pubkey()));
    // Other voters add up; the end counts the final choices only.
    ok(f.vote(2, index, Choice::Yes).await);
    let p = f.proposal(index).await;
    assert_eq!((p.tally.yes, p.tally.no, p.voters), (power(3_000, now + 1), second, 2));
    assert_eq!(f.finish(index).await, ProposalState::Defeated);
}

#[tokio::test]
async fn one_record_per_position_and_each_position_of_an_owner_votes() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (key, ata) = (f.voters[1].key.insecure_clone(), f.voters[1].ata);
    let (result, second) = f.open(&key, &ata, 1, 500, MAX_LOCKUP).await;
    ok(result);
    let opened = f.now().await;
    f.env.advance_time(1).await;
    let index = f.propose(0, &[]).await;
    let now = f.now().await;
    ok(f.vote(1, index, Choice::Yes).await);
    // The second position with the first one's record: the record's address is refused.
    let proposal = gov::proposal_pda(&f.realm, index).0;
    let mut ix = gov::cast_vote(&f.realm, index, &f.pool, &second, &key.pubkey(), &key.pubkey(), Choice::Yes);
    let (own, first_record) =
        (gov::vote_record_pda(&proposal, &second).0, gov::vote_record_pda(&proposal, &f.voters[1].position).0);
    ix.accounts.iter_mut().filter(|m| m.pubkey == own).for_each(|m| m.pubkey = first_record);
    f.env.send_err(&[ix], &[&key], anchor_code(ErrorCode::ConstraintSeeds)).await;
    // With its own record it counts as a second voter.
    let ix = gov::cast_vote(&f.realm, index, &f.pool, &second, &key.pubkey(), &key.pubkey(), Choice::Yes);
    f.env.send_ok(&[ix], &[&key]).await;
    let p = f.proposal(index).await;
    let second_power =
        500 * u128::from(10_000 + 20_000 * (opened + MAX_LOCKUP - now) as u32 / MAX_LOCKUP as u32) / 10_000;
    assert_eq!((p.voters, p.tally.yes), (2, power(2_000, now) + second_power));
}

/// The pool's admin (the treasury, by a proposal) raises `min_voting_lockup` while a vote is
/// open: a position committed for less than the new minimum keeps voting on that vote, judged
/// by the minimum copied when it started; votes started after the change use the new one.
#[tokio::test]
async fn the_pools_minimum_lock_cannot_change_eligibility_mid_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    // Voter 4 committed 400 s: above the pool's 10 s minimum, below 500 s.
    let (key, ata) = f.staker().await;
    let (result, position) = f.open(&key, &ata, 0, 1_000, 400).await;
    ok(result);
    f.voters.push(Voter { key, ata, position });
    let args = PoolConfigArgs { guardian: f.council.pubkey(), cooldown: COOLDOWN, min_voting_lockup: 500 };
    let raise = [st::set_pool_config(&f.pool, &f.treasury, args)];
    let change = f.propose(3, &raise).await;
    ok(f.vote(3, change, Choice::Yes).await);
    assert_eq!(f.finish(change).await, ProposalState::Succeeded);
    let open = f.propose(3, &[]).await;
    let at = f.proposal(change).await.executable_at;
    f.env.set_time(at).await;
    ok(f.execute(change, &raise).await);
    let pool: Pool = f.env.account(&f.pool).await;
    assert_eq!(pool.min_voting_lockup, 500);
    // The open vote started under the 10 s minimum: voter 4 still votes, and can change it.
    ok(f.vote(4, open, Choice::Yes).await);
    ok(f.vote(4, open, Choice::No).await);
    let p = f.proposal(open).await;
    assert_eq!((p.voters, p.tally.yes, p.tally.no > 0, p.min_voting_lockup), (1, 0, true, MIN_VOTING_LOCKUP));
    // A vote started after the change requires 500 s.
    let later = f.propose(3, &[]).await;
    fails_with(f.vote(4, later, Choice::Yes).await, GovernanceError::NoVotingPower);
    assert_eq!(f.proposal(later).await.min_voting_lockup, 500);
}
