//! One module per instruction: its accounts, validation and handler.
pub mod accept_admin;
pub mod cancel_lock;
pub mod close_lock;
pub mod create_lock;
pub mod initialize_config;
pub mod propose_admin;
pub mod set_guardian;
pub mod set_mint_policy;
pub mod set_pause;
pub mod top_up;
pub mod transfer_recipient;
pub mod veto_lock;
pub mod withdraw;

// Every module has a `handler`; only the account and argument types are used through the globs.
#[allow(ambiguous_glob_reexports)]
pub use accept_admin::*;
pub use cancel_lock::*;
pub use close_lock::*;
pub use create_lock::*;
pub use initialize_config::*;
pub use propose_admin::*;
pub use set_guardian::*;
pub use set_mint_policy::*;
pub use set_pause::*;
pub use top_up::*;
pub use transfer_recipient::*;
pub use veto_lock::*;
pub use withdraw::*;
