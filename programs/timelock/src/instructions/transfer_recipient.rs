//! `transfer_recipient`: hands a lock's future payouts to a new recipient, as the lock's
//! recipient-change policy allows.
use anchor_lang::prelude::*;

use crate::constants::{CONFIG_SEED, LOCK_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::RecipientChanged;
use crate::state::{pause, Config, Lock, LockStatus, MintPolicy};
use crate::utils::ensure_not_paused;

/// Accounts of `transfer_recipient`.
#[event_cpi]
#[derive(Accounts)]
pub struct TransferRecipient<'info> {
    /// Settings (pause bits).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (pause bits).
    #[account(seeds = [MINT_POLICY_SEED, lock.mint.as_ref()], bump = mint_policy.bump)]
    pub mint_policy: Box<Account<'info, MintPolicy>>,
    /// The lock.
    #[account(mut, seeds = [LOCK_SEED, lock.sender.as_ref(), &lock.id.to_le_bytes()], bump = lock.bump)]
    pub lock: Box<Account<'info, Lock>>,
    /// The sender or the recipient, as the policy allows.
    pub authority: Signer<'info>,
}

/// Sets the new recipient.
pub fn handler(ctx: Context<TransferRecipient>, new_recipient: Pubkey) -> Result<()> {
    ensure_not_paused(&ctx.accounts.config, &ctx.accounts.mint_policy, pause::TRANSFER)?;
    let authority = ctx.accounts.authority.key();
    let lock = &mut ctx.accounts.lock;
    require!(lock.status == LockStatus::Active, TimelockError::LockNotActive);
    require!(
        lock.policies.change_recipient.allows(&authority, &lock.sender, &lock.recipient),
        TimelockError::TransferNotAllowed
    );
    require_keys_neq!(new_recipient, lock.recipient, TimelockError::SameRecipient);
    let old_recipient = lock.recipient;
    lock.recipient = new_recipient;
    emit_cpi!(RecipientChanged {
        lock: lock.key(),
        old_recipient,
        new_recipient,
        authority,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
