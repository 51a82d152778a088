//! Token-2022: a plain Token-2022 mint works end to end; mints with a transfer fee or a transfer
//! hook are refused explicitly.
use anchor_spl::token_2022::spl_token_2022;
use psp_sdk::timelock as tl;
use psp_tests::tokens::MintExtension;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::LockCancelled;
use psp_timelock::state::LockStatus;
use solana_sdk::signature::Signer;

use crate::common::{code, linear, open_policies, Fixture, SENDER_FUNDS, T0};

#[tokio::test]
async fn token_2022_lock_without_extensions_works_end_to_end() {
    let mut f = Fixture::with_token_program(spl_token_2022::ID).await;
    let lock = f.lock_with(1_000, linear(T0, T0, 0, T0 + 1_000, 100)).await;
    let state = f.lock(&lock).await;
    assert_eq!(state.token_program, spl_token_2022::ID);
    let escrow = f.env.ctx.banks_client.get_account(state.escrow).await.unwrap().expect("escrow");
    assert_eq!(escrow.owner, spl_token_2022::ID);
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 1_000, 0, 1_000));

    f.at(300).await;
    f.withdraw_ok(&lock, Some(250)).await;
    let (cranker, _) = f.stranger().await;
    let recipient_ata = f.recipient_ata;
    let ix = f.withdraw_ix(&lock, &cranker.pubkey(), &recipient_ata, None).await;
    f.env.send_ok(&[ix], &[&cranker]).await;
    let ix = f.top_up_ix(&lock, 500).await;
    let sender = f.sender.insecure_clone();
    f.env.send_ok(&[ix], &[&sender]).await;
    // 1_500 total: 450 vested at 300 s, 300 withdrawn.
    f.at(300).await;
    let ix = f.cancel_ix(&lock, &sender.pubkey()).await;
    let out = f.env.send_ok(&[ix], &[&sender]).await;
    let e = &out.cpi_events::<LockCancelled>()[0];
    assert_eq!((e.paid_to_recipient, e.refunded_to_sender, e.total), (150, 1_050, 1_500));
    assert_eq!(f.balances(&lock).await, (SENDER_FUNDS - 450, 450, 0));
    assert_eq!(f.lock(&lock).await.status, LockStatus::Cancelled);

    let rent = f.env.lamports(&lock).await + f.env.lamports(&state.escrow).await;
    let before = f.env.lamports(&sender.pubkey()).await;
    let ix = f.close_ix(&lock, &sender.pubkey()).await;
    f.env.send_ok(&[ix], &[&sender]).await;
    assert_eq!(f.env.lamports(&sender.pubkey()).await, before + rent);
    assert!(!f.env.exists(&state.escrow).await);
}

#[tokio::test]
async fn mints_with_transfer_fee_or_transfer_hook_are_refused() {
    let mut f = Fixture::with_token_program(spl_token_2022::ID).await;
    let extensions = [
        MintExtension::TransferFee { basis_points: 100, maximum_fee: 1_000 },
        MintExtension::TransferHook { program_id: psp_timelock::ID },
    ];
    let sender = f.sender.insecure_clone();
    for extension in extensions {
        let mint = f.env.create_mint_with(6, &spl_token_2022::ID, &[extension]).await;
        let sender_ata = f.env.funded_token_account(&mint, &sender.pubkey(), 10_000, &spl_token_2022::ID).await;
        let args = f.args(1_000, linear(T0, T0, 0, T0 + 1_000, 100), open_policies());
        let (ix, lock) = tl::create_lock(&sender.pubkey(), &sender_ata, &mint, &spl_token_2022::ID, args);
        let failure = f.env.send_err(&[ix], &[&sender], code(TimelockError::UnsupportedMintExtension)).await;
        assert!(!f.env.exists(&lock).await, "{extension:?}: {:?}", failure.logs);
        assert_eq!(f.env.token_balance(&sender_ata).await, 10_000);
    }
}
