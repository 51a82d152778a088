//! PDA seeds and protocol limits of the multisig program.

/// Prefix of every PDA of this program; the multisig PDA is `[MULTISIG_SEED, create_key]`.
pub const MULTISIG_SEED: &[u8] = b"multisig";
/// Vault PDA: `[MULTISIG_SEED, multisig, VAULT_SEED, [vault_index]]`. Vaults hold assets and sign by CPI.
pub const VAULT_SEED: &[u8] = b"vault";
/// Transaction PDA: `[MULTISIG_SEED, multisig, TRANSACTION_SEED, index_le]`.
pub const TRANSACTION_SEED: &[u8] = b"transaction";
/// Proposal PDA: `[MULTISIG_SEED, multisig, TRANSACTION_SEED, index_le, PROPOSAL_SEED]`.
pub const PROPOSAL_SEED: &[u8] = b"proposal";
/// Spending limit PDA: `[MULTISIG_SEED, multisig, SPENDING_LIMIT_SEED, create_key]`.
pub const SPENDING_LIMIT_SEED: &[u8] = b"spending_limit";
/// Transaction buffer PDA: `[MULTISIG_SEED, multisig, TRANSACTION_BUFFER_SEED, creator, [buffer_index]]`.
pub const TRANSACTION_BUFFER_SEED: &[u8] = b"transaction_buffer";

/// Ephemeral signer PDA of a vault transaction: `[MULTISIG_SEED, transaction, EPHEMERAL_SIGNER_SEED, [i]]`.
/// Signs in the transaction's instructions (e.g. as a new account), never holds value after.
pub const EPHEMERAL_SIGNER_SEED: &[u8] = b"ephemeral_signer";
/// Most ephemeral signers one vault transaction may use.
pub const MAX_EPHEMERAL_SIGNERS: usize = 8;

/// Current layout version written into every account this program creates.
pub const ACCOUNT_VERSION: u8 = 1;

/// Longest allowed delay between approval and execution: 90 days.
pub const MAX_TIME_LOCK_SECONDS: u32 = 90 * 24 * 60 * 60;
/// Most members a multisig may have. Votes are bitmaps over member indexes, so this bounds
/// account sizes (members: 33 bytes each; proposals: 3 bits each), not instruction sizes.
pub const MAX_MEMBERS: usize = 1024;
/// Most entries in a spending limit's member or destination list.
pub const MAX_SPENDING_LIMIT_LIST: usize = 64;
/// Largest serialized vault transaction message a buffer may hold (one CPI allocation).
pub const MAX_BUFFER_SIZE: usize = 9_000;
/// Longest memo accepted on any instruction.
pub const MAX_MEMO_LEN: usize = 256;
