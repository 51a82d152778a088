//! A simulated chain and indexer shell driving a [`SourceTracker`] the way the async shell will:
//! a `getSignaturesForAddress` walk, a live stream that drops and reconnects, out-of-order
//! fetches, batches committed with their checkpoint, crashes and restarts. After every step it
//! checks the tracker against the chain itself, not against the tracker's own view.

use std::collections::{HashMap, HashSet};

use crate::ordering::{Checkpoint, ErrorKind, SignatureEntry, SourceTracker};

/// One address's history in chain order (slot ascending, block order inside a slot, which is
/// unrelated to signature order).
pub struct Chain {
    pub entries: Vec<SignatureEntry>,
}

impl Chain {
    /// `counts[i]` transactions in slot `i + 1`; signatures are distinct and unordered.
    pub fn new(counts: &[u8], salt: u32) -> Self {
        let mut entries = Vec::new();
        for (i, count) in counts.iter().enumerate() {
            for _ in 0..*count {
                let id = (entries.len() as u32).wrapping_mul(2_654_435_761) ^ salt;
                entries.push(SignatureEntry::new(i as u64 + 1, format!("{id:08x}")));
            }
        }
        Self { entries }
    }

    /// `getSignaturesForAddress` over the first `tip` entries: newest first, after `before`,
    /// stopping at `until` (both exclusive), at most `limit`.
    pub fn list(&self, tip: usize, before: Option<&str>, until: Option<&str>, limit: usize) -> Vec<SignatureEntry> {
        let mut newest_first = self.entries[..tip].iter().rev();
        if let Some(before) = before {
            newest_first.position(|e| e.signature == before);
        }
        newest_first.take_while(|e| Some(e.signature.as_str()) != until).take(limit).cloned().collect()
    }

    /// The index of the first entry of the slot holding entry `index - 1`.
    fn slot_start(&self, index: usize) -> usize {
        let Some(slot) = index.checked_sub(1).map(|i| self.entries[i].slot) else { return 0 };
        self.entries.iter().position(|e| e.slot == slot).unwrap_or(0)
    }

    /// The index just past the last entry of the slot holding entry `index - 1` (a block is
    /// visible as a whole), at most the whole chain.
    fn slot_end(&self, index: usize) -> usize {
        let Some(slot) = index.min(self.entries.len()).checked_sub(1).map(|i| self.entries[i].slot) else { return 0 };
        self.entries.iter().position(|e| e.slot > slot).unwrap_or(self.entries.len())
    }
}

/// A backfill walk in progress.
struct Walk {
    /// Entries visible when its first page was taken (`None`: not started).
    tip: Option<usize>,
    head_slot: Option<u64>,
    before: Option<String>,
    until: Option<String>,
}

/// The shell, the database and the checks.
pub struct Sim {
    pub chain: Chain,
    /// Entries visible at the commitment (always a whole number of slots).
    tip: usize,
    page: usize,
    fail: Option<String>,
    pub tracker: SourceTracker,
    walk: Option<Walk>,
    /// Next chain index the live subscription delivers.
    live: Option<usize>,
    /// The checkpoint stored in the database.
    pub durable: Option<Checkpoint>,
    /// Rows in the database: writes per signature over all lifetimes (idempotent upserts).
    pub rows: HashMap<String, u32>,
    /// Signatures written by the current tracker lifetime.
    lifetime: HashSet<String>,
    last_checkpoint: Option<Checkpoint>,
}

impl Sim {
    pub fn new(chain: Chain, visible: usize, page: usize, fail: Option<usize>) -> Self {
        let fail = fail.and_then(|i| chain.entries.get(i % chain.entries.len().max(1))).map(|e| e.signature.clone());
        let tip = chain.slot_end(visible.min(chain.entries.len()));
        let mut sim = Self {
            chain,
            tip,
            page,
            fail,
            tracker: SourceTracker::new(),
            walk: None,
            live: None,
            durable: None,
            rows: HashMap::new(),
            lifetime: HashSet::new(),
            last_checkpoint: None,
        };
        sim.connect(0);
        sim
    }

    /// SIGKILL and restart now.
    pub fn crash(&mut self) {
        self.restart(0);
        self.check();
    }

    /// The failing signature, if any.
    pub fn fail(&self) -> Option<&str> {
        self.fail.as_deref()
    }

    /// One step chosen by `op`, `arg` its parameter; then the invariants.
    pub fn step(&mut self, op: u8, arg: u8) {
        match op % 10 {
            0 => self.tip = self.chain.slot_end(self.tip + 1),
            1 => self.walk_page(),
            2 | 3 => self.live_next(),
            4 => self.live_quiet(),
            5 | 6 => self.fetch(arg),
            7 => self.write(arg, true),
            8 => self.drop_or_reconnect(arg),
            _ if arg.is_multiple_of(4) => self.restart(arg),
            _ => self.write(arg, false),
        }
        self.check();
    }

