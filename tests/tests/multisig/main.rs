//! `psp-multisig` test suite: success paths of every instruction, the attacks of the security
//! checklist, time-lock boundaries, stale proposals and a 256-member multisig.
mod common;

mod buffers;
mod config;
mod create;
mod indexer_events;
mod lookup_tables;
mod member_shift;
mod scale;
mod security;
mod spending_limit_rent;
mod spending_limits;
mod vault;
mod voting;
