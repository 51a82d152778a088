use crate::ordering::Coverage;

#[test]
fn nothing_sealed_before_the_first_walk() {
    let mut c = Coverage::default();
    c.live_started(10);
    c.live_through(20);
    assert_eq!(c.sealed(), None, "live alone cannot prove the history below it");
}

#[test]
fn walk_seals_through_its_head_and_never_shrinks() {
    let mut c = Coverage::resumed(Some(5));
    c.walk_complete(9);
    assert_eq!(c.sealed(), Some(9));
    c.walk_complete(7);
    assert_eq!(c.sealed(), Some(9));
}

#[test]
fn live_joins_only_when_it_touches_the_sealed_range() {
    let mut c = Coverage::resumed(Some(5));
    c.live_started(8);
    c.live_through(12);
    assert_eq!(c.sealed(), Some(5), "slots 6 and 7 are a hole");
    c.walk_complete(7);
    assert_eq!(c.sealed(), Some(12), "the fill walk closed the hole");
    c.live_through(15);
    assert_eq!(c.sealed(), Some(15));
}

#[test]
fn dropped_subscription_seals_nothing_until_rejoined() {
    let mut c = Coverage::resumed(Some(5));
    c.live_started(6);
    c.live_through(10);
    c.live_lost();
    c.live_through(30);
    assert_eq!(c.sealed(), Some(10));
    c.live_started(40);
    c.live_through(50);
    assert_eq!(c.sealed(), Some(10), "slots 11..=39 are not proven");
    c.walk_complete(41);
    assert_eq!(c.sealed(), Some(50));
}
