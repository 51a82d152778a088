//! Realm settings: created once at the PDA of a signing create key, with validated rules;
//! changed only by the realm's own passed proposal (the treasury signs), which bumps the
//! settings version so proposals voted under the old rules can no longer execute.
use anchor_lang::error::ErrorCode;
use anchor_spl::token::spl_token;
use psp_governance::constants::MAX_PERIOD;
use psp_governance::errors::GovernanceError;
use psp_governance::events::RealmConfigChanged;
use psp_governance::state::{Choice, ProposalState, RealmConfig};
use psp_sdk::governance as gov;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{anchor_code, code, fails_with, ok, rules, Fixture, Setup, TREASURY_FUNDS};

/// Rules differing from the fixture's in every field.
fn new_rules() -> RealmConfig {
    RealmConfig {
        min_power_to_propose: 2,
        quorum_bps: 2_000,
        approval_bps: 5_000,
        voting_period: 200,
        hold_up: 20,
        execution_window: 300,
        tipping: true,
    }
}

#[tokio::test]
async fn nobody_calls_set_realm_config_directly() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (realm, treasury) = (f.realm, f.treasury);
    let mut ix = gov::set_realm_config(&realm, new_rules(), &f.council.pubkey());
    ix.accounts.iter_mut().filter(|m| m.pubkey == treasury).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    // The council (or anyone) signing in the treasury's place.
    let council = f.council.insecure_clone();
    let mut ix = gov::set_realm_config(&realm, new_rules(), &council.pubkey());
    ix.accounts.iter_mut().filter(|m| m.pubkey == treasury).for_each(|m| m.pubkey = council.pubkey());
    f.env.send_err(&[ix], &[&council], anchor_code(ErrorCode::ConstraintSeeds)).await;
    let r = f.realm_state().await;
    assert_eq!((r.config, r.config_version), (rules(false), 0));
}

#[tokio::test]
async fn a_passed_proposal_changes_the_settings_and_stales_older_proposals() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let new_council = Keypair::new();
    let change = [gov::set_realm_config(&f.realm, new_rules(), &new_council.pubkey())];
    let dest = f.env.token_account(&f.stake_mint.clone(), &Keypair::new().pubkey(), &spl_token::ID).await;
    let transfer = [f.treasury_transfer(&dest, 5)];
    let (settings, older) = (f.propose(3, &change).await, f.propose(3, &transfer).await);
    for index in [settings, older] {
        ok(f.vote(3, index, Choice::Yes).await);
    }
    assert_eq!(f.finish(settings).await, ProposalState::Succeeded);
    assert_eq!(f.finish(older).await, ProposalState::Succeeded);
    let at = f.proposal(older).await.executable_at;
    f.env.set_time(at).await;
    let out = ok(f.execute(settings, &change).await);
    let e = &out.cpi_events::<RealmConfigChanged>()[0];
    assert_eq!((e.new_config, e.new_council, e.config_version), (new_rules(), new_council.pubkey(), 1));
    assert_eq!((e.old_config, e.old_council), (rules(false), f.council.pubkey()));
    let r = f.realm_state().await;
    assert_eq!((r.config, r.council, r.config_version), (new_rules(), new_council.pubkey(), 1));
    assert_eq!(f.proposal(settings).await.state, ProposalState::Executed);
    // The transfer was voted under the old rules: it cannot execute any more.
    fails_with(f.execute(older, &transfer).await, GovernanceError::StaleProposal);
    let treasury_ata = f.treasury_ata;
    assert_eq!(f.balance(&treasury_ata).await, TREASURY_FUNDS);
    // A new proposal is judged by the new rules (tipping now on) and council.
    let index = f.propose(3, &transfer).await;
    let p = f.proposal(index).await;
    assert_eq!((p.config, p.config_version), (new_rules(), 1));
    ok(f.vote(2, index, Choice::Yes).await);
    assert_eq!(f.proposal(index).await.state, ProposalState::Voting);
    // Yes 7_000 x 2.68 of 30_000 is above 50% even if the rest votes no: it tips.
    ok(f.vote(3, index, Choice::Yes).await);
    assert_eq!(f.proposal(index).await.state, ProposalState::Succeeded);
    let old_council = f.council.insecure_clone();
    let ix = gov::veto_proposal(&f.realm, index, &old_council.pubkey());
    f.env.send_err(&[ix], &[&old_council], code(GovernanceError::Unauthorized)).await;
    let ix = gov::veto_proposal(&f.realm, index, &new_council.pubkey());
    f.env.send_ok(&[ix], &[&new_council]).await;
    assert_eq!(f.proposal(index).await.state, ProposalState::Vetoed);
}

