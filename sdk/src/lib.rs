//! PSP client library, shared by the CLI, the indexer and the tests: PDA derivation,
//! instruction builders, account decoding, and the one decoder of PSP transactions ([`decoder`]).
pub mod amounts;
pub mod decoder;
pub mod errors;
pub mod events;
pub mod flags;
pub mod governance;
pub mod ix;
pub mod mint;
pub mod multisig;
pub mod pop;
pub mod quote;
pub mod staking;
pub mod timelock;

pub use anchor_lang;
pub use psp_common;
pub use psp_governance;
pub use psp_multisig;
pub use psp_pop;
pub use psp_staking;
pub use psp_timelock;

use anchor_lang::prelude::Pubkey;

/// Derives the address of a PDA of `program_id` (canonical bump).
pub fn pda(seeds: &[&[u8]], program_id: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(seeds, program_id)
}
