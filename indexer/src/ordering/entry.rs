//! The position of a transaction in a source and its progress through the pipeline.

use super::ErrorKind;

/// One transaction of a source as listed by `getSignaturesForAddress` or a live notification.
/// Field order matters: the derived `Ord` is the source's position order `(slot, signature)`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SignatureEntry {
    /// Slot the transaction landed in.
    pub slot: u64,
    /// Base58 transaction signature, as the RPC returns it and the database stores it.
    pub signature: String,
}

impl SignatureEntry {
    pub fn new(slot: u64, signature: impl Into<String>) -> Self {
        Self { slot, signature: signature.into() }
    }

    /// The smallest position in `slot`: every entry of `slot` sorts at or after it.
    pub(crate) fn slot_start(slot: u64) -> Self {
        Self { slot, signature: String::new() }
    }
}

/// The committed position of a source: the last entry of a slot such that every transaction of
/// the source at or below that slot is written. Stored with the rows, used as `until` on restart.
pub type Checkpoint = SignatureEntry;

/// Where one discovered transaction is in the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Listed by a source, not fetched yet.
    Discovered,
    /// Fetched and decoded; its rows can be written.
    Fetched,
    /// Its rows are in the database.
    Written,
    /// Could not be fetched or decoded after its retries: holds the checkpoint below it.
    Failed(ErrorKind),
}
