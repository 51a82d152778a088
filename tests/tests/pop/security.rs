//! The security checklist (BRIEF.md §3) applied to PoP: type cosplay and wrong owners, another
//! distributor's epoch, chunk or vault, fake token programs and a fake instructions sysvar,
//! sweeping elsewhere, paying the vault into itself, and closing claim chunks (only after the
//! sweep, rent only to the opener, no revival in the same transaction). Clock reads use
//! `Clock::get()`, so no clock sysvar can be faked.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use psp_pop::errors::PopError;
use psp_pop::Attestation;
use psp_sdk::pop::{self, instructions as ix};
use solana_sdk::account::AccountSharedData;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::*;

const TRIPLE: Attestation = Attestation { root: [4; 32], total: 1_000, leaf_count: 1 };

/// A participant and the one-leaf epoch-0 triple paying it 1_000.
async fn single_leaf(f: &mut Fixture) -> (Participant, Attestation) {
    let who = f.participant().await;
    let root = psp_sdk::pop::Leaf { index: 0, claimant: who.pubkey(), amount: 1_000, points: 0 }.hash(0);
    (who, Attestation { root, ..TRIPLE })
}

/// A 1-attestor fixture with epoch 0 finalized (one leaf paying the returned participant) and
/// chunk 0 open, plus a second distributor B of the same mint and attestor, funded, with the
/// same epoch 0 finalized and chunk 0 open. Returns B's address.
async fn two_distributors() -> (Fixture, Participant, Pubkey) {
    let mut f = Fixture::new(1, 1).await;
    let (claimant, triple) = single_leaf(&mut f).await;
    f.finalized(0, triple).await;
    f.open_chunk(0, 0).await;
    let (payer, admin, key) = (f.env.payer().pubkey(), f.admin.insecure_clone(), f.attestors[0].insecure_clone());
    let create_key = Keypair::new();
    let args = distributor_args(admin.pubkey(), admin.pubkey(), 1);
    let (create, b) =
        ix::create_distributor(&create_key.pubkey(), &payer, &f.mint, &f.token_program, &f.receiver, args);
    f.env.send_ok(&[create], &[&create_key]).await;
    f.env.send_ok(&[ix::set_attestor(&b, &admin.pubkey(), &payer, &key.pubkey(), true)], &[&admin]).await;
    let state_b = f.env.account(&b).await;
    f.env.send_ok(&[ix::fund(&b, &state_b, &payer, &f.funder_ata, 5_000)], &[]).await;
    f.env.send_ok(&[ix::attest(&b, &key.pubkey(), &payer, 0, 0, triple)], &[&key]).await;
    f.env.advance_time(CHALLENGE).await;
    f.env.send_ok(&[ix::finalize(&b, &state_b, 0)], &[]).await;
    f.env.send_ok(&[ix::open_claim_chunk(&b, &payer, 0, 0)], &[]).await;
    (f, claimant, b)
}

#[tokio::test]
async fn another_distributors_epoch_chunk_or_vault_is_refused() {
    let (mut f, claimant, b) = two_distributors().await;
    let (a_epoch, b_epoch) = (pop::epoch_pda(&f.distributor, 0).0, pop::epoch_pda(&b, 0).0);
    let (a_chunk, b_chunk) = (pop::claim_chunk_pda(&a_epoch, 0).0, pop::claim_chunk_pda(&b_epoch, 0).0);
    let seeds = anchor_code(ErrorCode::ConstraintSeeds);
    let claim = f.claim_ix(0, 0, &claimant.pubkey(), 1_000, vec![], &claimant.ata).await;
    f.env.send_err(&[swap(claim.clone(), &a_epoch, &b_epoch)], &[&claimant.key], seeds).await;
    f.env.send_err(&[swap(claim, &a_chunk, &b_chunk)], &[&claimant.key], code(PopError::WrongClaimChunk)).await;
    let guardian = f.guardian.insecure_clone();
    let veto = swap(ix::veto(&f.distributor, &guardian.pubkey(), 0, "x"), &a_epoch, &b_epoch);
    f.env.send_err(&[veto], &[&guardian], seeds).await;
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline).await;
    let state = f.state().await;
    f.env.send_err(&[swap(ix::sweep(&f.distributor, &state, 0), &a_epoch, &b_epoch)], &[], seeds).await;
    // B's vault under A: the distributor's has_one refuses it.
    let b_vault = pop::vault_pda(&b).0;
    let payer = f.env.payer().pubkey();
    let fund = swap(ix::fund(&f.distributor, &state, &payer, &f.funder_ata, 1), &state.vault, &b_vault);
    f.env.send_err(&[fund], &[], anchor_code(ErrorCode::ConstraintHasOne)).await;
    let close = ix::close_claim_chunk(&f.distributor, 0, 0, &payer);
    ok(f.sweep(0).await);
    f.env.send_err(&[swap(close, &a_chunk, &b_chunk)], &[], seeds).await;
    // B is untouched by all of this.
    let epoch_b: psp_pop::state::Epoch = f.env.account(&b_epoch).await;
    assert_eq!((epoch_b.status, epoch_b.claimed_amount), (psp_pop::state::EpochStatus::Finalized, 0));
    assert_eq!(f.balance(&b_vault).await, 5_000);
}

