//! Accounts and the value math behind them.
pub mod boost;
pub mod pool;
pub mod position;
pub mod stream;

#[cfg(test)]
mod tests;

pub use boost::*;
pub use pool::*;
pub use position::*;
pub use stream::*;
