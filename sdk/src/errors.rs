//! Turning program error codes into names and messages for users.
use anchor_lang::error::ErrorCode as AnchorError;
use anchor_lang::prelude::Pubkey;
use psp_governance::errors::GovernanceError as G;
use psp_multisig::errors::MultisigError as M;
use psp_pop::errors::PopError as P;
use psp_staking::errors::StakingError as S;
use psp_timelock::errors::TimelockError as T;

/// Every multisig error, in declaration order (codes 6000..).
const MULTISIG_ERRORS: &[M] = &[
    M::EmptyMembers,
    M::TooManyMembers,
    M::DuplicateMember,
    M::UnknownPermissions,
    M::InvalidThreshold,
    M::MissingRequiredPermission,
    M::TimeLockTooLong,
    M::NotAMember,
    M::Unauthorized,
    M::NotConfigAuthority,
    M::NotSupportedForControlled,
    M::NoActions,
    M::ConfigAuthorityActionViaProposal,
    M::MemberNotFound,
    M::InvalidProposalStatus,
    M::StaleProposal,
    M::AlreadyVoted,
    M::TimeLockNotReleased,
    M::TransactionMismatch,
    M::InvalidTransactionMessage,
    M::InvalidVaultSigner,
    M::InvalidExecutionAccounts,
    M::ProtectedAccount,
    M::RentCollectorNotSet,
    M::AccountNotClosable,
    M::BufferTooLarge,
    M::BufferOverflow,
    M::BufferHashMismatch,
    M::InvalidSpendingLimitAmount,
    M::SpendingLimitListTooLong,
    M::InvalidSpendingLimitAccount,
    M::SpendingLimitExceeded,
    M::DestinationNotAllowed,
    M::InvalidSpendingLimitAccounts,
    M::DecimalsMismatch,
    M::UnsupportedMintExtension,
    M::Paused,
    M::UnknownPauseFlags,
    M::RentPayerRequired,
    M::MemoTooLong,
    M::Overflow,
    M::InvalidAddressLookupTable,
];

/// Every timelock error, in declaration order (codes 6000..).
const TIMELOCK_ERRORS: &[T] = &[
    T::Unauthorized,
    T::Paused,
    T::UnknownPauseFlags,
    T::GuardianCannotUnpause,
    T::NoPendingAdmin,
    T::NotUpgradeAuthority,
    T::ZeroAmount,
    T::MathOverflow,
    T::InvalidScheduleTimes,
    T::InvalidPeriod,
    T::CliffExceedsTotal,
    T::InvalidSteps,
    T::StepsTotalMismatch,
    T::UnsupportedMintExtension,
    T::LockNotActive,
    T::AmountExceedsAvailable,
    T::NothingToWithdraw,
    T::CrankNotAllowed,
    T::CrankDestinationNotRecipient,
    T::CancelNotAllowed,
    T::TransferNotAllowed,
    T::SameRecipient,
    T::TopUpNotAllowed,
    T::HighValueDelayTooShort,
    T::NotVetoable,
    T::VetoPeriodOver,
    T::ReasonTooLong,
    T::LockNotFinished,
    T::OutflowCapExceeded,
    T::InvalidOutflowWindow,
    T::InvalidMinDelay,
    T::WrongTokenAccountOwner,
];

/// Every staking error, in declaration order (codes 6000..).
const STAKING_ERRORS: &[S] = &[
    S::Unauthorized,
    S::Paused,
    S::UnknownPauseFlags,
    S::GuardianCannotUnpause,
    S::NoPendingAdmin,
    S::MathOverflow,
    S::ZeroAmount,
    S::InvalidPoolConfig,
    S::LockTooLong,
    S::LockNotExtended,
    S::StillLocked,
    S::NothingCooling,
    S::CooldownNotOver,
    S::AmountExceedsStake,
    S::InvalidStreamIndex,
    S::NoFreeStreamSlot,
    S::StreamNotActive,
    S::WrongStream,
    S::NothingToClaim,
    S::OutflowCapExceeded,
    S::InvalidOutflowWindow,
    S::UnsupportedMintExtension,
    S::PositionNotEmpty,
    S::WrongTokenAccountOwner,
    S::NothingToChange,
];