#[tokio::test]
async fn type_cosplay_and_wrong_owners_are_refused() {
    let mut f = Fixture::new(1, 1).await;
    f.finalized(0, TRIPLE).await;
    f.open_chunk(0, 0).await;
    let epoch = pop::epoch_pda(&f.distributor, 0).0;
    let chunk = pop::claim_chunk_pda(&epoch, 0).0;
    let attestor = pop::attestor_pda(&f.distributor, &f.attestors[0].pubkey()).0;
    let candidate = pop::candidate_pda(&epoch, 0, &TRIPLE).0;
    let mismatch = anchor_code(ErrorCode::AccountDiscriminatorMismatch);
    let guardian = f.guardian.insecure_clone();
    // An attestor, a candidate or the distributor where an epoch is expected.
    for fake in [attestor, candidate, f.distributor] {
        let finalize = swap(f.finalize_ix(0).await, &epoch, &fake);
        f.env.send_err(&[finalize], &[], mismatch).await;
        let veto = swap(ix::veto(&f.distributor, &guardian.pubkey(), 0, "x"), &epoch, &fake);
        f.env.send_err(&[veto], &[&guardian], mismatch).await;
    }
    // The epoch where a claim chunk is expected, an attestor where the distributor is.
    let claimant = f.participant().await;
    let claim = f.claim_ix(0, 0, &claimant.pubkey(), 1, vec![], &claimant.ata).await;
    f.env.send_err(&[swap(claim.clone(), &chunk, &epoch)], &[&claimant.key], mismatch).await;
    let attest = swap(f.attest_ix(0, 1, 0, TRIPLE), &f.distributor, &attestor);
    let key = f.attestors[0].insecure_clone();
    f.env.send_err(&[attest], &[&key], mismatch).await;
    // The epoch's own bytes at an address owned by another program.
    let mut account = f.env.ctx.banks_client.get_account(epoch).await.unwrap().unwrap();
    account.owner = spl_token_2022::ID;
    let copy = Pubkey::new_unique();
    f.env.ctx.set_account(&copy, &AccountSharedData::from(account));
    let finalize = swap(f.finalize_ix(0).await, &epoch, &copy);
    f.env.send_err(&[finalize], &[], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    // The same bytes owned by PoP but at a non-PDA address: the seeds refuse it.
    let mut account = f.env.ctx.banks_client.get_account(epoch).await.unwrap().unwrap();
    account.owner = psp_pop::ID;
    f.env.ctx.set_account(&copy, &AccountSharedData::from(account));
    f.env.send_err(&[swap(claim, &epoch, &copy)], &[&claimant.key], anchor_code(ErrorCode::ConstraintSeeds)).await;
}

#[tokio::test]
async fn fake_programs_and_sysvars_are_refused() {
    let mut f = Fixture::new(1, 1).await;
    f.finalized(0, TRIPLE).await;
    let (state, payer) = (f.state().await, f.env.payer().pubkey());
    let fund = ix::fund(&f.distributor, &state, &payer, &f.funder_ata, 1);
    f.env
        .send_err(
            &[swap(fund.clone(), &state.reward_token_program, &psp_pop::ID)],
            &[],
            anchor_code(ErrorCode::InvalidProgramId),
        )
        .await;
    f.env
        .send_err(&[swap(fund, &state.reward_token_program, &spl_token_2022::ID)], &[], code(PopError::Unauthorized))
        .await;
    // A fake instructions sysvar for propose_signed.
    f.at(epoch_end(1)).await;
    let key = f.attestors[0].insecure_clone();
    let message = psp_sdk::pop::chain::message_for(&f.distributor, 1, 0, &TRIPLE);
    let sigs = [(key.pubkey(), <[u8; 64]>::from(key.sign_message(&message)))];
    let [ed, propose] = psp_sdk::pop::chain::signed_attestations(&f.distributor, &payer, 1, 0, TRIPLE, &sigs);
    let fake = Pubkey::new_unique();
    let sysvar = anchor_lang::solana_program::sysvar::instructions::ID;
    f.env
        .send_err(&[ed.clone(), swap(propose.clone(), &sysvar, &fake)], &[], anchor_code(ErrorCode::ConstraintAddress))
        .await;
    f.env.send_ok(&[ed, propose], &[]).await;
}

#[tokio::test]
async fn sweeping_elsewhere_or_paying_the_vault_into_itself_is_refused() {
    let mut f = Fixture::new(1, 1).await;
    f.finalized(0, TRIPLE).await;
    let (state, payer) = (f.state().await, f.env.payer().pubkey());
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline).await;
    let sweep = ix::sweep(&f.distributor, &state, 0);
    let elsewhere = swap(sweep.clone(), &f.receiver, &f.funder_ata);
    f.env.send_err(&[elsewhere], &[], code(PopError::InvalidReceiver)).await;
    let into_vault = swap(sweep, &f.receiver, &state.vault);
    f.env.send_err(&[into_vault], &[], code(PopError::InvalidReceiver)).await;
    // The vault as the funder's source: its owner is the distributor, not the funder.
    let fund = ix::fund(&f.distributor, &state, &payer, &state.vault, 1);
    f.env.send_err(&[fund], &[], anchor_code(ErrorCode::ConstraintTokenOwner)).await;
    ok(f.sweep(0).await);
    let receiver = f.receiver;
    assert_eq!((f.balance(&receiver).await, f.vault_balance().await), (1_000, FUNDED - 1_000));
}

