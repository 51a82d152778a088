//! `propose_admin`: step one of an admin transfer (the admin names a successor).
use anchor_lang::prelude::*;

use crate::constants::DISTRIBUTOR_SEED;
use crate::errors::PopError;
use crate::events::AdminChanged;
use crate::state::Distributor;

/// Accounts of `propose_admin`.
#[derive(Accounts)]
pub struct ProposeAdmin<'info> {
    /// The distributor.
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()], bump = distributor.bump, has_one = admin @ PopError::Unauthorized)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The current admin.
    pub admin: Signer<'info>,
}

/// Records `new_admin` as pending.
pub fn handler(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
    let distributor = &mut ctx.accounts.distributor;
    distributor.pending_admin = Some(new_admin);
    emit!(AdminChanged {
        distributor: distributor.key(),
        old_admin: distributor.admin,
        new_admin,
        accepted: false,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
