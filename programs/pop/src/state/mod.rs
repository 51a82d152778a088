//! Account types.
pub mod claims;
pub mod distributor;
pub mod epoch;
pub mod registry;

#[cfg(test)]
mod tests;

pub use claims::*;
pub use distributor::*;
pub use epoch::*;
pub use registry::*;
