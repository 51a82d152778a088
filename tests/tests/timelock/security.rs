//! The security checklist (BRIEF.md §3) applied to the timelock: missing signers, `has_one`
//! mismatches, wrong owners, type cosplay, re-initialization, fake token programs, another
//! lock's PDAs, duplicate mutable accounts, and closing and revival in one transaction.
//! Fake sysvars do not apply: the program reads the clock with `Clock::get()`.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token_2022::spl_token_2022;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::state::LockStatus;
use solana_sdk::account::AccountSharedData;
use solana_sdk::signature::Signer;
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{anchor_code, code, linear, open_policies, Fixture, SENDER_FUNDS, T0};

/// Replaces every occurrence of account `from` in `ix` by `to`.
fn swap(mut ix: Instruction, from: &Pubkey, to: &Pubkey) -> Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *from).for_each(|m| m.pubkey = *to);
    ix
}

/// A fixture with two 1_000-token locks of the fixture sender, 300 vested at `T0 + 300`.
async fn two_locks() -> (Fixture, Pubkey, Pubkey) {
    let mut f = Fixture::new().await;
    let a = f.lock_with(1_000, linear(T0, T0, 0, T0 + 1_000, 100)).await;
    let b = f.lock_with(1_000, linear(T0, T0, 0, T0 + 1_000, 100)).await;
    f.at(300).await;
    (f, a, b)
}

/// The recipient's withdrawal of everything available from `lock`.
async fn recipient_withdraw(f: &mut Fixture, lock: &Pubkey) -> Instruction {
    let (recipient, ata) = (f.recipient.pubkey(), f.recipient_ata);
    f.withdraw_ix(lock, &recipient, &ata, None).await
}

#[tokio::test]
async fn signers_are_required() {
    let (mut f, a, _) = two_locks().await;
    let recipient = f.recipient.pubkey();
    let mut ix = recipient_withdraw(&mut f, &a).await;
    ix.accounts.iter_mut().filter(|m| m.pubkey == recipient).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    let sender = f.sender.pubkey();
    let args = f.args(10, linear(T0, T0, 0, T0 + 10, 1), open_policies());
    let (mut ix, lock) = f.create_ix(args);
    ix.accounts.iter_mut().filter(|m| m.pubkey == sender).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    assert!(!f.env.exists(&lock).await);
    let guardian = f.guardian.pubkey();
    let mut ix = tl::veto_lock(&a, &f.lock(&a).await, &guardian, &f.sender_ata, "x".into());
    ix.accounts.iter_mut().filter(|m| m.pubkey == guardian).for_each(|m| m.is_signer = false);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    assert_eq!(f.lock(&a).await.withdrawn, 0);
}

#[tokio::test]
async fn another_locks_escrow_mint_or_sender_is_refused() {
    let (mut f, a, b) = two_locks().await;
    let recipient = f.recipient.insecure_clone();
    let (escrow_a, escrow_b) = (tl::escrow_pda(&a).0, tl::escrow_pda(&b).0);
    let ix = swap(recipient_withdraw(&mut f, &a).await, &escrow_a, &escrow_b);
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::ConstraintHasOne)).await;
    let other_mint = f.env.create_mint(6, &f.token_program.clone()).await;
    let ix = swap(recipient_withdraw(&mut f, &a).await, &f.mint.clone(), &other_mint);
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::ConstraintHasOne)).await;
    // Closing with someone else as the rent receiver.
    let sender = f.sender.insecure_clone();
    let ix = f.cancel_ix(&a, &sender.pubkey()).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    let thief = f.env.funded_keypair(1).await;
    let ix = swap(f.close_ix(&a, &sender.pubkey()).await, &sender.pubkey(), &thief.pubkey());
    // (the authority is swapped too, so the thief signs: refused before the authority check)
    f.env.send_err(&[ix], &[&thief], anchor_code(ErrorCode::ConstraintAddress)).await;
    assert_eq!(f.balances(&b).await, (SENDER_FUNDS - 2_000 + 700, 300, 1_000));
}

