//! Signed attestations through the ed25519 precompile: a quorum of signatures proposes at once;
//! too few signatures, signatures over another message (round, epoch, triple, distributor),
//! attestor accounts that do not match the signers, a missing or misplaced ed25519
//! instruction, offsets into another instruction and corrupted signatures are all refused.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use psp_pop::errors::PopError;
use psp_pop::events::{Attested, EpochProposed};
use psp_pop::state::EpochStatus;
use psp_pop::Attestation;
use psp_sdk::pop::{self, chain, instructions as ix};
use solana_sdk::instruction::InstructionError;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::TransactionError;

use crate::common::*;

const TRIPLE: Attestation = Attestation { root: [3; 32], total: 5_000, leaf_count: 7 };

/// `(key, signature)` of `keys` over `message`.
fn sign(keys: &[&Keypair], message: &[u8]) -> Vec<(Pubkey, [u8; 64])> {
    keys.iter().map(|k| (k.pubkey(), <[u8; 64]>::from(k.sign_message(message)))).collect()
}

/// Signatures of attestors `who` over the fixture's message for (`epoch`, `round`, `triple`).
fn signatures(f: &Fixture, who: &[usize], epoch: u64, round: u32, triple: &Attestation) -> Vec<(Pubkey, [u8; 64])> {
    let keys: Vec<&Keypair> = who.iter().map(|&w| &f.attestors[w]).collect();
    sign(&keys, &chain::message_for(&f.distributor, epoch, round, triple))
}

/// The ed25519 + `propose_signed` pair of attestors `who` for epoch 0, round 0, [`TRIPLE`].
fn signed(f: &Fixture, who: &[usize]) -> [Instruction; 2] {
    let payer = f.env.payer().pubkey();
    chain::signed_attestations(&f.distributor, &payer, 0, 0, TRIPLE, &signatures(f, who, 0, 0, &TRIPLE))
}

/// A 3-attestor, quorum-2 fixture at the end of epoch 0.
async fn ended() -> Fixture {
    let mut f = Fixture::new(3, 2).await;
    f.at(epoch_end(0)).await;
    f
}

#[tokio::test]
async fn a_quorum_of_signatures_proposes_in_one_transaction() {
    let mut f = ended().await;
    let ixs = signed(&f, &[2, 0]);
    // The payer is not an attestor: anyone may carry the signatures.
    let out = f.env.send_ok(&ixs, &[]).await;
    let votes: Vec<_> = out.events::<Attested>(&psp_pop::ID).iter().map(|e| (e.attestor, e.votes, e.round)).collect();
    assert_eq!(votes, vec![(f.attestors[2].pubkey(), 1, 0), (f.attestors[0].pubkey(), 2, 0)]);
    let e = &out.events::<EpochProposed>(&psp_pop::ID)[0];
    assert_eq!((e.root, e.total, e.leaf_count, e.votes, e.signed_batch), (TRIPLE.root, 5_000, 7, 2, true));
    assert_eq!(e.challenge_ends_at, epoch_end(0) + CHALLENGE);
    let epoch = f.epoch(0).await;
    assert_eq!((epoch.status, epoch.root), (EpochStatus::Proposed, TRIPLE.root));
    // The same signatures again: the epoch is no longer voting.
    let again = signed(&f, &[2, 0]);
    f.env.send_err(&again, &[], code(PopError::EpochNotVoting)).await;
    f.at(epoch_end(0) + CHALLENGE).await;
    ok(f.finalize(0).await);
    // More signatures than the quorum all count (epoch 1, every attestor).
    f.at(epoch_end(1)).await;
    let payer = f.env.payer().pubkey();
    let ixs =
        chain::signed_attestations(&f.distributor, &payer, 1, 0, TRIPLE, &signatures(&f, &[0, 1, 2], 1, 0, &TRIPLE));
    let out = f.env.send_ok(&ixs, &[]).await;
    assert_eq!(out.events::<Attested>(&psp_pop::ID).len(), 3);
    assert_eq!(out.events::<EpochProposed>(&psp_pop::ID)[0].votes, 3);
}

