//! `withdraw`: pays vested tokens to the recipient. The recipient may send them to any token
//! account; anyone may crank a withdrawal to a token account the recipient owns when the lock
//! allows it. Every payout counts against the mint's outflow cap.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::TokensWithdrawn;
use crate::state::{pause, Config, Lock, MintPolicy};
use crate::utils::{ensure_exit_open, ensure_not_paused, record_outflow, Escrow};

/// Accounts of `withdraw`.
#[event_cpi]
#[derive(Accounts)]
pub struct Withdraw<'info> {
    /// Settings (pause bits).
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (outflow cap).
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
    /// The lock's escrow.
    #[account(mut, seeds = [ESCROW_SEED, lock.key().as_ref()], bump = lock.escrow_bump)]
    pub escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The recipient, or a third party cranking.
    pub authority: Signer<'info>,
    /// Where the tokens go (owned by the recipient when cranked). Never the escrow itself: a
    /// self-transfer would book a withdrawal while the tokens stay in escrow.
    #[account(
        mut,
        token::mint = mint,
        token::token_program = token_program,
        constraint = destination.key() != escrow.key() @ TimelockError::WrongTokenAccountOwner
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The lock's mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The lock's token program.
    #[account(address = lock.token_program)]
    pub token_program: Interface<'info, TokenInterface>,
}

/// Pays `amount` (everything available when `None`).
pub fn handler(ctx: Context<Withdraw>, amount: Option<u64>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let authority = ctx.accounts.authority.key();
    let lock_key = ctx.accounts.lock.key();
    let lock = &ctx.accounts.lock;
    if authority == lock.recipient {
        ensure_exit_open(&ctx.accounts.config, &ctx.accounts.mint_policy)?;
    } else {
        require!(lock.policies.crank, TimelockError::CrankNotAllowed);
        require_keys_eq!(ctx.accounts.destination.owner, lock.recipient, TimelockError::CrankDestinationNotRecipient);
        ensure_not_paused(&ctx.accounts.config, &ctx.accounts.mint_policy, pause::WITHDRAW)?;
    }

    let lock = &mut ctx.accounts.lock;
    let amount = lock.book_withdrawal(amount, now)?;
    let window_outflow = record_outflow(&mut ctx.accounts.mint_policy, lock_key, amount, now)?;
    let policy = &mut ctx.accounts.mint_policy;
    policy.total_withdrawn = policy.total_withdrawn.checked_add(amount).ok_or(TimelockError::MathOverflow)?;

    let escrow = Escrow {
        lock: &ctx.accounts.lock,
        escrow: &ctx.accounts.escrow,
        mint: &ctx.accounts.mint,
        token_program: &ctx.accounts.token_program,
    };
    escrow.pay(ctx.accounts.destination.to_account_info(), amount)?;
    let lock = &ctx.accounts.lock;
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
        window_outflow,
        timestamp: now,
    });
    Ok(())
}
