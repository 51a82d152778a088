//! Turning program error codes into names and messages for users.
use anchor_lang::error::ErrorCode as AnchorError;
use psp_multisig::errors::MultisigError as M;

/// Every multisig error, in declaration order (codes 6000..).
const MULTISIG_ERRORS: &[M] = &[
    M::EmptyMembers, M::TooManyMembers, M::DuplicateMember, M::UnknownPermissions, M::InvalidThreshold,
    M::MissingRequiredPermission, M::TimeLockTooLong, M::NotAMember, M::Unauthorized, M::NotConfigAuthority,
    M::NotSupportedForControlled, M::NoActions, M::ConfigAuthorityActionViaProposal, M::MemberNotFound,
    M::InvalidProposalStatus, M::StaleProposal, M::AlreadyVoted, M::TimeLockNotReleased, M::TransactionMismatch,
    M::InvalidTransactionMessage, M::InvalidVaultSigner, M::InvalidExecutionAccounts, M::ProtectedAccount,
    M::RentCollectorNotSet, M::AccountNotClosable, M::BufferTooLarge, M::BufferOverflow, M::BufferHashMismatch,
    M::InvalidSpendingLimitAmount, M::SpendingLimitListTooLong, M::InvalidSpendingLimitAccount,
    M::SpendingLimitExceeded, M::DestinationNotAllowed, M::InvalidSpendingLimitAccounts, M::DecimalsMismatch,
    M::UnsupportedMintExtension, M::Paused, M::UnknownPauseFlags, M::RentPayerRequired, M::MemoTooLong, M::Overflow,
    M::InvalidAddressLookupTable,
];

/// Anchor framework errors users commonly meet.
const ANCHOR_ERRORS: &[AnchorError] = &[
    AnchorError::AccountNotSigner, AnchorError::AccountNotInitialized, AnchorError::AccountOwnedByWrongProgram,
    AnchorError::AccountDiscriminatorMismatch, AnchorError::ConstraintSeeds, AnchorError::ConstraintHasOne,
    AnchorError::ConstraintMut, AnchorError::ConstraintRaw, AnchorError::ConstraintTokenMint,
    AnchorError::ConstraintTokenOwner, AnchorError::InvalidProgramId, AnchorError::AccountNotEnoughKeys,
    AnchorError::InstructionDidNotDeserialize, AnchorError::ConstraintTokenTokenProgram,
];

/// "Name: message" for a custom error code of a PSP program, if known.
pub fn explain(code: u32) -> Option<String> {
    MULTISIG_ERRORS
        .iter()
        .find(|e| u32::from(**e) == code)
        .map(|e| format!("{}: {}", e.name(), e))
        .or_else(|| ANCHOR_ERRORS.iter().find(|e| u32::from(**e) == code).map(|e| format!("{}: {}", e.name(), e)))
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
        assert_eq!(explain(6016).unwrap(), "AlreadyVoted: Member has already cast this vote");
        assert!(explain(2006).unwrap().starts_with("ConstraintSeeds"));
        assert_eq!(explain(99_999), None);
    }
}
