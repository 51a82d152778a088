//! Accounts of the multisig program.
pub mod bitmap;
pub mod config_transaction;
pub mod multisig;
pub mod proposal;
pub mod spending_limit;
pub mod transaction_buffer;
pub mod vault_transaction;

pub use config_transaction::*;
pub use multisig::*;
pub use proposal::*;
pub use spending_limit::*;
pub use transaction_buffer::*;
pub use vault_transaction::*;
