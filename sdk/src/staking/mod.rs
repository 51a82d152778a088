//! Client side of `psp-staking`: PDAs, instruction builders, event decoding.
pub mod events;
pub mod instructions;
pub mod pda;

pub use instructions::*;
pub use pda::*;
pub use psp_staking::state::voting_power;
