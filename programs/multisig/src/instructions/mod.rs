//! One module per instruction: its accounts, validation and handler.
pub mod config_transaction_accounts_close;
pub mod config_transaction_create;
pub mod config_transaction_execute;
pub mod multisig_config_apply;
pub mod multisig_create;
pub mod multisig_pause;
pub mod proposal_vote;
pub mod spending_limit_use;
pub mod transaction_buffer_close;
pub mod transaction_buffer_create;
pub mod transaction_buffer_extend;
pub mod vault_transaction_accounts_close;
pub mod vault_transaction_create;
pub mod vault_transaction_create_from_buffer;
pub mod vault_transaction_execute;

// Every module has a `handler`; only the account and argument types are used through the globs.
#[allow(ambiguous_glob_reexports)]
pub use config_transaction_accounts_close::*;
#[allow(ambiguous_glob_reexports)]
pub use config_transaction_create::*;
#[allow(ambiguous_glob_reexports)]
pub use config_transaction_execute::*;
#[allow(ambiguous_glob_reexports)]
pub use multisig_config_apply::*;
#[allow(ambiguous_glob_reexports)]
pub use multisig_create::*;
#[allow(ambiguous_glob_reexports)]
pub use multisig_pause::*;
#[allow(ambiguous_glob_reexports)]
pub use proposal_vote::*;
#[allow(ambiguous_glob_reexports)]
pub use spending_limit_use::*;
#[allow(ambiguous_glob_reexports)]
pub use transaction_buffer_close::*;
#[allow(ambiguous_glob_reexports)]
pub use transaction_buffer_create::*;
#[allow(ambiguous_glob_reexports)]
pub use transaction_buffer_extend::*;
#[allow(ambiguous_glob_reexports)]
pub use vault_transaction_accounts_close::*;
#[allow(ambiguous_glob_reexports)]
pub use vault_transaction_create::*;
#[allow(ambiguous_glob_reexports)]
pub use vault_transaction_create_from_buffer::*;
#[allow(ambiguous_glob_reexports)]
pub use vault_transaction_execute::*;
