//! Approve, reject, cancel: thresholds, cutoffs, permissions, double votes and time locks.
use psp_multisig::errors::MultisigError;
use psp_multisig::events::ProposalVoted;
use psp_multisig::state::{ConfigAction, ProposalStatus, Vote};
use psp_sdk::multisig as ms;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture, Settings};

fn noop_action() -> Vec<ConfigAction> {
    vec![ConfigAction::SetTimeLock { new_time_lock: 0 }]
}

#[tokio::test]
async fn creation_counts_as_first_approval_and_second_approves() {
    let mut f = Fixture::new().await;
    let index = f.propose_config(0, noop_action()).await;
    let p = f.proposal(index).await;
    assert_eq!(p.approvals(), 1, "create + propose + first approval in one instruction");
    assert!(matches!(p.status, ProposalStatus::Active { .. }));

    let ix = f.vote_ix(index, 1, Vote::Approve);
    let out = f.env.send_ok(&[ix], &[&f.member(1)]).await;
    let events: Vec<ProposalVoted> = out.events(&psp_multisig::ID);
    assert_eq!((events[0].approvals, events[0].status), (2, 1));
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Approved { .. }));
}

#[tokio::test]
async fn double_votes_and_outsiders_are_refused() {
    let mut f = Fixture::with(Settings { members: 3, threshold: 3, ..Default::default() }).await;
    let index = f.propose_config(0, noop_action()).await;
    let ix = f.vote_ix(index, 0, Vote::Approve);
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::AlreadyVoted)).await;

    let outsider = Keypair::new();
    let ix = ms::proposal_vote(&f.multisig, index, &outsider.pubkey(), Vote::Approve, None);
    f.env.send_err(&[ix], &[&outsider], code(MultisigError::NotAMember)).await;
}

#[tokio::test]
async fn rejections_that_make_approval_impossible_reject() {
    // 2-of-3: two rejections leave only one possible approval.
    let mut f = Fixture::new().await;
    let index = f.propose_config(0, noop_action()).await;
    f.vote(index, 1, Vote::Reject).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Active { .. }));
    f.vote(index, 2, Vote::Reject).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Rejected { .. }));
    let ix = f.vote_ix(index, 1, Vote::Approve);
    f.env.send_err(&[ix], &[&f.member(1)], code(MultisigError::InvalidProposalStatus)).await;
    let member = f.member(0);
    let ix = ms::config_transaction_execute(&f.multisig, index, &member.pubkey(), None, None, &noop_action(), false);
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidProposalStatus)).await;
    // Rejected proposals close to the rent collector.
    let before = f.env.lamports(&f.rent_collector).await;
    let ix = ms::config_transaction_accounts_close(&f.multisig, index, &f.rent_collector);
    f.env.send_ok(&[ix], &[]).await;
    assert!(f.env.lamports(&f.rent_collector).await > before);
}

#[tokio::test]
async fn a_member_can_switch_sides() {
    // 3-of-4: one rejection still leaves approval possible.
    let mut f = Fixture::with(Settings { members: 4, threshold: 3, ..Default::default() }).await;
    let index = f.propose_config(0, noop_action()).await;
    f.vote(index, 1, Vote::Reject).await;
    f.vote(index, 1, Vote::Approve).await;
    let p = f.proposal(index).await;
    assert_eq!((p.approvals(), p.rejections()), (2, 0));
}

#[tokio::test]
async fn cancel_needs_threshold_after_approval() {
    let mut f = Fixture::with(Settings { time_lock: 3600, ..Default::default() }).await;
    let index = f.propose_config(0, noop_action()).await;
    // Cancel on an active proposal is refused.
    let ix = f.vote_ix(index, 1, Vote::Cancel);
    f.env.send_err(&[ix], &[&f.member(1)], code(MultisigError::InvalidProposalStatus)).await;
    f.vote(index, 1, Vote::Approve).await;
    f.vote(index, 1, Vote::Cancel).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Approved { .. }), "one cancel is not enough");
    let ix = f.vote_ix(index, 1, Vote::Cancel);
    f.env.send_err(&[ix], &[&f.member(1)], code(MultisigError::AlreadyVoted)).await;
    f.vote(index, 2, Vote::Cancel).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Cancelled { .. }));
    f.env.advance_time(3600).await;
    let member = f.member(0);
    let ix = ms::config_transaction_execute(&f.multisig, index, &member.pubkey(), None, None, &noop_action(), false);
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidProposalStatus)).await;
}

