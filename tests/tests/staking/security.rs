//! The security checklist (BRIEF.md §3) applied to staking: missing signers, positions of
//! another owner or pool, another stream's vault or mint, wrong owners and type cosplay,
//! re-initialization, fake token programs, paying into the pool's own vaults, duplicate
//! accounts, and closing and revival in one transaction. Fake sysvars do not apply: the
//! program reads the clock with `Clock::get()`.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use solana_sdk::account::AccountSharedData;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{anchor_code, code, ok, pool_args, swap, unsigned, Fixture, Staker, STAKER_FUNDS};

/// A fixture with one funded stream (rate 10) and a 1_000-token unlocked position 100 s old.
async fn staked() -> (Fixture, Staker, Pubkey) {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    f.fund(index, 1_000_000).await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    f.at(100).await;
    (f, staker, position)
}

#[tokio::test]
async fn signers_are_required() {
    let (mut f, staker, position) = staked().await;
    let owner = staker.pubkey();
    let claim = f.claim_ix(&staker, &position, 0).await;
    let update = f.update_ix(&staker, &position, 10, None).await;
    let withdraw = f.withdraw_ix(&staker, &position).await;
    let (open, _) = f.open_ix(&staker, 1, 10, 0).await;
    let admin = f.admin.pubkey();
    for ix in [
        claim,
        update,
        withdraw,
        open,
        st::start_cooldown(&f.pool, &position, &owner, 1),
        st::close_position(&f.pool, &position, &owner),
    ] {
        f.env.send_err(&[unsigned(ix, &owner)], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    }
    let ix = st::set_pause(&f.pool, &admin, 1);
    f.env.send_err(&[unsigned(ix, &admin)], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    assert_eq!(f.position(&position).await.amount, 1_000);
    assert_eq!(f.claim_ok(&staker, &position, 0).await, 1_000);
}

#[tokio::test]
async fn positions_of_another_owner_or_pool_are_refused() {
    let (mut f, staker, position) = staked().await;
    let thief = f.staker().await;
    let thief_ata = f.reward_ata(&thief.pubkey(), 0).await;
    let state = f.pool_state().await;
    let seeds = anchor_code(ErrorCode::ConstraintSeeds);
    let ix = st::claim_rewards(&f.pool, &state, &position, &thief.pubkey(), 0, &thief_ata, None);
    f.env.send_err(&[ix], &[&thief.key], seeds).await;
    f.env.send_err(&[st::start_cooldown(&f.pool, &position, &thief.pubkey(), 1)], &[&thief.key], seeds).await;
    f.env.send_err(&[st::close_position(&f.pool, &position, &thief.pubkey())], &[&thief.key], seeds).await;
    // The same staker's position in a second pool of the same mint, passed with the first pool.
    let create_key = Keypair::new();
    let payer = f.env.payer().pubkey();
    let (ix, pool_b) = st::create_pool(
        &create_key.pubkey(),
        &payer,
        &f.stake_mint,
        &f.token_program,
        pool_args(f.admin.pubkey(), f.admin.pubkey()),
    );
    f.env.send_ok(&[ix], &[&create_key]).await;
    let state_b = f.env.account(&pool_b).await;
    let (ix, position_b) = st::create_position(&pool_b, &state_b, &staker.pubkey(), &staker.ata, 0, 500, 0);
    f.env.send_ok(&[ix], &[&staker.key]).await;
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &position, &position_b);
    f.env.send_err(&[ix], &[&staker.key], seeds).await;
    let ix = st::refresh_position(&f.pool, &position_b);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::ConstraintSeeds)).await;
    // Pool B's stake vault with pool A: refused by the address check.
    let ix = swap(f.withdraw_ix(&staker, &position).await, &state.stake_vault, &state_b.stake_vault);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::ConstraintAddress)).await;
    assert_eq!(f.claim_ok(&staker, &position, 0).await, 1_000);
    assert_eq!((f.stake_vault_balance().await, f.balance(&state_b.stake_vault).await), (1_000, 500));
}

#[tokio::test]
async fn another_streams_vault_or_mint_is_refused() {
    let (mut f, staker, position) = staked().await;
    let other = f.add_stream(10).await;
    f.fund(other, 1_000).await;
    // Stream 1's vault, mint and destination under index 0.
    let mut state = f.pool_state().await;
    state.streams[0] = state.streams[usize::from(other)];
    let destination = f.reward_ata(&staker.pubkey(), other).await;
    let ix = st::claim_rewards(&f.pool, &state, &position, &staker.pubkey(), 0, &destination, None);
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::WrongStream)).await;
    let (admin, admin_ata) = (f.admin.insecure_clone(), f.admin_reward_ata(other).await);
    let ix = st::fund_stream(&f.pool, &state, 0, &admin.pubkey(), &admin_ata, 10);
    f.env.send_err(&[ix], &[&admin], code(StakingError::WrongStream)).await;
    let ix = st::retire_stream(&f.pool, &state, 0, &admin.pubkey(), &admin_ata);
    f.env.send_err(&[ix], &[&admin], code(StakingError::WrongStream)).await;
    // Empty and out-of-range slots.
    for index in [2u8, 3] {
        let mut ix = st::claim_rewards(&f.pool, &state, &position, &staker.pubkey(), 0, &destination, None);
        ix.data[8] = index + 2; // the index byte after the discriminator: 4 and 5
        f.env.send_err(&[ix], &[&staker.key], code(StakingError::InvalidStreamIndex)).await;
    }
    let mut empty = f.pool_state().await;
    empty.streams[2] = empty.streams[usize::from(other)];
    let ix = st::claim_rewards(&f.pool, &empty, &position, &staker.pubkey(), 2, &destination, None);
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::InvalidStreamIndex)).await;
    assert_eq!(f.claim_ok(&staker, &position, 0).await, 1_000);
}