/// Every PoP error, in declaration order (codes 6000..).
const POP_ERRORS: &[P] = &[
    P::Unauthorized,
    P::Paused,
    P::UnknownPauseFlags,
    P::GuardianCannotUnpause,
    P::NoPendingAdmin,
    P::MathOverflow,
    P::ZeroAmount,
    P::InvalidConfig,
    P::UnsupportedMintExtension,
    P::InvalidReceiver,
    P::InvalidKindName,
    P::InvalidKindWeight,
    P::AttestorInactive,
    P::NothingToChange,
    P::EpochNotEnded,
    P::EpochNotVoting,
    P::WrongRound,
    P::InvalidAttestation,
    P::EpochNotProposed,
    P::ChallengeWindowOpen,
    P::ChallengeWindowClosed,
    P::ReasonTooLong,
    P::InsufficientFunds,
    P::EpochTotalTooLarge,
    P::EpochNotFinalized,
    P::ClaimWindowClosed,
    P::ClaimWindowOpen,
    P::LeafOutOfRange,
    P::WrongClaimChunk,
    P::AlreadyClaimed,
    P::InvalidProof,
    P::ProofTooLong,
    P::ClaimExceedsTotal,
    P::EpochNotSwept,
    P::ExceedsUnreserved,
    P::MissingEd25519Instruction,
    P::MalformedEd25519Instruction,
    P::WrongAttestationMessage,
    P::AttestorMismatch,
    P::QuorumNotReached,
];

/// Every governance error, in declaration order (codes 6000..).
const GOVERNANCE_ERRORS: &[G] = &[
    G::Unauthorized,
    G::Paused,
    G::UnknownPauseFlags,
    G::MathOverflow,
    G::InvalidConfig,
    G::NotTreasury,
    G::TextTooLong,
    G::WrongPool,
    G::NotPositionOwner,
    G::NotEnoughPowerToPropose,
    G::NotDraft,
    G::InstructionsTooLarge,
    G::InvalidInstructions,
    G::NotVoting,
    G::VotingEnded,
    G::VotingNotEnded,
    G::PositionTooNew,
    G::WeightChangedDuringVote,
    G::NoVotingPower,
    G::CannotCancel,
    G::NotSucceeded,
    G::HoldUpNotOver,
    G::HoldUpOver,
    G::ProposalExpired,
    G::StaleProposal,
    G::MissingExecutionAccount,
    G::NothingToUpdate,
];

/// Anchor framework errors users commonly meet.
const ANCHOR_ERRORS: &[AnchorError] = &[
    AnchorError::AccountNotSigner,
    AnchorError::AccountNotInitialized,
    AnchorError::AccountOwnedByWrongProgram,
    AnchorError::AccountDiscriminatorMismatch,
    AnchorError::ConstraintSeeds,
    AnchorError::ConstraintHasOne,
    AnchorError::ConstraintMut,
    AnchorError::ConstraintRaw,
    AnchorError::ConstraintTokenMint,
    AnchorError::ConstraintTokenOwner,
    AnchorError::InvalidProgramId,
    AnchorError::AccountNotEnoughKeys,
    AnchorError::InstructionDidNotDeserialize,
    AnchorError::ConstraintTokenTokenProgram,
    AnchorError::AccountDidNotDeserialize,
    AnchorError::ConstraintAddress,
    AnchorError::ConstraintMintTokenProgram,
    AnchorError::ConstraintClose,
    AnchorError::AccountNotMutable,
];

