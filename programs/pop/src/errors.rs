//! Named errors of the PoP program.
use anchor_lang::prelude::*;

/// Every way a PoP instruction can refuse.
#[error_code]
pub enum PopError {
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
    #[msg("Invalid settings: epoch length 60 s..=2 years, genesis >= 0, challenge window 0..=2 years, claim window 1 s..=2 years, quorum >= 1, max epoch total > 0")]
    InvalidConfig,
    #[msg("The mint has a Token-2022 extension PoP does not support (transfer fee, hook, permanent delegate, ...)")]
    UnsupportedMintExtension,
    #[msg("The clawback receiver must be a token account of the reward mint, other than the vault")]
    InvalidReceiver,
    #[msg("Kind names are 1 to 32 bytes")]
    InvalidKindName,
    #[msg("A kind's weight must be greater than zero")]
    InvalidKindWeight,
    #[msg("The attestor is not active")]
    AttestorInactive,
    #[msg("Nothing would change")]
    NothingToChange,
    #[msg("The epoch has not ended yet")]
    EpochNotEnded,
    #[msg("The epoch is not open for votes")]
    EpochNotVoting,
    #[msg("The round does not match the epoch's current voting round (a veto or attestor change started a new one)")]
    WrongRound,
    #[msg("An attestation needs a non-zero root, a total in 1..=max epoch total and 1..=16,777,216 leaves")]
    InvalidAttestation,
    #[msg("The epoch has no proposed root")]
    EpochNotProposed,
    #[msg("The challenge window has not ended yet")]
    ChallengeWindowOpen,
    #[msg("The challenge window is over: the root can no longer be vetoed")]
    ChallengeWindowClosed,
    #[msg("The veto reason is longer than 200 bytes")]
    ReasonTooLong,
    #[msg("The vault's unreserved balance does not cover the epoch's total: fund the distributor first")]
    InsufficientFunds,
    #[msg("The epoch total exceeds the distributor's max epoch total")]
    EpochTotalTooLarge,
    #[msg("The epoch is not finalized")]
    EpochNotFinalized,
    #[msg("The claim window is over")]
    ClaimWindowClosed,
    #[msg("The claim window is still open")]
    ClaimWindowOpen,
    #[msg("The leaf index is outside the epoch's leaves")]
    LeafOutOfRange,
    #[msg("The claim chunk does not hold this leaf index")]
    WrongClaimChunk,
    #[msg("This leaf was already claimed")]
    AlreadyClaimed,
    #[msg("The Merkle proof does not match the epoch's root")]
    InvalidProof,
    #[msg("The proof is longer than 32 hashes")]
    ProofTooLong,
    #[msg("Claims would exceed the epoch's finalized total")]
    ClaimExceedsTotal,
    #[msg("The epoch is not swept yet")]
    EpochNotSwept,
    #[msg("The amount exceeds the vault's unreserved balance")]
    ExceedsUnreserved,
    #[msg("The transaction has no valid ed25519 instruction right before this one")]
    MissingEd25519Instruction,
    #[msg("The ed25519 instruction is malformed: offsets must point into its own data")]
    MalformedEd25519Instruction,
    #[msg("A signed attestation is not over this distributor, epoch, round and triple")]
    WrongAttestationMessage,
    #[msg("Attestor accounts must match the ed25519 signers, in order, each once")]
    AttestorMismatch,
    #[msg("Fewer valid attestor signatures than the quorum")]
    QuorumNotReached,
}
