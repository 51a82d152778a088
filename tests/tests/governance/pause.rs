//! Pause bits: the council sets and clears PROPOSE, VOTE and EXECUTE (and HALT), each blocking
//! its operation only; nobody else may, unknown bits are refused; the treasury may pause
//! through a proposal (and the council lifts it).
use psp_governance::errors::GovernanceError;
use psp_governance::events::PauseChanged;
use psp_governance::state::{pause, Choice, ProposalState};
use psp_sdk::governance as gov;
use solana_sdk::signature::Signer;

use crate::common::{code, fails_with, ok, Fixture, Setup};

/// The council sets the pause bits to `flags`.
async fn council_sets(f: &mut Fixture, flags: u8) {
    let council = f.council.insecure_clone();
    let out = f.env.send_ok(&[gov::set_pause(&f.realm, &council.pubkey(), flags)], &[&council]).await;
    let e = &out.cpi_events::<PauseChanged>()[0];
    assert_eq!((e.authority, e.new_flags), (council.pubkey(), flags));
    assert_eq!(f.realm_state().await.paused, flags);
}

#[tokio::test]
async fn each_bit_blocks_its_operation_until_the_council_clears_it() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let passed = f.propose(3, &[]).await;
    f.pass(passed, &[3]).await;
    let open = f.propose(3, &[]).await;
    let (mut drafts, paused) = (Vec::new(), GovernanceError::Paused);
    for _ in 0..2 {
        let (created, index) = f.create(0, "draft").await;
        ok(created);
        drafts.push(index);
    }
    // Nobody else, and no unknown bit.
    let outsider = f.voters[3].key.insecure_clone();
    let ix = gov::set_pause(&f.realm, &outsider.pubkey(), pause::VOTE);
    f.env.send_err(&[ix], &[&outsider], code(GovernanceError::Unauthorized)).await;
    let council = f.council.insecure_clone();
    let ix = gov::set_pause(&f.realm, &council.pubkey(), 1 << 3);
    f.env.send_err(&[ix], &[&council], code(GovernanceError::UnknownPauseFlags)).await;
    // HALT blocks everything.
    council_sets(&mut f, pause::HALT).await;
    fails_with(f.create(0, "new").await.0, paused);
    fails_with(f.start(0, drafts[0]).await, paused);
    fails_with(f.vote(1, open, Choice::Yes).await, paused);
    fails_with(f.execute(passed, &[]).await, paused);
    // PROPOSE: drafting and starting only.
    council_sets(&mut f, pause::PROPOSE).await;
    fails_with(f.create(0, "new").await.0, paused);
    fails_with(f.start(0, drafts[0]).await, paused);
    ok(f.vote(1, open, Choice::Yes).await);
    // VOTE: votes only.
    council_sets(&mut f, pause::VOTE).await;
    fails_with(f.vote(2, open, Choice::Yes).await, paused);
    ok(f.create(0, "new").await.0);
    ok(f.start(0, drafts[0]).await);
    // EXECUTE: execution only.
    council_sets(&mut f, pause::EXECUTE).await;
    fails_with(f.execute(passed, &[]).await, paused);
    ok(f.vote(2, open, Choice::Yes).await);
    ok(f.start(0, drafts[1]).await);
    // Cleared: execution works again.
    council_sets(&mut f, 0).await;
    ok(f.execute(passed, &[]).await);
    assert_eq!(f.proposal(passed).await.state, ProposalState::Executed);
    assert_eq!(f.proposal(open).await.voters, 2);
}

#[tokio::test]
async fn the_treasury_pauses_through_a_proposal() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let ixs = [gov::set_pause(&f.realm, &f.treasury, pause::VOTE | pause::EXECUTE)];
    let index = f.propose(3, &ixs).await;
    let open = f.propose(3, &[]).await;
    f.pass(index, &[3]).await;
    let out = ok(f.execute(index, &ixs).await);
    let treasury = f.treasury;
    let e = &out.cpi_events::<PauseChanged>()[0];
    assert_eq!((e.authority, e.old_flags, e.new_flags), (treasury, 0, pause::VOTE | pause::EXECUTE));
    let open_end = f.proposal(open).await.voting_ends_at;
    f.env.set_time(open_end - 1).await;
    fails_with(f.vote(0, open, Choice::Yes).await, GovernanceError::Paused);
    // A proposal cannot lift an execution pause; the council can.
    council_sets(&mut f, 0).await;
    ok(f.vote(0, open, Choice::Yes).await);
}
