//! Subcommands.
pub mod demo;
pub mod localnet;
pub mod multisig;
pub mod timelock;
