//! Named errors of the governance program.
use anchor_lang::prelude::*;

/// Every way a governance instruction can refuse.
#[error_code]
pub enum GovernanceError {
    #[msg("The signer is not allowed to do this")]
    Unauthorized,
    #[msg("This operation is paused")]
    Paused,
    #[msg("Unknown pause flags")]
    UnknownPauseFlags,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Invalid rules: quorum and approval 1..=10,000 bps, voting period 1 s..=1 year, hold-up 0..=1 year, execution window 1 s..=1 year")]
    InvalidConfig,
    #[msg("Realm settings change only through the realm's own proposals (signed by its treasury)")]
    NotTreasury,
    #[msg("Title up to 80 bytes, description link up to 200 bytes")]
    TextTooLong,
    #[msg("The position belongs to another staking pool than the realm's")]
    WrongPool,
    #[msg("The signer does not own this position")]
    NotPositionOwner,
    #[msg("The position's voting power is below the realm's minimum to propose")]
    NotEnoughPowerToPropose,
    #[msg("The proposal is not a draft")]
    NotDraft,
    #[msg("The instruction list would exceed 10,000 bytes")]
    InstructionsTooLarge,
    #[msg("The appended bytes do not form a valid instruction list")]
    InvalidInstructions,
    #[msg("The proposal is not open for votes")]
    NotVoting,
    #[msg("The vote has ended")]
    VotingEnded,
    #[msg("The vote has not ended yet")]
    VotingNotEnded,
    #[msg("The position was created at or after the vote started: it cannot vote on this proposal")]
    PositionTooNew,
    #[msg("The position's weight grew at or after the vote started: it cannot vote on this proposal")]
    WeightChangedDuringVote,
    #[msg("The position has no voting power for this vote (its lock must last until the vote ends)")]
    NoVotingPower,
    #[msg("The proposal cannot be cancelled in its current state")]
    CannotCancel,
    #[msg("The proposal has not succeeded")]
    NotSucceeded,
    #[msg("The hold-up has not ended yet")]
    HoldUpNotOver,
    #[msg("The hold-up is over: the council can no longer veto")]
    HoldUpOver,
    #[msg("The execution window has passed: the proposal expired")]
    ProposalExpired,
    #[msg("The realm's settings changed since the vote started: re-propose under the new settings")]
    StaleProposal,
    #[msg("An account an instruction needs is missing from the remaining accounts")]
    MissingExecutionAccount,
    #[msg("Nothing to update: the proposal is not in a state that changes with time")]
    NothingToUpdate,
    #[msg("Only the realm's treasury may sign a proposal's instructions: another account is marked as a signer (an executor's signature must never be spent)")]
    SignerNotTreasury,
}
