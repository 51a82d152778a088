//! Which mints PSP escrows accept: the one policy of the timelock, staking and PoP programs
//! (and of the sdk's pre-flight check, which calls [`refused_extension_in`]).
//!
//! SPL Token mints are always fine. Token-2022 mints are accepted only with extensions that
//! cannot change amounts or move escrowed tokens: a transfer fee would make escrow accounting
//! inexact, a transfer hook runs foreign code on every payout, a permanent delegate can drain an
//! escrow, a default-frozen state or non-transferability would lock funds, confidential transfers
//! hide balances, and a pausable mint can freeze exits. A close authority is refused too: once the
//! supply is 0 the issuer could close the mint and re-create it at the same address with a
//! permanent delegate (the policy is checked when an escrow is created, not on every payout). A
//! mint without a close authority can never be closed, so that re-creation cannot happen.
//!
//! A freeze authority is accepted (USDC and most real mints have one); the CLI warns about it.
use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions};
use anchor_spl::token_2022::spl_token_2022::state::Mint as MintState;

/// Token-2022 mint extensions that do not affect escrowed balances or payouts.
pub const ACCEPTED_MINT_EXTENSIONS: [ExtensionType; 7] = [
    ExtensionType::InterestBearingConfig,
    ExtensionType::MetadataPointer,
    ExtensionType::TokenMetadata,
    ExtensionType::GroupPointer,
    ExtensionType::TokenGroup,
    ExtensionType::GroupMemberPointer,
    ExtensionType::TokenGroupMember,
];

/// The first extension of `mint` (a Token-2022 mint account) that PSP refuses, if any.
/// SPL Token mints (and Token-2022 mints without extensions) return `None`.
pub fn refused_mint_extension(mint: &AccountInfo) -> Result<Option<ExtensionType>> {
    if *mint.owner != anchor_spl::token_2022::ID {
        return Ok(None);
    }
    refused_extension_in(&mint.try_borrow_data()?)
}

/// The first refused extension in the data of a Token-2022 mint account (pure; the on-chain
/// check and the sdk's pre-flight check both use it).
pub fn refused_extension_in(token_2022_mint_data: &[u8]) -> Result<Option<ExtensionType>> {
    let state = StateWithExtensions::<MintState>::unpack(token_2022_mint_data)?;
    Ok(state.get_extension_types()?.into_iter().find(|extension| !ACCEPTED_MINT_EXTENSIONS.contains(extension)))
}
