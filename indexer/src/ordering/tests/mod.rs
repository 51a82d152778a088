//! Tests of the ordering and checkpoint logic: plain scenarios, the retry table, and property
//! tests that run a simulated chain through backfill, live, restarts and failures.

mod coverage;
mod props;
mod retry;
mod sim;
mod tracker;

use super::SignatureEntry;

/// Entry shorthand for tests.
fn e(slot: u64, signature: &str) -> SignatureEntry {
    SignatureEntry::new(slot, signature)
}