/// "Name: message" for custom error `code` raised by `program_id` (Anchor framework errors,
/// below 6000, are the same in every program).
pub fn explain(program_id: &Pubkey, code: u32) -> Option<String> {
    fn named<E: Copy + Into<u32> + std::fmt::Display>(
        table: &[E],
        code: u32,
        name: fn(&E) -> String,
    ) -> Option<String> {
        table.iter().find(|e| (**e).into() == code).map(|e| format!("{}: {}", name(e), e))
    }
    let program = if *program_id == psp_multisig::ID {
        named(MULTISIG_ERRORS, code, |e| e.name())
    } else if *program_id == psp_timelock::ID {
        named(TIMELOCK_ERRORS, code, |e| e.name())
    } else if *program_id == psp_staking::ID {
        named(STAKING_ERRORS, code, |e| e.name())
    } else if *program_id == psp_pop::ID {
        named(POP_ERRORS, code, |e| e.name())
    } else if *program_id == psp_governance::ID {
        named(GOVERNANCE_ERRORS, code, |e| e.name())
    } else {
        None
    };
    program.or_else(|| named(ANCHOR_ERRORS, code, |e| e.name()))
}

/// The program that raised the failure, from a transaction's logs (the innermost failing
/// program, as [`crate::decoder`] reads the frames).
pub fn failing_program(logs: &[String]) -> Option<Pubkey> {
    let view = crate::decoder::TransactionView { programs: vec![], inner: None, logs: logs.to_vec() };
    crate::decoder::decode_transaction(&view).failed_program
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_code_in_order() {
        for (i, e) in MULTISIG_ERRORS.iter().enumerate() {
            assert_eq!(u32::from(*e), 6000 + i as u32, "{} out of order", e.name());
        }
        // The table ends with the last variant.
        assert_eq!(u32::from(M::InvalidAddressLookupTable), 6000 + MULTISIG_ERRORS.len() as u32 - 1);
        for (i, e) in TIMELOCK_ERRORS.iter().enumerate() {
            assert_eq!(u32::from(*e), 6000 + i as u32, "{} out of order", e.name());
        }
        assert_eq!(u32::from(T::WrongTokenAccountOwner), 6000 + TIMELOCK_ERRORS.len() as u32 - 1);
        for (i, e) in STAKING_ERRORS.iter().enumerate() {
            assert_eq!(u32::from(*e), 6000 + i as u32, "{} out of order", e.name());
        }
        assert_eq!(u32::from(S::NothingToChange), 6000 + STAKING_ERRORS.len() as u32 - 1);
        for (i, e) in POP_ERRORS.iter().enumerate() {
            assert_eq!(u32::from(*e), 6000 + i as u32, "{} out of order", e.name());
        }
        assert_eq!(u32::from(P::QuorumNotReached), 6000 + POP_ERRORS.len() as u32 - 1);
        assert!(explain(&psp_pop::ID, 6029).unwrap().starts_with("AlreadyClaimed"));
        for (i, e) in GOVERNANCE_ERRORS.iter().enumerate() {
            assert_eq!(u32::from(*e), 6000 + i as u32, "{} out of order", e.name());
        }
        assert_eq!(u32::from(G::NothingToUpdate), 6000 + GOVERNANCE_ERRORS.len() as u32 - 1);
        let ms = psp_multisig::ID;
        assert_eq!(explain(&ms, 6016).unwrap(), "AlreadyVoted: Member has already cast this vote");
        assert!(explain(&psp_timelock::ID, 6016).unwrap().starts_with("NothingToWithdraw"));
        assert!(explain(&ms, 2006).unwrap().starts_with("ConstraintSeeds"));
        assert_eq!(explain(&ms, 99_999), None);
        assert_eq!(explain(&Pubkey::new_unique(), 6000), None);
    }

    #[test]
    fn failing_program_is_the_innermost() {
        let logs: Vec<String> = [
            "Program 8Aag4ev1bXRbGvmDfyw2H8pRSGhtW9BJ7izQwMQ3RE3S invoke [1]",
            "Program Eucf8rM9eZz7hJaifYpijnz2Nm7XaTsvniTEWS81zVgc invoke [2]",
            "Program Eucf8rM9eZz7hJaifYpijnz2Nm7XaTsvniTEWS81zVgc failed: custom program error: 0x1770",
            "Program 8Aag4ev1bXRbGvmDfyw2H8pRSGhtW9BJ7izQwMQ3RE3S failed: custom program error: 0x1770",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(failing_program(&logs), Some(psp_timelock::ID));
    }
}
