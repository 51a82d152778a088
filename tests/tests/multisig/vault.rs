//! Vault transactions: CPI into SPL Token, the system program and a PSP program, signed by
//! the vault PDA; execution account checks; protected accounts; closing.
use anchor_lang::prelude::AccountMeta;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use anchor_spl::token_2022::spl_token_2022;
use psp_multisig::errors::MultisigError;
use psp_multisig::events::VaultTransactionExecuted;
use psp_multisig::state::{permission, Member, ProposalStatus, Vote};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{code, Fixture};

#[tokio::test]
async fn vault_transfers_spl_tokens_by_cpi() {
    for token_program in [spl_token::ID, spl_token_2022::ID] {
        let mut f = Fixture::new().await;
        let vault = f.vault(0);
        let mint = f.env.create_mint(6, &token_program).await;
        let vault_ata = f.env.funded_token_account(&mint, &vault, 1_000_000, &token_program).await;
        let recipient = Keypair::new().pubkey();
        let recipient_ata = f.env.token_account(&mint, &recipient, &token_program).await;
        let transfer = spl_token_2022::instruction::transfer_checked(
            &token_program,
            &vault_ata,
            &mint,
            &recipient_ata,
            &vault,
            &[],
            250_000,
            6,
        )
        .unwrap();
        let (index, message) = f.propose_vault(0, 0, &[transfer]).await;
        f.vote(index, 1, Vote::Approve).await;
        let ix = f.execute_vault_ix(index, 2, &message, false);
        let out = f.env.send_ok(&[ix], &[&f.member(2)]).await;

        assert_eq!(f.env.token_balance(&vault_ata).await, 750_000);
        assert_eq!(f.env.token_balance(&recipient_ata).await, 250_000);
        let executed: Vec<VaultTransactionExecuted> = out.cpi_events();
        assert_eq!(executed.len(), 1);
        assert_eq!((executed[0].vault, executed[0].instruction_count), (vault, 1));
        assert!(matches!(f.proposal(index).await.status, ProposalStatus::Executed { .. }));
        // Executed once only.
        let ix = f.execute_vault_ix(index, 2, &message, false);
        f.env.send_err(&[ix], &[&f.member(2)], code(MultisigError::InvalidProposalStatus)).await;
    }
}

#[tokio::test]
async fn vault_sends_sol_and_last_approval_executes() {
    let mut f = Fixture::new().await;
    let vault = f.vault(1);
    f.env.transfer_sol(&vault, 5_000_000_000).await;
    let recipient = Keypair::new().pubkey();
    #[allow(deprecated)]
    let transfer = system_instruction::transfer(&vault, &recipient, 2_000_000_000);
    let (index, message) = f.propose_vault(0, 1, &[transfer]).await;
    // Member 1 approves and executes in one instruction (time lock 0).
    let ix = f.execute_vault_ix(index, 1, &message, true);
    f.env.send_ok(&[ix], &[&f.member(1)]).await;
    assert_eq!(f.env.lamports(&recipient).await, 2_000_000_000);
    assert_eq!(f.env.lamports(&vault).await, 3_000_000_000);
}

