//! Account types and the pure vote arithmetic.
pub mod proposal;
pub mod realm;
pub mod signers;
pub mod tally;

#[cfg(test)]
mod tests;

pub use proposal::*;
pub use realm::*;
pub use signers::*;
pub use tally::*;
