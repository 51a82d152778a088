//! Writing and withdrawing proposals: the minimum power to start a vote, text limits, only the
//! proposer appends while it is a draft, the list's size cap, malformed lists refused when the
//! vote starts, and cancelling (by the proposer, before the vote ends).
use psp_governance::constants::{MAX_LINK_LEN, MAX_TITLE_LEN};
use psp_governance::errors::GovernanceError;
use psp_governance::events::ProposalClosed;
use psp_governance::state::{Choice, ProposalState, RealmConfig};
use psp_sdk::governance as gov;
use solana_sdk::signature::Signer;

use crate::common::{code, fails_with, ok, rules, Fixture, Setup};

#[tokio::test]
async fn starting_a_vote_needs_the_minimum_power() {
    // Powers at the start: 2_980, 5_960, 8_940, 11_920.
    let mut setup = Setup::boosted(false);
    setup.config = RealmConfig { min_power_to_propose: 5_960, ..rules(false) };
    let mut f = Fixture::new(setup).await;
    let (created, index) = f.create(0, "small").await;
    ok(created);
    fails_with(f.start(0, index).await, GovernanceError::NotEnoughPowerToPropose);
    let (created, index) = f.create(1, "enough").await;
    ok(created);
    ok(f.start(1, index).await);
    assert_eq!(f.proposal(index).await.state, ProposalState::Voting);
    // Someone else's draft cannot be started, even with a strong position.
    let (created, draft) = f.create(0, "draft").await;
    ok(created);
    let v = &f.voters[3];
    let ix = gov::start_voting(&f.realm, draft, &f.pool, &v.position, &v.key.pubkey());
    let key = v.key.insecure_clone();
    f.env.send_err(&[ix], &[&key], code(GovernanceError::Unauthorized)).await;
}

#[tokio::test]
async fn title_and_link_lengths_are_capped() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let long_title = "t".repeat(MAX_TITLE_LEN + 1);
    fails_with(f.create(0, &long_title).await.0, GovernanceError::TextTooLong);
    let payer = f.env.payer().pubkey();
    let key = f.voters[0].key.insecure_clone();
    let link = "l".repeat(MAX_LINK_LEN + 1);
    let (ix, _) = gov::create_proposal(&f.realm, 0, &key.pubkey(), &payer, "title", &link, [0; 32]);
    f.env.send_err(&[ix], &[&key], code(GovernanceError::TextTooLong)).await;
    let (ix, _) = gov::create_proposal(
        &f.realm,
        0,
        &key.pubkey(),
        &payer,
        &"t".repeat(MAX_TITLE_LEN),
        &"l".repeat(MAX_LINK_LEN),
        [9; 32],
    );
    f.env.send_ok(&[ix], &[&key]).await;
    let p = f.proposal(0).await;
    assert_eq!(
        (p.title.len(), p.description_link.len(), p.description_hash, p.proposer),
        (MAX_TITLE_LEN, MAX_LINK_LEN, [9; 32], key.pubkey())
    );
    assert_eq!(f.realm_state().await.proposal_count, 1);
}

#[tokio::test]
async fn only_the_proposer_appends_and_only_to_a_draft() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let treasury = f.treasury;
    let ixs = [anchor_lang::solana_program::system_instruction::transfer(&treasury, &treasury, 1)];
    let (created, index) = f.create(0, "draft").await;
    ok(created);
    fails_with(f.append(1, index, &ixs).await, GovernanceError::Unauthorized);
    ok(f.append(0, index, &ixs).await);
    ok(f.start(0, index).await);
    fails_with(f.append(0, index, &ixs).await, GovernanceError::NotDraft);
    fails_with(f.start(0, index).await, GovernanceError::NotDraft);
    assert_eq!(f.proposal(index).await.instruction_count, 1);
}

#[tokio::test]
async fn instruction_lists_are_capped_and_must_parse() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let treasury = f.treasury;
    // One instruction with 10_000 bytes of data: more than the cap once serialized.
    let mut big = anchor_lang::solana_program::system_instruction::transfer(&treasury, &treasury, 1);
    big.data = vec![1; 10_000];
    let (created, index) = f.create(0, "too big").await;
    ok(created);
    fails_with(f.append(0, index, &[big.clone()]).await, GovernanceError::InstructionsTooLarge);
    // Only the first chunk of a longer list: the bytes do not form a list.
    big.data = vec![1; 1_000];
    let (created, index) = f.create(0, "truncated").await;
    ok(created);
    let (key, payer) = (f.voters[0].key.insecure_clone(), f.env.payer().pubkey());
    let chunks = gov::append_instructions(&f.realm, index, &key.pubkey(), &payer, &[big]);
    assert!(chunks.len() > 1);
    f.env.send_ok(&chunks[..1], &[&key]).await;
    fails_with(f.start(0, index).await, GovernanceError::InvalidInstructions);
    assert_eq!(f.proposal(index).await.state, ProposalState::Draft);
}

#[tokio::test]
async fn the_proposer_cancels_before_the_vote_ends() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (created, draft) = f.create(0, "draft").await;
    ok(created);
    let (open, ended, decided) = (f.propose(0, &[]).await, f.propose(0, &[]).await, f.propose(0, &[]).await);
    let cancel = |f: &Fixture, index, who: usize| {
        (gov::cancel_proposal(&f.realm, index, &f.voters[who].key.pubkey()), f.voters[who].key.insecure_clone())
    };
    // Not by others.
    for index in [draft, open] {
        let (ix, key) = cancel(&f, index, 1);
        f.env.send_err(&[ix], &[&key], code(GovernanceError::Unauthorized)).await;
    }
    let (ix, key) = cancel(&f, draft, 0);
    let out = f.env.send_ok(&[ix], &[&key]).await;
    let e = &out.cpi_events::<ProposalClosed>()[0];
    assert_eq!(
        (e.previous_state, e.state, e.authority),
        (ProposalState::Draft, ProposalState::Cancelled, key.pubkey())
    );
    ok(f.vote(3, open, Choice::Yes).await);
    let (ix, key) = cancel(&f, open, 0);
    let out = f.env.send_ok(&[ix], &[&key]).await;
    assert_eq!(out.cpi_events::<ProposalClosed>()[0].previous_state, ProposalState::Voting);
    assert_eq!(
        (f.proposal(draft).await.state, f.proposal(open).await.state),
        (ProposalState::Cancelled, ProposalState::Cancelled)
    );
    fails_with(f.vote(2, open, Choice::Yes).await, GovernanceError::NotVoting);
    fails_with(f.update(open).await, GovernanceError::NothingToUpdate);
    // Once the vote has ended (decided or not yet), or twice: no more.
    ok(f.vote(3, decided, Choice::Yes).await);
    assert_eq!(f.finish(decided).await, ProposalState::Succeeded);
    assert_eq!(f.proposal(ended).await.state, ProposalState::Voting);
    for index in [ended, decided, open] {
        let (ix, key) = cancel(&f, index, 0);
        f.env.send_err(&[ix], &[&key], code(GovernanceError::CannotCancel)).await;
    }
}
