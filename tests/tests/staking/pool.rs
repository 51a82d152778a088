//! Pools: creation (settings, the stake vault owned by the pool, the event), refused configs,
//! the create key's signature, Token-2022 stake mints, and mints with a transfer fee or hook
//! refused as stake or reward mints.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountDeserialize;
use anchor_spl::token::spl_token;
use anchor_spl::token_2022::spl_token_2022;
use anchor_spl::token_interface::TokenAccount;
use psp_sdk::staking as st;
use psp_staking::constants::{MAX_COOLDOWN, MAX_LOCKUP_LIMIT, MAX_MULTIPLIER_BPS};
use psp_staking::errors::StakingError;
use psp_staking::events::{PoolCreated, PositionChanged};
use psp_staking::state::{Pool, StreamStatus};
use psp_staking::CreatePoolArgs;
use psp_tests::tokens::MintExtension;
use psp_tests::TestEnv;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{
    anchor_code, code, ok, pool_args, unsigned, Fixture, COOLDOWN, MAX_LOCKUP, MAX_MULTIPLIER_BPS as FIXTURE_MAX_BPS,
    STAKER_FUNDS, T0,
};

/// A bank with the staking program, the clock at `T0`, and an SPL Token mint.
async fn env_with_mint() -> (TestEnv, Pubkey) {
    let mut env = TestEnv::start_with(&["psp_staking"]).await;
    env.set_time(T0).await;
    let mint = env.create_mint(6, &spl_token::ID).await;
    (env, mint)
}

/// The `create_pool` instruction of a fresh create key; returns the key, instruction and pool.
fn create(
    env: &TestEnv,
    mint: &Pubkey,
    token_program: &Pubkey,
    args: CreatePoolArgs,
) -> (Keypair, anchor_lang::solana_program::instruction::Instruction, Pubkey) {
    let create_key = Keypair::new();
    let (ix, pool) = st::create_pool(&create_key.pubkey(), &env.payer().pubkey(), mint, token_program, args);
    (create_key, ix, pool)
}