#[tokio::test]
async fn wrong_owner_and_type_cosplay_are_refused() {
    let (mut f, a, _) = two_locks().await;
    let recipient = f.recipient.insecure_clone();
    // Lock A's exact bytes at an address owned by another program.
    let mut account = f.env.ctx.banks_client.get_account(a).await.unwrap().unwrap();
    account.owner = anchor_spl::token::ID;
    let fake = Pubkey::new_unique();
    f.env.ctx.set_account(&fake, &AccountSharedData::from(account));
    let ix = swap(recipient_withdraw(&mut f, &a).await, &a, &fake);
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    // A wallet passed as the lock.
    let ix = swap(recipient_withdraw(&mut f, &a).await, &a, &recipient.pubkey());
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    // The mint policy passed as the lock, the config as the mint policy, the lock as the config.
    let (policy, config) = (tl::mint_policy_pda(&f.mint).0, tl::config_pda().0);
    for (from, to) in [(a, policy), (policy, config), (config, a)] {
        let ix = swap(recipient_withdraw(&mut f, &a).await, &from, &to);
        f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    }
    // A destination of another mint, and a cancel paying a token account the recipient does not own.
    let (_, stranger_ata) = f.stranger().await;
    let other_mint = f.env.create_mint(6, &f.token_program.clone()).await;
    let wrong_mint = f.env.token_account(&other_mint, &recipient.pubkey(), &f.token_program.clone()).await;
    let ix = swap(recipient_withdraw(&mut f, &a).await, &f.recipient_ata.clone(), &wrong_mint);
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::ConstraintTokenMint)).await;
    let sender = f.sender.insecure_clone();
    let ix = swap(f.cancel_ix(&a, &sender.pubkey()).await, &f.recipient_ata.clone(), &stranger_ata);
    f.env.send_err(&[ix], &[&sender], code(TimelockError::WrongTokenAccountOwner)).await;
    assert_eq!(f.lock(&a).await.status, LockStatus::Active);
    assert_eq!(f.balances(&a).await.2, 1_000);
}

#[tokio::test]
async fn re_creating_an_existing_lock_fails_and_policies_keep_their_totals() {
    let mut f = Fixture::new().await;
    let args = f.args(1_000, linear(T0, T0, 0, T0 + 1_000, 100), open_policies());
    let (ix, lock) = f.create_ix(args.clone());
    let sender = f.sender.insecure_clone();
    f.env.send_ok(&[ix], &[&sender]).await;
    let mut again = args;
    again.amount = 5;
    again.schedule = linear(T0, T0, 0, T0 + 5, 1);
    let (ix, same) = f.create_ix(again);
    assert_eq!(same, lock);
    f.env.send_fails(&[ix], &[&sender]).await;
    let state = f.lock(&lock).await;
    assert_eq!((state.total, state.schedule.clone()), (1_000, linear(T0, T0, 0, T0 + 1_000, 100)));
    // `set_mint_policy` on an existing policy keeps the totals (no re-initialization).
    f.set_policy(crate::common::mint_policy_args(1, 0, 0, 0)).await;
    let policy = f.mint_policy().await;
    assert_eq!((policy.total_locked, policy.high_value_threshold), (1_000, 1));
}

#[tokio::test]
async fn fake_or_mismatched_token_programs_are_refused() {
    let (mut f, a, _) = two_locks().await;
    let recipient = f.recipient.insecure_clone();
    let token_program = f.token_program;
    let fake = psp_timelock::ID;
    let ix = swap(recipient_withdraw(&mut f, &a).await, &token_program, &fake);
    f.env.send_err(&[ix], &[&recipient], anchor_code(ErrorCode::InvalidProgramId)).await;
    let ix = swap(recipient_withdraw(&mut f, &a).await, &token_program, &spl_token_2022::ID);
    f.env.send_fails(&[ix], &[&recipient]).await;
    let sender = f.sender.insecure_clone();
    let args = f.args(10, linear(T0, T0, 0, T0 + 10, 1), open_policies());
    let (ix, lock) = f.create_ix(args);
    f.env.send_err(&[swap(ix, &token_program, &fake)], &[&sender], anchor_code(ErrorCode::InvalidProgramId)).await;
    assert!(!f.env.exists(&lock).await);
    assert_eq!(f.balances(&a).await, (SENDER_FUNDS - 2_000, 0, 1_000));
}

