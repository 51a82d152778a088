use super::e;
use crate::ordering::{ErrorKind, Progress, SourceTracker, TrackerError};

/// A tracker with `entries` discovered by a walk that completed at `head`, all fetched.
fn fetched_all(entries: &[(u64, &str)], head: u64) -> SourceTracker {
    let mut t = SourceTracker::new();
    t.discover(entries.iter().map(|(s, sig)| e(*s, sig)));
    t.walk_complete(head);
    for (_, sig) in entries {
        t.fetched(sig).unwrap();
    }
    t
}

fn sigs(it: impl Iterator<Item = impl AsRef<str>>) -> Vec<String> {
    it.map(|s| s.as_ref().to_owned()).collect()
}

#[test]
fn backward_pages_and_forward_live_share_one_order() {
    let mut t = SourceTracker::new();
    t.live_started(12);
    t.discover_live([e(12, "l1"), e(13, "l2")]);
    t.discover([e(11, "b3"), e(10, "b2")]); // newest-first page
    t.discover([e(9, "b1")]);
    let order: Vec<_> = t.pending().map(|x| x.signature.clone()).collect();
    assert_eq!(order, ["b1", "b2", "b3", "l1", "l2"]);
}

#[test]
fn duplicates_are_counted_once() {
    let mut t = SourceTracker::new();
    assert_eq!(t.discover([e(5, "a"), e(6, "b")]), 2);
    assert_eq!(t.discover([e(6, "b"), e(7, "c")]), 1, "overlapping page");
    assert_eq!(t.discover_live([e(7, "c"), e(8, "d")]), 1, "live repeats backfill");
    t.fetched("b").unwrap();
    t.written(&["b"]).unwrap();
    assert_eq!(t.discover([e(6, "b")]), 0);
    assert_eq!(t.progress("b"), Ok(Progress::Written), "a duplicate does not reset progress");
    assert_eq!(t.len(), 4);
}

#[test]
fn checkpoint_waits_for_the_walk_to_seal() {
    let mut t = SourceTracker::new();
    t.discover([e(5, "a")]);
    t.fetched("a").unwrap();
    t.written(&["a"]).unwrap();
    assert_eq!(t.checkpoint(), None, "slot 5 is not sealed yet");
    t.walk_complete(5);
    assert_eq!(t.checkpoint(), Some(e(5, "a")));
}

