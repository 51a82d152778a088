//! Helpers shared by instruction handlers: pause checks, escrow payouts, outflow accounting
//! (fresh credit first, then the mint's window).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use psp_common::outflow::OutflowError;

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MINT_POLICY_SEED};
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

/// How a payout was accounted against the circuit breaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outflow {
    /// Paid from the lock's fresh credit (its own deposits of the last window): not counted.
    pub fresh_credit_used: u64,
    /// Outflow of the mint counted in the current window, after this payout.
    pub window_outflow: u64,
}

/// Counts `amount` against the mint's outflow cap; a refusal logs [`OutflowCapReached`].
fn record_outflow(policy: &mut MintPolicy, lock: Pubkey, amount: u64, now: i64) -> Result<u64> {
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

/// The accounts every deposit into or payout from a lock needs, each checked against the lock:
/// the settings, the mint's policy, the lock, its escrow, its mint and token program.
#[derive(Accounts)]
pub struct LockVault<'info> {
    /// Settings (pause bits, guardian).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (pause bits, threshold, outflow cap, totals).
    #[account(mut, seeds = [MINT_POLICY_SEED, lock.mint.as_ref()], bump = mint_policy.bump)]
    pub mint_policy: Box<Account<'info, MintPolicy>>,
    /// The lock.
    #[account(
        mut,
        seeds = [LOCK_SEED, lock.sender.as_ref(), &lock.id.to_le_bytes()],
        bump = lock.bump,
        has_one = mint,
        has_one = escrow
    )]
    pub lock: Box<Account<'info, Lock>>,
    /// The lock's escrow token account.
    #[account(mut, seeds = [ESCROW_SEED, lock.key().as_ref()], bump = lock.escrow_bump)]
    pub escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The lock's mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The lock's token program.
    #[account(address = lock.token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl<'info> LockVault<'info> {
    /// Accounts a payout of `amount` from the lock at `now` (every path that moves booked
    /// escrow out: withdrawals, cranks, cancel splits): the lock's fresh credit pays first,
    /// uncounted, and only the rest counts against the mint's outflow cap.
    pub fn record_payout(&mut self, amount: u64, now: i64) -> Result<Outflow> {
        let lock_key = self.lock.key();
        let split = self.lock.fresh_credit.spend(amount, now, self.mint_policy.outflow.window_seconds);
        let window_outflow = if split.counted == 0 {
            self.mint_policy.outflow.used(now)
        } else {
            record_outflow(&mut self.mint_policy, lock_key, split.counted, now)?
        };
        Ok(Outflow { fresh_credit_used: split.fresh, window_outflow })
    }

    /// Transfers `amount` from the escrow to `to`, signed by the lock PDA (no-op for 0).
    pub fn pay(&self, to: AccountInfo<'info>, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let id = self.lock.id.to_le_bytes();
        let bump = [self.lock.bump];
        let seeds: &[&[u8]] = &[LOCK_SEED, self.lock.sender.as_ref(), &id, &bump];
        psp_common::token::transfer(
            self.token_program.to_account_info(),
            self.escrow.to_account_info(),
            &self.mint,
            to,
            self.lock.to_account_info(),
            Some(seeds),
            amount,
        )
    }

    /// Transfers `amount` into the escrow from `from`, signed by its owner `authority`.
    pub fn deposit(&self, from: AccountInfo<'info>, authority: AccountInfo<'info>, amount: u64) -> Result<()> {
        psp_common::token::transfer(
            self.token_program.to_account_info(),
            from,
            &self.mint,
            self.escrow.to_account_info(),
            authority,
            None,
            amount,
        )
    }
}