#[tokio::test]
async fn locks_of_other_senders_with_the_same_id_are_separate() {
    let (mut f, a, _) = two_locks().await;
    let id = f.lock(&a).await.id;
    let other_sender = f.env.funded_keypair(2).await;
    let (mint, token_program) = (f.mint, f.token_program);
    let other_ata = f.env.funded_token_account(&mint, &other_sender.pubkey(), 500, &token_program).await;
    let (someone, someone_ata) = f.stranger().await;
    let args = psp_timelock::CreateLockArgs {
        id,
        recipient: someone.pubkey(),
        amount: 500,
        schedule: linear(T0, T0, 0, T0 + 1_000, 100),
        policies: crate::common::policies(
            psp_timelock::state::PartyPolicy::Either,
            psp_timelock::state::PartyPolicy::Nobody,
            false,
            false,
        ),
    };
    let (ix, other) = tl::create_lock(&other_sender.pubkey(), &other_ata, &mint, &token_program, args);
    f.env.send_ok(&[ix], &[&other_sender]).await;
    assert_ne!(other, a);
    // The fixture recipient cannot drain the other lock, nor can the fixture sender cancel it.
    let recipient = f.recipient.insecure_clone();
    let ix = recipient_withdraw(&mut f, &other).await;
    f.env.send_err(&[ix], &[&recipient], code(TimelockError::CrankNotAllowed)).await;
    let sender = f.sender.insecure_clone();
    let state = f.lock(&other).await;
    let ix = tl::cancel_lock(&other, &state, &sender.pubkey(), &someone_ata, &other_ata);
    f.env.send_err(&[ix], &[&sender], code(TimelockError::CancelNotAllowed)).await;
    let ix = f.withdraw_ix(&other, &someone.pubkey(), &someone_ata, None).await;
    f.env.send_ok(&[ix], &[&someone]).await;
    assert_eq!((f.balance(&someone_ata).await, f.lock(&a).await.withdrawn), (150, 0));
}

#[tokio::test]
async fn withdrawing_into_the_escrow_itself_is_refused() {
    let (mut f, a, _) = two_locks().await;
    let recipient = f.recipient.insecure_clone();
    let escrow = tl::escrow_pda(&a).0;
    let ix = swap(recipient_withdraw(&mut f, &a).await, &f.recipient_ata.clone(), &escrow);
    f.env.send_err(&[ix], &[&recipient], code(TimelockError::WrongTokenAccountOwner)).await;
    assert_eq!(f.lock(&a).await.withdrawn, 0);
    // A self-lock may pass one token account as both the recipient's and the sender's.
    let sender = f.sender.insecure_clone();
    let mut args = f.args(100, linear(T0, T0, 0, T0 + 1_000, 100), open_policies());
    args.recipient = sender.pubkey();
    let (ix, own) = f.create_ix(args);
    f.env.send_ok(&[ix], &[&sender]).await;
    let state = f.lock(&own).await;
    let ix = tl::cancel_lock(&own, &state, &sender.pubkey(), &f.sender_ata, &f.sender_ata);
    f.env.send_ok(&[ix], &[&sender]).await;
    assert_eq!(f.balances(&own).await.0, SENDER_FUNDS - 2_000);
}

#[tokio::test]
async fn closing_and_reviving_in_one_transaction() {
    let (mut f, a, _) = two_locks().await;
    let sender = f.sender.insecure_clone();
    let ix = f.cancel_ix(&a, &sender.pubkey()).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    let state = f.lock(&a).await;
    // Close, refund the address, then use the closed lock again: the whole transaction fails.
    let close = f.close_ix(&a, &sender.pubkey()).await;
    #[allow(deprecated)]
    let refund = system_instruction::transfer(&f.env.payer().pubkey(), &a, 10_000_000);
    let reuse = tl::withdraw(&a, &state, &f.recipient.pubkey(), &f.recipient_ata, None);
    let recipient = f.recipient.insecure_clone();
    f.env.send_fails(&[close.clone(), refund, reuse], &[&sender, &recipient]).await;
    assert_eq!(f.lock(&a).await.status, LockStatus::Cancelled, "rolled back");
    // Close, then create a lock with the same id in the same transaction: this succeeds and
    // yields a brand-new lock (fresh books, fresh escrow funded by the new deposit); nothing of
    // the old lock survives, so the id reuse gains nothing.
    let args = psp_timelock::CreateLockArgs {
        id: state.id,
        recipient: f.recipient.pubkey(),
        amount: 50,
        schedule: linear(T0, T0, 0, T0 + 10, 1),
        policies: open_policies(),
    };
    let (create, same) = f.create_ix(args);
    assert_eq!(same, a);
    f.env.send_ok(&[close, create], &[&sender]).await;
    let revived = f.lock(&a).await;
    assert_eq!((revived.status, revived.total, revived.withdrawn, revived.refunded), (LockStatus::Active, 50, 0, 0));
    assert_eq!(f.balances(&a).await, (SENDER_FUNDS - 2_000 + 700 - 50, 300, 50));
}
