//! Test support for PSP programs: every PSP program hosted natively in `solana-program-test`,
//! with event capture (`emit!` and `emit_cpi!`), clock control, and one-line mints and token
//! accounts for SPL Token and Token-2022. Written once, used by every program's test suite.
pub mod env;
pub mod tables;
pub mod tokens;

pub use env::{TestEnv, TxFailure, TxOutput};