    /// Runs the shell to completion: all of the chain visible, every walk and live entry
    /// delivered, every fetch done, everything written and committed.
    pub fn drain(&mut self) {
        self.tip = self.chain.entries.len();
        if self.live.is_none() {
            self.connect(0);
        }
        while self.walk.is_some() {
            self.walk_page();
        }
        while self.live.is_some_and(|l| l < self.tip) {
            self.live_next();
        }
        self.live_quiet();
        while self.tracker.pending().next().is_some() {
            self.fetch(0);
        }
        self.write(u8::MAX, true);
        self.check();
    }

    /// Subscribe live (delivering from `back` whole slots before the tip: an overlap with the
    /// walk), then start a fill walk down to the committed checkpoint.
    fn connect(&mut self, back: u8) {
        let since = self.tip.checked_sub(1).map_or(0, |i| self.chain.entries[i].slot) + 1;
        let from = (0..back % 3).fold(self.tip, |from, _| self.chain.slot_start(from));
        self.live = Some(from);
        self.tracker.live_started(since);
        let until = self.tracker.walk_until().map(|c| c.signature.clone());
        self.walk = Some(Walk { tip: None, head_slot: None, before: None, until });
    }

    fn walk_page(&mut self) {
        let Some(walk) = self.walk.as_mut() else { return };
        let tip = *walk.tip.get_or_insert(self.tip);
        let page = self.chain.list(tip, walk.before.as_deref(), walk.until.as_deref(), self.page);
        let read_slot = tip.checked_sub(1).map_or(0, |i| self.chain.entries[i].slot);
        let head = *walk.head_slot.get_or_insert(page.first().map_or(read_slot, |e| e.slot));
        walk.before = page.last().map(|e| e.signature.clone());
        let done = page.len() < self.page;
        self.tracker.discover(page);
        if done {
            self.tracker.walk_complete(head);
            self.walk = None;
        }
    }

    fn live_next(&mut self) {
        let Some(next) = self.live.filter(|l| *l < self.tip) else { return };
        self.tracker.discover_live([self.chain.entries[next].clone()]);
        self.live = Some(next + 1);
    }

    /// A slot notification: live has delivered everything visible.
    fn live_quiet(&mut self) {
        if self.live == Some(self.tip) && self.tip > 0 {
            self.tracker.live_through(self.chain.entries[self.tip - 1].slot);
        }
    }

    fn fetch(&mut self, arg: u8) {
        let pending: Vec<_> = self.tracker.pending().cloned().collect();
        let Some(entry) = pending.get(usize::from(arg) % pending.len().max(1)) else { return };
        assert!(self.durable.as_ref().is_none_or(|d| entry.slot > d.slot), "refetching committed {entry:?}");
        if Some(entry.signature.as_str()) == self.fail() {
            self.tracker.failed(&entry.signature, ErrorKind::DecodeRefused).unwrap();
        } else {
            self.tracker.fetched(&entry.signature).unwrap();
        }
    }

    /// Writes a batch (every `arg % 3 + 1`-th writable entry: out of order) with its checkpoint
    /// in one database transaction, which commits or rolls back.
    fn write(&mut self, arg: u8, commits: bool) {
        let writable: Vec<_> = self.tracker.writable().map(|e| e.signature.clone()).collect();
        let batch: Vec<_> = writable.into_iter().step_by(usize::from(arg % 3) + 1).collect();
        let checkpoint = self.tracker.checkpoint_with(&batch);
        if !commits {
            return;
        }
        for signature in &batch {
            assert!(self.lifetime.insert(signature.clone()), "{signature} writable twice");
            *self.rows.entry(signature.clone()).or_default() += 1;
        }
        assert!(self.durable <= checkpoint, "checkpoint moved back: {:?} -> {checkpoint:?}", self.durable);
        self.durable = checkpoint.clone();
        self.tracker.written(&batch).unwrap();
        if let Some(checkpoint) = checkpoint {
            self.tracker.committed(&checkpoint).unwrap();
        }
    }

    fn drop_or_reconnect(&mut self, arg: u8) {
        if self.live.take().is_some() {
            self.tracker.live_lost();
        } else {
            self.connect(arg);
        }
    }

    /// SIGKILL: everything in memory is lost; the database keeps its rows and checkpoint.
    fn restart(&mut self, arg: u8) {
        self.tracker = SourceTracker::resume(self.durable.clone());
        self.lifetime.clear();
        self.last_checkpoint = self.durable.clone();
        self.live = None;
        self.connect(arg);
    }

    /// Checked against the chain after every step.
    fn check(&mut self) {
        let checkpoint = self.tracker.checkpoint();
        assert!(self.last_checkpoint <= checkpoint, "never_moves_back: {:?} -> {checkpoint:?}", self.last_checkpoint);
        self.last_checkpoint = checkpoint.clone();
        let Some(checkpoint) = checkpoint else { return };
        for entry in self.chain.entries.iter().take_while(|e| e.slot <= checkpoint.slot) {
            assert!(
                self.rows.contains_key(&entry.signature),
                "gap_invariant: checkpoint {checkpoint:?} passes unwritten {entry:?}"
            );
            assert_ne!(Some(entry.signature.as_str()), self.fail(), "checkpoint passes the failed entry");
        }
    }
}
