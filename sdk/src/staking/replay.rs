//! The staking reward state rebuilt from events alone (what an indexer keeps): per pool its
//! total weight and every stream slot's values, per position its weight and reward checkpoints.
//! Accrued-unclaimed rewards at any time come from the program's own pure math
//! (`RewardStream::accrue`, `PositionReward::settle`), never from a second formula.
use std::collections::BTreeMap;

use anchor_lang::prelude::Pubkey;
use psp_staking::constants::MAX_STREAMS;
use psp_staking::state::{PositionReward, RewardStream, StreamSnapshot};

use super::events::StakingEvent;

/// A pool as its events describe it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoolReplay {
    /// Sum of position weights (the accumulators' denominator).
    pub total_weight: u128,
    /// Tokens in positions, earning or cooling.
    pub total_staked: u64,
    /// Every stream slot after the last instruction that settled or changed them.
    pub streams: [StreamSnapshot; MAX_STREAMS],
}

/// A position as its events describe it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionReplay {
    /// The pool.
    pub pool: Pubkey,
    /// The owner.
    pub owner: Pubkey,
    /// Staked and earning.
    pub amount: u64,
    /// Unbonding.
    pub cooling_amount: u64,
    /// Lock end.
    pub lock_end: i64,
    /// Boost of the current weight.
    pub multiplier_bps: u32,
    /// Share of rewards.
    pub weight: u128,
    /// Reward checkpoints per stream slot.
    pub rewards: [PositionReward; MAX_STREAMS],
}

/// Pools and positions rebuilt from staking events applied in transaction order.
#[derive(Clone, Debug, Default)]
pub struct StakingReplay {
    /// Pools by address.
    pub pools: BTreeMap<Pubkey, PoolReplay>,
    /// Open positions by address.
    pub positions: BTreeMap<Pubkey, PositionReplay>,
}

impl StakingReplay {
    /// Applies one event (events that carry no reward state are ignored).
    pub fn apply(&mut self, event: &StakingEvent) {
        match event {
            StakingEvent::PoolCreated(e) => {
                self.pools.entry(e.pool).or_default();
            }
            StakingEvent::StreamsSettled(e) => {
                let pool = self.pools.entry(e.pool).or_default();
                pool.total_weight = e.total_weight;
                pool.total_staked = e.total_staked;
                pool.streams = e.streams;
            }
            StakingEvent::PositionChanged(e) => {
                let pool = self.pools.entry(e.pool).or_default();
                pool.total_weight = e.total_weight;
                pool.total_staked = e.total_staked;
                self.positions.insert(
                    e.position,
                    PositionReplay {
                        pool: e.pool,
                        owner: e.owner,
                        amount: e.position_amount,
                        cooling_amount: e.cooling_amount,
                        lock_end: e.lock_end,
                        multiplier_bps: e.multiplier_bps,
                        weight: e.new_weight,
                        rewards: e.rewards,
                    },
                );
            }
            StakingEvent::RewardsClaimed(e) => {
                if let Some(position) = self.positions.get_mut(&e.position) {
                    position.rewards = e.rewards;
                }
            }
            StakingEvent::PositionClosed(e) => {
                self.positions.remove(&e.position);
            }
            _ => {}
        }
    }

    /// Stream slot `index` of `pool` as the program would have it after settling at `now`
    /// (`RewardStream::accrue` at the pool's total weight); `None` for an unknown pool or slot.
    pub fn stream_at(&self, pool: &Pubkey, index: usize, now: i64) -> Option<anchor_lang::Result<RewardStream>> {
        let replayed = self.pools.get(pool)?;
        let mut stream = replayed.streams.get(index)?.to_stream();
        Some(stream.accrue(replayed.total_weight, now).map(|_| stream))
    }

