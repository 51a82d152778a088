//! Vault transactions that load accounts from address lookup tables (v0-message semantics).
use psp_multisig::errors::MultisigError;
use psp_multisig::state::Vote;
use psp_multisig::utils::ADDRESS_LOOKUP_TABLE_PROGRAM_ID;
use psp_sdk::multisig as ms;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture};

#[tokio::test]
async fn vault_pays_forty_recipients_loaded_from_a_lookup_table() {
    let mut f = Fixture::new().await;
    let vault = f.vault(0);
    f.env.transfer_sol(&vault, 10_000_000_000).await;
    let recipients: Vec<Pubkey> = (0..40).map(|_| Keypair::new().pubkey()).collect();
    let table = f.env.install_lookup_table(&recipients, ADDRESS_LOOKUP_TABLE_PROGRAM_ID);
    #[allow(deprecated)]
    let ixs: Vec<_> =
        recipients.iter().map(|r| solana_sdk::system_instruction::transfer(&vault, r, 1_000_000)).collect();
    let message = ms::compile_message_with_tables(&vault, &[], &ixs, std::slice::from_ref(&table)).unwrap();
    assert_eq!(message.account_keys.len(), 2, "only the vault and the system program are static");
    assert_eq!(message.address_table_lookups[0].writable_indexes.len(), 40);

    let index = f.next_index().await;
    let member = f.member(0);
    let ix =
        ms::vault_transaction_create(&f.multisig, index, &member.pubkey(), &member.pubkey(), 0, message.clone(), None);
    f.env.send_ok(&[ix], &[&member]).await;
    f.vote(index, 1, Vote::Approve).await;

    // A table account the lookup program does not own is refused.
    let fake = f.env.install_lookup_table(&recipients, Pubkey::new_unique());
    let mut ix = ms::vault_transaction_execute_with_tables(
        &f.multisig,
        index,
        &member.pubkey(),
        &message,
        std::slice::from_ref(&table),
        false,
    )
    .unwrap();
    let table_position = ix.accounts.iter().position(|m| m.pubkey == table.key).unwrap();
    ix.accounts[table_position].pubkey = fake.key;
    let tables = std::slice::from_ref(&table);
    f.env.send_err_with_tables(&[ix], &[&member], tables, code(MultisigError::InvalidAddressLookupTable)).await;
    // A looked-up account substituted by the caller is refused.
    let mut ix = ms::vault_transaction_execute_with_tables(
        &f.multisig,
        index,
        &member.pubkey(),
        &message,
        std::slice::from_ref(&table),
        false,
    )
    .unwrap();
    let last = ix.accounts.len() - 1;
    ix.accounts[last].pubkey = Pubkey::new_unique();
    f.env.send_err_with_tables(&[ix], &[&member], tables, code(MultisigError::InvalidExecutionAccounts)).await;

    // The executor's own transaction is v0 and loads the same table: 40 recipients fit.
    let ix = ms::vault_transaction_execute_with_tables(&f.multisig, index, &member.pubkey(), &message, tables, false)
        .unwrap();
    f.env.send_with_tables(&[ix], &[&member], tables).await.expect("executes");
    for r in &recipients {
        assert_eq!(f.env.lamports(r).await, 1_000_000);
    }
}
