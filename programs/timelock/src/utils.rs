//! Helpers shared by instruction handlers: pause checks, escrow payouts, outflow accounting.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};
use psp_common::outflow::OutflowError;

use crate::constants::LOCK_SEED;
use crate::errors::TimelockError;
use crate::events::OutflowCapReached;
use crate::state::{Config, Lock, MintPolicy};

/// Fails when operation `op` is paused program-wide or for the mint (or either is halted).
pub fn ensure_not_paused(config: &Config, policy: &MintPolicy, op: u8) -> Result<()> {
    require!(!psp_common::pause::blocks(config.paused | policy.paused, op), TimelockError::Paused);
    Ok(())
}

/// Fails only on a full halt: exits (the recipient's own withdrawal) stay open otherwise.
pub fn ensure_exit_open(config: &Config, policy: &MintPolicy) -> Result<()> {
    require!(!psp_common::pause::blocks_exit(config.paused | policy.paused), TimelockError::Paused);
    Ok(())
}

/// Counts `amount` against the mint's outflow cap; a refusal logs [`OutflowCapReached`].
pub fn record_outflow(policy: &mut MintPolicy, lock: Pubkey, amount: u64, now: i64) -> Result<u64> {
    match policy.outflow.try_record(amount, now) {
        Ok(used) => Ok(used),
        Err(OutflowError::CapExceeded { used, cap }) => {
            emit!(OutflowCapReached {
                mint: policy.mint,
                lock,
                attempted: amount,
                window_outflow: used,
                cap,
                window_seconds: policy.outflow.window_seconds,
                timestamp: now,
            });
            err!(TimelockError::OutflowCapExceeded)
        }
        Err(OutflowError::InvalidWindow) => err!(TimelockError::InvalidOutflowWindow),
    }
}

/// The accounts a payout from a lock's escrow needs.
pub struct Escrow<'a, 'info> {
    /// The lock (signs for its escrow).
    pub lock: &'a Account<'info, Lock>,
    /// The escrow token account.
    pub escrow: &'a InterfaceAccount<'info, TokenAccount>,
    /// The lock's mint.
    pub mint: &'a InterfaceAccount<'info, Mint>,
    /// The mint's token program.
    pub token_program: &'a Interface<'info, TokenInterface>,
}

impl<'info> Escrow<'_, 'info> {
    /// Transfers `amount` from the escrow to `to`, signed by the lock PDA (no-op for 0).
    pub fn pay(&self, to: AccountInfo<'info>, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let id = self.lock.id.to_le_bytes();
        let bump = [self.lock.bump];
        let seeds: &[&[u8]] = &[LOCK_SEED, self.lock.sender.as_ref(), &id, &bump];
        token_interface::transfer_checked(
            CpiContext::new_with_signer(
                self.token_program.to_account_info(),
                TransferChecked {
                    from: self.escrow.to_account_info(),
                    mint: self.mint.to_account_info(),
                    to,
                    authority: self.lock.to_account_info(),
                },
                &[seeds],
            ),
            amount,
            self.mint.decimals,
        )
    }
}
