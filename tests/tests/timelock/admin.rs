//! Settings: one-time initialization, the two-step admin transfer, the guardian, and the
//! validation of mint policies.
use psp_sdk::timelock as tl;
use psp_tests::TestEnv;
use psp_timelock::constants::MAX_MIN_DELAY;
use psp_timelock::errors::TimelockError;
use psp_timelock::events::{AdminChanged, ConfigInitialized, GuardianChanged};
use psp_timelock::state::Config;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{code, mint_policy_args, Fixture};

/// The config account.
async fn config(f: &mut Fixture) -> Config {
    f.env.account(&tl::config_pda().0).await
}

#[tokio::test]
async fn initialize_config_once() {
    let mut env = TestEnv::start_with(&["psp_timelock"]).await;
    let (admin, guardian) = (Keypair::new().pubkey(), Keypair::new().pubkey());
    let initializer = env.funded_keypair(1).await;
    let ix = tl::initialize_config(&initializer.pubkey(), &admin, &guardian);
    let out = env.send_ok(&[ix], &[&initializer]).await;
    let (key, bump) = tl::config_pda();
    let e = &out.events::<ConfigInitialized>(&psp_timelock::ID)[0];
    assert_eq!((e.config, e.admin, e.guardian), (key, admin, guardian));
    let config: Config = env.account(&key).await;
    assert_eq!((config.version, config.bump, config.admin, config.guardian), (1, bump, admin, guardian));
    assert_eq!((config.pending_admin, config.paused, config.lock_count), (None, 0, 0));
    // A second initialization (e.g. a front-runner naming itself admin) fails.
    let attacker = env.funded_keypair(1).await;
    let ix = tl::initialize_config(&attacker.pubkey(), &attacker.pubkey(), &attacker.pubkey());
    env.send_fails(&[ix], &[&attacker]).await;
    let config: Config = env.account(&key).await;
    assert_eq!((config.admin, config.guardian), (admin, guardian));
}

#[tokio::test]
async fn admin_transfer_takes_two_steps() {
    let mut f = Fixture::new().await;
    let old = f.admin.insecure_clone();
    let new = f.env.funded_keypair(1).await;
    let wrong = f.env.funded_keypair(1).await;
    // Only the admin proposes.
    let ix = tl::propose_admin(&wrong.pubkey(), &wrong.pubkey());
    f.env.send_err(&[ix], &[&wrong], code(TimelockError::Unauthorized)).await;
    // Nothing pending yet.
    f.env.send_err(&[tl::accept_admin(&new.pubkey())], &[&new], code(TimelockError::NoPendingAdmin)).await;
    let out = f.env.send_ok(&[tl::propose_admin(&old.pubkey(), &new.pubkey())], &[&old]).await;
    let e = &out.events::<AdminChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.old_admin, e.new_admin, e.accepted), (old.pubkey(), new.pubkey(), false));
    assert_eq!(config(&mut f).await.pending_admin, Some(new.pubkey()));
    assert_eq!(config(&mut f).await.admin, old.pubkey(), "not yet transferred");
    f.env.send_err(&[tl::accept_admin(&wrong.pubkey())], &[&wrong], code(TimelockError::NoPendingAdmin)).await;
    let out = f.env.send_ok(&[tl::accept_admin(&new.pubkey())], &[&new]).await;
    let e = &out.events::<AdminChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.old_admin, e.new_admin, e.accepted), (old.pubkey(), new.pubkey(), true));
    let state = config(&mut f).await;
    assert_eq!((state.admin, state.pending_admin), (new.pubkey(), None));
    // The old admin lost its rights; the new one has them.
    let ix = tl::set_guardian(&old.pubkey(), &old.pubkey());
    f.env.send_err(&[ix], &[&old], code(TimelockError::Unauthorized)).await;
    f.env.send_ok(&[tl::set_guardian(&new.pubkey(), &wrong.pubkey())], &[&new]).await;
    assert_eq!(config(&mut f).await.guardian, wrong.pubkey());
    // Accepting twice is impossible.
    f.env.send_err(&[tl::accept_admin(&new.pubkey())], &[&new], code(TimelockError::NoPendingAdmin)).await;
}

#[tokio::test]
async fn only_the_admin_sets_the_guardian() {
    let mut f = Fixture::new().await;
    let guardian = f.guardian.insecure_clone();
    let next = Keypair::new().pubkey();
    let ix = tl::set_guardian(&guardian.pubkey(), &guardian.pubkey());
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::Unauthorized)).await;
    let admin = f.admin.insecure_clone();
    let out = f.env.send_ok(&[tl::set_guardian(&admin.pubkey(), &next)], &[&admin]).await;
    let e = &out.events::<GuardianChanged>(&psp_timelock::ID)[0];
    assert_eq!((e.old_guardian, e.new_guardian), (guardian.pubkey(), next));
    assert_eq!(config(&mut f).await.guardian, next);
    // The old guardian can no longer pause.
    let ix = tl::set_pause(&guardian.pubkey(), None, psp_timelock::state::pause::CREATE);
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::Unauthorized)).await;
}

#[tokio::test]
async fn mint_policy_is_admin_only_and_validated() {
    let mut f = Fixture::new().await;
    let mint = f.mint;
    let guardian = f.guardian.insecure_clone();
    let ix = tl::set_mint_policy(&guardian.pubkey(), &guardian.pubkey(), &mint, mint_policy_args(1, 0, 0, 0));
    f.env.send_err(&[ix], &[&guardian], code(TimelockError::Unauthorized)).await;
    let policy = tl::mint_policy_pda(&mint).0;
    assert!(!f.env.exists(&policy).await);
    let admin = f.admin.insecure_clone();
    let cases = [
        (mint_policy_args(0, 0, 1, 0), TimelockError::InvalidOutflowWindow),
        (mint_policy_args(0, -1, 0, 0), TimelockError::InvalidMinDelay),
        (mint_policy_args(0, MAX_MIN_DELAY + 1, 0, 0), TimelockError::InvalidMinDelay),
    ];
    for (args, error) in cases {
        let ix = tl::set_mint_policy(&admin.pubkey(), &admin.pubkey(), &mint, args);
        f.env.send_err(&[ix], &[&admin], code(error)).await;
    }
    assert!(!f.env.exists(&policy).await);
    // The bounds themselves are fine; a separate payer may fund the policy.
    let payer = f.env.payer();
    let ix = tl::set_mint_policy(&admin.pubkey(), &payer.pubkey(), &mint, mint_policy_args(7, MAX_MIN_DELAY, 5, 1));
    f.env.send_ok(&[ix], &[&admin]).await;
    let state = f.mint_policy().await;
    assert_eq!((state.high_value_threshold, state.min_delay), (7, MAX_MIN_DELAY));
    assert_eq!((state.outflow.cap, state.outflow.window_seconds, state.outflow.bucket_seconds), (5, 1, 1));
    // An invalid update leaves the policy as it was.
    let ix = tl::set_mint_policy(&admin.pubkey(), &admin.pubkey(), &mint, mint_policy_args(9, 0, 9, 0));
    f.env.send_err(&[ix], &[&admin], code(TimelockError::InvalidOutflowWindow)).await;
    assert_eq!(f.mint_policy().await.high_value_threshold, 7);
}
