//! Accounts and the value math behind them.
pub mod config;
pub mod fresh_credit;
pub mod lock;
pub mod mint_policy;
pub mod schedule;

#[cfg(test)]
mod tests;

pub use config::*;
pub use fresh_credit::*;
pub use lock::*;
pub use mint_policy::*;
pub use schedule::*;
