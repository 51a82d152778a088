//! One module per instruction: its accounts, validation and handler.
pub mod append_instructions;
pub mod cancel_proposal;
pub mod cast_vote;
pub mod create_proposal;
pub mod create_realm;
pub mod execute_proposal;
pub mod set_pause;
pub mod set_realm_config;
pub mod start_voting;
pub mod update_proposal;
pub mod veto_proposal;

// Every module has a `handler`; only the account and argument types are used through the globs.
#[allow(ambiguous_glob_reexports)]
pub use append_instructions::*;
pub use cancel_proposal::*;
pub use cast_vote::*;
pub use create_proposal::*;
pub use create_realm::*;
pub use execute_proposal::*;
pub use set_pause::*;
pub use set_realm_config::*;
pub use start_voting::*;
pub use update_proposal::*;
pub use veto_proposal::*;
