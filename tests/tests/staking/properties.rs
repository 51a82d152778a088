//! Property test driving the real program (few cases: each starts a bank): random stakes and
//! lock lengths, random claims, cooldowns, withdrawals and refreshes at random times, two
//! streams. Per stream, what was claimed never exceeds what was funded and the books balance
//! (allocated + unallocated == funded, vault == funded - claimed, rounding dust bounded); the stake vault always holds
//! exactly `pool.total_staked`, everyone gets their whole stake back at the end, and after every
//! step the reward state replayed from the events equals the accounts.
use anchor_lang::prelude::Pubkey;
use proptest::prelude::*;
use psp_staking::errors::StakingError;
use psp_tests::{TxFailure, TxOutput};

use crate::common::{code, Fixture, COOLDOWN, MAX_LOCKUP, STAKER_FUNDS};
use crate::replay::assert_replay_matches;

/// Runs `case` to completion on a fresh tokio runtime.
fn block_on<F: std::future::Future<Output = Result<(), TestCaseError>>>(case: F) -> Result<(), TestCaseError> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(case)
}

/// Fails the case unless `result` succeeded or failed with one of the `expected` errors.
fn allowed(result: Result<TxOutput, TxFailure>, expected: &[StakingError]) -> Result<(), TestCaseError> {
    if let Err(f) = result {
        let codes: Vec<u32> = expected.iter().map(|e| code(*e)).collect();
        prop_assert!(
            f.custom_code().is_some_and(|c| codes.contains(&c)),
            "unexpected {:?}\n{}",
            f.error,
            f.logs.join("\n")
        );
    }
    Ok(())
}

/// One random step: seconds to wait, which staker, and what it does (0-1 claim stream 0-1,
/// 2 cool half the stake, 3 withdraw, 4 refresh, 5 fund stream 0 with 1_000 more).
type Op = (i64, usize, u8);

/// The whole random history; see the module doc for the checks.
async fn run(stakes: Vec<(u64, i64)>, rates: (u64, u64), funds: (u64, u64), ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut f = Fixture::new().await;
    let streams = [f.add_stream(rates.0).await, f.add_stream(rates.1).await];
    let mut funded = [funds.0, funds.1];
    for (index, amount) in streams.iter().zip(funded) {
        f.fund(*index, amount).await;
    }
    let mut stakers = Vec::new();
    for &(amount, lock) in &stakes {
        let staker = f.staker().await;
        let (position, _) = f.open(&staker, 0, amount, lock).await;
        stakers.push((staker, position));
    }
    // Rounding dust (allocated, never claimable) is at most one unit per accrual plus one per
    // settlement: bounded by the transactions sent.
    let dust_bound = 2 * (ops.len() as u64 + 3 * stakers.len() as u64) + 2;
    let mut now = 0;
    for (dt, who, action) in ops {
        now += dt;
        f.at(now).await;
        let (staker, position) = &stakers[who % stakers.len()];
        match action {
            0 | 1 => {
                allowed(f.claim(staker, position, streams[usize::from(action)]).await, &[StakingError::NothingToClaim])?
            }
            2 => {
                let half = f.position(position).await.amount / 2;
                let result = f.cooldown(staker, position, half).await;
                allowed(result, &[StakingError::StillLocked, StakingError::ZeroAmount])?;
            }
            3 => allowed(
                f.withdraw(staker, position).await,
                &[StakingError::NothingCooling, StakingError::CooldownNotOver],
            )?,
            4 => {
                f.refresh(position).await;
            }
            _ => {
                f.fund(streams[0], 1_000).await;
                funded[0] += 1_000;
            }
        }
        let pool = f.pool_state().await;
        prop_assert_eq!(f.stake_vault_balance().await, pool.total_staked);
        let positions: Vec<Pubkey> = stakers.iter().map(|(_, p)| *p).collect();
        assert_replay_matches(&mut f, &positions, &format!("after {action} at {now}")).await;
    }
    // Everyone unstakes after every lock has ended, and claims both streams.
    now += MAX_LOCKUP;
    f.at(now).await;
    for (staker, position) in &stakers {
        let amount = f.position(position).await.amount;
        if amount > 0 {
            allowed(f.cooldown(staker, position, amount).await, &[])?;
        }
    }
    f.at(now + COOLDOWN).await;
    for (staker, position) in &stakers {
        allowed(f.withdraw(staker, position).await, &[StakingError::NothingCooling])?;
        for index in streams {
            allowed(f.claim(staker, position, index).await, &[StakingError::NothingToClaim])?;
        }
        prop_assert_eq!(f.balance(&staker.ata).await, STAKER_FUNDS);
    }
    let pool = f.pool_state().await;
    prop_assert_eq!((pool.total_staked, pool.total_cooling, pool.total_weight), (0, 0, 0));
    prop_assert_eq!(f.stake_vault_balance().await, 0);
    for (index, funded) in streams.iter().zip(funded) {
        let mut claimed = 0;
        for (staker, _) in &stakers {
            let ata = f.reward_ata(&staker.pubkey(), *index).await;
            claimed += f.balance(&ata).await;
        }
        let stream = pool.streams[usize::from(*index)];
        prop_assert!(claimed <= funded, "claimed {} of {}", claimed, funded);
        prop_assert_eq!(stream.total_claimed, claimed);
        prop_assert_eq!(stream.total_allocated + stream.unallocated, funded);
        prop_assert!(
            stream.total_allocated - claimed <= dust_bound,
            "unclaimable dust {}",
            stream.total_allocated - claimed
        );
        prop_assert_eq!(f.balance(&stream.reward_vault).await, funded - claimed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn claims_never_exceed_funding_and_the_stake_vault_matches(
        stakes in proptest::collection::vec((1u64..1_000_000, 0i64..=MAX_LOCKUP), 1..5),
        rates in (1u64..1_000, 1u64..50),
        funds in (0u64..2_000_000, 1u64..100_000),
        ops in proptest::collection::vec((0i64..3_000, 0usize..5, 0u8..6), 0..25),
    ) {
        block_on(run(stakes, rates, funds, ops))?;
    }
}
