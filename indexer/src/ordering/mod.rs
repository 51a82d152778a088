//! Ordering and checkpoints of one indexed source (a watched address): pure state, no I/O, no
//! async. The async shell (RPC backfill, websocket live, the PostgreSQL sink) feeds these structs
//! what it observed and asks them what to fetch, what to write and which checkpoint to commit.
//!
//! # One position space per source
//! Every transaction of a source has the position `(slot, signature)`. Backfill pages
//! (`getSignaturesForAddress`, newest first) and live notifications (oldest first) land in the
//! same ordered map, so the direction and the interleaving of discovery do not matter and a
//! signature delivered twice (overlapping pages, backfill overlapping live) is one entry. Within a
//! slot the order is by signature: deterministic, the same after a restart, and the checkpoint
//! never depends on it because it only moves over whole slots (below).
//!
//! # Coverage: which slots are complete
//! A slot is *sealed* once every transaction of the source in it has been discovered
//! ([`Coverage`]). Two claims seal slots, each made by the shell at a point where it is true:
//! - a backfill walk that ran from the newest signature down to `until` = the committed
//!   checkpoint (or to the start of history) seals everything up to the slot of its first
//!   entry: a block becomes visible at a commitment as a whole, so that slot is complete;
//! - a live subscription seals every slot below the newest slot it delivered, but only from the
//!   slot it started at, and only once that span joins the sealed range (the reconnect fill walk
//!   closes the hole). A dropped subscription seals nothing until it is back and joined again.
//!
//! # The checkpoint
//! [`SourceTracker::checkpoint`] is the last entry of the highest sealed slot such that every
//! entry at or below that slot is written. It never stops mid-slot, never passes an entry that is
//! discovered but unwritten or failed (fail closed: [`SourceTracker::stuck`] reports it), and
//! never moves back. The shell commits it in the same database transaction as the rows of the
//! batch ([`SourceTracker::checkpoint_with`] gives the value before the batch is marked written)
//! and then calls [`SourceTracker::committed`], which forgets everything at or below it.
//!
//! # Restart
//! What is stored per source: the checkpoint `(slot, signature)`. On restart the shell builds
//! [`SourceTracker::resume`] from it, subscribes live, then walks `getSignaturesForAddress` from
//! the newest signature down with `until` = the stored signature. Every transaction in a slot
//! above the stored one is listed before that signature, so nothing is missed; the tracker drops
//! every listed entry at or below the stored slot (all of them are committed: the checkpoint
//! covers whole slots), so nothing committed is fetched or written again.
//!
//! # Failures
//! [`ErrorKind`] names what the shell can see fail and [`ErrorKind::policy`] maps it to a
//! [`RetryPolicy`]: retry with bounded exponential backoff, or stop. When retries are exhausted a
//! transaction-level failure is recorded with [`SourceTracker::failed`] (it holds the checkpoint
//! of that source) and a database-level failure stops the pipeline ([`Escalation`]).

mod coverage;
mod entry;
mod retry;
mod tracker;

#[cfg(test)]
mod tests;

pub use coverage::Coverage;
pub use entry::{Checkpoint, Progress, SignatureEntry};
pub use retry::{Backoff, ErrorKind, Escalation, RetryDecision, RetryPolicy};
pub use tracker::{SourceTracker, TrackerError};
