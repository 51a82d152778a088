//! `accept_admin`: step two of an admin transfer (the successor proves it can sign).
use anchor_lang::prelude::*;

use crate::constants::DISTRIBUTOR_SEED;
use crate::errors::PopError;
use crate::events::AdminChanged;
use crate::state::Distributor;

/// Accounts of `accept_admin`.
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// The distributor.
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()],
        bump = distributor.bump,
        constraint = distributor.pending_admin == Some(new_admin.key()) @ PopError::NoPendingAdmin
    )]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The pending admin.
    pub new_admin: Signer<'info>,
}

/// Makes the pending admin the admin.
pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let distributor = &mut ctx.accounts.distributor;
    let old_admin = distributor.admin;
    distributor.admin = ctx.accounts.new_admin.key();
    distributor.pending_admin = None;
    emit!(AdminChanged {
        distributor: distributor.key(),
        old_admin,
        new_admin: distributor.admin,
        accepted: true,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