#[tokio::test]
async fn vault_cpis_into_a_psp_program_nested_multisig() {
    // The vault of multisig A is a member of multisig B: A's members approve B's proposal by
    // a vault transaction that CPIs into the multisig program.
    let mut a = Fixture::new().await;
    let a_vault = a.vault(0);
    let outside = a.env.funded_keypair(5).await;
    let create_key = Keypair::new();
    let args = MultisigCreateArgs {
        config_authority: None,
        threshold: 2,
        members: vec![
            Member { key: outside.pubkey(), permissions: permission::ALL },
            Member { key: a_vault, permissions: permission::VOTE },
        ],
        time_lock: 0,
        rent_collector: None,
        memo: None,
    };
    let ix = ms::multisig_create(&create_key.pubkey(), &outside.pubkey(), args);
    a.env.send_ok(&[ix], &[&create_key, &outside]).await;
    let b = ms::multisig_pda(&create_key.pubkey()).0;
    let actions = vec![psp_multisig::state::ConfigAction::SetTimeLock { new_time_lock: 7 }];
    let ix = ms::config_transaction_create(&b, 1, &outside.pubkey(), &outside.pubkey(), actions, None);
    a.env.send_ok(&[ix], &[&outside]).await;

    let approve_b = ms::proposal_vote(&b, 1, &a_vault, Vote::Approve, Some("approved by A".into()));
    let (index, message) = a.propose_vault(0, 0, &[approve_b]).await;
    a.vote(index, 1, Vote::Approve).await;
    let ix = a.execute_vault_ix(index, 0, &message, false);
    a.env.send_ok(&[ix], &[&a.member(0)]).await;
    let proposal: psp_multisig::state::Proposal = a.env.account(&ms::proposal_pda(&b, 1).0).await;
    assert!(matches!(proposal.status, ProposalStatus::Approved { .. }), "B's proposal approved by A's vault");
}

#[tokio::test]
async fn execution_accounts_must_match_the_message() {
    let mut f = Fixture::new().await;
    let vault = f.vault(0);
    f.env.transfer_sol(&vault, 1_000_000_000).await;
    let recipient = Keypair::new().pubkey();
    #[allow(deprecated)]
    let transfer = system_instruction::transfer(&vault, &recipient, 1_000_000);
    let (index, message) = f.propose_vault(0, 0, &[transfer]).await;
    f.vote(index, 1, Vote::Approve).await;

    // Substituted destination.
    let mut ix = f.execute_vault_ix(index, 0, &message, false);
    let attacker = Keypair::new().pubkey();
    let pos = ix.accounts.iter().position(|m| m.pubkey == recipient).unwrap();
    ix.accounts[pos] = AccountMeta::new(attacker, false);
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::InvalidExecutionAccounts)).await;
    // Writable account passed read-only.
    let mut ix = f.execute_vault_ix(index, 0, &message, false);
    ix.accounts[pos].is_writable = false;
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::InvalidExecutionAccounts)).await;
    // Missing accounts.
    let mut ix = f.execute_vault_ix(index, 0, &message, false);
    ix.accounts.pop();
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::InvalidExecutionAccounts)).await;
    // Proposal untouched: still executable.
    let ix = f.execute_vault_ix(index, 0, &message, false);
    f.env.send_ok(&[ix], &[&f.member(0)]).await;
}

#[tokio::test]
async fn vault_transaction_cannot_write_its_own_proposal_or_multisig() {
    let mut f = Fixture::new().await;
    let vault = f.vault(0);
    // An instruction that takes the multisig account writable (a would-be self-rewrite).
    let sneaky = Instruction::new_with_bytes(
        anchor_lang::system_program::ID,
        &[],
        vec![AccountMeta::new(vault, true), AccountMeta::new(f.multisig, false)],
    );
    let (index, message) = f.propose_vault(0, 0, &[sneaky]).await;
    f.vote(index, 1, Vote::Approve).await;
    let ix = f.execute_vault_ix(index, 0, &message, false);
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::ProtectedAccount)).await;
}

#[tokio::test]
async fn only_the_vault_may_sign_and_indexes_are_checked() {
    let mut f = Fixture::new().await;
    let index = f.next_index().await;
    let vault = f.vault(0);
    let mut message = ms::compile_message(&vault, &[]).unwrap();
    message.account_keys[0] = f.vault(1);
    let member = f.member(0);
    let ix = ms::vault_transaction_create(&f.multisig, index, &member.pubkey(), &member.pubkey(), 0, message, None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidVaultSigner)).await;

    let mut message = ms::compile_message(&vault, &[]).unwrap();
    message.instructions.push(psp_multisig::state::CompiledInstruction {
        program_id_index: 9,
        account_indexes: vec![],
        data: vec![],
    });
    let ix = ms::vault_transaction_create(&f.multisig, index, &member.pubkey(), &member.pubkey(), 0, message, None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidTransactionMessage)).await;
}

