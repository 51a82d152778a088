//! Which mints PSP escrows accept.
//!
//! SPL Token mints are always fine. Token-2022 mints are accepted only with extensions that
//! cannot change amounts or move escrowed tokens: a transfer fee would make escrow accounting
//! inexact, a transfer hook runs foreign code on every payout, a permanent delegate can drain an
//! escrow, a default-frozen state or non-transferability would lock funds, confidential transfers
//! hide balances, and a pausable mint can freeze exits. Those are refused by name.
use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions};
use anchor_spl::token_2022::spl_token_2022::state::Mint as MintState;

/// Token-2022 mint extensions that do not affect escrowed balances or payouts.
pub const ACCEPTED_MINT_EXTENSIONS: [ExtensionType; 8] = [
    ExtensionType::MintCloseAuthority,
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
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<MintState>::unpack(&data)?;
    Ok(state.get_extension_types()?.into_iter().find(|extension| !ACCEPTED_MINT_EXTENSIONS.contains(extension)))
}
