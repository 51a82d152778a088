//! On-chain building blocks shared by every PSP program (compiled into each program, SBF-safe:
//! no floats, checked math, fixed-size state).
//!
//! - [`pause`]: operation bits plus a full-halt bit; exits stay open unless halted.
//! - [`outflow`]: a rolling-window outflow cap (circuit breaker) with a strict guarantee.
//! - [`mint_policy`]: which Token-2022 mint extensions PSP escrows accept.
//! - [`merkle`]: leaf/node hashing with domain prefixes and proof verification for distributions.
//! - [`token`]: `transfer_checked` from a signing holder or a PDA-owned vault.
pub mod merkle;
pub mod mint_policy;
pub mod outflow;
pub mod pause;
pub mod token;