#[tokio::test]
async fn wrong_owner_and_type_cosplay_are_refused() {
    let (mut f, staker, position) = staked().await;
    // The position's bytes at an address owned by another program.
    let mut account = f.env.ctx.banks_client.get_account(position).await.unwrap().unwrap();
    account.owner = anchor_spl::token::ID;
    let fake = Pubkey::new_unique();
    f.env.ctx.set_account(&fake, &AccountSharedData::from(account));
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &position, &fake);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    // The pool passed as the position, and the position as the pool.
    let pool = f.pool;
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &position, &pool);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    let ix = st::refresh_position(&position, &position);
    f.env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    // A destination of another mint.
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &f.reward_ata(&staker.pubkey(), 0).await, &staker.ata);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::ConstraintTokenMint)).await;
    assert_eq!(f.claim_ok(&staker, &position, 0).await, 1_000);
}

#[tokio::test]
async fn creating_a_position_twice_fails_and_keeps_the_first() {
    let (mut f, staker, position) = staked().await;
    let (ix, same) = f.open_ix(&staker, 0, 5, 5_000).await;
    assert_eq!(same, position);
    f.env.send_fails(&[ix], &[&staker.key]).await;
    let state = f.position(&position).await;
    assert_eq!((state.amount, state.lock_end, state.weight), (1_000, crate::common::T0, 1_000));
    assert_eq!((f.stake_vault_balance().await, f.pool_state().await.position_count), (1_000, 1));
}

#[tokio::test]
async fn fake_or_mismatched_token_programs_are_refused() {
    let (mut f, staker, position) = staked().await;
    let token_program = f.token_program;
    let fake = psp_staking::ID;
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &token_program, &fake);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::InvalidProgramId)).await;
    let (ix, other) = f.open_ix(&staker, 1, 10, 0).await;
    f.env.send_err(&[swap(ix, &token_program, &fake)], &[&staker.key], anchor_code(ErrorCode::InvalidProgramId)).await;
    assert!(!f.env.exists(&other).await);
    let ix = swap(f.withdraw_ix(&staker, &position).await, &token_program, &spl_token_2022::ID);
    f.env.send_fails(&[ix], &[&staker.key]).await;
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &token_program, &spl_token_2022::ID);
    f.env.send_fails(&[ix], &[&staker.key]).await;
    assert_eq!(f.claim_ok(&staker, &position, 0).await, 1_000);
}

#[tokio::test]
async fn paying_into_the_pools_own_vaults_or_duplicating_accounts_is_refused() {
    let (mut f, staker, position) = staked().await;
    let state = f.pool_state().await;
    let reward_vault = state.streams[0].reward_vault;
    let ix = swap(f.claim_ix(&staker, &position, 0).await, &f.reward_ata(&staker.pubkey(), 0).await, &reward_vault);
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::WrongTokenAccountOwner)).await;
    ok(f.cooldown(&staker, &position, 1_000).await);
    f.at(100 + crate::common::COOLDOWN).await;
    let ix = st::withdraw(&f.pool, &state, &position, &staker.pubkey(), &state.stake_vault);
    f.env.send_err(&[ix], &[&staker.key], code(StakingError::WrongTokenAccountOwner)).await;
    // The vault as the staker's own source account (same account twice, mutable).
    let ix = st::update_position(&f.pool, &state, &position, &staker.pubkey(), &state.stake_vault, 10, None);
    f.env.send_err(&[ix], &[&staker.key], anchor_code(ErrorCode::ConstraintTokenOwner)).await;
    let admin = f.admin.insecure_clone();
    let ix = st::fund_stream(&f.pool, &state, 0, &admin.pubkey(), &reward_vault, 10);
    f.env.send_err(&[ix], &[&admin], anchor_code(ErrorCode::ConstraintTokenOwner)).await;
    ok(f.withdraw(&staker, &position).await);
    assert_eq!((f.balance(&staker.ata).await, f.stake_vault_balance().await), (STAKER_FUNDS, 0));
    assert_eq!(f.balance(&reward_vault).await, 1_000_000);
}

#[tokio::test]
async fn closing_and_reviving_in_one_transaction() {
    let mut f = Fixture::new().await;
    let staker = f.staker().await;
    let (position, _) = f.open(&staker, 0, 1_000, 0).await;
    ok(f.cooldown(&staker, &position, 1_000).await);
    f.at(crate::common::COOLDOWN).await;
    ok(f.withdraw(&staker, &position).await);
    // Close, refund the address, then use the closed position: the whole transaction fails.
    let close = st::close_position(&f.pool, &position, &staker.pubkey());
    #[allow(deprecated)]
    let refund = system_instruction::transfer(&f.env.payer().pubkey(), &position, 10_000_000);
    let reuse = st::refresh_position(&f.pool, &position);
    f.env.send_fails(&[close.clone(), refund, reuse], &[&staker.key]).await;
    assert_eq!(f.position(&position).await.cooldown_end, crate::common::T0 + crate::common::COOLDOWN);
    // Close, then create the same index in the same transaction: a brand-new position with
    // fresh books and a fresh deposit.
    let (create, same) = f.open_ix(&staker, 0, 50, 1_000).await;
    assert_eq!(same, position);
    f.env.send_ok(&[close, create], &[&staker.key]).await;
    let revived = f.position(&position).await;
    assert_eq!(
        (revived.amount, revived.cooling_amount, revived.weight, revived.created_at),
        (50, 0, 60, crate::common::T0 + crate::common::COOLDOWN)
    );
    assert_eq!((f.stake_vault_balance().await, f.pool_state().await.total_staked), (50, 50));
}
