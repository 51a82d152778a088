//! Spending limits: SOL and tokens, periods, allow-lists, pause, Token-2022 extensions.
use anchor_spl::token::spl_token;
use anchor_spl::token_2022::spl_token_2022;
use psp_multisig::errors::MultisigError;
use psp_multisig::events::SpendingLimitUsed;
use psp_multisig::state::{pause, ConfigAction, Period, SpendingLimit, Vote};
use psp_sdk::multisig::{self as ms, TokenTransferAccounts};
use psp_tests::tokens::MintExtension;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, Fixture};

/// Adds a spending limit through a config proposal; returns its address.
async fn add_limit(
    f: &mut Fixture,
    mint: Pubkey,
    amount: u64,
    period: Period,
    members: Vec<Pubkey>,
    destinations: Vec<Pubkey>,
) -> Pubkey {
    let create_key = Keypair::new().pubkey();
    let actions = vec![ConfigAction::AddSpendingLimit {
        create_key,
        vault_index: 0,
        mint,
        amount,
        period,
        members,
        destinations,
    }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    ms::spending_limit_pda(&f.multisig, &create_key).0
}

#[tokio::test]
async fn sol_limit_spends_within_allowance_and_refills_each_day() {
    let mut f = Fixture::new().await;
    f.env.set_time(1_800_000_000).await;
    let vault = f.vault(0);
    f.env.transfer_sol(&vault, 10_000_000_000).await;
    let spender = f.members[2].pubkey();
    let dest = Keypair::new().pubkey();
    let limit = add_limit(&mut f, Pubkey::default(), 1_000_000_000, Period::Day, vec![spender], vec![dest]).await;
    let stored: SpendingLimit = f.env.account(&limit).await;
    assert_eq!((stored.remaining_amount, stored.last_reset), (1_000_000_000, 1_800_000_000));

    let member = f.member(2);
    let spend = |amount| ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, None, amount, 9, None);
    let out = f.env.send_ok(&[spend(600_000_000)], &[&member]).await;
    let used: Vec<SpendingLimitUsed> = out.cpi_events();
    assert_eq!((used[0].amount, used[0].remaining_amount), (600_000_000, 400_000_000));
    f.env.send_err(&[spend(400_000_001)], &[&member], code(MultisigError::SpendingLimitExceeded)).await;
    f.env.send_ok(&[spend(400_000_000)], &[&member]).await;
    assert_eq!(f.env.lamports(&dest).await, 1_000_000_000);

    f.env.advance_time(86_399).await;
    f.env.send_err(&[spend(1)], &[&member], code(MultisigError::SpendingLimitExceeded)).await;
    f.env.advance_time(1).await;
    f.env.send_ok(&[spend(1_000_000_000)], &[&member]).await;
    assert_eq!(f.env.lamports(&dest).await, 2_000_000_000);
}

#[tokio::test]
async fn only_listed_members_and_destinations() {
    let mut f = Fixture::new().await;
    f.env.transfer_sol(&f.vault(0), 10_000_000_000).await;
    let spender = f.members[2].pubkey();
    let dest = Keypair::new().pubkey();
    let limit = add_limit(&mut f, Pubkey::default(), 1_000_000_000, Period::OneTime, vec![spender], vec![dest]).await;

    let other = f.member(1);
    let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &other.pubkey(), &dest, None, 1, 9, None);
    f.env.send_err(&[ix], &[&other], code(MultisigError::Unauthorized)).await;
    let elsewhere = Keypair::new().pubkey();
    let member = f.member(2);
    let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &elsewhere, None, 1, 9, None);
    f.env.send_err(&[ix], &[&member], code(MultisigError::DestinationNotAllowed)).await;

    // An emergency pause by any voter stops it; the threshold lifts it.
    let ix = ms::multisig_pause(&f.multisig, &other.pubkey(), pause::SPENDING_LIMITS);
    f.env.send_ok(&[ix], &[&other]).await;
    let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, None, 1_000_000, 9, None);
    f.env.send_err(std::slice::from_ref(&ix), &[&member], code(MultisigError::Paused)).await;
    let actions = vec![ConfigAction::SetPauseFlags { flags: 0 }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    f.env.send_ok(&[ix], &[&member]).await;
}

