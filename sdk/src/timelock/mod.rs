//! Client side of `psp-timelock`: PDAs, instruction builders, lock progress and unlock curves,
//! event decoding.
pub mod events;
pub mod instructions;
pub mod pda;
pub mod state;

pub use instructions::*;
pub use pda::*;
pub use state::*;
