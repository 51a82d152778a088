//! Sources: what the indexer reads from the chain. So far one transaction at a time over RPC
//! ([`fetch`]); the backfill walk and the live subscription build on it.
pub mod fetch;

pub use fetch::{fetch_record, record_from_fetched, FetchError};
