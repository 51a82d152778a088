//! How votes are decided: exactly at the quorum passes and one unit below fails; yes exactly at
//! the approval share passes and just below fails; abstain counts toward the quorum only; an
//! open vote cannot be decided early and a decided one not again. With tipping a decisive vote
//! ends the vote at once (either way); without it the same votes leave it open. Flat (1x)
//! pools, so each position's power is its staked amount.
use psp_governance::errors::GovernanceError;
use psp_governance::events::ProposalDecided;
use psp_governance::state::{Choice, ProposalState};

use crate::common::{fails_with, ok, Fixture, Setup, HOLD_UP};

use Choice::{Abstain, No, Yes};

/// Voters 0..=3 stake 1, 2_999, 2_000 and 5_000 (total 10_000): the 30% quorum is 3_000 and
/// the 60% approval share of 3_000 + 2_000 is exactly 3_000.
const EDGES: [u64; 4] = [1, 2_999, 2_000, 5_000];

/// Opens one proposal per ballot (voter, choice), casts them all, ends the votes and returns
/// the decided states in order.
async fn decide(f: &mut Fixture, ballots: &[&[(usize, Choice)]]) -> Vec<ProposalState> {
    let mut indices = Vec::new();
    for _ in ballots {
        indices.push(f.propose(3, &[]).await);
    }
    for (index, ballot) in indices.iter().zip(ballots) {
        for &(who, choice) in ballot.iter() {
            ok(f.vote(who, *index, choice).await);
        }
    }
    let mut states = Vec::new();
    for index in indices {
        states.push(f.finish(index).await);
    }
    states
}

#[tokio::test]
async fn exactly_the_quorum_passes_one_unit_below_fails() {
    let mut f = Fixture::new(Setup::flat(false, &EDGES)).await;
    let states = decide(&mut f, &[&[(0, Yes), (1, Yes)], &[(1, Yes)]]).await;
    assert_eq!(states, [ProposalState::Succeeded, ProposalState::Defeated]);
    let p = f.proposal(0).await;
    assert_eq!((p.total_power, p.quorum_power, p.tally.yes), (10_000, 3_000, 3_000));
    assert_eq!(f.proposal(1).await.tally.yes, 2_999);
}

#[tokio::test]
async fn exactly_the_approval_share_passes_just_below_fails() {
    let mut f = Fixture::new(Setup::flat(false, &EDGES)).await;
    let states = decide(&mut f, &[&[(0, Yes), (1, Yes), (2, No)], &[(1, Yes), (0, No), (2, No)]]).await;
    assert_eq!(states, [ProposalState::Succeeded, ProposalState::Defeated]);
    let (a, b) = (f.proposal(0).await.tally, f.proposal(1).await.tally);
    assert_eq!([(a.yes, a.no), (b.yes, b.no)], [(3_000, 2_000), (2_999, 2_001)]);
}

#[tokio::test]
async fn abstain_counts_toward_the_quorum_not_the_approval() {
    let mut f = Fixture::new(Setup::flat(false, &EDGES)).await;
    let states = decide(
        &mut f,
        &[
            // 2_999 yes alone misses the quorum; with 5_000 abstaining it passes.
            &[(1, Yes), (3, Abstain)],
            // 3_000 yes / 2_000 no is exactly 60% whatever abstains (abstain is not against).
            &[(0, Yes), (1, Yes), (2, No), (3, Abstain)],
            // 2_999 / 4_999 is below 60% (abstain is not for either).
            &[(1, Yes), (2, No), (3, Abstain)],
            // Only abstentions: the quorum is met but nobody approves.
            &[(3, Abstain)],
        ],
    )
    .await;
    use ProposalState::{Defeated, Succeeded};
    assert_eq!(states, [Succeeded, Succeeded, Defeated, Defeated]);
    assert_eq!(f.proposal(0).await.tally.abstain, 5_000);
}

#[tokio::test]
async fn update_waits_for_the_end_and_then_has_nothing_to_do() {
    let mut f = Fixture::new(Setup::flat(false, &EDGES)).await;
    let index = f.propose(3, &[]).await;
    ok(f.vote(3, index, Yes).await);
    let end = f.proposal(index).await.voting_ends_at;
    f.env.set_time(end - 1).await;
    fails_with(f.update(index).await, GovernanceError::VotingNotEnded);
    f.env.set_time(end).await;
    let out = ok(f.update(index).await);
    let e = &out.cpi_events::<ProposalDecided>()[0];
    assert_eq!(
        (e.state, e.tipped, e.tally.yes, e.executable_at),
        (ProposalState::Succeeded, false, 5_000, end + HOLD_UP)
    );
    fails_with(f.update(index).await, GovernanceError::NothingToUpdate);
    // Drafts have nothing to update either.
    let (created, draft) = f.create(3, "draft").await;
    ok(created);
    fails_with(f.update(draft).await, GovernanceError::NothingToUpdate);
}

