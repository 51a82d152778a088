//! Property tests of the validator and the epoch builder.
use proptest::prelude::*;
use psp_common::merkle::{leaf_hash, verify};

use super::*;
use crate::pop::builder::{allocate, build_epoch};
use crate::pop::validate::validate_str;

/// Up to 60 events over up to 25 participants, unique evidence, mostly valid.
fn events() -> impl Strategy<Value = Vec<PopEvent>> {
    prop::collection::vec((0u16..25, prop::bool::ANY, 0u64..400, 900i64..2100), 0..60).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (p, relay, units, time))| {
                let mut e = event(p, if relay { "relay" } else { "vote" }, units, i as u32);
                e.time = time;
                e
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_leaf_verifies_and_the_budget_is_exact(events in events(), budget in any::<u64>()) {
        let r = rules();
        let v = validate_str(&r, &lines(&events));
        prop_assert!(v.stats.is_balanced());
        let build = build_epoch(&r, &v.accepted, budget).unwrap();
        let sum: u128 = build.leaves.iter().map(|l| u128::from(l.amount)).sum();
        prop_assert_eq!(sum + u128::from(build.remainder), u128::from(budget));
        prop_assert_eq!(sum, u128::from(build.total_amount));
        let participants = (build.leaves.len() + build.unpaid.len()) as u64;
        if participants == 0 {
            prop_assert_eq!(build.remainder, budget);
        } else {
            prop_assert!(build.remainder < participants, "floor loses less than 1 per participant");
        }
        for (i, leaf) in build.leaves.iter().enumerate() {
            prop_assert_eq!(leaf.index, i as u64);
            prop_assert!(leaf.amount > 0);
            let proof = build.tree.proof(i).unwrap();
            prop_assert!(verify(&build.root, leaf_hash(r.epoch, leaf.index, &leaf.claimant, leaf.amount), &proof));
            // Tampering with the amount, the index, the claimant or the epoch fails.
            prop_assert!(!verify(&build.root, leaf_hash(r.epoch, leaf.index, &leaf.claimant, leaf.amount + 1), &proof));
            prop_assert!(!verify(&build.root, leaf_hash(r.epoch, leaf.index + 1, &leaf.claimant, leaf.amount), &proof));
            prop_assert!(!verify(&build.root, leaf_hash(r.epoch, leaf.index, &key(9999), leaf.amount), &proof));
            prop_assert!(!verify(&build.root, leaf_hash(r.epoch + 1, leaf.index, &leaf.claimant, leaf.amount), &proof));
        }
        for pair in build.leaves.windows(2) {
            prop_assert!(pair[0].claimant.as_ref() < pair[1].claimant.as_ref());
        }
    }

    #[test]
    fn shuffled_events_give_the_same_root(
        (events, shuffled) in events().prop_flat_map(|e| (Just(e.clone()), Just(e).prop_shuffle())),
        budget in any::<u64>(),
    ) {
        let r = rules();
        let a = build_epoch(&r, &validate_str(&r, &lines(&events)).accepted, budget).unwrap();
        let b = build_epoch(&r, &validate_str(&r, &lines(&shuffled)).accepted, budget).unwrap();
        prop_assert_eq!(a.root, b.root);
        prop_assert_eq!(a.leaves, b.leaves);
        prop_assert_eq!(a.remainder, b.remainder);
    }

    #[test]
    fn rewards_are_proportional_and_floor_rounded(points in prop::collection::vec(1u64..u64::MAX, 1..50), budget in any::<u64>()) {
        let mut pts: Vec<_> = points.iter().enumerate().map(|(i, p)| (key(i as u16), u128::from(*p))).collect();
        pts.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
        let build = allocate(3, budget, &pts).unwrap();
        let total: u128 = pts.iter().map(|p| p.1).sum();
        prop_assert_eq!(build.total_points, total);
        for (claimant, p) in &pts {
            let expected = u64::try_from(u128::from(budget) * p / total).unwrap();
            let got = build.leaf_of(claimant).map_or(0, |l| l.amount);
            prop_assert_eq!(got, expected);
            prop_assert_eq!(build.unpaid.iter().any(|u| u.claimant == *claimant), expected == 0);
        }
        prop_assert_eq!(u128::from(build.total_amount) + u128::from(build.remainder), u128::from(budget));
    }

    #[test]
    fn garbage_lines_are_accounted_for(events in events(), garbage in prop::collection::vec("[^\n]{0,40}", 0..10)) {
        let mut text = lines(&events);
        for g in &garbage {
            text.push_str(g);
            text.push('\n');
        }
        let v = validate_str(&rules(), &text);
        prop_assert!(v.stats.is_balanced(), "{:?}", v.stats);
        prop_assert_eq!(v.stats.lines, (events.len() + garbage.len()) as u64);
        let by_reason: u64 = v.stats.by_reason.values().sum();
        prop_assert_eq!(by_reason, v.rejections.len() as u64);
    }
}
