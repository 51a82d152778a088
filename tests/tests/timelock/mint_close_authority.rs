//! The shared mint policy (issue 11): a Token-2022 mint with a close authority is refused. Once
//! its supply is 0 the issuer could close it and re-create it at the same address with a
//! permanent delegate that drains the escrow.
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use psp_sdk::timelock as tl;
use psp_tests::tokens::MintExtension;
use psp_timelock::errors::TimelockError;
use solana_sdk::signature::Signer;

use crate::common::{code, linear, open_policies, Fixture, T0};

#[tokio::test]
async fn mint_policy_refuses_a_mint_close_authority() {
    let mut f = Fixture::with_token_program(spl_token_2022::ID).await;
    let sender = f.sender.insecure_clone();
    let extension = MintExtension::MintCloseAuthority { authority: Pubkey::new_unique() };
    let mint = f.env.create_mint_with(6, &spl_token_2022::ID, &[extension]).await;
    let sender_ata = f.env.funded_token_account(&mint, &sender.pubkey(), 10_000, &spl_token_2022::ID).await;
    let args = f.args(1_000, linear(T0, T0, 0, T0 + 1_000, 100), open_policies());
    let (ix, lock) = tl::create_lock(&sender.pubkey(), &sender_ata, &mint, &spl_token_2022::ID, args);
    f.env.send_err(&[ix], &[&sender], code(TimelockError::UnsupportedMintExtension)).await;
    assert!(!f.env.exists(&lock).await);
    assert_eq!(f.env.token_balance(&sender_ata).await, 10_000);
}
