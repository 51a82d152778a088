//! Tests of the pure vote arithmetic: quorum rounding, outcomes, tipping never contradicting
//! the final outcome.
use proptest::prelude::*;

use super::*;

fn tally(yes: u128, no: u128, abstain: u128) -> Tally {
    Tally { yes, no, abstain }
}

#[test]
fn quorum_rounds_up_and_outcome_needs_quorum_and_approval() {
    assert_eq!(quorum_power(1_000, 2_000), Some(200));
    assert_eq!(quorum_power(1_001, 2_000), Some(201));
    assert_eq!(quorum_power(0, 10_000), Some(0));
    // 60% approval: 60 yes / 40 no passes, 59/41 fails; abstain counts for the quorum only.
    assert_eq!(passed(&tally(60, 40, 0), 100, 6_000), Some(true));
    assert_eq!(passed(&tally(59, 41, 0), 100, 6_000), Some(false));
    assert_eq!(passed(&tally(60, 30, 9), 100, 6_000), Some(false), "99 < quorum 100");
    assert_eq!(passed(&tally(60, 30, 10), 100, 6_000), Some(true));
    assert_eq!(passed(&tally(0, 0, 100), 100, 1), Some(false), "abstain only never passes");
}

#[test]
fn tipping_decides_only_when_nothing_can_change() {
    // total 100, quorum 30, approval 50%.
    assert_eq!(tipped(&tally(51, 0, 0), 30, 5_000, 100), Some(Some(true)), "51 yes > 49 possible no");
    assert_eq!(tipped(&tally(50, 0, 0), 30, 5_000, 100), Some(Some(true)), "50 vs at most 50 no still approves at 50%");
    assert_eq!(tipped(&tally(40, 0, 0), 30, 5_000, 100), Some(None));
    assert_eq!(tipped(&tally(0, 51, 0), 30, 5_000, 100), Some(Some(false)));
    assert_eq!(tipped(&tally(20, 0, 0), 30, 5_000, 100), Some(None), "below quorum: not decided yet");
    assert_eq!(tipped(&tally(0, 0, 0), 30, 5_000, 0), Some(Some(false)), "no power at all can never pass");
}

proptest! {
    /// Whatever the remaining power does, the final outcome equals the tipped one.
    #[test]
    fn tipping_agrees_with_every_completion(
        yes in 0u128..1_000, no in 0u128..1_000, abstain in 0u128..1_000,
        extra in 0u128..1_000, split in 0u128..=1_000, quorum_bps in 1u16..=10_000, approval_bps in 1u16..=10_000,
    ) {
        let total = yes + no + abstain + extra;
        let quorum = quorum_power(total, quorum_bps).unwrap();
        if let Some(Some(decided)) = tipped(&tally(yes, no, abstain), quorum, approval_bps, total) {
            // The rest votes: `split` per mille yes, the remainder no (or abstains).
            let more_yes = extra * split / 1_000;
            for rest in [tally(yes + more_yes, no + extra - more_yes, abstain), tally(yes + more_yes, no, abstain + extra - more_yes)] {
                prop_assert_eq!(passed(&rest, quorum, approval_bps), Some(decided));
            }
        }
    }
}
