//! Events an indexer needs (issue 11): the buffer closed by `vault_transaction_create_from_buffer`,
//! the memo and authority of `multisig_config_apply`, the settings before and after each config
//! action, and the mint, amounts and rent of spending limits created or removed.
use anchor_lang::solana_program::hash::hash;
use anchor_lang::AnchorSerialize;
use psp_multisig::events::{
    ConfigActionApplied, MultisigConfigApplied, ProposalCreated, SpendingLimitChanged, TransactionBufferChanged,
};
use psp_multisig::state::{pause, permission, ConfigAction, Period, Vote};
use psp_multisig::TransactionBufferCreateArgs;
use psp_sdk::multisig as ms;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{Fixture, Settings};

#[tokio::test]
async fn indexer_events_report_the_buffer_closed_by_create_from_buffer() {
    let mut f = Fixture::new().await;
    let vault = f.vault(0);
    #[allow(deprecated)]
    let transfer = solana_sdk::system_instruction::transfer(&vault, &Keypair::new().pubkey(), 1);
    let bytes = ms::compile_message(&vault, &[transfer]).unwrap().try_to_vec().unwrap();
    let creator = f.member(0);
    let args = TransactionBufferCreateArgs {
        buffer_index: 5,
        vault_index: 0,
        final_buffer_hash: hash(&bytes).to_bytes(),
        final_buffer_size: bytes.len() as u16,
        buffer: bytes.clone(),
    };
    let ix = ms::transaction_buffer_create(&f.multisig, &creator.pubkey(), &creator.pubkey(), args);
    f.env.send_ok(&[ix], &[&creator]).await;
    let index = f.next_index().await;
    let ix =
        ms::vault_transaction_create_from_buffer(&f.multisig, index, &creator.pubkey(), &creator.pubkey(), 5, None);
    let out = f.env.send_ok(&[ix], &[&creator]).await;

    let buffer = ms::transaction_buffer_pda(&f.multisig, &creator.pubkey(), 5).0;
    assert!(!f.env.exists(&buffer).await);
    let changed: Vec<TransactionBufferChanged> = out.events(&psp_multisig::ID);
    assert_eq!(changed.len(), 1, "the closed buffer is reported");
    let e = &changed[0];
    assert_eq!((e.buffer, e.creator, e.multisig), (buffer, creator.pubkey(), f.multisig));
    assert_eq!((e.size as usize, e.final_size as usize, e.closed), (bytes.len(), bytes.len(), true));
    let created: Vec<ProposalCreated> = out.events(&psp_multisig::ID);
    assert_eq!(created[0].transaction_index, index);
}

#[tokio::test]
async fn indexer_events_config_apply_carries_memo_authority_and_old_and_new_settings() {
    let authority = Keypair::new();
    let mut f = Fixture::with(Settings { config_authority: Some(authority.pubkey()), ..Default::default() }).await;
    let (changed, removed) = (f.members[1].pubkey(), f.members[2].pubkey());
    let actions = vec![
        ConfigAction::ChangePermissions { member: changed, permissions: permission::VOTE },
        ConfigAction::RemoveMember { old_member: removed },
        ConfigAction::SetTimeLock { new_time_lock: 60 },
        ConfigAction::SetPauseFlags { flags: pause::SPENDING_LIMITS },
        ConfigAction::SetRentCollector { new_rent_collector: None },
    ];
    let memo = Some("rotate keys after incident 42".to_string());
    let ix = ms::multisig_config_apply(&f.multisig, &authority.pubkey(), None, None, actions.clone(), memo.clone());
    let out = f.env.send_ok(&[ix], &[&authority]).await;

    let summary: Vec<MultisigConfigApplied> = out.events(&psp_multisig::ID);
    assert_eq!(summary.len(), 1);
    assert_eq!((summary[0].memo.clone(), summary[0].config_authority), (memo, authority.pubkey()));
    assert_eq!((summary[0].action_count, summary[0].config_generation), (5, 1));

    let applied: Vec<ConfigActionApplied> = out.events(&psp_multisig::ID);
    assert_eq!(applied.len(), 5);
    assert_eq!(applied[0].old_permissions, Some(permission::ALL));
    assert_eq!(applied[1].old_permissions, Some(permission::ALL));
    assert_eq!((applied[1].before.member_count, applied[1].after.member_count), (3, 2));
    assert_eq!((applied[2].before.time_lock, applied[2].after.time_lock), (0, 60));
    assert_eq!((applied[3].before.paused, applied[3].after.paused), (0, pause::SPENDING_LIMITS));
    assert_eq!((applied[4].before.rent_collector, applied[4].after.rent_collector), (Some(f.rent_collector), None));
    assert!(applied.iter().all(|a| a.after.config_authority == Some(authority.pubkey()) && a.config_generation == 1));
    assert!(applied.iter().all(|a| a.transaction_index.is_none()));
}

#[tokio::test]
async fn indexer_events_spending_limits_carry_mint_amounts_and_rent() {
    let mut f = Fixture::new().await;
    let (create_key, mint) = (Keypair::new().pubkey(), Pubkey::new_unique());
    let limit = ms::spending_limit_pda(&f.multisig, &create_key).0;
    let add = vec![ConfigAction::AddSpendingLimit {
        create_key,
        vault_index: 2,
        mint,
        amount: 700,
        period: Period::Week,
        members: vec![f.members[0].pubkey()],
        destinations: vec![],
    }];
    let index = f.propose_config(0, add.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let out = f.execute_config(index, 0, &add).await;
    let rent = f.env.lamports(&limit).await;
    let created: Vec<SpendingLimitChanged> = out.events(&psp_multisig::ID);
    let e = &created[0];
    assert_eq!((e.spending_limit, e.created, e.vault_index, e.mint), (limit, true, 2, mint));
    assert_eq!((e.amount, e.period, e.remaining_amount), (700, Period::Week, 700));
    assert_eq!((e.lamports, e.rent_account), (rent, f.members[0].pubkey()), "rent paid by the executor");

    let remove = vec![ConfigAction::RemoveSpendingLimit { spending_limit: limit }];
    let index = f.propose_config(0, remove.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let out = f.execute_config(index, 0, &remove).await;
    let removed: Vec<SpendingLimitChanged> = out.events(&psp_multisig::ID);
    let e = &removed[0];
    assert_eq!((e.spending_limit, e.created, e.mint, e.amount), (limit, false, mint, 700));
    assert_eq!((e.lamports, e.rent_account), (rent, f.rent_collector), "rent returned to the rent collector");
}
