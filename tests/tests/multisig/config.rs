//! Config transactions, the config authority, staleness, permissions and pause.
use psp_multisig::errors::MultisigError;
use psp_multisig::events::{ConfigActionApplied, ConfigTransactionExecuted, MultisigPaused};
use psp_multisig::state::{pause, permission, ConfigAction, Member, ProposalStatus, Vote};
use psp_sdk::multisig as ms;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture, Settings};

#[tokio::test]
async fn config_proposal_adds_member_and_changes_threshold() {
    let mut f = Fixture::new().await;
    let newcomer = Keypair::new();
    let actions = vec![
        ConfigAction::AddMember { new_member: Member { key: newcomer.pubkey(), permissions: permission::VOTE } },
        ConfigAction::ChangeThreshold { new_threshold: 3 },
        ConfigAction::SetTimeLock { new_time_lock: 86_400 },
    ];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let out = f.execute_config(index, 2, &actions).await;

    let multisig = f.multisig().await;
    assert_eq!(multisig.members.len(), 4);
    assert_eq!(multisig.members[3].key, newcomer.pubkey());
    assert_eq!((multisig.threshold, multisig.time_lock), (3, 86_400));
    assert_eq!(multisig.stale_transaction_index, index);
    let applied: Vec<ConfigActionApplied> = out.events(&psp_multisig::ID);
    assert_eq!(applied.len(), 3);
    assert_eq!(applied[0].after.member_count, 4);
    assert_eq!(applied[2].after.time_lock, 86_400);
    let executed: Vec<ConfigTransactionExecuted> = out.cpi_events();
    assert_eq!(executed.len(), 1, "execution is emitted by CPI");
    assert_eq!(executed[0].action_count, 3);
    assert!(matches!(f.proposal(index).await.status, ProposalStatus::Executed { .. }));
}

#[tokio::test]
async fn invalid_result_is_refused_atomically() {
    let mut f = Fixture::new().await;
    let gone = f.members[2].pubkey();
    let actions =
        vec![ConfigAction::RemoveMember { old_member: gone }, ConfigAction::ChangeThreshold { new_threshold: 3 }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let member = f.member(0);
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &member.pubkey(),
        Some(&member.pubkey()),
        None,
        &actions,
        false,
    );
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidThreshold)).await;
    assert_eq!(f.multisig().await.members.len(), 3, "nothing applied");
}

#[tokio::test]
async fn config_change_makes_pending_proposals_stale() {
    let mut f = Fixture::with(Settings { members: 3, threshold: 2, ..Default::default() }).await;
    let pending = f.propose_config(1, vec![ConfigAction::SetTimeLock { new_time_lock: 5 }]).await;
    let actions = vec![ConfigAction::ChangeThreshold { new_threshold: 1 }];
    let change = f.propose_config(0, actions.clone()).await;
    f.vote(change, 1, Vote::Approve).await;
    f.execute_config(change, 0, &actions).await;

    let ix = f.vote_ix(pending, 2, Vote::Approve);
    f.env.send_err(&[ix], &[&f.member(2)], code(MultisigError::StaleProposal)).await;
    let multisig = f.multisig().await;
    let proposal = f.proposal(pending).await;
    assert_eq!(ms::proposal_state(&proposal, &multisig, true), ms::ProposalState::Stale);
    // A stale proposal can be closed; its rent goes to the rent collector.
    let before = f.env.lamports(&f.rent_collector).await;
    let ix = ms::config_transaction_accounts_close(&f.multisig, pending, &f.rent_collector);
    f.env.send_ok(&[ix], &[]).await;
    assert!(f.env.lamports(&f.rent_collector).await > before);
    assert!(!f.env.exists(&ms::proposal_pda(&f.multisig, pending).0).await);
}

