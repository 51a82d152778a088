//! Property tests: the simulated shell of [`super::sim`] over random chains and schedules.

use proptest::prelude::*;

use super::{
    e,
    sim::{Chain, Sim},
};
use crate::ordering::SourceTracker;

/// A chain, the visible part at start, the page size, an optional failing entry, and the steps.
type Run = (Vec<u8>, u32, usize, usize, Option<usize>, Vec<(u8, u8)>);

fn runs() -> impl Strategy<Value = Run> {
    (
        prop::collection::vec(0u8..4, 1..16),
        any::<u32>(),
        0usize..30,
        1usize..5,
        prop::option::weighted(0.3, any::<usize>()),
        prop::collection::vec((any::<u8>(), any::<u8>()), 0..160),
    )
}

fn start((counts, salt, visible, page, fail, _): &Run) -> Sim {
    Sim::new(Chain::new(counts, *salt), *visible, *page, *fail)
}

/// After the drain: every entry but the failed one is in the database, and the checkpoint is
/// the last entry below the failed entry's slot (the whole chain when nothing failed).
fn assert_complete(sim: &Sim) -> Result<(), TestCaseError> {
    let fail_slot = sim.fail().and_then(|f| sim.chain.entries.iter().find(|x| x.signature == f)).map(|x| x.slot);
    for entry in &sim.chain.entries {
        let expected = Some(entry.signature.as_str()) != sim.fail();
        prop_assert_eq!(sim.rows.contains_key(&entry.signature), expected, "{:?}", entry);
    }
    let below_fail = sim.chain.entries.iter().filter(|x| fail_slot.is_none_or(|f| x.slot < f));
    prop_assert_eq!(sim.tracker.checkpoint(), below_fail.max().cloned());
    prop_assert_eq!(&sim.durable, &sim.tracker.checkpoint());
    let stuck: Vec<_> = sim.tracker.stuck().map(|(x, _)| x.signature.clone()).collect();
    prop_assert_eq!(stuck, sim.fail().map(str::to_owned).into_iter().collect::<Vec<_>>());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every step of a random schedule is checked by the simulation against the chain: the
    /// checkpoint never passes an unwritten or failed entry and never moves back.
    #[test]
    fn gap_invariant_holds_and_never_moves_back(run in runs()) {
        let mut sim = start(&run);
        for (op, arg) in &run.5 {
            sim.step(*op, *arg);
        }
    }

    /// Whatever happened before, finishing the work writes every entry, each once per lifetime.
    #[test]
    fn no_data_loss(run in runs()) {
        let mut sim = start(&run);
        for (op, arg) in &run.5 {
            sim.step(*op, *arg);
        }
        sim.drain();
        assert_complete(&sim)?;
    }

    /// A crash at any point, then a restart from the stored checkpoint: nothing committed is
    /// fetched again (the simulation asserts it on every fetch) and nothing is missed.
    #[test]
    fn restart_misses_nothing_and_repeats_nothing(run in runs(), at in any::<prop::sample::Index>()) {
        let mut sim = start(&run);
        let crash_at = at.index(run.5.len() + 1);
        for (i, (op, arg)) in run.5.iter().enumerate() {
            if i == crash_at {
                sim.crash();
            }
            sim.step(*op, *arg);
        }
        sim.crash();
        let (committed, rows) = (sim.durable.clone(), sim.rows.clone());
        sim.drain();
        assert_complete(&sim)?;
        for entry in sim.chain.entries.iter().filter(|x| committed.as_ref().is_some_and(|c| x.slot <= c.slot)) {
            prop_assert_eq!(sim.rows[&entry.signature], rows[&entry.signature], "written again: {:?}", entry);
        }
    }

    /// Delivering the same entries again, in any order and any number of times, changes nothing.
    #[test]
    fn duplicates_are_idempotent(picks in prop::collection::vec((0u64..6, 0u8..8), 1..40)) {
        let entries: Vec<_> = picks.iter().map(|(slot, n)| e(*slot, &format!("{slot}-{n}"))).collect();
        let mut once = SourceTracker::new();
        let mut unique = entries.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(once.discover(unique.iter().cloned()), unique.len());
        let mut twice = SourceTracker::new();
        twice.discover(entries.iter().rev().cloned());
        prop_assert_eq!(twice.discover(entries.iter().cloned()), 0);
        prop_assert!(once.pending().eq(twice.pending()));
    }
}
