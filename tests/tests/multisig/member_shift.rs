//! Cancel votes after config changes that shift member indexes (issue 11).
//!
//! Votes are bitmaps over member indexes and `members.remove` shifts every later index down.
//! With a config authority, two `multisig_config_apply` calls with no new transaction between
//! them used to leave `stale_transaction_index` (the old basis of cancel votes) unchanged, so the
//! cancel bitmap of an approved proposal outlived the shift. Every applied config change now
//! moves `config_generation`, and cancel votes cast under an older generation no longer count.
use psp_multisig::errors::MultisigError;
use psp_multisig::state::{ConfigAction, ProposalStatus, Vote};
use psp_sdk::multisig as ms;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture, Settings};

/// A 2-of-3 multisig controlled by a config authority, with an approved (unexecuted) vault
/// transaction and one config change already applied (so the transaction is stale and a second
/// change adds no transaction). Returns the fixture, the authority and the transaction index.
async fn approved_after_one_change() -> (Fixture, Keypair, u64) {
    let authority = Keypair::new();
    let mut f = Fixture::with(Settings { config_authority: Some(authority.pubkey()), ..Default::default() }).await;
    let (index, _) = f.propose_small_transfer().await;
    f.vote(index, 1, Vote::Approve).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Approved { .. }));
    apply(&mut f, &authority, ConfigAction::SetTimeLock { new_time_lock: 0 }).await;
    (f, authority, index)
}

/// The config authority applies one action.
async fn apply(f: &mut Fixture, authority: &Keypair, action: ConfigAction) {
    let ix = ms::multisig_config_apply(&f.multisig, &authority.pubkey(), None, None, vec![action], None);
    f.env.send_ok(&[ix], &[authority]).await;
}

/// `key` (still a member) votes to cancel.
async fn cancel(f: &mut Fixture, index: u64, key: &Keypair) {
    let ix = ms::proposal_vote(&f.multisig, index, &key.pubkey(), Vote::Cancel, None);
    f.env.send_ok(&[ix], &[key]).await;
}

#[tokio::test]
async fn member_shift_one_member_cannot_cancel_alone_at_old_and_new_index() {
    let (mut f, authority, index) = approved_after_one_change().await;
    let (first, last) = (f.member(0), f.member(2));
    cancel(&mut f, index, &last).await; // at index 2
    apply(&mut f, &authority, ConfigAction::RemoveMember { old_member: first.pubkey() }).await;
    cancel(&mut f, index, &last).await; // now at index 1
    let proposal = f.proposal(index).await;
    assert!(
        matches!(proposal.status, ProposalStatus::Approved { .. }),
        "one member cancelled alone: {:?}",
        proposal.status
    );
    assert_eq!(proposal.cancellations(), 1, "only the vote cast after the change counts");
    // A second current member completes the cancellation.
    let second = f.member(1);
    cancel(&mut f, index, &second).await;
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Cancelled { .. }));
}

#[tokio::test]
async fn member_shift_removed_members_cancel_vote_stops_counting() {
    let (mut f, authority, index) = approved_after_one_change().await;
    let (removed, last) = (f.member(0), f.member(2));
    cancel(&mut f, index, &removed).await; // bit 0
    apply(&mut f, &authority, ConfigAction::RemoveMember { old_member: removed.pubkey() }).await;
    cancel(&mut f, index, &last).await;
    let proposal = f.proposal(index).await;
    assert!(
        matches!(proposal.status, ProposalStatus::Approved { .. }),
        "the removed member's vote still counted: {:?}",
        proposal.status
    );
    assert_eq!(proposal.cancellations(), 1);
}

#[tokio::test]
async fn member_shift_does_not_refuse_the_member_now_at_a_voted_index() {
    let (mut f, authority, index) = approved_after_one_change().await;
    let (removed, second) = (f.member(0), f.member(1));
    cancel(&mut f, index, &removed).await; // bit 0
    apply(&mut f, &authority, ConfigAction::RemoveMember { old_member: removed.pubkey() }).await;
    // `second` moved to index 0; its first cancel vote must be accepted.
    let ix = ms::proposal_vote(&f.multisig, index, &second.pubkey(), Vote::Cancel, None);
    let result = f.env.send(&[ix], &[&second]).await;
    assert!(
        result.is_ok(),
        "refused: {:?} (AlreadyVoted is {})",
        result.err().map(|e| e.custom_code()),
        code(MultisigError::AlreadyVoted)
    );
    assert_eq!(f.proposal(index).await.cancellations(), 1);
}
