//! Client side of `psp-governance`: PDAs, instruction builders (with chunked instruction
//! lists and the execution's remaining accounts), event decoding.
pub mod events;
pub mod instructions;
pub mod pda;
pub mod state;

pub use instructions::*;
pub use pda::*;
pub use state::*;
