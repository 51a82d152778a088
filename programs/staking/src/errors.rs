//! Named errors of the staking program.
use anchor_lang::prelude::*;

/// Every way a staking instruction can refuse.
#[error_code]
pub enum StakingError {
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
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Max lockup must be 0..=10 years, the max multiplier 1x..=10x, cooldown 0..=1 year, min voting lockup <= max lockup")]
    InvalidPoolConfig,
    #[msg("The lock is longer than the pool's max lockup")]
    LockTooLong,
    #[msg("A lock can only be extended, not shortened")]
    LockNotExtended,
    #[msg("The lock has not ended yet")]
    StillLocked,
    #[msg("Nothing is cooling down")]
    NothingCooling,
    #[msg("The cooldown has not ended yet")]
    CooldownNotOver,
    #[msg("The amount exceeds the position's stake")]
    AmountExceedsStake,
    #[msg("No stream at this index")]
    InvalidStreamIndex,
    #[msg("All 4 stream slots are in use (a retired slot is reusable 90 days after retirement)")]
    NoFreeStreamSlot,
    #[msg("The stream is not active")]
    StreamNotActive,
    #[msg("The reward vault or mint does not belong to this stream")]
    WrongStream,
    #[msg("Nothing to claim")]
    NothingToClaim,
    #[msg("Per-stream outflow cap reached for the current window; try later")]
    OutflowCapExceeded,
    #[msg("An outflow cap needs a window of at least one second")]
    InvalidOutflowWindow,
    #[msg("The mint has a Token-2022 extension PSP vaults refuse (transfer fee, hook, permanent delegate, ...)")]
    UnsupportedMintExtension,
    #[msg("The position still holds stake, cooling tokens or unclaimed rewards")]
    PositionNotEmpty,
    #[msg("The token account belongs to the wrong owner")]
    WrongTokenAccountOwner,
    #[msg("Nothing to change: give a rate, an outflow cap, or both")]
    NothingToChange,
}