/// A tipped vote is final for everyone: positions that voted before it tipped can no longer
/// change their vote (here a change would flip the outcome), nor can anyone else vote.
#[tokio::test]
async fn a_tipped_vote_is_final_even_for_those_who_voted() {
    let mut f = Fixture::new(Setup::flat(true, &TIPPING)).await;
    let index = f.propose(0, &[]).await;
    ok(f.vote(1, index, Yes).await);
    assert_eq!(f.proposal(index).await.state, ProposalState::Voting);
    // 7_000 yes against at most 3_000 no: it tips.
    let out = ok(f.vote(0, index, Yes).await);
    let p = f.proposal(index).await;
    let e = &out.cpi_events::<ProposalDecided>()[0];
    assert_eq!((e.state, e.tipped, e.executable_at, e.expires_at), (p.state, true, p.executable_at, p.expires_at));
    assert_eq!((p.state, p.tally.yes), (ProposalState::Succeeded, 7_000));
    // Voter 0 switching to no would leave 1_000 yes against 6_000 no: refused, like any vote.
    for who in [0, 1, 2] {
        fails_with(f.vote(who, index, No).await, GovernanceError::NotVoting);
    }
    let after = f.proposal(index).await;
    assert_eq!((after.state, after.tally, after.voters), (ProposalState::Succeeded, p.tally, 2));
}

/// Voters stake 6_000, 1_000 and 3_000: 6_000 yes is 60% even if the other 4_000 vote no.
const TIPPING: [u64; 3] = [6_000, 1_000, 3_000];

#[tokio::test]
async fn with_tipping_a_decisive_vote_ends_the_vote_at_once() {
    let mut f = Fixture::new(Setup::flat(true, &TIPPING)).await;
    let (yes, no, open) = (f.propose(0, &[]).await, f.propose(0, &[]).await, f.propose(0, &[]).await);
    let now = f.now().await;
    let out = ok(f.vote(0, yes, Yes).await);
    let e = &out.cpi_events::<ProposalDecided>()[0];
    assert_eq!((e.state, e.tipped, e.executable_at), (ProposalState::Succeeded, true, now + HOLD_UP));
    let p = f.proposal(yes).await;
    assert_eq!((p.state, p.decided_at, p.executable_at), (ProposalState::Succeeded, now, now + HOLD_UP));
    // The vote is over: nobody votes any more.
    fails_with(f.vote(2, yes, No).await, GovernanceError::NotVoting);
    // 6_000 no: yes cannot reach 60% even if all the rest votes yes.
    let out = ok(f.vote(0, no, No).await);
    let e = &out.cpi_events::<ProposalDecided>()[0];
    assert_eq!((e.state, e.tipped), (ProposalState::Defeated, true));
    assert_eq!(f.proposal(no).await.state, ProposalState::Defeated);
    // 1_000 yes decides nothing: the vote stays open.
    let out = ok(f.vote(1, open, Yes).await);
    assert!(out.cpi_events::<ProposalDecided>().is_empty());
    assert_eq!(f.proposal(open).await.state, ProposalState::Voting);
    // The tipped proposal executes after its hold-up, long before its vote would have ended.
    f.env.set_time(now + HOLD_UP).await;
    ok(f.execute(yes, &[]).await);
}

#[tokio::test]
async fn without_tipping_the_same_votes_leave_the_vote_open() {
    let mut f = Fixture::new(Setup::flat(false, &TIPPING)).await;
    let (yes, no) = (f.propose(0, &[]).await, f.propose(0, &[]).await);
    let out = ok(f.vote(0, yes, Yes).await);
    assert!(out.cpi_events::<ProposalDecided>().is_empty());
    ok(f.vote(0, no, No).await);
    assert_eq!(
        (f.proposal(yes).await.state, f.proposal(no).await.state),
        (ProposalState::Voting, ProposalState::Voting)
    );
    // Votes can still come in, and the end decides.
    ok(f.vote(2, yes, No).await);
    fails_with(f.update(yes).await, GovernanceError::VotingNotEnded);
    assert_eq!(f.finish(yes).await, ProposalState::Succeeded);
    assert_eq!(f.finish(no).await, ProposalState::Defeated);
}
