//! [`SourceTracker`]: the ordering and checkpoint state of one source.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Checkpoint, Coverage, ErrorKind, Progress, SignatureEntry};

/// A call the tracker refuses: each one is a bug in the shell, never a data condition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackerError {
    #[error("signature {0} is not tracked by this source (never discovered, or already committed)")]
    Unknown(String),
    #[error("signature {0} cannot be written: it is not fetched (discovered or failed)")]
    NotFetched(String),
    #[error("signature {0} is already written and cannot fail")]
    AlreadyWritten(String),
    #[error("checkpoint {0:?} would move the committed checkpoint back")]
    Backwards(Checkpoint),
    #[error("checkpoint {0:?} is not the end of a contiguous written range of whole sealed slots")]
    NotContiguous(Checkpoint),
}

/// Ordering and checkpoint state of one source (one watched address). See the module docs.
#[derive(Debug, Default)]
pub struct SourceTracker {
    /// Last committed checkpoint; every entry at or below its slot is forgotten and ignored.
    floor: Option<Checkpoint>,
    coverage: Coverage,
    /// Entries above the floor, in position order.
    entries: BTreeMap<SignatureEntry, Progress>,
    /// Signature -> slot, to find an entry by signature.
    slots: HashMap<String, u64>,
}

impl SourceTracker {
    /// A source with nothing committed: the first walk runs to the start of its history.
    pub fn new() -> Self {
        Self::default()
    }

    /// A source restarted from its stored checkpoint (`None`: nothing was ever committed).
    pub fn resume(checkpoint: Option<Checkpoint>) -> Self {
        let coverage = Coverage::resumed(checkpoint.as_ref().map(|c| c.slot));
        Self { floor: checkpoint, coverage, ..Self::default() }
    }

    /// The `until` signature every backfill walk of this source must use (the committed
    /// checkpoint), so that [`Self::walk_complete`] may seal what it listed.
    pub fn walk_until(&self) -> Option<&Checkpoint> {
        self.floor.as_ref()
    }

    /// Adds entries in any order and from any stream; returns how many were new. An entry already
    /// tracked, or in a slot at or below the committed checkpoint, is ignored.
    pub fn discover(&mut self, entries: impl IntoIterator<Item = SignatureEntry>) -> usize {
        let floor_slot = self.floor.as_ref().map(|f| f.slot);
        let mut added = 0;
        for entry in entries {
            if floor_slot.is_some_and(|f| entry.slot <= f) || self.slots.contains_key(&entry.signature) {
                continue;
            }
            self.slots.insert(entry.signature.clone(), entry.slot);
            self.entries.insert(entry, Progress::Discovered);
            added += 1;
        }
        added
    }

    /// Live notifications (ascending): discovers them and seals every slot below the newest one.
    pub fn discover_live(&mut self, entries: impl IntoIterator<Item = SignatureEntry>) -> usize {
        let entries: Vec<_> = entries.into_iter().collect();
        let added = self.discover(entries.iter().cloned());
        if let Some(newest) = entries.iter().map(|e| e.slot).max() {
            self.coverage.live_through(newest.saturating_sub(1));
        }
        added
    }

    /// See [`Coverage::walk_complete`].
    pub fn walk_complete(&mut self, head_slot: u64) {
        self.coverage.walk_complete(head_slot);
    }

    /// See [`Coverage::live_started`].
    pub fn live_started(&mut self, since: u64) {
        self.coverage.live_started(since);
    }

    /// See [`Coverage::live_through`].
    pub fn live_through(&mut self, slot: u64) {
        self.coverage.live_through(slot);
    }

    /// See [`Coverage::live_lost`].
    pub fn live_lost(&mut self) {
        self.coverage.live_lost();
    }

    /// Highest slot in which every transaction of this source is discovered.
    pub fn sealed_through(&self) -> Option<u64> {
        self.coverage.sealed()
    }

    /// The transaction was fetched and decoded. Idempotent; a failed entry fetched later (an
    /// operator retry) is no longer failed.
    pub fn fetched(&mut self, signature: &str) -> Result<(), TrackerError> {
        let progress = self.progress_mut(signature)?;
        if *progress != Progress::Written {
            *progress = Progress::Fetched;
        }
        Ok(())
    }

    /// The rows of these transactions are in the database. All or nothing: every one must be
    /// fetched (or already written).
    pub fn written(&mut self, signatures: &[impl AsRef<str>]) -> Result<(), TrackerError> {
        for signature in signatures {
            let signature = signature.as_ref();
            match self.progress(signature)? {
                Progress::Fetched | Progress::Written => {}
                Progress::Discovered | Progress::Failed(_) => {
                    return Err(TrackerError::NotFetched(signature.to_owned()))
                }
            }
        }
        for signature in signatures {
            *self.progress_mut(signature.as_ref())? = Progress::Written;
        }
        Ok(())
    }

