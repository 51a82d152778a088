//! Token movements every PSP program makes: `transfer_checked` (SPL Token or Token-2022) from
//! a holder who signs, or from a vault owned by one of the program's PDAs.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TransferChecked};

/// Moves `amount` of `mint` from `from` to `to` through `token_program`, authorized by
/// `authority`: a signer of the transaction when `pda_seeds` is `None`, else the calling
/// program's PDA with those seeds (bump included).
pub fn transfer<'info>(
    token_program: AccountInfo<'info>,
    from: AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    to: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    pda_seeds: Option<&[&[u8]]>,
    amount: u64,
) -> Result<()> {
    let accounts = TransferChecked { from, mint: mint.to_account_info(), to, authority };
    let signer_seeds: &[&[&[u8]]] = match &pda_seeds {
        Some(seeds) => std::slice::from_ref(seeds),
        None => &[],
    };
    token_interface::transfer_checked(
        CpiContext::new_with_signer(token_program, accounts, signer_seeds),
        amount,
        mint.decimals,
    )
}
