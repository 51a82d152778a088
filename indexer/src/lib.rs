//! The PSP indexer: sources (RPC backfill, websocket live) -> the sdk's decoder -> a batched
//! PostgreSQL sink, with the ordering and checkpoint logic kept pure.

pub mod ordering;
pub mod pg;
pub mod source;
