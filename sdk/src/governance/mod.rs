//! Client side of `psp-governance`: PDAs, instruction builders (with chunked instruction
//! lists and the execution's remaining accounts), event decoding.
pub mod events;
pub mod instructions;
pub mod pda;

pub use instructions::*;
pub use pda::*;