#[tokio::test]
async fn time_lock_boundaries() {
    let mut f = Fixture::with(Settings { time_lock: 3600, ..Default::default() }).await;
    f.env.set_time(1_800_000_000).await;
    let actions = vec![ConfigAction::ChangeThreshold { new_threshold: 3 }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let ProposalStatus::Approved { timestamp } = f.proposal(index).await.status else { panic!("approved") };
    assert_eq!(timestamp, 1_800_000_000);

    let member = f.member(2);
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &member.pubkey(),
        Some(&member.pubkey()),
        None,
        &actions,
        false,
    );
    f.env.set_time(timestamp + 3599).await;
    f.env.send_err(std::slice::from_ref(&ix), &[&member], code(MultisigError::TimeLockNotReleased)).await;
    f.env.set_time(timestamp + 3600).await;
    f.env.send_ok(&[ix], &[&member]).await;
    assert_eq!(f.multisig().await.threshold, 3);
}

#[tokio::test]
async fn last_approval_executes_in_the_same_instruction_only_without_time_lock() {
    let mut f = Fixture::new().await;
    let actions = vec![ConfigAction::ChangeThreshold { new_threshold: 1 }];
    let index = f.propose_config(0, actions.clone()).await;
    let member = f.member(1);
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &member.pubkey(),
        Some(&member.pubkey()),
        None,
        &actions,
        true,
    );
    f.env.send_ok(&[ix], &[&member]).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Executed { .. }));
    assert_eq!(f.multisig().await.threshold, 1);

    let mut f = Fixture::with(Settings { time_lock: 60, ..Default::default() }).await;
    let index = f.propose_config(0, actions.clone()).await;
    let member = f.member(1);
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &member.pubkey(),
        Some(&member.pubkey()),
        None,
        &actions,
        true,
    );
    f.env.send_err(&[ix], &[&member], code(MultisigError::TimeLockNotReleased)).await;
}

#[tokio::test]
async fn members_added_after_approval_can_cancel() {
    // Vault transaction approved under a time lock; then 6 members join (the proposal's bitmaps
    // were sized for 3) and the newest ones cancel it: the proposal grows, paid by the voter.
    let mut f = Fixture::with(Settings { time_lock: 3600, ..Default::default() }).await;
    let (index, message) = f.propose_small_transfer().await;
    f.vote(index, 1, Vote::Approve).await;

    let mut newcomers = Vec::new();
    for _ in 0..6 {
        newcomers.push(f.env.funded_keypair(1).await);
    }
    let actions: Vec<ConfigAction> = newcomers
        .iter()
        .map(|k| ConfigAction::AddMember {
            new_member: psp_multisig::state::Member {
                key: k.pubkey(),
                permissions: psp_multisig::state::permission::VOTE,
            },
        })
        .collect();
    let change = f.propose_config(0, actions.clone()).await;
    f.vote(change, 1, Vote::Approve).await;
    f.env.advance_time(3600).await;
    f.execute_config(change, 0, &actions).await;

    let before =
        f.env.ctx.banks_client.get_account(ms::proposal_pda(&f.multisig, index).0).await.unwrap().unwrap().data.len();
    for k in &newcomers[4..] {
        let ix = ms::proposal_vote(&f.multisig, index, &k.pubkey(), Vote::Cancel, None);
        f.env.send_ok(&[ix], &[k]).await;
    }
    let after =
        f.env.ctx.banks_client.get_account(ms::proposal_pda(&f.multisig, index).0).await.unwrap().unwrap().data.len();
    assert!(after > before, "proposal grew from {before} to {after} bytes");
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Cancelled { .. }));
    let ix = f.execute_vault_ix(index, 0, &message, false);
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::InvalidProposalStatus)).await;
}
