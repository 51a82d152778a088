//! `set_pool_config`: the admin sets the guardian, the cooldown and the minimum voting lockup
//! (the boost curve is fixed at creation: existing weights depend on it).
use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::errors::StakingError;
use crate::events::PoolConfigChanged;
use crate::state::{validate_pool_config, Pool};

/// New pool settings.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolConfigArgs {
    /// The guardian.
    pub guardian: Pubkey,
    /// Unbonding period (seconds); applies to cooldowns started from now on.
    pub cooldown: i64,
    /// Shortest committed lock that gives voting power.
    pub min_voting_lockup: i64,
}

/// Accounts of `set_pool_config`.
#[derive(Accounts)]
pub struct SetPoolConfig<'info> {
    /// The pool.
    #[account(mut, seeds = [POOL_SEED, pool.create_key.as_ref()], bump = pool.bump, has_one = admin @ StakingError::Unauthorized)]
    pub pool: Box<Account<'info, Pool>>,
    /// The admin.
    pub admin: Signer<'info>,
}

/// Applies `args`.
pub fn handler(ctx: Context<SetPoolConfig>, args: PoolConfigArgs) -> Result<()> {
    let pool = &mut ctx.accounts.pool;
    validate_pool_config(pool.max_lockup, pool.max_multiplier_bps, args.min_voting_lockup, args.cooldown)?;
    let old = (pool.guardian, pool.cooldown, pool.min_voting_lockup);
    pool.guardian = args.guardian;
    pool.cooldown = args.cooldown;
    pool.min_voting_lockup = args.min_voting_lockup;
    emit!(PoolConfigChanged {
        pool: pool.key(),
        old_guardian: old.0,
        new_guardian: args.guardian,
        old_cooldown: old.1,
        new_cooldown: args.cooldown,
        old_min_voting_lockup: old.2,
        new_min_voting_lockup: args.min_voting_lockup,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