#[test]
fn gap_invariant_holds() {
    let mut t = fetched_all(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")], 4);
    t.written(&["a", "c", "d"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(1, "a")), "b is unwritten");
    t.written(&["b"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(4, "d")));
}

#[test]
fn checkpoint_moves_over_whole_slots_only() {
    let mut t = fetched_all(&[(1, "a"), (2, "x"), (2, "y"), (2, "z")], 2);
    t.written(&["a", "x", "z"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(1, "a")), "slot 2 is half written");
    t.written(&["y"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(2, "z")), "the last entry of the slot");
}

#[test]
fn failure_holds_the_checkpoint_and_is_reported() {
    let mut t = fetched_all(&[(1, "a"), (2, "b"), (3, "c")], 3);
    t.failed("b", ErrorKind::DecodeRefused).unwrap();
    t.written(&["a", "c"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(1, "a")));
    let stuck: Vec<_> = t.stuck().map(|(x, k)| (x.clone(), k)).collect();
    assert_eq!(stuck, [(e(2, "b"), ErrorKind::DecodeRefused)]);
    assert_eq!(t.written(&["b"]), Err(TrackerError::NotFetched("b".into())), "never skipped");
    assert_eq!(t.checkpoint_with(&["b"]), Some(e(1, "a")), "a failed entry in a batch does not count");
    t.fetched("b").unwrap(); // an operator retry succeeded
    t.written(&["b"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(3, "c")));
    assert_eq!(t.stuck().count(), 0);
}

#[test]
fn written_requires_fetched_and_is_all_or_nothing() {
    let mut t = SourceTracker::new();
    t.discover([e(1, "a"), e(2, "b")]);
    t.fetched("a").unwrap();
    assert_eq!(t.written(&["a", "b"]), Err(TrackerError::NotFetched("b".into())));
    assert_eq!(t.progress("a"), Ok(Progress::Fetched), "nothing marked on refusal");
    assert_eq!(t.written(&["zz"]), Err(TrackerError::Unknown("zz".into())));
    assert_eq!(t.fetched("zz"), Err(TrackerError::Unknown("zz".into())));
    t.written(&["a"]).unwrap();
    assert_eq!(t.failed("a", ErrorKind::RpcTimeout), Err(TrackerError::AlreadyWritten("a".into())));
    t.fetched("a").unwrap();
    assert_eq!(t.progress("a"), Ok(Progress::Written), "a late duplicate fetch keeps it written");
}

#[test]
fn pending_and_writable_list_in_order_once() {
    let mut t = SourceTracker::new();
    t.discover([e(3, "c"), e(1, "a"), e(2, "b")]);
    t.fetched("c").unwrap();
    t.fetched("a").unwrap();
    assert_eq!(sigs(t.pending().map(|x| &x.signature)), ["b"]);
    assert_eq!(sigs(t.writable().map(|x| &x.signature)), ["a", "c"]);
    t.written(&["c"]).unwrap();
    assert_eq!(sigs(t.writable().map(|x| &x.signature)), ["a"]);
}

#[test]
fn checkpoint_with_previews_the_batch_without_marking_it() {
    let mut t = fetched_all(&[(1, "a"), (2, "b")], 2);
    assert_eq!(t.checkpoint_with(&["a", "b"]), Some(e(2, "b")));
    assert_eq!(t.checkpoint(), None, "a rolled back transaction changes nothing");
    t.written(&["a", "b"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(2, "b")));
}

#[test]
fn never_moves_back() {
    let mut t = fetched_all(&[(1, "a"), (2, "b"), (3, "c")], 3);
    t.written(&["a", "b"]).unwrap();
    t.committed(&e(2, "b")).unwrap();
    assert_eq!(t.committed(&e(1, "a")), Err(TrackerError::Backwards(e(1, "a"))));
    assert_eq!(t.checkpoint(), Some(e(2, "b")));
    t.committed(&e(2, "b")).unwrap(); // the same value again is a no-op
    assert_eq!(t.discover([e(2, "late"), e(1, "a")]), 0, "committed slots are closed");
    assert_eq!(t.checkpoint(), Some(e(2, "b")));
}

#[test]
fn committed_refuses_what_is_not_contiguous() {
    let mut t = fetched_all(&[(1, "a"), (2, "b"), (2, "c"), (3, "d")], 2);
    t.written(&["a", "b", "c", "d"]).unwrap();
    assert_eq!(t.committed(&e(3, "d")), Err(TrackerError::NotContiguous(e(3, "d"))), "slot 3 unsealed");
    assert_eq!(t.committed(&e(2, "b")), Err(TrackerError::NotContiguous(e(2, "b"))), "mid-slot");
    assert_eq!(t.committed(&e(9, "nope")), Err(TrackerError::NotContiguous(e(9, "nope"))));
    t.committed(&e(1, "a")).unwrap();
    t.committed(&e(2, "c")).unwrap();
    assert_eq!(t.len(), 1, "committed entries are forgotten");
    assert_eq!(t.fetched("a"), Err(TrackerError::Unknown("a".into())));
}

#[test]
fn restart_resumes_without_hole_or_duplicate() {
    // Chain: slot 7 holds q, p (block order), slot 8 holds r. Committed through slot 7.
    let mut t = SourceTracker::resume(Some(e(7, "q")));
    assert_eq!(t.walk_until(), Some(&e(7, "q")));
    // The restart walk lists everything newer than `until`=q in block order, which includes p
    // here if p came after q in the block: it is committed already and dropped.
    assert_eq!(t.discover([e(8, "r"), e(7, "p")]), 1);
    t.walk_complete(8);
    assert_eq!(sigs(t.pending().map(|x| &x.signature)), ["r"]);
    t.fetched("r").unwrap();
    t.written(&["r"]).unwrap();
    assert_eq!(t.checkpoint(), Some(e(8, "r")));
}

#[test]
fn reconnect_fill_walk_closes_the_live_hole() {
    let mut t = fetched_all(&[(1, "a")], 1);
    t.live_started(2);
    t.discover_live([e(2, "b"), e(3, "c")]);
    assert_eq!(t.sealed_through(), Some(2));
    t.live_lost();
    t.live_started(6); // slots 3..=5 happened while disconnected
    t.discover_live([e(6, "f"), e(7, "g")]);
    assert_eq!(t.sealed_through(), Some(2), "the hole is not sealed by live");
    t.discover([e(6, "f"), e(5, "e"), e(3, "c"), e(3, "d")]); // fill walk until the checkpoint
    t.walk_complete(6);
    assert_eq!(t.sealed_through(), Some(6));
    let all = ["a", "b", "c", "d", "e", "f", "g"];
    for s in &all[1..] {
        t.fetched(s).unwrap();
    }
    t.written(&all).unwrap();
    assert_eq!(t.checkpoint(), Some(e(6, "f")), "slot 7 waits for a later live slot");
    t.live_through(7);
    assert_eq!(t.checkpoint(), Some(e(7, "g")));
}
