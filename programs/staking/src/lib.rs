//! PSP staking: lockup-boosted positions earning up to four reward streams.
//!
//! A pool (admin = a psp-multisig vault) holds one stake mint. Positions (many per owner) lock
//! stake for up to the pool's max lockup; weight = amount x a multiplier rising linearly from
//! 1x (no lock) to the pool maximum (longest lock). Each stream emits at a rate per second from
//! funded tokens only, shared by weight through a u128 reward-per-weight accumulator settled
//! before every change of rate, weight, funding or stream set. After a lock ends, stake goes
//! through a cooldown before withdrawal. Voting power (for governance) is a pure function of
//! the position account: its weight if the lock outlasts the vote and meets the minimum.
#![allow(unexpected_cfgs)]
// Anchor 0.31's `#[program]` expansion calls the deprecated `AccountInfo::realloc`.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod contexts;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
pub mod utils;

#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::*;

declare_id!("GkXkSDVrmCxQzrXgz2GTAJwaJuSxgfDt1itgcZhQQowi");

/// Instruction dispatch; each handler lives in `instructions/`.
#[program]
pub mod psp_staking {
    use super::*;

    /// Creates a pool for a stake mint (the create key signs).
    pub fn create_pool(ctx: Context<CreatePool>, args: CreatePoolArgs) -> Result<()> {
        instructions::create_pool::handler(ctx, args)
    }

    /// The admin proposes a successor (two-step transfer).
    pub fn propose_admin(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
        instructions::propose_admin::handler(ctx, new_admin)
    }

    /// The proposed admin accepts.
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::accept_admin::handler(ctx)
    }

    /// The admin sets the guardian, cooldown and minimum voting lockup.
    pub fn set_pool_config(ctx: Context<SetPoolConfig>, args: PoolConfigArgs) -> Result<()> {
        instructions::set_pool_config::handler(ctx, args)
    }

    /// The guardian adds pause bits; the admin sets any.
    pub fn set_pause(ctx: Context<SetPause>, flags: u8) -> Result<()> {
        instructions::set_pause::handler(ctx, flags)
    }

    /// The admin adds a reward stream in a free slot.
    pub fn add_stream(ctx: Context<AddStream>, rate_per_second: u64) -> Result<()> {
        instructions::add_stream::handler(ctx, rate_per_second)
    }

    /// Anyone funds a stream (settles first; refused only under a full halt).
    pub fn fund_stream(ctx: Context<FundStream>, index: u8, amount: u64) -> Result<()> {
        instructions::fund_stream::handler(ctx, index, amount)
    }

    /// The admin changes a stream's rate and/or outflow cap (settles first).
    pub fn set_stream(ctx: Context<SetStream>, index: u8, args: SetStreamArgs) -> Result<()> {
        instructions::set_stream::handler(ctx, index, args)
    }

    /// The admin retires a stream: emission stops, unallocated funds come back.
    pub fn retire_stream(ctx: Context<RetireStream>, index: u8) -> Result<()> {
        instructions::retire_stream::handler(ctx, index)
    }

    /// The owner opens a position with a stake and a lock.
    pub fn create_position(ctx: Context<CreatePosition>, index: u32, amount: u64, lock_seconds: i64) -> Result<()> {
        instructions::create_position::handler(ctx, index, amount, lock_seconds)
    }

    /// The owner adds stake and/or extends the lock (the boost follows the remaining lock).
    pub fn update_position(ctx: Context<UpdatePosition>, add_amount: u64, new_lock_end: Option<i64>) -> Result<()> {
        instructions::update_position::handler(ctx, add_amount, new_lock_end)
    }

    /// Anyone drops an ended lock's boost to 1x.
    pub fn refresh_position(ctx: Context<RefreshPosition>) -> Result<()> {
        instructions::refresh_position::handler(ctx)
    }

    /// The owner starts unbonding `amount` of an unlocked position.
    pub fn start_cooldown(ctx: Context<StartCooldown>, amount: u64) -> Result<()> {
        instructions::start_cooldown::handler(ctx, amount)
    }

    /// The owner withdraws tokens whose cooldown has ended.
    pub fn withdraw(ctx: Context<Withdraw>) -> Result<()> {
        instructions::withdraw::handler(ctx)
    }

    /// The owner claims one stream's rewards (all, or up to `max_amount`).
    pub fn claim_rewards(ctx: Context<ClaimRewards>, index: u8, max_amount: Option<u64>) -> Result<()> {
        instructions::claim_rewards::handler(ctx, index, max_amount)
    }

    /// The owner closes an empty position (rent back).
    pub fn close_position(ctx: Context<ClosePosition>) -> Result<()> {
        instructions::close_position::handler(ctx)
    }
}