#[tokio::test]
async fn claim_chunks_close_only_after_the_sweep_to_their_opener_and_stay_closed() {
    let mut f = Fixture::new(1, 1).await;
    f.finalized(0, TRIPLE).await;
    let opener = f.env.funded_keypair(1).await;
    f.env.send_ok(&[ix::open_claim_chunk(&f.distributor, &opener.pubkey(), 0, 0)], &[&opener]).await;
    let close = ix::close_claim_chunk(&f.distributor, 0, 0, &opener.pubkey());
    f.env.send_err(std::slice::from_ref(&close), &[], code(PopError::EpochNotSwept)).await;
    let deadline = f.epoch(0).await.claim_deadline;
    f.at(deadline).await;
    ok(f.sweep(0).await);
    let thief = Keypair::new().pubkey();
    let to_thief = ix::close_claim_chunk(&f.distributor, 0, 0, &thief);
    f.env.send_err(&[to_thief], &[], code(PopError::Unauthorized)).await;
    // Close and reopen, or close twice, in one transaction: refused as a whole.
    let payer = f.env.payer().pubkey();
    let reopen = ix::open_claim_chunk(&f.distributor, &payer, 0, 0);
    f.env.send_fails(&[close.clone(), reopen], &[]).await;
    f.env.send_fails(&[close.clone(), close.clone()], &[]).await;
    let chunk = pop::claim_chunk_pda(&pop::epoch_pda(&f.distributor, 0).0, 0).0;
    assert!(f.env.exists(&chunk).await);
    let before = f.env.lamports(&opener.pubkey()).await;
    let rent = f.env.lamports(&chunk).await;
    f.env.send_ok(std::slice::from_ref(&close), &[]).await;
    assert_eq!(f.env.lamports(&opener.pubkey()).await, before + rent);
    assert!(!f.env.exists(&chunk).await);
    f.env.send_fails(&[close], &[]).await;
}
