//! PSP timelock: vesting and time-locked transfers that recipients can trust and that protect
//! high-value assets.
//!
//! A lock escrows tokens for a recipient under a schedule (cliff + linear installments, or up
//! to 64 explicit steps) with policies fixed at creation (who may cancel or change the
//! recipient, top-ups, cranked payouts). Per mint, the admin (a psp-multisig vault) sets a
//! high-value threshold with a minimum delay during which the guardian may veto, and a
//! rolling-window outflow cap (circuit breaker). Pause bits per operation, program-wide or per
//! mint; the recipient's own withdrawals stay open unless fully halted.
#![allow(unexpected_cfgs)]
// Anchor 0.31's `#[program]` expansion calls the deprecated `AccountInfo::realloc`.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
pub mod utils;

#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::*;

declare_id!("Eucf8rM9eZz7hJaifYpijnz2Nm7XaTsvniTEWS81zVgc");

/// Instruction dispatch; each handler lives in `instructions/`.
#[program]
pub mod psp_timelock {
    use super::*;

    /// Creates the program settings (upgrade authority only, when upgradeable).
    pub fn initialize_config(ctx: Context<InitializeConfig>, admin: Pubkey, guardian: Pubkey) -> Result<()> {
        instructions::initialize_config::handler(ctx, admin, guardian)
    }

    /// The admin proposes a successor (two-step transfer).
    pub fn propose_admin(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
        instructions::propose_admin::handler(ctx, new_admin)
    }

    /// The proposed admin accepts.
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::accept_admin::handler(ctx)
    }

    /// The admin replaces the guardian.
    pub fn set_guardian(ctx: Context<SetGuardian>, guardian: Pubkey) -> Result<()> {
        instructions::set_guardian::handler(ctx, guardian)
    }

    /// The guardian adds pause bits; the admin sets any (program-wide or per mint).
    pub fn set_pause(ctx: Context<SetPause>, flags: u8) -> Result<()> {
        instructions::set_pause::handler(ctx, flags)
    }

    /// The admin sets a mint's high-value threshold, delay and outflow cap.
    pub fn set_mint_policy(ctx: Context<SetMintPolicy>, args: MintPolicyArgs) -> Result<()> {
        instructions::set_mint_policy::handler(ctx, args)
    }

    /// The sender escrows tokens for a recipient.
    pub fn create_lock(ctx: Context<CreateLock>, args: CreateLockArgs) -> Result<()> {
        instructions::create_lock::handler(ctx, args)
    }

    /// Pays vested tokens to the recipient (by the recipient, or cranked by anyone if allowed).
    pub fn withdraw(ctx: Context<Withdraw>, amount: Option<u64>) -> Result<()> {
        instructions::withdraw::handler(ctx, amount)
    }

    /// Pays the vested part to the recipient and refunds the rest, per the cancel policy.
    pub fn cancel_lock(ctx: Context<CancelLock>) -> Result<()> {
        instructions::cancel_lock::handler(ctx)
    }

    /// Changes the recipient, per the recipient-change policy.
    pub fn transfer_recipient(ctx: Context<TransferRecipient>, new_recipient: Pubkey) -> Result<()> {
        instructions::transfer_recipient::handler(ctx, new_recipient)
    }

    /// Adds tokens to a lock that allows top-ups.
    pub fn top_up(ctx: Context<TopUp>, amount: u64) -> Result<()> {
        instructions::top_up::handler(ctx, amount)
    }

    /// The guardian vetoes a high-value lock during its delay (full refund, reason on record).
    pub fn veto_lock(ctx: Context<VetoLock>, reason: String) -> Result<()> {
        instructions::veto_lock::handler(ctx, reason)
    }

    /// Closes a finished lock and its escrow; rent to the sender.
    pub fn close_lock(ctx: Context<CloseLock>) -> Result<()> {
        instructions::close_lock::handler(ctx)
    }
}
