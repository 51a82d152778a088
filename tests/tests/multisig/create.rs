//! `multisig_create`: success, invariants, signer and re-initialization checks.
use anchor_lang::error::ErrorCode;
use psp_multisig::errors::MultisigError;
use psp_multisig::events::MultisigCreated;
use psp_multisig::state::{permission, Member, Multisig};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use psp_tests::TestEnv;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{anchor_code, code};

fn args(members: Vec<Member>, threshold: u16, time_lock: u32) -> MultisigCreateArgs {
    MultisigCreateArgs { config_authority: None, threshold, members, time_lock, rent_collector: None, memo: None }
}

fn members(n: usize, permissions: u8) -> Vec<Member> {
    (0..n).map(|_| Member { key: Pubkey::new_unique(), permissions }).collect()
}

#[tokio::test]
async fn creates_multisig_and_emits_event() {
    let mut env = TestEnv::start_with(&["psp_multisig"]).await;
    let create_key = Keypair::new();
    let creator = env.payer();
    let list = members(3, permission::ALL);
    let ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args(list.clone(), 2, 3600));
    let out = env.send_ok(&[ix], &[&create_key]).await;

    let address = ms::multisig_pda(&create_key.pubkey()).0;
    let multisig: Multisig = env.account(&address).await;
    assert_eq!(multisig.members, list);
    assert_eq!((multisig.threshold, multisig.time_lock, multisig.transaction_index), (2, 3600, 0));
    assert!(multisig.is_autonomous());
    assert_eq!(multisig.create_key, create_key.pubkey());
    assert_eq!(multisig.bump, ms::multisig_pda(&create_key.pubkey()).1, "canonical bump stored");

    let events: Vec<MultisigCreated> = out.events(&psp_multisig::ID);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].multisig, address);
    assert_eq!(events[0].members, list);
    assert_eq!(events[0].threshold, 2);
}

#[tokio::test]
async fn refuses_invalid_settings() {
    let mut env = TestEnv::start().await;
    let creator = env.payer();
    let mut dup = members(2, permission::ALL);
    dup[1].key = dup[0].key;
    let cases = [
        (args(members(3, permission::ALL), 0, 0), MultisigError::InvalidThreshold),
        (args(members(3, permission::ALL), 4, 0), MultisigError::InvalidThreshold),
        (args(vec![], 1, 0), MultisigError::EmptyMembers),
        (args(dup, 1, 0), MultisigError::DuplicateMember),
        (args(members(2, permission::ALL), 1, 90 * 86_400 + 1), MultisigError::TimeLockTooLong),
        (args(members(2, permission::VOTE), 1, 0), MultisigError::MissingRequiredPermission),
        (args(members(2, 0xff), 1, 0), MultisigError::UnknownPermissions),
    ];
    for (args, error) in cases {
        let create_key = Keypair::new();
        let ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args);
        env.send_err(&[ix], &[&create_key], code(error)).await;
    }
    // The 90-day maximum itself is accepted.
    let create_key = Keypair::new();
    let ix =
        ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args(members(2, permission::ALL), 1, 90 * 86_400));
    env.send_ok(&[ix], &[&create_key]).await;
}

#[tokio::test]
async fn create_key_must_sign_so_addresses_cannot_be_front_run() {
    let mut env = TestEnv::start().await;
    let creator = env.payer();
    let create_key = Keypair::new();
    let mut ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args(members(1, permission::ALL), 1, 0));
    ix.accounts[1].is_signer = false;
    env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
}

#[tokio::test]
async fn cannot_reinitialize() {
    let mut env = TestEnv::start().await;
    let creator = env.payer();
    let create_key = Keypair::new();
    let ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args(members(1, permission::ALL), 1, 0));
    env.send_ok(&[ix], &[&create_key]).await;
    let hijack = members(1, permission::ALL);
    let ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args(hijack, 1, 0));
    env.send_fails(&[ix], &[&create_key]).await;
    let multisig: Multisig = env.account(&ms::multisig_pda(&create_key.pubkey()).0).await;
    assert_eq!(multisig.members.len(), 1);
    assert_ne!(multisig.members[0].key, Pubkey::default());
}
