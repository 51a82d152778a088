//! The shared mint policy (issue 11): a Token-2022 mint with a close authority is refused as a
//! stake mint and as a reward mint. Once its supply is 0 the issuer could close it and re-create
//! it at the same address with a permanent delegate that drains the stake or reward vault.
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use psp_staking::state::StreamStatus;
use psp_tests::tokens::MintExtension;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, pool_args, Fixture};

#[tokio::test]
async fn mint_policy_refuses_a_mint_close_authority_as_stake_mint() {
    let mut f = Fixture::new().await;
    let extension = MintExtension::MintCloseAuthority { authority: Pubkey::new_unique() };
    let mint = f.env.create_mint_with(6, &spl_token_2022::ID, &[extension]).await;
    let create_key = Keypair::new();
    let args = pool_args(Pubkey::new_unique(), Pubkey::new_unique());
    let payer = f.env.payer().pubkey();
    let (ix, pool) = st::create_pool(&create_key.pubkey(), &payer, &mint, &spl_token_2022::ID, args);
    f.env.send_err(&[ix], &[&create_key], code(StakingError::UnsupportedMintExtension)).await;
    assert!(!f.env.exists(&pool).await);
}

#[tokio::test]
async fn mint_policy_refuses_a_mint_close_authority_as_reward_mint() {
    let mut f = Fixture::new().await;
    let extension = MintExtension::MintCloseAuthority { authority: Pubkey::new_unique() };
    let mint = f.env.create_mint_with(6, &spl_token_2022::ID, &[extension]).await;
    let state = f.pool_state().await;
    let admin = f.admin.insecure_clone();
    let payer = f.env.payer().pubkey();
    let ix = st::add_stream(&f.pool, &state, &admin.pubkey(), &payer, &mint, &spl_token_2022::ID, 10);
    f.env.send_err(&[ix], &[&admin], code(StakingError::UnsupportedMintExtension)).await;
    assert!(f.pool_state().await.streams.iter().all(|s| s.status == StreamStatus::Empty));
}