#[tokio::test]
async fn fewer_signatures_than_the_quorum_are_refused() {
    let mut f = ended().await;
    let ixs = signed(&f, &[1]);
    f.env.send_err(&ixs, &[], code(PopError::QuorumNotReached)).await;
    assert!(!f.env.exists(&pop::epoch_pda(&f.distributor, 0).0).await);
    // Before the epoch ends nothing is accepted, however many sign.
    f.at(epoch_end(0) - 1).await;
    let ixs = signed(&f, &[0, 1, 2]);
    f.env.send_err(&ixs, &[], code(PopError::EpochNotEnded)).await;
}

#[tokio::test]
async fn signatures_over_another_message_are_refused() {
    let mut f = ended().await;
    let payer = f.env.payer().pubkey();
    let keys = [&f.attestors[0], &f.attestors[1]];
    let other = Attestation { total: 5_001, ..TRIPLE };
    let other_distributor = Pubkey::new_unique();
    let messages = [
        chain::message_for(&f.distributor, 0, 1, &TRIPLE),
        chain::message_for(&f.distributor, 1, 0, &TRIPLE),
        chain::message_for(&f.distributor, 0, 0, &other),
        chain::message_for(&other_distributor, 0, 0, &TRIPLE),
        psp_pop::ed25519::attestation_message(&Pubkey::new_unique(), &f.distributor, 0, 0, &TRIPLE),
    ];
    let signers = [keys[0].pubkey(), keys[1].pubkey()];
    let propose = ix::propose_signed(&f.distributor, &payer, 0, 0, TRIPLE, &signers);
    let mut cases = Vec::new();
    for message in &messages {
        // Valid signatures over the other message: the precompile passes, the program refuses.
        cases.push(chain::ed25519_instruction(message, &sign(&keys, message)));
    }
    for ed in cases {
        f.env.send_err(&[ed, propose.clone()], &[], code(PopError::WrongAttestationMessage)).await;
    }
    // Signatures over another message placed under the right message: the precompile refuses.
    let right = chain::message_for(&f.distributor, 0, 0, &TRIPLE);
    let ed = chain::ed25519_instruction(&right, &sign(&keys, &messages[0]));
    let failure = f.env.send_fails(&[ed, propose.clone()], &[]).await;
    assert!(matches!(failure.error, TransactionError::InstructionError(1, _)), "{:?}", failure.error);
    assert!(!f.env.exists(&pop::epoch_pda(&f.distributor, 0).0).await);
    // Round-0 signatures replayed after a veto opened round 1.
    f.env.send_ok(&signed(&f, &[0, 1]), &[]).await;
    let guardian = f.guardian.insecure_clone();
    f.env.send_ok(&[ix::veto(&f.distributor, &guardian.pubkey(), 0, "bad")], &[&guardian]).await;
    let replay = signed(&f, &[0, 1]);
    f.env.send_err(&replay, &[], code(PopError::WrongRound)).await;
    let ed = replay[0].clone();
    let round1 = ix::propose_signed(&f.distributor, &payer, 0, 1, TRIPLE, &signers);
    f.env.send_err(&[ed, round1], &[], code(PopError::WrongAttestationMessage)).await;
    let fresh =
        chain::signed_attestations(&f.distributor, &payer, 0, 1, TRIPLE, &signatures(&f, &[0, 1], 0, 1, &TRIPLE));
    f.env.send_ok(&fresh, &[]).await;
}