#[tokio::test]
async fn create_pool_stores_settings_and_a_vault_owned_by_the_pool() {
    let (mut env, mint) = env_with_mint().await;
    let (admin, guardian) = (Pubkey::new_unique(), Pubkey::new_unique());
    let (create_key, ix, pool) = create(&env, &mint, &spl_token::ID, pool_args(admin, guardian));
    let out = env.send_ok(&[ix], &[&create_key]).await;
    let state: Pool = env.account(&pool).await;
    let (vault, vault_bump) = st::stake_vault_pda(&pool);
    assert_eq!(
        (state.version, state.bump, state.create_key),
        (1, st::pool_pda(&create_key.pubkey()).1, create_key.pubkey())
    );
    assert_eq!((state.admin, state.guardian, state.pending_admin), (admin, guardian, None));
    assert_eq!(
        (state.stake_mint, state.stake_token_program, state.stake_vault, state.stake_vault_bump),
        (mint, spl_token::ID, vault, vault_bump)
    );
    assert_eq!(
        (state.max_lockup, state.max_multiplier_bps, state.min_voting_lockup, state.cooldown),
        (MAX_LOCKUP, FIXTURE_MAX_BPS, 1_000, COOLDOWN)
    );
    assert_eq!(
        (state.paused, state.total_staked, state.total_cooling, state.total_weight, state.position_count),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(state.next_stream_id, 1);
    assert!(state.streams.iter().all(|s| s.status == StreamStatus::Empty));
    let account = env.ctx.banks_client.get_account(vault).await.unwrap().expect("vault");
    assert_eq!(account.owner, spl_token::ID);
    let token = TokenAccount::try_deserialize(&mut &account.data[..]).unwrap();
    assert_eq!((token.owner, token.mint, token.amount), (pool, mint, 0));
    let e = &out.events::<PoolCreated>(&psp_staking::ID)[0];
    assert_eq!((e.pool, e.admin, e.guardian, e.stake_mint), (pool, admin, guardian, mint));
    assert_eq!(
        (e.max_lockup, e.max_multiplier_bps, e.min_voting_lockup, e.cooldown, e.timestamp),
        (MAX_LOCKUP, FIXTURE_MAX_BPS, 1_000, COOLDOWN, T0)
    );
}

#[tokio::test]
async fn invalid_configs_are_refused() {
    let (mut env, mint) = env_with_mint().await;
    let base = pool_args(Pubkey::new_unique(), Pubkey::new_unique());
    let bad = [
        CreatePoolArgs { max_lockup: -1, ..base },
        CreatePoolArgs { max_lockup: MAX_LOCKUP_LIMIT + 1, ..base },
        CreatePoolArgs { max_multiplier_bps: 9_999, ..base },
        CreatePoolArgs { max_multiplier_bps: MAX_MULTIPLIER_BPS + 1, ..base },
        CreatePoolArgs { min_voting_lockup: base.max_lockup + 1, ..base },
        CreatePoolArgs { min_voting_lockup: -1, ..base },
        CreatePoolArgs { cooldown: -1, ..base },
        CreatePoolArgs { cooldown: MAX_COOLDOWN + 1, ..base },
    ];
    for args in bad {
        let (create_key, ix, pool) = create(&env, &mint, &spl_token::ID, args);
        env.send_err(&[ix], &[&create_key], code(StakingError::InvalidPoolConfig)).await;
        assert!(!env.exists(&pool).await, "{args:?}");
    }
    // The limits themselves are accepted (1x pools and zero cooldowns included).
    let edge = [
        CreatePoolArgs {
            max_lockup: MAX_LOCKUP_LIMIT,
            max_multiplier_bps: MAX_MULTIPLIER_BPS,
            cooldown: MAX_COOLDOWN,
            ..base
        },
        CreatePoolArgs { max_lockup: 0, max_multiplier_bps: 10_000, min_voting_lockup: 0, cooldown: 0, ..base },
    ];
    for args in edge {
        let (create_key, ix, pool) = create(&env, &mint, &spl_token::ID, args);
        env.send_ok(&[ix], &[&create_key]).await;
        assert_eq!(env.account::<Pool>(&pool).await.max_lockup, args.max_lockup);
    }
}

#[tokio::test]
async fn the_create_key_must_sign() {
    let (mut env, mint) = env_with_mint().await;
    let (create_key, ix, pool) =
        create(&env, &mint, &spl_token::ID, pool_args(Pubkey::new_unique(), Pubkey::new_unique()));
    let ix = unsigned(ix, &create_key.pubkey());
    env.send_err(&[ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    assert!(!env.exists(&pool).await);
}

#[tokio::test]
async fn a_token_2022_stake_mint_works_end_to_end() {
    let mut f = Fixture::with_token_program(spl_token_2022::ID).await;
    let state = f.pool_state().await;
    assert_eq!(state.stake_token_program, spl_token_2022::ID);
    let vault = f.env.ctx.banks_client.get_account(state.stake_vault).await.unwrap().expect("vault");
    assert_eq!(vault.owner, spl_token_2022::ID);
    let staker = f.staker().await;
    let (position, out) = f.open(&staker, 0, 1_000, 0).await;
    assert_eq!(out.cpi_events::<PositionChanged>()[0].new_weight, 1_000);
    assert_eq!(f.stake_vault_balance().await, 1_000);
    ok(f.cooldown(&staker, &position, 1_000).await);
    f.at(COOLDOWN).await;
    ok(f.withdraw(&staker, &position).await);
    assert_eq!((f.balance(&staker.ata).await, f.stake_vault_balance().await), (STAKER_FUNDS, 0));
    // A Token-2022 reward stream without extensions works too.
    let reward = f.env.create_mint(6, &spl_token_2022::ID).await;
    let (index, _) = f.add_stream_of(&reward, &spl_token_2022::ID, 5).await;
    assert_eq!(f.pool_state().await.streams[usize::from(index)].token_program, spl_token_2022::ID);
    f.fund(index, 100).await;
    assert_eq!(f.pool_state().await.streams[usize::from(index)].unallocated, 100);
}

#[tokio::test]
async fn transfer_fee_and_transfer_hook_mints_are_refused() {
    let extensions = [
        MintExtension::TransferFee { basis_points: 100, maximum_fee: 1_000 },
        MintExtension::TransferHook { program_id: Pubkey::new_unique() },
    ];
    let mut f = Fixture::new().await;
    for extension in extensions {
        let mint = f.env.create_mint_with(6, &spl_token_2022::ID, &[extension]).await;
        // As a stake mint.
        let (create_key, ix, pool) =
            create(&f.env, &mint, &spl_token_2022::ID, pool_args(Pubkey::new_unique(), Pubkey::new_unique()));
        f.env.send_err(&[ix], &[&create_key], code(StakingError::UnsupportedMintExtension)).await;
        assert!(!f.env.exists(&pool).await);
        // As a reward mint.
        let state = f.pool_state().await;
        let admin = f.admin.insecure_clone();
        let payer = f.env.payer().pubkey();
        let ix = st::add_stream(&f.pool, &state, &admin.pubkey(), &payer, &mint, &spl_token_2022::ID, 10);
        f.env.send_err(&[ix], &[&admin], code(StakingError::UnsupportedMintExtension)).await;
        let after = f.pool_state().await;
        assert_eq!(after.next_stream_id, 1);
        assert!(after.streams.iter().all(|s| s.status == StreamStatus::Empty), "{extension:?}");
    }
}
