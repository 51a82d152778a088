//! Admin settings: the two-step admin transfer, pool config changes (guardian, cooldown,
//! minimum voting lockup) and their validation, and non-admins refused on every admin
//! instruction.
use anchor_lang::prelude::Pubkey;
use psp_sdk::staking as st;
use psp_staking::errors::StakingError;
use psp_staking::events::{AdminChanged, PoolConfigChanged};
use psp_staking::{PoolConfigArgs, SetStreamArgs};
use solana_sdk::signature::Signer;

use crate::common::{code, Fixture, COOLDOWN, MIN_VOTING_LOCKUP};

#[tokio::test]
async fn admin_transfer_takes_two_steps() {
    let mut f = Fixture::new().await;
    let (admin, successor, stranger) =
        (f.admin.insecure_clone(), f.env.funded_keypair(1).await, f.env.funded_keypair(1).await);
    f.env
        .send_err(&[st::accept_admin(&f.pool, &successor.pubkey())], &[&successor], code(StakingError::NoPendingAdmin))
        .await;
    let out = f.env.send_ok(&[st::propose_admin(&f.pool, &admin.pubkey(), &successor.pubkey())], &[&admin]).await;
    let e = &out.events::<AdminChanged>(&psp_staking::ID)[0];
    assert_eq!((e.old_admin, e.new_admin, e.accepted), (admin.pubkey(), successor.pubkey(), false));
    assert_eq!(f.pool_state().await.pending_admin, Some(successor.pubkey()));
    f.env
        .send_err(&[st::accept_admin(&f.pool, &stranger.pubkey())], &[&stranger], code(StakingError::NoPendingAdmin))
        .await;
    let ix = st::propose_admin(&f.pool, &stranger.pubkey(), &stranger.pubkey());
    f.env.send_err(&[ix], &[&stranger], code(StakingError::Unauthorized)).await;
    let out = f.env.send_ok(&[st::accept_admin(&f.pool, &successor.pubkey())], &[&successor]).await;
    let e = &out.events::<AdminChanged>(&psp_staking::ID)[0];
    assert_eq!((e.old_admin, e.new_admin, e.accepted), (admin.pubkey(), successor.pubkey(), true));
    let pool = f.pool_state().await;
    assert_eq!((pool.admin, pool.pending_admin), (successor.pubkey(), None));
    // The old admin is now refused; the new one is obeyed.
    let args = PoolConfigArgs { guardian: admin.pubkey(), cooldown: 5, min_voting_lockup: 0 };
    f.env
        .send_err(&[st::set_pool_config(&f.pool, &admin.pubkey(), args)], &[&admin], code(StakingError::Unauthorized))
        .await;
    f.env.send_ok(&[st::set_pool_config(&f.pool, &successor.pubkey(), args)], &[&successor]).await;
    assert_eq!(f.pool_state().await.cooldown, 5);
}

#[tokio::test]
async fn pool_config_changes_are_validated_and_reported() {
    let mut f = Fixture::new().await;
    let admin = f.admin.insecure_clone();
    let guardian = Pubkey::new_unique();
    let args = PoolConfigArgs { guardian, cooldown: 7, min_voting_lockup: 2_000 };
    let out = f.env.send_ok(&[st::set_pool_config(&f.pool, &admin.pubkey(), args)], &[&admin]).await;
    let e = &out.events::<PoolConfigChanged>(&psp_staking::ID)[0];
    assert_eq!(
        (e.old_guardian, e.new_guardian, e.old_cooldown, e.new_cooldown),
        (f.guardian.pubkey(), guardian, COOLDOWN, 7)
    );
    assert_eq!((e.old_min_voting_lockup, e.new_min_voting_lockup), (MIN_VOTING_LOCKUP, 2_000));
    let pool = f.pool_state().await;
    assert_eq!((pool.guardian, pool.cooldown, pool.min_voting_lockup), (guardian, 7, 2_000));
    for bad in [
        PoolConfigArgs { cooldown: -1, ..args },
        PoolConfigArgs { cooldown: psp_staking::constants::MAX_COOLDOWN + 1, ..args },
        PoolConfigArgs { min_voting_lockup: crate::common::MAX_LOCKUP + 1, ..args },
    ] {
        f.env
            .send_err(
                &[st::set_pool_config(&f.pool, &admin.pubkey(), bad)],
                &[&admin],
                code(StakingError::InvalidPoolConfig),
            )
            .await;
    }
    assert_eq!(f.pool_state().await.cooldown, 7);
}

#[tokio::test]
async fn non_admins_are_refused_on_every_admin_instruction() {
    let mut f = Fixture::new().await;
    let index = f.add_stream(10).await;
    let stranger = f.env.funded_keypair(1).await;
    let state = f.pool_state().await;
    let stream = state.streams[usize::from(index)];
    let stranger_ata = f.env.token_account(&stream.reward_mint, &stranger.pubkey(), &stream.token_program).await;
    let mint = f.env.create_mint(6, &anchor_spl::token::ID).await;
    let payer = f.env.payer().pubkey();
    let s = stranger.pubkey();
    let ixs = [
        st::set_pool_config(&f.pool, &s, PoolConfigArgs { guardian: s, cooldown: 0, min_voting_lockup: 0 }),
        st::add_stream(&f.pool, &state, &s, &payer, &mint, &anchor_spl::token::ID, 1_000_000),
        st::set_stream(&f.pool, &s, index, SetStreamArgs { rate_per_second: Some(1_000_000), outflow_cap: None }),
        st::retire_stream(&f.pool, &state, index, &s, &stranger_ata),
        st::propose_admin(&f.pool, &s, &s),
    ];
    for ix in ixs {
        f.env.send_err(&[ix], &[&stranger], code(StakingError::Unauthorized)).await;
    }
    let after = f.pool_state().await;
    assert_eq!(
        (after.admin, after.guardian, after.cooldown, after.next_stream_id),
        (f.admin.pubkey(), f.guardian.pubkey(), COOLDOWN, 2)
    );
    assert_eq!(after.streams[usize::from(index)], stream);
}
