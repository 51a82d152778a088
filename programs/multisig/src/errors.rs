//! Error codes of the multisig program. Every failure has a named code and an actionable message.
use anchor_lang::prelude::*;

/// Errors returned by the multisig program.
#[error_code]
pub enum MultisigError {
    #[msg("Members list is empty; a multisig needs at least one member")]
    EmptyMembers,
    #[msg("Too many members for one multisig (see MAX_MEMBERS)")]
    TooManyMembers,
    #[msg("A member key appears more than once")]
    DuplicateMember,
    #[msg("Permissions mask has unknown bits; use Initiate=1, Vote=2, Execute=4")]
    UnknownPermissions,
    #[msg("Threshold must be at least 1 and at most the number of members with Vote permission")]
    InvalidThreshold,
    #[msg("At least one member must hold the Initiate permission and one the Execute permission")]
    MissingRequiredPermission,
    #[msg("Time lock exceeds the 90-day maximum")]
    TimeLockTooLong,
    #[msg("Signer is not a member of this multisig")]
    NotAMember,
    #[msg("Member lacks the permission this action requires")]
    Unauthorized,
    #[msg("Only the config authority may do this; autonomous multisigs change only through proposals")]
    NotConfigAuthority,
    #[msg("This multisig is controlled by a config authority; change it through the authority, not proposals")]
    NotSupportedForControlled,
    #[msg("Config action list is empty")]
    NoActions,
    #[msg("Setting the config authority is only possible through the current config authority")]
    ConfigAuthorityActionViaProposal,
    #[msg("Member to remove or update was not found")]
    MemberNotFound,
    #[msg("Proposal is not in the state this action requires")]
    InvalidProposalStatus,
    #[msg("Proposal is stale: the multisig configuration changed after it was created")]
    StaleProposal,
    #[msg("Member has already cast this vote")]
    AlreadyVoted,
    #[msg("Time lock has not yet elapsed since approval")]
    TimeLockNotReleased,
    #[msg("Transaction or proposal does not belong to this multisig")]
    TransactionMismatch,
    #[msg("Transaction message is malformed: an index is out of range or the header is inconsistent")]
    InvalidTransactionMessage,
    #[msg("The vault must be the first account key and the only signer of a vault transaction")]
    InvalidVaultSigner,
    #[msg("Accounts passed for execution do not match the transaction message")]
    InvalidExecutionAccounts,
    #[msg("A vault transaction may not write to the multisig, its proposal or its transaction account")]
    ProtectedAccount,
    #[msg("Rent collector is not set or is not the account passed; set one through a config action")]
    RentCollectorNotSet,
    #[msg("Account cannot be closed yet: its proposal is still live")]
    AccountNotClosable,
    #[msg("Transaction buffer is larger than MAX_BUFFER_SIZE")]
    BufferTooLarge,
    #[msg("Transaction buffer would exceed its declared final size")]
    BufferOverflow,
    #[msg("Transaction buffer contents do not match the declared final size and hash")]
    BufferHashMismatch,
    #[msg("Spending limit amount must be greater than zero")]
    InvalidSpendingLimitAmount,
    #[msg("Spending limit member or destination list is too long")]
    SpendingLimitListTooLong,
    #[msg("Spending limit account does not match the PDA derived from its create key")]
    InvalidSpendingLimitAccount,
    #[msg("Amount exceeds what remains of the spending limit in this period")]
    SpendingLimitExceeded,
    #[msg("Destination is not on the spending limit's allow-list")]
    DestinationNotAllowed,
    #[msg("Mint, token accounts or token program do not match the spending limit")]
    InvalidSpendingLimitAccounts,
    #[msg("Decimals do not match the mint")]
    DecimalsMismatch,
    #[msg("Token-2022 mints with a transfer hook are not supported by spending limits")]
    UnsupportedMintExtension,
    #[msg("This operation is paused on this multisig")]
    Paused,
    #[msg("Pause flags have unknown bits")]
    UnknownPauseFlags,
    #[msg("A rent payer and the system program are required for this action")]
    RentPayerRequired,
    #[msg("Memo is longer than MAX_MEMO_LEN bytes")]
    MemoTooLong,
    #[msg("Arithmetic overflow")]
    Overflow,
    #[msg("Address lookup table account is missing, not owned by the lookup table program, or lacks an index")]
    InvalidAddressLookupTable,
    #[msg("Removing a spending limit needs its rent receiver as a writable remaining account: the rent collector, or vault 0 when none is set")]
    RentReceiverMissing,
}