#[tokio::test]
async fn invalid_rules_are_refused() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let base = rules(false);
    let invalid = [
        RealmConfig { quorum_bps: 0, ..base },
        RealmConfig { quorum_bps: 10_001, ..base },
        RealmConfig { approval_bps: 0, ..base },
        RealmConfig { approval_bps: 10_001, ..base },
        RealmConfig { voting_period: 0, ..base },
        RealmConfig { voting_period: MAX_PERIOD + 1, ..base },
        RealmConfig { hold_up: -1, ..base },
        RealmConfig { hold_up: MAX_PERIOD + 1, ..base },
        RealmConfig { execution_window: 0, ..base },
        RealmConfig { execution_window: MAX_PERIOD + 1, ..base },
    ];
    let (create_key, payer, pool, council) = (Keypair::new(), f.env.payer().pubkey(), f.pool, f.council.pubkey());
    for config in invalid {
        let (ix, _) = gov::create_realm(&create_key.pubkey(), &payer, &pool, config, &council);
        f.env.send_err(&[ix], &[&create_key], code(GovernanceError::InvalidConfig)).await;
    }
    // Through a proposal: the execution fails and the proposal stays executable.
    let bad = [gov::set_realm_config(&f.realm, invalid[0], &council)];
    let index = f.propose(3, &bad).await;
    f.pass(index, &[3]).await;
    fails_with(f.execute(index, &bad).await, GovernanceError::InvalidConfig);
    assert_eq!(f.proposal(index).await.state, ProposalState::Succeeded);
    assert_eq!(f.realm_state().await.config_version, 0);
    // The extremes are valid.
    let edge = RealmConfig {
        min_power_to_propose: 0,
        quorum_bps: 10_000,
        approval_bps: 1,
        voting_period: 1,
        hold_up: 0,
        execution_window: MAX_PERIOD,
        tipping: true,
    };
    let (ix, realm) = gov::create_realm(&create_key.pubkey(), &payer, &pool, edge, &council);
    f.env.send_ok(&[ix], &[&create_key]).await;
    assert_eq!(f.env.account::<psp_governance::state::Realm>(&realm).await.config, edge);
}

#[tokio::test]
async fn realms_are_created_once_by_a_signing_create_key_over_a_pool() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (payer, pool) = (f.env.payer().pubkey(), f.pool);
    let attacker = Keypair::new();
    // Again at the same address (the create key signs): refused, the realm unchanged.
    let realm_key = f.realm_key.insecure_clone();
    let (ix, _) = gov::create_realm(&realm_key.pubkey(), &payer, &pool, rules(true), &attacker.pubkey());
    f.env.send_fails(&[ix], &[&realm_key]).await;
    let r = f.realm_state().await;
    assert_eq!((r.council, r.config.tipping, r.create_key), (f.council.pubkey(), false, realm_key.pubkey()));
    // Someone else taking a create key's address: the create key must sign.
    let victim = Keypair::new().pubkey();
    let (mut ix, _) = gov::create_realm(&victim, &payer, &pool, rules(false), &attacker.pubkey());
    ix.accounts.iter_mut().filter(|m| m.pubkey == victim).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    // The pool must be a staking pool.
    let fresh = Keypair::new();
    let (ix, _) = gov::create_realm(&fresh.pubkey(), &payer, &f.treasury_ata, rules(false), &attacker.pubkey());
    f.env.send_err(&[ix], &[&fresh], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    let (ix, _) = gov::create_realm(&fresh.pubkey(), &payer, &f.voters[0].position, rules(false), &attacker.pubkey());
    f.env.send_err(&[ix], &[&fresh], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
}
