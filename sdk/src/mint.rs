//! Pre-flight checks of a mint against PSP's mint policy (`psp_common::mint_policy`, the one the
//! timelock, staking and PoP programs apply on chain), so the CLI refuses a mint before sending
//! and warns about what the policy accepts but a user should know: a freeze authority.
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022::extension::StateWithExtensions;
use anchor_spl::token_2022::spl_token_2022::state::Mint;
use psp_common::mint_policy::refused_extension_in;

/// Why the programs would refuse the mint of a new vault, escrow or stream (`None` when they
/// accept it). `owner` and `data` are the mint account's.
pub fn refusal(mint: &Pubkey, owner: &Pubkey, data: &[u8]) -> Option<String> {
    if *owner != anchor_spl::token_2022::ID {
        return None;
    }
    match refused_extension_in(data) {
        Ok(None) => None,
        Ok(Some(extension)) => Some(format!(
            "UnsupportedMintExtension: mint {mint} has the Token-2022 extension {extension:?}, which PSP programs refuse (see the mint policy in the README)"
        )),
        Err(_) => Some(format!("mint {mint} is not a valid Token-2022 mint")),
    }
}

/// Warnings to show with the result of a command that creates a vault of `mint` (SPL Token or
/// Token-2022 mint account `data`): today, a freeze authority.
pub fn warnings(mint: &Pubkey, data: &[u8]) -> Vec<String> {
    let Ok(state) = StateWithExtensions::<Mint>::unpack(data) else {
        return Vec::new();
    };
    Option::<Pubkey>::from(state.base.freeze_authority)
        .map(|authority| {
            format!(
                "the issuer can freeze the vault: mint {mint} has freeze authority {authority}, which can freeze any account of the mint (this vault included) and stop withdrawals, claims and payouts until it thaws"
            )
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_spl::token_2022::spl_token_2022::extension::mint_close_authority::MintCloseAuthority;
    use anchor_spl::token_2022::spl_token_2022::extension::{
        BaseStateWithExtensionsMut, ExtensionType, StateWithExtensionsMut,
    };
    use solana_program::program_option::COption;
    use solana_program::program_pack::Pack;

    fn base(freeze_authority: Option<Pubkey>) -> Mint {
        Mint {
            mint_authority: COption::Some(Pubkey::new_unique()),
            supply: 0,
            decimals: 6,
            is_initialized: true,
            freeze_authority: freeze_authority.into(),
        }
    }

    /// An SPL Token (or extension-free Token-2022) mint account's data.
    fn plain(freeze_authority: Option<Pubkey>) -> Vec<u8> {
        let mut data = vec![0; Mint::LEN];
        base(freeze_authority).pack_into_slice(&mut data);
        data
    }

    /// A Token-2022 mint with a close authority.
    fn with_close_authority() -> Vec<u8> {
        let len = ExtensionType::try_calculate_account_len::<Mint>(&[ExtensionType::MintCloseAuthority]).unwrap();
        let mut data = vec![0; len];
        let mut state = StateWithExtensionsMut::<Mint>::unpack_uninitialized(&mut data).unwrap();
        state.init_extension::<MintCloseAuthority>(true).unwrap().close_authority =
            Some(Pubkey::new_unique()).try_into().unwrap();
        state.base = base(None);
        state.pack_base();
        state.init_account_type().unwrap();
        data
    }

    #[test]
    fn close_authority_is_refused_on_token_2022_only() {
        let mint = Pubkey::new_unique();
        let reason = refusal(&mint, &anchor_spl::token_2022::ID, &with_close_authority()).expect("refused");
        assert!(reason.contains("MintCloseAuthority"), "{reason}");
        assert_eq!(refusal(&mint, &anchor_spl::token_2022::ID, &plain(None)), None);
        assert_eq!(refusal(&mint, &anchor_spl::token::ID, &plain(None)), None);
    }

    #[test]
    fn a_freeze_authority_is_accepted_with_a_warning() {
        let (mint, authority) = (Pubkey::new_unique(), Pubkey::new_unique());
        assert_eq!(refusal(&mint, &anchor_spl::token_2022::ID, &plain(Some(authority))), None);
        let warnings = warnings(&mint, &plain(Some(authority)));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("the issuer can freeze the vault: "), "{}", warnings[0]);
        assert!(warnings[0].contains(&authority.to_string()));
        assert!(super::warnings(&mint, &plain(None)).is_empty());
        assert!(super::warnings(&mint, &with_close_authority()).is_empty());
    }
}
