//! The security checklist: wrong owner, type cosplay, cross-multisig PDAs, seeds, arbitrary CPI,
//! missing signers, closing and revival in one transaction.
use anchor_lang::error::ErrorCode;
use psp_multisig::state::{ConfigAction, Vote};
use psp_sdk::multisig as ms;
use psp_sdk::multisig::TokenTransferAccounts;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{anchor_code, Fixture};

fn timelock_action() -> Vec<ConfigAction> {
    vec![ConfigAction::SetTimeLock { new_time_lock: 10 }]
}

#[tokio::test]
async fn voter_must_sign() {
    let mut f = Fixture::new().await;
    let index = f.propose_config(0, timelock_action()).await;
    let mut ix = f.vote_ix(index, 1, Vote::Approve);
    ix.accounts[1].is_signer = false;
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
}

#[tokio::test]
async fn proposal_of_another_multisig_is_refused() {
    // Two multisigs where member 0 of A is also a member of B: B's proposal cannot be voted
    // through A (PDA shared across multisigs).
    let mut a = Fixture::new().await;
    let a_index = a.propose_config(0, timelock_action()).await;
    let create_key = Keypair::new();
    let other_members =
        a.members.iter().map(|k| psp_multisig::state::Member { key: k.pubkey(), permissions: 7 }).collect();
    let args = psp_multisig::MultisigCreateArgs {
        config_authority: None,
        threshold: 2,
        members: other_members,
        time_lock: 0,
        rent_collector: None,
        memo: None,
    };
    let payer = a.env.payer();
    a.env.send_ok(&[ms::multisig_create(&create_key.pubkey(), &payer.pubkey(), args)], &[&create_key]).await;
    let other = ms::multisig_pda(&create_key.pubkey()).0;
    let member = a.member(0);
    let ix_create =
        ms::config_transaction_create(&other, 1, &member.pubkey(), &member.pubkey(), timelock_action(), None);
    a.env.send_ok(&[ix_create], &[&member]).await;
    let mut ix = a.vote_ix(a_index, 1, Vote::Approve);
    ix.accounts[2].pubkey = ms::proposal_pda(&other, 1).0;
    a.env.send_err(&[ix], &[&a.member(1)], anchor_code(ErrorCode::ConstraintSeeds)).await;
}

#[tokio::test]
async fn type_cosplay_and_wrong_owner_are_refused() {
    let mut f = Fixture::new().await;
    let actions = timelock_action();
    let index = f.propose_config(0, actions.clone()).await;
    // A proposal passed where a multisig is expected (both program-owned): discriminator check.
    let mut ix = f.vote_ix(index, 1, Vote::Approve);
    ix.accounts[0].pubkey = ms::proposal_pda(&f.multisig, index).0;
    f.env.send_err(&[ix], &[&f.member(1)], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    // A config transaction executed as a vault transaction.
    let member = f.member(1);
    let message = ms::compile_message(&f.vault(0), &[]).unwrap();
    let ix = ms::vault_transaction_execute(&f.multisig, index, &member.pubkey(), &message, true);
    f.env.send_err(&[ix], &[&member], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    // An account owned by another program with a multisig's bytes.
    let mut ix = f.vote_ix(index, 1, Vote::Approve);
    ix.accounts[0].pubkey = anchor_lang::system_program::ID;
    f.env.send_fails(&[ix], &[&f.member(1)]).await;
    let fake = f.env.funded_keypair(1).await;
    let mut ix = f.vote_ix(index, 1, Vote::Approve);
    ix.accounts[0].pubkey = fake.pubkey();
    f.env.send_err(&[ix], &[&f.member(1)], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
}

#[tokio::test]
async fn transaction_must_sit_at_the_next_index() {
    let mut f = Fixture::new().await;
    let member = f.member(0);
    // Skipping ahead to index 5 (non-derivable address for the current counter).
    let ix = ms::config_transaction_create(&f.multisig, 5, &member.pubkey(), &member.pubkey(), timelock_action(), None);
    f.env.send_err(&[ix], &[&member], anchor_code(ErrorCode::ConstraintSeeds)).await;
}

#[tokio::test]
async fn spending_limit_refuses_a_fake_token_program() {
    let mut f = Fixture::new().await;
    let mint = f.env.create_mint(6, &anchor_spl::token::ID).await;
    let vault_ata = f.env.funded_token_account(&mint, &f.vault(0), 100, &anchor_spl::token::ID).await;
    let spender = f.members[0].pubkey();
    let create_key = Keypair::new().pubkey();
    let actions = vec![ConfigAction::AddSpendingLimit {
        create_key,
        vault_index: 0,
        mint,
        amount: 50,
        period: psp_multisig::state::Period::Day,
        members: vec![spender],
        destinations: vec![],
    }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    let limit = ms::spending_limit_pda(&f.multisig, &create_key).0;
    let token = TokenTransferAccounts {
        mint,
        vault_token_account: vault_ata,
        destination_token_account: vault_ata,
        token_program: Pubkey::new_unique(),
    };
    let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &spender, Some(token), 10, 6, None);
    f.env.send_fails(&[ix], &[&f.member(0)]).await;
    assert_eq!(f.env.token_balance(&vault_ata).await, 100);
}

#[tokio::test]
async fn closed_accounts_cannot_be_revived_in_the_same_transaction() {
    let mut f = Fixture::new().await;
    let (index, message) = f.propose_small_transfer().await;
    let ix = f.execute_vault_ix(index, 1, &message, true);
    f.env.send_ok(&[ix], &[&f.member(1)]).await;
    let proposal = ms::proposal_pda(&f.multisig, index).0;
    // Close, then refund the proposal address and try to use it again, atomically.
    let close = ms::vault_transaction_accounts_close(&f.multisig, index, &f.rent_collector);
    #[allow(deprecated)]
    let refund = system_instruction::transfer(&f.env.payer().pubkey(), &proposal, 10_000_000);
    let reuse = f.execute_vault_ix(index, 0, &message, false);
    f.env.send_fails(&[close, refund, reuse], &[&f.member(0)]).await;
    assert!(f.env.exists(&proposal).await, "the whole transaction rolled back");
}