#[tokio::test]
async fn finished_transactions_close_to_the_rent_collector_only() {
    let mut f = Fixture::new().await;
    let (index, message) = f.propose_small_transfer().await;
    // Live proposals cannot be closed.
    let ix = ms::vault_transaction_accounts_close(&f.multisig, index, &f.rent_collector);
    f.env.send_err(&[ix], &[], code(MultisigError::AccountNotClosable)).await;
    let ix = f.execute_vault_ix(index, 1, &message, true);
    f.env.send_ok(&[ix], &[&f.member(1)]).await;
    // Wrong receiver.
    let thief = Keypair::new().pubkey();
    let ix = ms::vault_transaction_accounts_close(&f.multisig, index, &thief);
    f.env.send_err(&[ix], &[], code(MultisigError::RentCollectorNotSet)).await;
    let before = f.env.lamports(&f.rent_collector).await;
    let transaction = ms::transaction_pda(&f.multisig, index).0;
    let proposal = ms::proposal_pda(&f.multisig, index).0;
    let rent = f.env.lamports(&transaction).await + f.env.lamports(&proposal).await;
    let ix = ms::vault_transaction_accounts_close(&f.multisig, index, &f.rent_collector);
    f.env.send_ok(&[ix], &[]).await;
    assert_eq!(f.env.lamports(&f.rent_collector).await, before + rent);
    assert!(!f.env.exists(&transaction).await && !f.env.exists(&proposal).await);
}

#[tokio::test]
async fn ephemeral_signer_lets_the_vault_create_a_mint() {
    use anchor_lang::AccountDeserialize;
    use solana_sdk::program_pack::Pack;
    let mut f = Fixture::new().await;
    let vault = f.vault(0);
    f.env.transfer_sol(&vault, 1_000_000_000).await;
    let index = f.next_index().await;
    let transaction = ms::transaction_pda(&f.multisig, index).0;
    let mint = ms::ephemeral_signer_pda(&transaction, 0).0;
    let space = spl_token::state::Mint::LEN;
    let rent = solana_sdk::rent::Rent::default().minimum_balance(space);
    #[allow(deprecated)]
    let ixs = [
        system_instruction::create_account(&vault, &mint, rent, space as u64, &spl_token::ID),
        spl_token::instruction::initialize_mint2(&spl_token::ID, &mint, &vault, None, 6).unwrap(),
    ];
    // A key that is not the transaction's ephemeral PDA cannot be declared a signer.
    let impostor = Keypair::new().pubkey();
    let forged = ms::compile_message_with_signers(&vault, &[impostor], &[]).unwrap();
    let member = f.member(0);
    let ix = ms::vault_transaction_create(&f.multisig, index, &member.pubkey(), &member.pubkey(), 0, forged, None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::InvalidVaultSigner)).await;

    let message = ms::compile_message_with_signers(&vault, &[mint], &ixs).unwrap();
    let ix =
        ms::vault_transaction_create(&f.multisig, index, &member.pubkey(), &member.pubkey(), 0, message.clone(), None);
    f.env.send_ok(&[ix], &[&member]).await;
    let ix = f.execute_vault_ix(index, 1, &message, true);
    f.env.send_ok(&[ix], &[&f.member(1)]).await;
    let account = f.env.ctx.banks_client.get_account(mint).await.unwrap().expect("mint created");
    assert_eq!(account.owner, spl_token::ID);
    let state = anchor_spl::token::Mint::try_deserialize(&mut &account.data[..]).unwrap();
    assert_eq!((state.decimals, state.mint_authority), (6, Some(vault).into()));
}
