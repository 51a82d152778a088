//! Client side of `psp-staking`: PDAs, instruction builders, event decoding, the reward state
//! replayed from events.
pub mod events;
pub mod instructions;
pub mod pda;
pub mod replay;
pub mod state;

pub use instructions::*;
pub use pda::*;
pub use psp_staking::state::voting_power;
pub use state::*;
