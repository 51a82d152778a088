//! The council's veto and the execution window: the council (and only it) vetoes a passed
//! proposal during its hold-up, after which it can never execute; once the hold-up is over the
//! veto is refused; a passed proposal not executed within its window expires.
use anchor_lang::error::ErrorCode;
use anchor_spl::token::spl_token;
use psp_governance::errors::GovernanceError;
use psp_governance::events::ProposalClosed;
use psp_governance::state::ProposalState;
use psp_sdk::governance as gov;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{anchor_code, code, fails_with, ok, Fixture, Setup, TREASURY_FUNDS};

/// A fixture with a passed transfer proposal (index 0) at the start of its hold-up; returns
/// the stored instructions.
async fn passed() -> (Fixture, Vec<anchor_lang::solana_program::instruction::Instruction>) {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let mint = f.stake_mint;
    let dest = f.env.token_account(&mint, &Keypair::new().pubkey(), &spl_token::ID).await;
    let ixs = vec![f.treasury_transfer(&dest, 500)];
    let index = f.propose(3, &ixs).await;
    ok(f.vote(3, index, psp_governance::state::Choice::Yes).await);
    assert_eq!(f.finish(index).await, ProposalState::Succeeded);
    (f, ixs)
}

#[tokio::test]
async fn the_council_vetoes_during_the_hold_up() {
    let (mut f, ixs) = passed().await;
    let council = f.council.insecure_clone();
    // Anyone else, or the council without signing, is refused.
    let outsider = f.voters[3].key.insecure_clone();
    let ix = gov::veto_proposal(&f.realm, 0, &outsider.pubkey());
    f.env.send_err(&[ix], &[&outsider], code(GovernanceError::Unauthorized)).await;
    let mut ix = gov::veto_proposal(&f.realm, 0, &council.pubkey());
    ix.accounts.iter_mut().filter(|m| m.pubkey == council.pubkey()).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    let at = f.proposal(0).await.executable_at - 1;
    f.env.set_time(at).await;
    let out = f.env.send_ok(&[gov::veto_proposal(&f.realm, 0, &council.pubkey())], &[&council]).await;
    let e = &out.cpi_events::<ProposalClosed>()[0];
    assert_eq!(
        (e.previous_state, e.state, e.authority, e.timestamp),
        (ProposalState::Succeeded, ProposalState::Vetoed, council.pubkey(), at)
    );
    let p = f.proposal(0).await;
    assert_eq!((p.state, p.closed_at), (ProposalState::Vetoed, at));
    // A vetoed proposal never executes, nor is vetoed again.
    f.env.set_time(p.executable_at).await;
    fails_with(f.execute(0, &ixs).await, GovernanceError::NotSucceeded);
    let ix = gov::veto_proposal(&f.realm, 0, &council.pubkey());
    f.env.send_err(&[ix], &[&council], code(GovernanceError::NotSucceeded)).await;
    let treasury_ata = f.treasury_ata;
    assert_eq!(f.balance(&treasury_ata).await, TREASURY_FUNDS);
}

#[tokio::test]
async fn no_veto_once_the_hold_up_is_over() {
    let (mut f, ixs) = passed().await;
    let council = f.council.insecure_clone();
    let at = f.proposal(0).await.executable_at;
    f.env.set_time(at).await;
    let ix = gov::veto_proposal(&f.realm, 0, &council.pubkey());
    f.env.send_err(&[ix], &[&council], code(GovernanceError::HoldUpOver)).await;
    ok(f.execute(0, &ixs).await);
    assert_eq!(f.proposal(0).await.state, ProposalState::Executed);
}

#[tokio::test]
async fn no_veto_of_an_open_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(3, &[]).await;
    let council = f.council.insecure_clone();
    let ix = gov::veto_proposal(&f.realm, index, &council.pubkey());
    f.env.send_err(&[ix], &[&council], code(GovernanceError::NotSucceeded)).await;
    assert_eq!(f.proposal(index).await.state, ProposalState::Voting);
}

#[tokio::test]
async fn unexecuted_proposals_expire() {
    let (mut f, ixs) = passed().await;
    let expires = f.proposal(0).await.expires_at;
    f.env.set_time(expires - 1).await;
    fails_with(f.update(0).await, GovernanceError::NothingToUpdate);
    f.env.set_time(expires).await;
    fails_with(f.execute(0, &ixs).await, GovernanceError::ProposalExpired);
    let out = ok(f.update(0).await);
    let e = &out.cpi_events::<ProposalClosed>()[0];
    assert_eq!((e.previous_state, e.state, e.timestamp), (ProposalState::Succeeded, ProposalState::Expired, expires));
    let p = f.proposal(0).await;
    assert_eq!((p.state, p.closed_at), (ProposalState::Expired, expires));
    fails_with(f.execute(0, &ixs).await, GovernanceError::NotSucceeded);
    fails_with(f.update(0).await, GovernanceError::NothingToUpdate);
    let treasury_ata = f.treasury_ata;
    assert_eq!(f.balance(&treasury_ata).await, TREASURY_FUNDS);
}

#[tokio::test]
async fn the_last_second_of_the_window_still_executes() {
    let (mut f, ixs) = passed().await;
    let expires = f.proposal(0).await.expires_at;
    f.env.set_time(expires - 1).await;
    ok(f.execute(0, &ixs).await);
    let treasury_ata = f.treasury_ata;
    assert_eq!(f.balance(&treasury_ata).await, TREASURY_FUNDS - 500);
}
