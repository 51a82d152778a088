//! Large vault transactions written through a buffer in several transactions.
use anchor_lang::solana_program::hash::hash;
use anchor_lang::AnchorSerialize;
use psp_multisig::errors::MultisigError;
use psp_multisig::state::Vote;
use psp_multisig::TransactionBufferCreateArgs;
use psp_sdk::multisig as ms;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{code, Fixture};

/// A message of `n` SOL transfers from vault 0 (about 40 bytes each).
fn big_message(
    f: &Fixture,
    n: usize,
) -> (psp_multisig::state::VaultTransactionMessage, Vec<solana_sdk::pubkey::Pubkey>) {
    let vault = f.vault(0);
    let recipients: Vec<_> = (0..n).map(|_| Keypair::new().pubkey()).collect();
    #[allow(deprecated)]
    let ixs: Vec<_> = recipients.iter().map(|r| system_instruction::transfer(&vault, r, 1_000_000)).collect();
    (ms::compile_message(&vault, &ixs).unwrap(), recipients)
}

#[tokio::test]
async fn buffer_written_in_chunks_becomes_an_executable_proposal() {
    let mut f = Fixture::new().await;
    f.env.transfer_sol(&f.vault(0), 1_000_000_000).await;
    let (message, recipients) = big_message(&f, 24);
    let bytes = message.try_to_vec().unwrap();
    assert!(bytes.len() > 1_232, "too large for a single transaction: {} bytes", bytes.len());
    let creator = f.member(0);
    let chunks: Vec<&[u8]> = bytes.chunks(700).collect();
    let args = TransactionBufferCreateArgs {
        buffer_index: 0,
        vault_index: 0,
        final_buffer_hash: hash(&bytes).to_bytes(),
        final_buffer_size: bytes.len() as u16,
        buffer: chunks[0].to_vec(),
    };
    let ix = ms::transaction_buffer_create(&f.multisig, &creator.pubkey(), &creator.pubkey(), args);
    f.env.send_ok(&[ix], &[&creator]).await;
    for chunk in &chunks[1..] {
        let ix = ms::transaction_buffer_extend(&f.multisig, &creator.pubkey(), 0, chunk.to_vec());
        f.env.send_ok(&[ix], &[&creator]).await;
    }
    // Writing past the declared size is refused.
    let ix = ms::transaction_buffer_extend(&f.multisig, &creator.pubkey(), 0, vec![0]);
    f.env.send_err(&[ix], &[&creator], code(MultisigError::BufferOverflow)).await;

    let index = f.next_index().await;
    let ix =
        ms::vault_transaction_create_from_buffer(&f.multisig, index, &creator.pubkey(), &creator.pubkey(), 0, None);
    f.env.send_ok(&[ix], &[&creator]).await;
    assert!(!f.env.exists(&ms::transaction_buffer_pda(&f.multisig, &creator.pubkey(), 0).0).await, "buffer closed");
    let stored: psp_multisig::state::VaultTransaction = f.env.account(&ms::transaction_pda(&f.multisig, index).0).await;
    assert_eq!(stored.message, message);

    f.vote(index, 1, Vote::Approve).await;
    let ix = f.execute_vault_ix(index, 0, &message, false);
    f.env.send_ok(&[ix], &[&f.member(0)]).await;
    for r in &recipients {
        assert_eq!(f.env.lamports(r).await, 1_000_000);
    }
}

#[tokio::test]
async fn buffer_hash_must_match_and_only_the_creator_writes() {
    let mut f = Fixture::new().await;
    let (message, _) = big_message(&f, 2);
    let bytes = message.try_to_vec().unwrap();
    let creator = f.member(0);
    let args = TransactionBufferCreateArgs {
        buffer_index: 3,
        vault_index: 0,
        final_buffer_hash: [7; 32],
        final_buffer_size: bytes.len() as u16,
        buffer: bytes.clone(),
    };
    let ix = ms::transaction_buffer_create(&f.multisig, &creator.pubkey(), &creator.pubkey(), args);
    f.env.send_ok(&[ix], &[&creator]).await;
    let index = f.next_index().await;
    let ix =
        ms::vault_transaction_create_from_buffer(&f.multisig, index, &creator.pubkey(), &creator.pubkey(), 3, None);
    f.env.send_err(&[ix], &[&creator], code(MultisigError::BufferHashMismatch)).await;

    // Another member cannot extend someone else's buffer: the PDA is bound to the creator.
    let other = f.member(1);
    let mut ix = ms::transaction_buffer_extend(&f.multisig, &creator.pubkey(), 3, vec![1]);
    ix.accounts[2].pubkey = other.pubkey();
    f.env.send_fails(&[ix], &[&other]).await;

    // Outsiders cannot open buffers.
    let outsider = f.env.funded_keypair(1).await;
    let args = TransactionBufferCreateArgs {
        buffer_index: 0,
        vault_index: 0,
        final_buffer_hash: [0; 32],
        final_buffer_size: 10,
        buffer: vec![],
    };
    let ix = ms::transaction_buffer_create(&f.multisig, &outsider.pubkey(), &outsider.pubkey(), args);
    f.env.send_err(&[ix], &[&outsider], code(MultisigError::NotAMember)).await;

    // The creator closes the abandoned buffer and gets the rent back.
    let before = f.env.lamports(&creator.pubkey()).await;
    let ix = ms::transaction_buffer_close(&f.multisig, &creator.pubkey(), 3);
    f.env.send_ok(&[ix], &[&creator]).await;
    assert!(f.env.lamports(&creator.pubkey()).await > before);
}
