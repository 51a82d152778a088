//! `psp-localnet`: PSP's Solana programs hosted natively inside real Solana runtimes.
//!
//! - [`native`]: turns each PSP Anchor program into a runtime builtin and installs the syscall
//!   stubs native programs need; shared by the `solana-program-test` harness and the validator.
//! - [`Localnet`]: an in-process `solana-test-validator` with every PSP program callable over
//!   JSON-RPC and websocket, for the CLI, end-to-end tests and indexer tests, with an airdrop
//!   faucet behind `requestAirdrop` as `solana-test-validator` has.
//!
//! Programs are native because no SBF compiler is available (see BRIEF.md §1): no compute-unit
//! metering, and `msg!` output goes to stdout rather than the transaction logs.

mod builtins;
mod faucet;
pub mod native;
mod ports;
mod ready;
mod validator;

pub use builtins::install_builtins;
pub use ready::wait_until_ready;
pub use validator::{Localnet, LocalnetConfig, DEFAULT_FAUCET_SOL};
