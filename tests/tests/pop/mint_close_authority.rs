//! The shared mint policy (issue 11): a Token-2022 reward mint with a close authority is
//! refused. Once its supply is 0 the issuer could close it and re-create it at the same address
//! with a permanent delegate that drains the reward vault.
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use psp_pop::errors::PopError;
use psp_sdk::pop::instructions as ix;
use psp_tests::tokens::MintExtension;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::*;

#[tokio::test]
async fn mint_policy_refuses_a_mint_close_authority() {
    let mut f = Fixture::bare(1).await;
    let payer = f.env.payer().pubkey();
    let token = spl_token_2022::ID;
    let args = distributor_args(f.admin.pubkey(), f.guardian.pubkey(), 1);
    let extension = MintExtension::MintCloseAuthority { authority: Pubkey::new_unique() };
    let mint = f.env.create_mint_with(6, &token, &[extension]).await;
    let receiver = f.env.token_account(&mint, &payer, &token).await;
    let key = Keypair::new();
    let (create, address) = ix::create_distributor(&key.pubkey(), &payer, &mint, &token, &receiver, args);
    f.env.send_err(&[create], &[&key], code(PopError::UnsupportedMintExtension)).await;
    assert!(!f.env.exists(&address).await);
}
