//! `create_lock`: the sender escrows tokens for a recipient under a schedule and policies.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use psp_common::mint_policy::refused_mint_extension;

use crate::constants::{ACCOUNT_VERSION, CONFIG_SEED, ESCROW_SEED, LOCK_SEED, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::LockCreated;
use crate::state::{pause, Config, FreshCredit, Lock, LockPolicies, LockStatus, MintPolicy, Schedule};
use crate::utils::ensure_not_paused;

/// What to lock, for whom, and how it releases.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateLockArgs {
    /// Sender-chosen id (unique per sender); seeds the lock PDA.
    pub id: u64,
    /// Who receives vested tokens.
    pub recipient: Pubkey,
    /// Base units to escrow.
    pub amount: u64,
    /// How the amount releases.
    pub schedule: Schedule,
    /// Cancel, recipient-change, top-up and crank policies (fixed for the lock's life).
    pub policies: LockPolicies,
}

/// Accounts of `create_lock`.
#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateLockArgs)]
pub struct CreateLock<'info> {
    /// Settings (pause bits, lock counter).
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// The mint's policy (created with defaults by the mint's first lock).
    #[account(
        init_if_needed,
        payer = sender,
        space = 8 + MintPolicy::INIT_SPACE,
        seeds = [MINT_POLICY_SEED, mint.key().as_ref()],
        bump
    )]
    pub mint_policy: Box<Account<'info, MintPolicy>>,
    /// Funds the lock and pays rent.
    #[account(mut)]
    pub sender: Signer<'info>,
    /// Sender's token account the amount comes from.
    #[account(mut, token::mint = mint, token::authority = sender, token::token_program = token_program)]
    pub sender_token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The mint (SPL Token, or Token-2022 without refused extensions).
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The new lock.
    #[account(
        init,
        payer = sender,
        space = Lock::space(&args.schedule),
        seeds = [LOCK_SEED, sender.key().as_ref(), &args.id.to_le_bytes()],
        bump
    )]
    pub lock: Box<Account<'info, Lock>>,
    /// The lock's escrow token account, owned by the lock PDA.
    #[account(
        init,
        payer = sender,
        seeds = [ESCROW_SEED, lock.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = lock,
        token::token_program = token_program
    )]
    pub escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    /// SPL Token or Token-2022.
    pub token_program: Interface<'info, TokenInterface>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Validates, enforces the high-value rule, escrows the amount and records the lock.
pub fn handler(ctx: Context<CreateLock>, args: CreateLockArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.mint_policy.ensure_initialized(ctx.accounts.mint.key(), ctx.bumps.mint_policy);
    ensure_not_paused(&ctx.accounts.config, &ctx.accounts.mint_policy, pause::CREATE)?;
    require!(args.amount > 0, TimelockError::ZeroAmount);
    require!(
        refused_mint_extension(&ctx.accounts.mint.to_account_info())?.is_none(),
        TimelockError::UnsupportedMintExtension
    );
    args.schedule.validate(args.amount)?;

    let policy = &mut ctx.accounts.mint_policy;
    let high_value = policy.is_high_value(args.amount);
    let veto_deadline = if high_value {
        let deadline = now.checked_add(policy.min_delay).ok_or(TimelockError::MathOverflow)?;
        require!(args.schedule.first_release() >= deadline, TimelockError::HighValueDelayTooShort);
        deadline
    } else {
        0
    };
    policy.total_locked = policy.total_locked.checked_add(args.amount).ok_or(TimelockError::MathOverflow)?;
    let config = &mut ctx.accounts.config;
    config.lock_count = config.lock_count.checked_add(1).ok_or(TimelockError::MathOverflow)?;

    psp_common::token::transfer(
        ctx.accounts.token_program.to_account_info(),
        ctx.accounts.sender_token_account.to_account_info(),
        &ctx.accounts.mint,
        ctx.accounts.escrow.to_account_info(),
        ctx.accounts.sender.to_account_info(),
        None,
        args.amount,
    )?;

    let lock = &mut ctx.accounts.lock;
    lock.set_inner(Lock {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.lock,
        escrow_bump: ctx.bumps.escrow,
        sender: ctx.accounts.sender.key(),
        recipient: args.recipient,
        id: args.id,
        mint: ctx.accounts.mint.key(),
        token_program: ctx.accounts.token_program.key(),
        escrow: ctx.accounts.escrow.key(),
        total: args.amount,
        withdrawn: 0,
        refunded: 0,
        created_at: now,
        ended_at: 0,
        status: LockStatus::Active,
        policies: args.policies,
        high_value,
        veto_deadline,
        fresh_credit: FreshCredit::new(args.amount, now),
        reserved: [0; 16],
        schedule: args.schedule.clone(),
    });
    emit_cpi!(LockCreated {
        lock: lock.key(),
        id: args.id,
        sender: lock.sender,
        recipient: args.recipient,
        mint: lock.mint,
        amount: args.amount,
        schedule: args.schedule,
        policies: args.policies,
        high_value,
        veto_deadline,
        timestamp: now,
    });
    Ok(())
}
