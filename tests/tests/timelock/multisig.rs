//! Production authority model: a psp-multisig vault is the timelock admin. Vault transaction
//! proposals execute `set_mint_policy` and an unpause by CPI from psp_multisig into psp_timelock;
//! no single member can do either alone.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use psp_multisig::state::{ProposalStatus, Vote};
use psp_sdk::timelock as tl;
use psp_tests::TxOutput;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{MintPolicyChanged, PauseChanged};
use psp_timelock::state::{pause, MintPolicy};
use solana_sdk::signature::Signer;

use crate::common::{code, mint_policy_args};
use crate::multisig_fixture::Fixture as MultisigFixture;

/// Member 0 proposes `instructions` for vault 0, member 1 approves, member 2 executes.
async fn pass(m: &mut MultisigFixture, instructions: &[Instruction]) -> TxOutput {
    let (index, message) = m.propose_vault(0, 0, instructions).await;
    m.vote(index, 1, Vote::Approve).await;
    let ix = m.execute_vault_ix(index, 2, &message, false);
    let out = m.env.send_ok(&[ix], &[&m.member(2)]).await;
    assert!(matches!(m.proposal(index).await.status, ProposalStatus::Executed { .. }));
    out
}

/// The mint policy of `mint`.
async fn policy(m: &mut MultisigFixture, mint: &Pubkey) -> MintPolicy {
    m.env.account(&tl::mint_policy_pda(mint).0).await
}

#[tokio::test]
async fn a_multisig_vault_sets_mint_policy_and_unpauses_by_proposal() {
    let mut m = MultisigFixture::new().await;
    let vault = m.vault(0);
    // The vault pays the policy's rent when the proposal creates it.
    m.env.transfer_sol(&vault, 1_000_000_000).await;
    let guardian = m.env.funded_keypair(1).await;
    let payer = m.env.payer();
    m.env.send_ok(&[tl::initialize_config(&payer.pubkey(), &vault, &guardian.pubkey())], &[]).await;
    let mint = m.env.create_mint(6, &spl_token::ID).await;
    let args = mint_policy_args(1_000_000, 86_400, 5_000_000, 86_400);

    // No member can act as the admin alone.
    let member = m.member(0);
    let ix = tl::set_mint_policy(&member.pubkey(), &member.pubkey(), &mint, args);
    m.env.send_err(&[ix], &[&member], code(TimelockError::Unauthorized)).await;

    let out = pass(&mut m, &[tl::set_mint_policy(&vault, &vault, &mint, args)]).await;
    let state = policy(&mut m, &mint).await;
    assert_eq!((state.mint, state.high_value_threshold, state.min_delay), (mint, 1_000_000, 86_400));
    assert_eq!(
        (state.outflow.cap, state.outflow.window_seconds, state.outflow.bucket_seconds),
        (5_000_000, 86_400, 3_600)
    );
    let changed = out.events::<MintPolicyChanged>(&psp_timelock::ID);
    assert_eq!(changed.len(), 1, "{:?}", out.logs);
    assert_eq!((changed[0].new_high_value_threshold, changed[0].new_outflow_cap), (1_000_000, 5_000_000));

    // The guardian pauses the mint at once but cannot lift it; the vault can.
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), pause::HALT | pause::CREATE);
    m.env.send_ok(&[ix], &[&guardian]).await;
    let ix = tl::set_pause(&guardian.pubkey(), Some(&mint), 0);
    m.env.send_err(&[ix], &[&guardian], code(TimelockError::GuardianCannotUnpause)).await;
    let out = pass(&mut m, &[tl::set_pause(&vault, Some(&mint), 0)]).await;
    assert_eq!(policy(&mut m, &mint).await.paused, 0);
    let e = &out.events::<PauseChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.mint, e.authority, e.old_flags, e.new_flags), (Some(mint), vault, pause::HALT | pause::CREATE, 0));

    // A second proposal updates the existing policy (old values on record).
    let out = pass(&mut m, &[tl::set_mint_policy(&vault, &vault, &mint, mint_policy_args(0, 0, 0, 0))]).await;
    let e = &out.events::<MintPolicyChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.old_high_value_threshold, e.new_high_value_threshold, e.old_outflow_cap), (1_000_000, 0, 5_000_000));
}
