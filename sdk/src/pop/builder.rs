//! The epoch builder: accepted events -> points per participant -> rewards -> Merkle tree.
//!
//! - points = units x kind weight, summed per participant (u128, checked);
//! - participants with 0 points do not appear (they cannot exist after validation: units > 0,
//!   weights > 0);
//! - participants are ordered by public key bytes; that order fixes the leaf indexes, so the
//!   same accepted events give the same root whatever their order;
//! - reward = floor(budget x points / total points), in u128, checked; the remainder is
//!   `budget - sum(rewards)` (less than the number of participants);
//! - a participant whose reward rounds down to 0 gets **no leaf** (a leaf that pays nothing
//!   would only cost a claim): it is listed in [`EpochBuild::unpaid`] and its share stays in the
//!   remainder. Leaf indexes are positions among paid participants, 0..leaf_count.
use anchor_lang::prelude::Pubkey;
use psp_common::merkle::leaf_hash;

use super::rules::EpochRules;
use super::tree::MerkleTree;
use super::validate::AcceptedEvent;
use super::PopError;

/// One reward leaf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// Position in the tree.
    pub index: u64,
    /// Who may claim it.
    pub claimant: Pubkey,
    /// Reward in base units.
    pub amount: u64,
    /// The participant's points (units x weight, summed).
    pub points: u128,
}

impl Leaf {
    /// The leaf hash of this reward in `epoch` ([`psp_common::merkle::leaf_hash`]).
    pub fn hash(&self, epoch: u64) -> [u8; 32] {
        leaf_hash(epoch, self.index, &self.claimant, self.amount)
    }
}

/// A participant with points whose reward rounded down to 0 (no leaf).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unpaid {
    /// The participant.
    pub claimant: Pubkey,
    /// Its points.
    pub points: u128,
}

/// An epoch's rewards and their tree.
#[derive(Clone, Debug)]
pub struct EpochBuild {
    /// Epoch number.
    pub epoch: u64,
    /// The budget distributed (base units).
    pub budget: u64,
    /// Merkle root over the leaves (all zeros when there is no leaf).
    pub root: [u8; 32],
    /// Sum of the leaf amounts.
    pub total_amount: u64,
    /// Number of leaves.
    pub leaf_count: u64,
    /// `budget - total_amount`: the rounding remainder (the whole budget when nobody earned).
    pub remainder: u64,
    /// Sum of every participant's points.
    pub total_points: u128,
    /// Leaves in index order (= claimant key order).
    pub leaves: Vec<Leaf>,
    /// Participants with points but a reward of 0, in key order.
    pub unpaid: Vec<Unpaid>,
    /// The tree (for proofs).
    pub tree: MerkleTree,
}

impl EpochBuild {
    /// The leaf of `claimant` (binary search over the key-ordered leaves).
    pub fn leaf_of(&self, claimant: &Pubkey) -> Option<&Leaf> {
        self.leaves.binary_search_by(|l| l.claimant.as_ref().cmp(claimant.as_ref())).ok().map(|i| &self.leaves[i])
    }
}

/// Points per participant, ordered by key bytes, zero-point participants left out.
pub fn points_per_participant(rules: &EpochRules, accepted: &[AcceptedEvent]) -> Result<Vec<(Pubkey, u128)>, PopError> {
    let mut points = Vec::with_capacity(accepted.len());
    for event in accepted {
        let weight = rules
            .kinds
            .get(event.kind as usize)
            .ok_or(PopError::Rules(format!("event kind index {} out of range", event.kind)))?
            .weight;
        let p = u128::from(event.units).checked_mul(u128::from(weight)).ok_or(PopError::Overflow("units x weight"))?;
        points.push((event.participant, p));
    }
    points.sort_unstable_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    let mut merged: Vec<(Pubkey, u128)> = Vec::with_capacity(points.len());
    for (key, p) in points {
        match merged.last_mut() {
            Some(last) if last.0 == key => {
                last.1 = last.1.checked_add(p).ok_or(PopError::Overflow("points per participant"))?
            }
            _ => merged.push((key, p)),
        }
    }
    merged.retain(|(_, p)| *p > 0);
    merged.shrink_to_fit();
    Ok(merged)
}

/// Splits `budget` over key-ordered `points` and builds the tree.
///
/// Fails with [`PopError::Overflow`] when `budget x points` or the points total exceed u128
/// (never for totals below 2^64 points).
pub fn allocate(epoch: u64, budget: u64, points: &[(Pubkey, u128)]) -> Result<EpochBuild, PopError> {
    let total_points =
        points.iter().try_fold(0u128, |sum, (_, p)| sum.checked_add(*p)).ok_or(PopError::Overflow("total points"))?;
    let (mut leaves, mut unpaid, mut total_amount) = (Vec::with_capacity(points.len()), Vec::new(), 0u64);
    for &(claimant, p) in points {
        let share = u128::from(budget).checked_mul(p).ok_or(PopError::Overflow("budget x points"))? / total_points;
        let amount = u64::try_from(share).map_err(|_| PopError::Overflow("reward exceeds u64"))?;
        if amount == 0 {
            unpaid.push(Unpaid { claimant, points: p });
            continue;
        }
        total_amount = total_amount.checked_add(amount).ok_or(PopError::Overflow("total amount"))?;
        leaves.push(Leaf { index: leaves.len() as u64, claimant, amount, points: p });
    }
    let remainder = budget.checked_sub(total_amount).ok_or(PopError::Overflow("rewards exceed the budget"))?;
    let tree = MerkleTree::from_leaves(leaves.iter().map(|l| l.hash(epoch)).collect());
    let leaf_count = leaves.len() as u64;
    Ok(EpochBuild {
        epoch,
        budget,
        root: tree.root(),
        total_amount,
        leaf_count,
        remainder,
        total_points,
        leaves,
        unpaid,
        tree,
    })
}

/// Builds epoch `rules.epoch` from validated events and a budget in base units.
pub fn build_epoch(rules: &EpochRules, accepted: &[AcceptedEvent], budget: u64) -> Result<EpochBuild, PopError> {
    allocate(rules.epoch, budget, &points_per_participant(rules, accepted)?)
}
