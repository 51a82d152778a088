//! Subcommands.
pub mod common;
pub mod demo;
pub mod gov;
pub mod localnet;
pub mod multisig;
pub mod pop;
pub mod staking;
pub mod time;
pub mod timelock;