#[tokio::test]
async fn token_limits_on_spl_token_and_token_2022_with_transfer_fee() {
    let cases = [
        (spl_token::ID, vec![]),
        (spl_token_2022::ID, vec![MintExtension::TransferFee { basis_points: 100, maximum_fee: 1_000_000 }]),
    ];
    for (token_program, extensions) in cases {
        let mut f = Fixture::new().await;
        let vault = f.vault(0);
        let mint = f.env.create_mint_with(6, &token_program, &extensions).await;
        let vault_ata = f.env.funded_token_account(&mint, &vault, 5_000_000, &token_program).await;
        let dest = Keypair::new().pubkey();
        let dest_ata = f.env.token_account(&mint, &dest, &token_program).await;
        let spender = f.members[0].pubkey();
        let limit = add_limit(&mut f, mint, 2_000_000, Period::Week, vec![spender], vec![]).await;
        let token = TokenTransferAccounts {
            mint,
            vault_token_account: vault_ata,
            destination_token_account: dest_ata,
            token_program,
        };
        let member = f.member(0);
        let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, Some(token), 1_000_000, 6, None);
        f.env.send_ok(&[ix], &[&member]).await;
        assert_eq!(f.env.token_balance(&vault_ata).await, 4_000_000);
        let fee = if extensions.is_empty() { 0 } else { 10_000 };
        assert_eq!(f.env.token_balance(&dest_ata).await, 1_000_000 - fee, "fee mints debit the gross amount");
        let remaining: SpendingLimit = f.env.account(&limit).await;
        assert_eq!(remaining.remaining_amount, 1_000_000);

        let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, Some(token), 1, 9, None);
        f.env.send_err(&[ix], &[&member], code(MultisigError::DecimalsMismatch)).await;
        // A token account of another owner as destination is refused.
        let foreign = TokenTransferAccounts { destination_token_account: vault_ata, ..token };
        let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, Some(foreign), 1, 6, None);
        f.env.send_fails(&[ix], &[&member]).await;
    }
}

#[tokio::test]
async fn transfer_hook_mints_are_refused_explicitly() {
    let mut f = Fixture::new().await;
    let token_program = spl_token_2022::ID;
    let vault = f.vault(0);
    let hook = MintExtension::TransferHook { program_id: Pubkey::new_unique() };
    let mint = f.env.create_mint_with(6, &token_program, &[hook]).await;
    let vault_ata = f.env.funded_token_account(&mint, &vault, 5_000_000, &token_program).await;
    let dest = Keypair::new().pubkey();
    let dest_ata = f.env.token_account(&mint, &dest, &token_program).await;
    let spender = f.members[0].pubkey();
    let limit = add_limit(&mut f, mint, 2_000_000, Period::Day, vec![spender], vec![]).await;
    let token = TokenTransferAccounts {
        mint,
        vault_token_account: vault_ata,
        destination_token_account: dest_ata,
        token_program,
    };
    let ix = ms::spending_limit_use(&f.multisig, &limit, 0, &spender, &dest, Some(token), 1, 6, None);
    f.env.send_err(&[ix], &[&f.member(0)], code(MultisigError::UnsupportedMintExtension)).await;
}

#[tokio::test]
async fn removing_a_limit_closes_it() {
    let mut f = Fixture::new().await;
    let spender = f.members[0].pubkey();
    let limit = add_limit(&mut f, Pubkey::default(), 5, Period::Month, vec![spender], vec![]).await;
    let actions = vec![ConfigAction::RemoveSpendingLimit { spending_limit: limit }];
    let index = f.propose_config(0, actions.clone()).await;
    f.vote(index, 1, Vote::Approve).await;
    f.execute_config(index, 0, &actions).await;
    assert!(!f.env.exists(&limit).await);
}

#[tokio::test]
async fn spending_limit_accounts_are_validated() {
    let authority = Keypair::new();
    let mut f =
        Fixture::with(crate::common::Settings { config_authority: Some(authority.pubkey()), ..Default::default() })
            .await;
    f.env.transfer_sol(&authority.pubkey(), 1_000_000_000).await;
    let create_key = Keypair::new().pubkey();
    let action = ConfigAction::AddSpendingLimit {
        create_key,
        vault_index: 0,
        mint: Pubkey::default(),
        amount: 1,
        period: Period::Day,
        members: vec![f.members[0].pubkey()],
        destinations: vec![],
    };
    let ix = ms::multisig_config_apply(
        &f.multisig,
        &authority.pubkey(),
        Some(&authority.pubkey()),
        None,
        vec![action.clone()],
        None,
    );
    let last = ix.accounts.len() - 1;
    // Not the PDA derived from the create key.
    let mut wrong = ix.clone();
    wrong.accounts[last].pubkey = Pubkey::new_unique();
    f.env.send_err(&[wrong], &[&authority], code(MultisigError::InvalidSpendingLimitAccount)).await;
    // Passed read-only.
    let mut readonly = ix.clone();
    readonly.accounts[last].is_writable = false;
    f.env.send_err(&[readonly], &[&authority], code(MultisigError::InvalidSpendingLimitAccount)).await;
    f.env.send_ok(&[ix], &[&authority]).await;
    // Removing "a spending limit" that is really the multisig account itself (a duplicate mutable
    // account of another type) is refused by the discriminator check.
    let remove = ConfigAction::RemoveSpendingLimit { spending_limit: f.multisig };
    let ix = ms::multisig_config_apply(
        &f.multisig,
        &authority.pubkey(),
        Some(&authority.pubkey()),
        None,
        vec![remove],
        None,
    );
    f.env
        .send_err(
            &[ix],
            &[&authority],
            crate::common::anchor_code(anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch),
        )
        .await;
    assert!(f.env.exists(&ms::spending_limit_pda(&f.multisig, &create_key).0).await);
}
