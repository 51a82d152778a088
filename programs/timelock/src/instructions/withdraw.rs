//! `withdraw`: pays vested tokens to the recipient. The recipient may send them to any token
//! account; anyone may crank a withdrawal to a token account the recipient owns when the lock
//! allows it. The lock's fresh credit pays first; the rest counts against the mint's outflow cap.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::errors::TimelockError;
use crate::events::TokensWithdrawn;
use crate::state::pause;
// The glob brings `LockVault` with the client modules its `Accounts` derive generates.
use crate::utils::*;

/// Accounts of `withdraw`.
#[event_cpi]
#[derive(Accounts)]
pub struct Withdraw<'info> {
    /// The lock and its escrow, mint policy and settings.
    pub vault: LockVault<'info>,
    /// The recipient, or a third party cranking.
    pub authority: Signer<'info>,
    /// Where the tokens go (owned by the recipient when cranked). Never the escrow itself: a
    /// self-transfer would book a withdrawal while the tokens stay in escrow.
    #[account(
        mut,
        token::mint = vault.mint,
        token::token_program = vault.token_program,
        constraint = destination.key() != vault.escrow.key() @ TimelockError::WrongTokenAccountOwner
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Pays `amount` (everything available when `None`).
pub fn handler(ctx: Context<Withdraw>, amount: Option<u64>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let authority = ctx.accounts.authority.key();
    let vault = &mut ctx.accounts.vault;
    let lock_key = vault.lock.key();
    if authority == vault.lock.recipient {
        ensure_exit_open(&vault.config, &vault.mint_policy)?;
    } else {
        require!(vault.lock.policies.crank, TimelockError::CrankNotAllowed);
        require_keys_eq!(
            ctx.accounts.destination.owner,
            vault.lock.recipient,
            TimelockError::CrankDestinationNotRecipient
        );
        ensure_not_paused(&vault.config, &vault.mint_policy, pause::WITHDRAW)?;
    }

    let amount = vault.lock.book_withdrawal(amount, now)?;
    let outflow = vault.record_payout(amount, now)?;
    let policy = &mut vault.mint_policy;
    policy.total_withdrawn = policy.total_withdrawn.checked_add(amount).ok_or(TimelockError::MathOverflow)?;
    vault.pay(ctx.accounts.destination.to_account_info(), amount)?;

    let lock = &ctx.accounts.vault.lock;
    emit_cpi!(TokensWithdrawn {
        lock: lock_key,
        mint: lock.mint,
        recipient: lock.recipient,
        destination: ctx.accounts.destination.key(),
        authority,
        amount,
        withdrawn: lock.withdrawn,
        vested: lock.vested(now),
        total: lock.total,
        fresh_credit_used: outflow.fresh_credit_used,
        fresh_credit_left: lock.fresh_credit.amount,
        window_outflow: outflow.window_outflow,
        timestamp: now,
    });
    Ok(())
}