    /// What `position` has earned and not claimed, per stream slot, if its pool settled at
    /// `now`: its checkpoints settled (`PositionReward::settle`) against each stream accrued to
    /// `now`. `None` for an unknown position.
    pub fn accrued_unclaimed(&self, position: &Pubkey, now: i64) -> Option<anchor_lang::Result<[u64; MAX_STREAMS]>> {
        let replayed = self.positions.get(position)?;
        let mut out = [0; MAX_STREAMS];
        for (index, slot) in out.iter_mut().enumerate() {
            let stream = match self.stream_at(&replayed.pool, index, now)? {
                Ok(stream) => stream,
                Err(e) => return Some(Err(e)),
            };
            let mut reward = replayed.rewards[index];
            if let Err(e) = reward.settle(replayed.weight, &stream) {
                return Some(Err(e));
            }
            *slot = reward.pending;
        }
        Some(Ok(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psp_staking::events::{PositionChanged, PositionClosed, StreamsSettled};
    use psp_staking::state::StreamStatus;

    const ACC_SCALE: u128 = psp_staking::constants::ACC_SCALE;

    fn settled(pool: Pubkey, total_weight: u128, stream: StreamSnapshot) -> StakingEvent {
        let mut streams = [StreamSnapshot::default(); MAX_STREAMS];
        streams[1] = stream;
        StakingEvent::StreamsSettled(StreamsSettled { pool, total_weight, total_staked: 0, streams, timestamp: 0 })
    }

    fn changed(pool: Pubkey, position: Pubkey, weight: u128, rewards: [PositionReward; MAX_STREAMS]) -> StakingEvent {
        StakingEvent::PositionChanged(PositionChanged {
            pool,
            position,
            owner: Pubkey::new_unique(),
            mint: Pubkey::new_unique(),
            change: "created".into(),
            amount: 0,
            position_amount: weight as u64,
            cooling_amount: 0,
            lock_end: 0,
            multiplier_bps: 10_000,
            old_weight: 0,
            new_weight: weight,
            total_staked: 0,
            total_weight: weight,
            rewards,
            timestamp: 0,
        })
    }

    #[test]
    fn accrued_unclaimed_runs_the_programs_accrual_between_events() {
        let (pool, position) = (Pubkey::new_unique(), Pubkey::new_unique());
        let stream = StreamSnapshot {
            id: 4,
            status: StreamStatus::Active,
            rate_per_second: 10,
            acc_per_weight: 2 * ACC_SCALE,
            last_update: 100,
            unallocated: 1_000,
            total_funded: 1_400,
            total_allocated: 400,
            ..Default::default()
        };
        let mut replay = StakingReplay::default();
        let mut rewards = [PositionReward::default(); MAX_STREAMS];
        rewards[1] = PositionReward { stream_id: 4, acc_snapshot: ACC_SCALE, pending: 7 };
        replay.apply(&changed(pool, position, 50, rewards));
        replay.apply(&settled(pool, 200, stream));
        // At 100: pending 7 + 50 x (2 - 1) = 57. At 110: 100 more emitted over weight 200, a
        // quarter of it (25) is this position's. Past the funding (t = 200) emission stops.
        assert_eq!(replay.accrued_unclaimed(&position, 100).unwrap().unwrap(), [0, 57, 0, 0]);
        assert_eq!(replay.accrued_unclaimed(&position, 110).unwrap().unwrap(), [0, 82, 0, 0]);
        assert_eq!(replay.accrued_unclaimed(&position, 10_000).unwrap().unwrap(), [0, 57 + 250, 0, 0]);
        let at = replay.stream_at(&pool, 1, 10_000).unwrap().unwrap();
        assert_eq!((at.unallocated, at.total_allocated, at.funded_until()), (0, 1_400, Some(10_000)));
        // A checkpoint of an older stream in the slot starts from zero, as on chain.
        rewards[1].stream_id = 3;
        replay.apply(&changed(pool, position, 50, rewards));
        replay.apply(&settled(pool, 50, stream));
        assert_eq!(replay.accrued_unclaimed(&position, 100).unwrap().unwrap(), [0, 100, 0, 0]);
        replay.apply(&StakingEvent::PositionClosed(PositionClosed {
            pool,
            position,
            owner: Pubkey::new_unique(),
            timestamp: 0,
        }));
        assert!(replay.accrued_unclaimed(&position, 100).is_none());
    }
}
