//! Client side of `psp-multisig`: PDAs, messages, instruction builders, proposal state.
pub mod admin;
pub mod buffers;
pub mod events;
pub mod instructions;
pub mod message;
pub mod pda;
pub mod state;

pub use admin::*;
pub use buffers::*;
pub use instructions::*;
pub use message::*;
pub use pda::*;
pub use state::*;
