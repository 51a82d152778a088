//! Which slots of a source are complete (every transaction in them discovered).

/// The span a live subscription has delivered without interruption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LiveSpan {
    /// First slot the subscription delivers in full.
    since: u64,
    /// Every entry with a slot `<= through` has been delivered (`None`: nothing yet).
    through: Option<u64>,
}

/// The sealed range of a source: every transaction with a slot `<= sealed` is discovered.
///
/// It grows from two claims made by the shell: a completed backfill walk ([`Self::walk_complete`])
/// and an uninterrupted live span ([`Self::live_started`], [`Self::live_through`]) once that span
/// starts at or below `sealed + 1`. It never shrinks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    sealed: Option<u64>,
    live: Option<LiveSpan>,
}

impl Coverage {
    /// Coverage of a source resumed from a checkpoint in `slot` (`None`: nothing known yet).
    pub fn resumed(slot: Option<u64>) -> Self {
        Self { sealed: slot, live: None }
    }

    /// Highest sealed slot, if any.
    pub fn sealed(&self) -> Option<u64> {
        self.sealed
    }

    /// A backfill walk from the newest signature down to `until` = the committed checkpoint (or
    /// the start of history) finished; `head_slot` is the slot of its first entry, or, when it
    /// listed nothing, a slot read at the same commitment before its first page.
    ///
    /// The claim is "every entry with a slot `<= head_slot` is discovered", so a backfill that
    /// bounds its memory (list the page cursors first, then replay the pages oldest first) may make
    /// it after each replayed page, for the slot below that page's newest slot.
    pub fn walk_complete(&mut self, head_slot: u64) {
        self.sealed = Some(self.sealed.map_or(head_slot, |s| s.max(head_slot)));
        self.join_live();
    }

    /// A live subscription now delivers every transaction with a slot `>= since`.
    pub fn live_started(&mut self, since: u64) {
        self.live = Some(LiveSpan { since, through: None });
        self.join_live();
    }

    /// The live subscription has delivered every transaction with a slot `<= slot` (a later
    /// notification or a slot notification proves it). Ignored while no subscription is up.
    pub fn live_through(&mut self, slot: u64) {
        if let Some(live) = self.live.as_mut() {
            live.through = Some(live.through.map_or(slot, |t| t.max(slot)));
        }
        self.join_live();
    }

    /// The subscription dropped: live seals nothing until [`Self::live_started`] again.
    pub fn live_lost(&mut self) {
        self.live = None;
    }

    /// Extends `sealed` over the live span when the two touch.
    fn join_live(&mut self) {
        let (Some(sealed), Some(live)) = (self.sealed, self.live) else { return };
        let Some(through) = live.through else { return };
        if live.since <= sealed.saturating_add(1) && through > sealed {
            self.sealed = Some(through);
        }
    }
}
