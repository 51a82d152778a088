//! One module per instruction: its accounts, validation and handler.
pub mod accept_admin;
pub mod add_stream;
pub mod claim_rewards;
pub mod close_position;
pub mod create_pool;
pub mod create_position;
pub mod fund_stream;
pub mod propose_admin;
pub mod refresh_position;
pub mod retire_stream;
pub mod set_pause;
pub mod set_pool_config;
pub mod set_stream;
pub mod start_cooldown;
pub mod update_position;
pub mod withdraw;

// Every module has a `handler`; only the account and argument types are used through the globs.
#[allow(ambiguous_glob_reexports)]
pub use accept_admin::*;
pub use add_stream::*;
pub use claim_rewards::*;
pub use close_position::*;
pub use create_pool::*;
pub use create_position::*;
pub use fund_stream::*;
pub use propose_admin::*;
pub use refresh_position::*;
pub use retire_stream::*;
pub use set_pause::*;
pub use set_pool_config::*;
pub use set_stream::*;
pub use start_cooldown::*;
pub use update_position::*;
pub use withdraw::*;