    /// The transaction could not be fetched or decoded after its retries: it holds the checkpoint
    /// below its slot and is reported by [`Self::stuck`] until fetched.
    pub fn failed(&mut self, signature: &str, kind: ErrorKind) -> Result<(), TrackerError> {
        let progress = self.progress_mut(signature)?;
        if *progress == Progress::Written {
            return Err(TrackerError::AlreadyWritten(signature.to_owned()));
        }
        *progress = Progress::Failed(kind);
        Ok(())
    }

    /// Progress of a tracked signature.
    pub fn progress(&self, signature: &str) -> Result<Progress, TrackerError> {
        let key = self.key(signature)?;
        Ok(self.entries[&key])
    }

    /// Entries to fetch, in position order.
    pub fn pending(&self) -> impl Iterator<Item = &SignatureEntry> + '_ {
        self.with(Progress::Discovered)
    }

    /// Entries fetched and not yet written, in position order.
    pub fn writable(&self) -> impl Iterator<Item = &SignatureEntry> + '_ {
        self.with(Progress::Fetched)
    }

    /// Failed entries holding the checkpoint, in position order.
    pub fn stuck(&self) -> impl Iterator<Item = (&SignatureEntry, ErrorKind)> + '_ {
        self.entries.iter().filter_map(|(e, p)| match p {
            Progress::Failed(kind) => Some((e, *kind)),
            _ => None,
        })
    }

    /// Number of tracked (uncommitted) entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing above the committed checkpoint is tracked.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The checkpoint to commit now: see the module docs. Never below the committed one.
    pub fn checkpoint(&self) -> Option<Checkpoint> {
        self.checkpoint_with(&[] as &[&str])
    }

    /// The checkpoint that holds once `batch` is written too: the value the shell commits in the
    /// same database transaction as the batch's rows, before calling [`Self::written`]. Only
    /// fetched entries of the batch count (a discovered or failed one cannot be written).
    pub fn checkpoint_with(&self, batch: &[impl AsRef<str>]) -> Option<Checkpoint> {
        let batch: HashSet<&str> = batch.iter().map(AsRef::as_ref).collect();
        let mut best = None;
        let mut sealed = self.sealed_entries().peekable();
        while let Some((entry, progress)) = sealed.next() {
            let in_batch = *progress == Progress::Fetched && batch.contains(entry.signature.as_str());
            if *progress != Progress::Written && !in_batch {
                break;
            }
            if sealed.peek().is_none_or(|(next, _)| next.slot != entry.slot) {
                best = Some(entry);
            }
        }
        best.or(self.floor.as_ref()).cloned()
    }

    /// The database transaction holding `checkpoint` committed: forgets every entry at or below
    /// its slot. Refused if it would move back or is not a checkpoint this tracker produced.
    pub fn committed(&mut self, checkpoint: &Checkpoint) -> Result<(), TrackerError> {
        if self.floor.as_ref() == Some(checkpoint) {
            return Ok(());
        }
        if self.floor.as_ref().is_some_and(|f| checkpoint < f) {
            return Err(TrackerError::Backwards(checkpoint.clone()));
        }
        if !self.is_committable(checkpoint) {
            return Err(TrackerError::NotContiguous(checkpoint.clone()));
        }
        let above = self.entries.split_off(&SignatureEntry::slot_start(checkpoint.slot.saturating_add(1)));
        for entry in std::mem::replace(&mut self.entries, above).into_keys() {
            self.slots.remove(&entry.signature);
        }
        self.floor = Some(checkpoint.clone());
        Ok(())
    }

    /// True when `checkpoint` is the last entry of its slot and at or below [`Self::checkpoint`].
    fn is_committable(&self, checkpoint: &Checkpoint) -> bool {
        let slot_end = self.entries.contains_key(checkpoint)
            && self.entries.range(checkpoint..).nth(1).is_none_or(|(next, _)| next.slot != checkpoint.slot);
        slot_end && self.checkpoint().is_some_and(|best| checkpoint <= &best)
    }

    /// Tracked entries in sealed slots, in position order.
    fn sealed_entries(&self) -> impl Iterator<Item = (&SignatureEntry, &Progress)> + '_ {
        let end = self.coverage.sealed().map(|s| s.checked_add(1));
        self.entries.iter().take_while(move |(e, _)| match end {
            None => false,
            Some(None) => true,
            Some(Some(end)) => e.slot < end,
        })
    }

    fn with(&self, want: Progress) -> impl Iterator<Item = &SignatureEntry> + '_ {
        self.entries.iter().filter(move |(_, p)| **p == want).map(|(e, _)| e)
    }

    fn key(&self, signature: &str) -> Result<SignatureEntry, TrackerError> {
        let slot = self.slots.get(signature).ok_or_else(|| TrackerError::Unknown(signature.to_owned()))?;
        Ok(SignatureEntry::new(*slot, signature))
    }

    fn progress_mut(&mut self, signature: &str) -> Result<&mut Progress, TrackerError> {
        let key = self.key(signature)?;
        Ok(self.entries.get_mut(&key).expect("slots and entries hold the same signatures"))
    }
}
