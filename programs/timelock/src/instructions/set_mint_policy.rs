//! `set_mint_policy`: the admin sets a mint's high-value threshold, minimum delay and outflow cap.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;
use psp_common::outflow::OutflowWindow;

use crate::constants::{CONFIG_SEED, MAX_MIN_DELAY, MINT_POLICY_SEED};
use crate::errors::TimelockError;
use crate::events::MintPolicyChanged;
use crate::state::{Config, MintPolicy};

/// New protection settings for a mint.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MintPolicyArgs {
    /// Locks of at least this many base units are high-value (0 = off).
    pub high_value_threshold: u64,
    /// Seconds a high-value lock releases nothing and may be vetoed (0..=365 days).
    pub min_delay: i64,
    /// Most base units that may leave the program in any window (0 = no cap).
    pub outflow_cap: u64,
    /// Window length in seconds.
    pub window_seconds: u32,
}

/// Accounts of `set_mint_policy`.
#[derive(Accounts)]
pub struct SetMintPolicy<'info> {
    /// Settings.
    #[account(seeds = [CONFIG_SEED], bump = config.bump, has_one = admin @ TimelockError::Unauthorized)]
    pub config: Box<Account<'info, Config>>,
    /// The admin (a multisig vault in production).
    pub admin: Signer<'info>,
    /// The mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The mint's policy (created if missing).
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + MintPolicy::INIT_SPACE,
        seeds = [MINT_POLICY_SEED, mint.key().as_ref()],
        bump
    )]
    pub mint_policy: Box<Account<'info, MintPolicy>>,
    /// Pays rent if the policy is created.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Applies `args`. Changing the cap or window restarts the window's accounting.
pub fn handler(ctx: Context<SetMintPolicy>, args: MintPolicyArgs) -> Result<()> {
    require!((0..=MAX_MIN_DELAY).contains(&args.min_delay), TimelockError::InvalidMinDelay);
    let policy = &mut ctx.accounts.mint_policy;
    policy.ensure_initialized(ctx.accounts.mint.key(), ctx.bumps.mint_policy);
    let old = (policy.high_value_threshold, policy.min_delay, policy.outflow.cap, policy.outflow.window_seconds);
    if (args.outflow_cap, args.window_seconds) != (old.2, old.3) {
        policy.outflow = OutflowWindow::new(args.outflow_cap, args.window_seconds)
            .map_err(|_| error!(TimelockError::InvalidOutflowWindow))?;
    }
    policy.high_value_threshold = args.high_value_threshold;
    policy.min_delay = args.min_delay;
    emit!(MintPolicyChanged {
        mint: policy.mint,
        old_high_value_threshold: old.0,
        new_high_value_threshold: args.high_value_threshold,
        old_min_delay: old.1,
        new_min_delay: args.min_delay,
        old_outflow_cap: old.2,
        new_outflow_cap: args.outflow_cap,
        old_window_seconds: old.3,
        new_window_seconds: args.window_seconds,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
