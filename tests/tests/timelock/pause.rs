//! Pause bits, program-wide and per mint: each bit blocks its operation, the recipient's own
//! withdrawal stays open under every bit but HALT, and only the admin clears bits.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use psp_sdk::timelock as tl;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::PauseChanged;
use psp_timelock::state::{pause, Config};
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, linear, open_policies, Fixture, T0};

/// An operation guarded by a pause bit.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Create,
    Crank,
    Cancel,
    TopUp,
    Transfer,
}

/// Each operation bit with the operation it guards.
const BITS: [(u8, Op); 5] = [
    (pause::CREATE, Op::Create),
    (pause::WITHDRAW, Op::Crank),
    (pause::CANCEL, Op::Cancel),
    (pause::TOP_UP, Op::TopUp),
    (pause::TRANSFER, Op::Transfer),
];

/// The instruction performing `op` on `lock` and the key that must sign it.
async fn op_ix(f: &mut Fixture, op: Op, lock: &Pubkey, cranker: &Keypair) -> (Instruction, Keypair) {
    let sender = f.sender.insecure_clone();
    let ix = match op {
        Op::Create => {
            let args = f.args(1, linear(T0, T0, 0, T0 + 10, 1), open_policies());
            f.create_ix(args).0
        }
        Op::Crank => f.withdraw_ix(lock, &cranker.pubkey(), &f.recipient_ata.clone(), Some(1)).await,
        Op::Cancel => f.cancel_ix(lock, &sender.pubkey()).await,
        Op::TopUp => f.top_up_ix(lock, 1).await,
        Op::Transfer => tl::transfer_recipient(lock, &f.lock(lock).await, &sender.pubkey(), &Pubkey::new_unique()),
    };
    let signer = if op == Op::Crank { cranker.insecure_clone() } else { sender };
    (ix, signer)
}

/// A fixture with a lock vesting one token per second and a cranker.
async fn fixture() -> (Fixture, Pubkey, Keypair) {
    let mut f = Fixture::new().await;
    let lock = f.lock_with(100_000, linear(T0, T0, 0, T0 + 100_000, 1)).await;
    let (cranker, _) = f.stranger().await;
    (f, lock, cranker)
}

#[tokio::test]
async fn each_bit_blocks_its_operation_and_the_recipient_still_withdraws() {
    let (mut f, lock, cranker) = fixture().await;
    let guardian = f.guardian.insecure_clone();
    let mint = f.mint;
    let mut now = 0;
    for scope in [None, Some(mint)] {
        for (bit, blocked) in BITS {
            now += 10;
            f.at(now).await;
            let ix = tl::set_pause(&guardian.pubkey(), scope.as_ref(), bit);
            let out = f.env.send_ok(&[ix], &[&guardian]).await;
            let e = &out.events::<PauseChanged>(&psp_timelock::ID)[0];
            assert_eq!((e.mint, e.old_flags, e.new_flags), (scope, 0, bit));
            let (ix, signer) = op_ix(&mut f, blocked, &lock, &cranker).await;
            f.env.send_err(&[ix], &[&signer], code(TimelockError::Paused)).await;
            // Cranking is blocked only by its own bit.
            if blocked != Op::Crank {
                let (ix, signer) = op_ix(&mut f, Op::Crank, &lock, &cranker).await;
                f.env.send_ok(&[ix], &[&signer]).await;
            }
            let before = f.balance(&f.recipient_ata.clone()).await;
            f.withdraw_ok(&lock, Some(2)).await;
            assert_eq!(f.balance(&f.recipient_ata.clone()).await, before + 2, "{blocked:?} {scope:?}");
            let ix = tl::set_pause(&guardian.pubkey(), scope.as_ref(), 0);
            f.env.send_err(&[ix], &[&guardian], code(TimelockError::GuardianCannotUnpause)).await;
            f.admin_pause(scope.as_ref(), 0).await;
            // Unpaused: the operation works again (transfer and cancel are left for the end).
            if ![Op::Cancel, Op::Transfer].contains(&blocked) {
                let (ix, signer) = op_ix(&mut f, blocked, &lock, &cranker).await;
                f.env.send_ok(&[ix], &[&signer]).await;
            }
        }
    }
    let other = f.lock_with(10, linear(T0, T0, 0, T0 + 10, 1)).await;
    for (op, target) in [(Op::Cancel, other), (Op::Transfer, lock)] {
        let (ix, signer) = op_ix(&mut f, op, &target, &cranker).await;
        f.env.send_ok(&[ix], &[&signer]).await;
    }
}

#[tokio::test]
async fn halt_blocks_everything_including_the_recipient() {
    let (mut f, lock, cranker) = fixture().await;
    let finished = f.lock_with(10, linear(T0, T0, 0, T0 + 10, 1)).await;
    f.at(10).await;
    f.withdraw_ok(&finished, None).await;
    let mint = f.mint;
    let guardian = f.guardian.insecure_clone();
    for scope in [None, Some(mint)] {
        let ix = tl::set_pause(&guardian.pubkey(), scope.as_ref(), pause::HALT);
        f.env.send_ok(&[ix], &[&guardian]).await;
        for (_, op) in BITS {
            let (ix, signer) = op_ix(&mut f, op, &lock, &cranker).await;
            f.env.send_err(&[ix], &[&signer], code(TimelockError::Paused)).await;
        }
        f.withdraw_err(&lock, None, TimelockError::Paused).await;
        let sender = f.sender.insecure_clone();
        let ix = f.close_ix(&finished, &sender.pubkey()).await;
        // A halt, program-wide or for the mint, also stops closing.
        f.env.send_err(&[ix], &[&sender], code(TimelockError::Paused)).await;
        f.admin_pause(scope.as_ref(), 0).await;
    }
    f.withdraw_ok(&lock, None).await;
    assert_eq!(f.balance(&f.recipient_ata.clone()).await, 10 + 10);
}

#[tokio::test]
async fn unknown_flags_and_non_authorities_are_refused() {
    let (mut f, _, cranker) = fixture().await;
    let admin = f.admin.insecure_clone();
    for flags in [1 << 5, 1 << 6, 0xff] {
        let ix = tl::set_pause(&admin.pubkey(), None, flags);
        f.env.send_err(&[ix], &[&admin], code(TimelockError::UnknownPauseFlags)).await;
    }
    let ix = tl::set_pause(&cranker.pubkey(), None, pause::CREATE);
    f.env.send_err(&[ix], &[&cranker], code(TimelockError::Unauthorized)).await;
    let mint = f.mint;
    let ix = tl::set_pause(&cranker.pubkey(), Some(&mint), pause::CREATE);
    f.env.send_err(&[ix], &[&cranker], code(TimelockError::Unauthorized)).await;
    // The admin may set and clear any combination at once.
    f.admin_pause(None, pause::ALL).await;
    let config: Config = f.env.account(&tl::config_pda().0).await;
    assert_eq!(config.paused, pause::ALL);
    let out = f.admin_pause(None, pause::CANCEL).await;
    let e = &out.events::<PauseChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.mint, e.authority, e.old_flags, e.new_flags), (None, admin.pubkey(), pause::ALL, pause::CANCEL));
    assert_eq!(f.env.account::<Config>(&tl::config_pda().0).await.paused, pause::CANCEL);
}
