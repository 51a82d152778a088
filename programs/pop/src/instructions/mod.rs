//! One module per instruction: its accounts, validation and handler.
pub mod accept_admin;
pub mod attest;
pub mod claim;
pub mod close_claim_chunk;
pub mod create_distributor;
pub mod finalize;
pub mod fund;
pub mod open_claim_chunk;
pub mod propose_admin;
pub mod propose_signed;
pub mod reclaim_unreserved;
pub mod set_attestor;
pub mod set_config;
pub mod set_kind;
pub mod set_pause;
pub mod sweep;
pub mod veto;

// Every module has a `handler`; only the account and argument types are used through the globs.
#[allow(ambiguous_glob_reexports)]
pub use accept_admin::*;
pub use attest::*;
pub use claim::*;
pub use close_claim_chunk::*;
pub use create_distributor::*;
pub use finalize::*;
pub use fund::*;
pub use open_claim_chunk::*;
pub use propose_admin::*;
pub use propose_signed::*;
pub use reclaim_unreserved::*;
pub use set_attestor::*;
pub use set_config::*;
pub use set_kind::*;
pub use set_pause::*;
pub use sweep::*;
pub use veto::*;
