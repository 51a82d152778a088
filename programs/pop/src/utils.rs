//! Helpers shared by instruction handlers: vault transfers signed by the distributor.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TokenInterface, TransferChecked};

use crate::constants::DISTRIBUTOR_SEED;
use crate::state::Distributor;

/// Transfers `amount` from the distributor's `vault` to `to`, signed by the distributor PDA.
pub fn pay_from_vault<'info>(
    distributor: &Account<'info, Distributor>,
    vault: AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    token_program: &Interface<'info, TokenInterface>,
    to: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let bump = [distributor.bump];
    let seeds: &[&[u8]] = &[DISTRIBUTOR_SEED, distributor.create_key.as_ref(), &bump];
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.to_account_info(),
            TransferChecked { from: vault, mint: mint.to_account_info(), to, authority: distributor.to_account_info() },
            &[seeds],
        ),
        amount,
        mint.decimals,
    )
}
