//! Named errors of the timelock program.
use anchor_lang::prelude::*;

/// Every way a timelock instruction can refuse.
#[error_code]
pub enum TimelockError {
    #[msg("The signer is not allowed to do this")]
    Unauthorized,
    #[msg("This operation is paused")]
    Paused,
    #[msg("Unknown pause flags")]
    UnknownPauseFlags,
    #[msg("The guardian may only add pause flags; clearing them needs the admin")]
    GuardianCannotUnpause,
    #[msg("There is no pending admin transfer to this signer")]
    NoPendingAdmin,
    #[msg("The program's upgrade authority must initialize the config")]
    NotUpgradeAuthority,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Schedule times must satisfy start <= cliff <= end and start < end")]
    InvalidScheduleTimes,
    #[msg("The release period must be positive and divide end - start")]
    InvalidPeriod,
    #[msg("The cliff amount exceeds the total")]
    CliffExceedsTotal,
    #[msg("Steps must be 1..=64, strictly increasing in time, each with a positive amount")]
    InvalidSteps,
    #[msg("Step amounts must add up to the deposited amount")]
    StepsTotalMismatch,
    #[msg("The mint has a Token-2022 extension PSP escrows refuse (transfer fee, hook, permanent delegate, ...)")]
    UnsupportedMintExtension,
    #[msg("The lock is not active (cancelled or vetoed)")]
    LockNotActive,
    #[msg("The amount exceeds what has vested and not been withdrawn")]
    AmountExceedsAvailable,
    #[msg("Nothing is available to withdraw yet")]
    NothingToWithdraw,
    #[msg("This lock does not allow third parties to crank withdrawals")]
    CrankNotAllowed,
    #[msg("Cranked withdrawals must go to a token account owned by the recipient")]
    CrankDestinationNotRecipient,
    #[msg("This lock cannot be cancelled by the signer")]
    CancelNotAllowed,
    #[msg("This lock's recipient cannot be changed by the signer")]
    TransferNotAllowed,
    #[msg("The new recipient is the current recipient")]
    SameRecipient,
    #[msg("This lock does not accept top-ups")]
    TopUpNotAllowed,
    #[msg("A high-value lock must release nothing before its minimum delay has passed")]
    HighValueDelayTooShort,
    #[msg("The lock is not a high-value lock under veto")]
    NotVetoable,
    #[msg("The veto period has ended")]
    VetoPeriodOver,
    #[msg("Veto reason too long (max 200 bytes)")]
    ReasonTooLong,
    #[msg("The lock still holds tokens: withdraw or cancel first")]
    LockNotFinished,
    #[msg("Per-mint outflow cap reached for the current window; try later or ask the admin")]
    OutflowCapExceeded,
    #[msg("An outflow cap needs a window of at least one second")]
    InvalidOutflowWindow,
    #[msg("The minimum delay must be between 0 and 365 days")]
    InvalidMinDelay,
    #[msg("The token account belongs to the wrong owner")]
    WrongTokenAccountOwner,
}