#[tokio::test]
async fn attestor_accounts_must_match_the_signers() {
    let mut f = ended().await;
    let payer = f.env.payer().pubkey();
    let sigs = signatures(&f, &[0, 1], 0, 0, &TRIPLE);
    let ed = chain::ed25519_instruction(&chain::message_for(&f.distributor, 0, 0, &TRIPLE), &sigs);
    let a: Vec<Pubkey> = f.attestors.iter().map(|k| k.pubkey()).collect();
    let mismatch = code(PopError::AttestorMismatch);
    for accounts in [vec![a[1], a[0]], vec![a[0], a[2]], vec![a[0]], vec![a[0], a[1], a[2]], vec![a[0], a[0]]] {
        let propose = ix::propose_signed(&f.distributor, &payer, 0, 0, TRIPLE, &accounts);
        f.env.send_err(&[ed.clone(), propose], &[], mismatch).await;
    }
    // One attestor signing twice is one signer.
    let twice = signatures(&f, &[0, 0], 0, 0, &TRIPLE);
    let [ed_twice, propose] = chain::signed_attestations(&f.distributor, &payer, 0, 0, TRIPLE, &twice);
    f.env.send_err(&[ed_twice, propose], &[], mismatch).await;
    // A non-attestor signer has no attestor account.
    let stranger = Keypair::new();
    let mut sigs = signatures(&f, &[0], 0, 0, &TRIPLE);
    sigs.extend(sign(&[&stranger], &chain::message_for(&f.distributor, 0, 0, &TRIPLE)));
    let ixs = chain::signed_attestations(&f.distributor, &payer, 0, 0, TRIPLE, &sigs);
    f.env.send_err(&ixs, &[], anchor_code(ErrorCode::AccountNotInitialized)).await;
    // Another account type in an attestor's place.
    let propose = swap(ixs[1].clone(), &pop::attestor_pda(&f.distributor, &stranger.pubkey()).0, &f.distributor);
    f.env.send_err(&[ixs[0].clone(), propose], &[], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    // An attestor of another distributor (same key) does not count here.
    let other = second_distributor_with(&mut f, &[a[1]]).await;
    let mut propose = ix::propose_signed(&f.distributor, &payer, 0, 0, TRIPLE, &[a[0], a[1]]);
    propose.accounts[6].pubkey = pop::attestor_pda(&other, &a[1]).0;
    f.env.send_err(&[ed.clone(), propose], &[], mismatch).await;
    // A deactivated attestor's signature does not count.
    f.set_attestor(&a[1], false).await;
    let ixs = chain::signed_attestations(&f.distributor, &payer, 0, 0, TRIPLE, &signatures(&f, &[0, 1], 0, 0, &TRIPLE));
    f.env.send_err(&ixs, &[], code(PopError::AttestorInactive)).await;
    let ixs = chain::signed_attestations(&f.distributor, &payer, 0, 0, TRIPLE, &signatures(&f, &[0, 2], 0, 0, &TRIPLE));
    f.env.send_ok(&ixs, &[]).await;
}

/// A second distributor of the fixture mint with `attestors` added.
async fn second_distributor_with(f: &mut Fixture, attestors: &[Pubkey]) -> Pubkey {
    let (payer, admin) = (f.env.payer().pubkey(), f.admin.insecure_clone());
    let create_key = Keypair::new();
    let args = distributor_args(admin.pubkey(), admin.pubkey(), 1);
    let (create, other) =
        ix::create_distributor(&create_key.pubkey(), &payer, &f.mint, &f.token_program, &f.receiver, args);
    f.env.send_ok(&[create], &[&create_key]).await;
    for key in attestors {
        f.env.send_ok(&[ix::set_attestor(&other, &admin.pubkey(), &payer, key, true)], &[&admin]).await;
    }
    other
}

#[tokio::test]
async fn the_ed25519_instruction_must_come_right_before() {
    let mut f = ended().await;
    let [ed, propose] = signed(&f, &[0, 1]);
    let missing = code(PopError::MissingEd25519Instruction);
    f.env.send_err(std::slice::from_ref(&propose), &[], missing).await;
    let payer = f.env.payer().pubkey();
    #[allow(deprecated)]
    let between = solana_sdk::system_instruction::transfer(&payer, &Pubkey::new_unique(), 1_000_000);
    f.env.send_err(&[ed.clone(), between, propose.clone()], &[], missing).await;
    f.env.send_err(&[propose.clone(), ed.clone()], &[], missing).await;
    // Offsets into another instruction (an earlier ed25519 instruction holding the data): the
    // precompile accepts it, the program does not.
    let mut borrowed = vec![1u8, 0];
    for field in [48u16, 1, 16, 1, 112, u16::from_le_bytes([ed.data[12], ed.data[13]]), 1] {
        borrowed.extend_from_slice(&field.to_le_bytes());
    }
    let single = chain::ed25519_instruction(
        &chain::message_for(&f.distributor, 0, 0, &TRIPLE),
        &signatures(&f, &[0], 0, 0, &TRIPLE),
    );
    let pointer = Instruction { program_id: ed.program_id, accounts: vec![], data: borrowed };
    let one = ix::propose_signed(&f.distributor, &payer, 0, 0, TRIPLE, &[f.attestors[0].pubkey()]);
    f.env.send_err(&[single, pointer, one], &[], code(PopError::MalformedEd25519Instruction)).await;
    // Offsets naming the ed25519 instruction's own index explicitly are fine.
    let mut own = ed.clone();
    for record in 0..2 {
        for field in [2, 6, 12] {
            let at = 2 + record * 14 + field;
            own.data[at..at + 2].copy_from_slice(&1u16.to_le_bytes());
        }
    }
    let out = f.env.send_ok(&[own, propose], &[]).await;
    assert!(out.events::<EpochProposed>(&psp_pop::ID)[0].signed_batch);
}

#[tokio::test]
async fn the_runtime_rejects_a_corrupted_signature() {
    let mut f = ended().await;
    let [mut ed, propose] = signed(&f, &[0, 1]);
    // Flip one bit of the second signature (key 0 at 30, signature 0 at 62, key 1 at 126,
    // signature 1 at 158).
    ed.data[2 + 2 * 14 + 96 + 32] ^= 1;
    let failure = f.env.send_fails(&[ed, propose], &[]).await;
    // The precompile (instruction 1, after the compute-budget instruction) fails the whole
    // transaction before propose_signed runs.
    assert!(
        matches!(failure.error, TransactionError::InstructionError(1, InstructionError::Custom(_))),
        "{:?}",
        failure.error
    );
    assert!(!f.env.exists(&pop::epoch_pda(&f.distributor, 0).0).await);
    f.env.send_ok(&signed(&f, &[0, 1]), &[]).await;
}

/// `votes_cast` of every fixture attestor.
async fn votes_cast(f: &mut Fixture) -> Vec<u64> {
    let mut out = Vec::new();
    for i in 0..f.attestors.len() {
        let address = pop::attestor_pda(&f.distributor, &f.attestors[i].pubkey()).0;
        out.push(f.env.account::<psp_pop::state::Attestor>(&address).await.votes_cast);
    }
    out
}

#[tokio::test]
async fn signed_attestations_count_as_votes_cast_like_on_chain_votes() {
    let mut f = ended().await;
    // Attestor 2 votes on chain (below the quorum of 2); attestors 0 and 1 then propose signed.
    ok(f.attest(2, 0, 0, TRIPLE).await);
    assert_eq!(votes_cast(&mut f).await, vec![0, 0, 1]);
    f.env.send_ok(&signed(&f, &[1, 0]), &[]).await;
    assert_eq!(votes_cast(&mut f).await, vec![1, 1, 1]);
    // Epoch 1: every attestor signs; each counts once.
    f.at(epoch_end(1)).await;
    let payer = f.env.payer().pubkey();
    let sigs = signatures(&f, &[0, 1, 2], 1, 0, &TRIPLE);
    let ixs = chain::signed_attestations(&f.distributor, &payer, 1, 0, TRIPLE, &sigs);
    // The counts are written to the attestor accounts: passed read-only, they are refused.
    let mut read_only = ixs.clone();
    read_only[1].accounts.iter_mut().skip(5).for_each(|m| m.is_writable = false);
    f.env.send_err(&read_only, &[], anchor_code(ErrorCode::ConstraintMut)).await;
    f.env.send_ok(&ixs, &[]).await;
    assert_eq!(votes_cast(&mut f).await, vec![2, 2, 2]);
}
