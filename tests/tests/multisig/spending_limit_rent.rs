//! Where the rent of a removed spending limit goes (issue 11): to the multisig's rent collector,
//! or to vault 0 when it has none; never to an account the executor chooses.
use psp_multisig::errors::MultisigError;
use psp_multisig::state::{ConfigAction, Period, Vote};
use psp_sdk::multisig as ms;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture};

/// Adds a SOL spending limit through a config proposal; returns its address.
async fn add_limit(f: &mut Fixture) -> Pubkey {
    let create_key = Keypair::new().pubkey();
    let actions = vec![ConfigAction::AddSpendingLimit {
        create_key,
        vault_index: 0,
        mint: Pubkey::default(),
        amount: 5,
        period: Period::Month,
        members: vec![f.members[0].pubkey()],
        destinations: vec![],
    }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    ms::spending_limit_pda(&f.multisig, &create_key).0
}

/// Member 0 proposes `actions`, member 1 approves, member 2 executes naming itself rent payer;
/// the builder gets the multisig's current rent collector.
async fn execute_as_member_2(f: &mut Fixture, actions: Vec<ConfigAction>, rent_collector: Option<Pubkey>) {
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let executor = f.member(2);
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &executor.pubkey(),
        Some(&executor.pubkey()),
        rent_collector.as_ref(),
        &actions,
        false,
    );
    f.env.send_ok(&[ix], &[&executor]).await;
}

#[tokio::test]
async fn removed_spending_limit_rent_goes_to_the_rent_collector_not_the_executor() {
    let mut f = Fixture::new().await;
    let limit = add_limit(&mut f).await;
    let rent = f.env.lamports(&limit).await;
    let executor = f.members[2].pubkey();
    let (executor_before, collector_before) =
        (f.env.lamports(&executor).await, f.env.lamports(&f.rent_collector).await);

    let collector = f.rent_collector;
    execute_as_member_2(&mut f, vec![ConfigAction::RemoveSpendingLimit { spending_limit: limit }], Some(collector))
        .await;
    assert!(!f.env.exists(&limit).await);
    assert_eq!(f.env.lamports(&executor).await, executor_before, "the executor (rent payer) received nothing");
    assert_eq!(f.env.lamports(&f.rent_collector).await, collector_before + rent);
}

#[tokio::test]
async fn removed_spending_limit_rent_goes_to_vault_0_without_a_rent_collector() {
    let mut f = Fixture::new().await;
    let limit = add_limit(&mut f).await;
    let rent = f.env.lamports(&limit).await;
    let (executor, vault) = (f.members[2].pubkey(), f.vault(0));
    let (executor_before, vault_before) = (f.env.lamports(&executor).await, f.env.lamports(&vault).await);

    let actions = vec![
        ConfigAction::SetRentCollector { new_rent_collector: None },
        ConfigAction::RemoveSpendingLimit { spending_limit: limit },
    ];
    let collector = f.rent_collector;
    execute_as_member_2(&mut f, actions, Some(collector)).await;
    assert!(!f.env.exists(&limit).await);
    assert_eq!(f.multisig().await.rent_collector, None);
    assert_eq!(f.env.lamports(&executor).await, executor_before);
    assert_eq!(f.env.lamports(&vault).await, vault_before + rent);
}

#[tokio::test]
async fn removing_a_spending_limit_refuses_another_receiver() {
    let mut f = Fixture::new().await;
    let limit = add_limit(&mut f).await;
    let actions = vec![ConfigAction::RemoveSpendingLimit { spending_limit: limit }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    let executor = f.member(2);
    // The executor names itself as the rent collector.
    let ix = ms::config_transaction_execute(
        &f.multisig,
        index,
        &executor.pubkey(),
        Some(&executor.pubkey()),
        Some(&executor.pubkey()),
        &actions,
        false,
    );
    f.env.send_err(&[ix], &[&executor], code(MultisigError::RentReceiverMissing)).await;
    assert!(f.env.exists(&limit).await);
}