#[tokio::test]
async fn permissions_are_enforced() {
    let mut f = Fixture::new().await;
    // Member 2 keeps only Vote; member 1 keeps only Initiate.
    let actions = vec![
        ConfigAction::ChangePermissions { member: f.members[2].pubkey(), permissions: permission::VOTE },
        ConfigAction::ChangePermissions { member: f.members[1].pubkey(), permissions: permission::INITIATE },
        ConfigAction::ChangeThreshold { new_threshold: 2 },
    ];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;

    // Without Initiate: cannot propose.
    let next = f.next_index().await;
    let voter = f.member(2);
    let ix = ms::config_transaction_create(
        &f.multisig,
        next,
        &voter.pubkey(),
        &voter.pubkey(),
        vec![ConfigAction::SetTimeLock { new_time_lock: 1 }],
        None,
    );
    f.env.send_err(&[ix], &[&voter], code(MultisigError::Unauthorized)).await;
    // Initiate-only member proposes without approving; cannot vote.
    let index = f.propose_config(1, vec![ConfigAction::SetTimeLock { new_time_lock: 1 }]).await;
    assert_eq!(f.proposal(index).await.approvals(), 0);
    let ix = f.vote_ix(index, 1, Vote::Approve);
    f.env.send_err(&[ix], &[&f.member(1)], code(MultisigError::Unauthorized)).await;
    f.vote(index, 0, Vote::Approve).await;
    f.vote(index, 2, Vote::Approve).await;
    // Without Execute: cannot execute.
    let ix =
        ms::config_transaction_execute(&f.multisig, index, &voter.pubkey(), Some(&voter.pubkey()), None, &[], false);
    f.env.send_err(&[ix], &[&voter], code(MultisigError::Unauthorized)).await;
}

#[tokio::test]
async fn controlled_multisig_changes_only_through_its_authority() {
    let authority = Keypair::new();
    let mut f = Fixture::with(Settings { config_authority: Some(authority.pubkey()), ..Default::default() }).await;
    let actions = vec![ConfigAction::ChangeThreshold { new_threshold: 3 }];
    // Proposals are not the path for controlled multisigs.
    let next = f.next_index().await;
    let member = f.member(0);
    let ix =
        ms::config_transaction_create(&f.multisig, next, &member.pubkey(), &member.pubkey(), actions.clone(), None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::NotSupportedForControlled)).await;
    // A member is not the authority.
    let ix = ms::multisig_config_apply(&f.multisig, &member.pubkey(), None, None, actions.clone(), None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::NotConfigAuthority)).await;
    // The authority applies directly, then hands control to the members.
    let ix = ms::multisig_config_apply(&f.multisig, &authority.pubkey(), None, None, actions, None);
    f.env.send_ok(&[ix], &[&authority]).await;
    assert_eq!(f.multisig().await.threshold, 3);
    let ix = ms::multisig_config_apply(
        &f.multisig,
        &authority.pubkey(),
        None,
        None,
        vec![ConfigAction::SetConfigAuthority { new_config_authority: None }],
        None,
    );
    f.env.send_ok(&[ix], &[&authority]).await;
    assert!(f.multisig().await.is_autonomous());
    let ix = ms::multisig_config_apply(
        &f.multisig,
        &authority.pubkey(),
        None,
        None,
        vec![ConfigAction::ChangeThreshold { new_threshold: 1 }],
        None,
    );
    f.env.send_err(&[ix], &[&authority], code(MultisigError::NotConfigAuthority)).await;
    // Autonomous multisigs cannot propose to set a config authority.
    let next = f.next_index().await;
    let ix = ms::config_transaction_create(
        &f.multisig,
        next,
        &member.pubkey(),
        &member.pubkey(),
        vec![ConfigAction::SetConfigAuthority { new_config_authority: Some(member.pubkey()) }],
        None,
    );
    f.env.send_err(&[ix], &[&member], code(MultisigError::ConfigAuthorityActionViaProposal)).await;
}

#[tokio::test]
async fn any_voter_pauses_but_unpausing_takes_the_threshold() {
    let mut f = Fixture::new().await;
    let member = f.member(1);
    let ix = ms::multisig_pause(&f.multisig, &member.pubkey(), pause::VAULT_TRANSACTIONS);
    let out = f.env.send_ok(&[ix], &[&member]).await;
    let paused: Vec<MultisigPaused> = out.events(&psp_multisig::ID);
    assert_eq!((paused[0].old_flags, paused[0].new_flags), (0, pause::VAULT_TRANSACTIONS));
    let outsider = Keypair::new();
    let ix = ms::multisig_pause(&f.multisig, &outsider.pubkey(), pause::SPENDING_LIMITS);
    f.env.send_err(&[ix], &[&outsider], code(MultisigError::NotAMember)).await;
    let ix = ms::multisig_pause(&f.multisig, &member.pubkey(), 0x80);
    f.env.send_err(&[ix], &[&member], code(MultisigError::UnknownPauseFlags)).await;

    let actions = vec![ConfigAction::SetPauseFlags { flags: 0 }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    assert_eq!(f.multisig().await.paused, 0);
}
