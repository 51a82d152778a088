//! `set_attestor`: the admin adds (or reactivates) an attestor, or deactivates one. The set
//! has no fixed size: one account per attestor. A deactivation starts new voting rounds for
//! epochs still voting, so a removed attestor's votes never count toward a later quorum.
use anchor_lang::prelude::*;

use crate::constants::{ATTESTOR_SEED, DISTRIBUTOR_SEED};
use crate::errors::PopError;
use crate::events::AttestorSet;
use crate::state::{Attestor, Distributor};

/// Accounts of `set_attestor`.
#[derive(Accounts)]
#[instruction(key: Pubkey)]
pub struct SetAttestor<'info> {
    /// The distributor.
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, distributor.create_key.as_ref()],
        bump = distributor.bump,
        has_one = admin @ PopError::Unauthorized
    )]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The admin.
    pub admin: Signer<'info>,
    /// Pays rent of a new attestor account.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The attestor account (created on first addition).
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + Attestor::INIT_SPACE,
        seeds = [ATTESTOR_SEED, distributor.key().as_ref(), key.as_ref()],
        bump
    )]
    pub attestor: Box<Account<'info, Attestor>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Activates or deactivates attestor `key`.
pub fn handler(ctx: Context<SetAttestor>, key: Pubkey, active: bool) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let distributor_key = ctx.accounts.distributor.key();
    let attestor = &mut ctx.accounts.attestor;
    if attestor.distributor == Pubkey::default() {
        require!(active, PopError::NothingToChange);
        attestor.bump = ctx.bumps.attestor;
        attestor.distributor = distributor_key;
        attestor.key = key;
    } else {
        require!(attestor.active != active, PopError::NothingToChange);
    }
    attestor.active = active;
    if active {
        attestor.added_at = now;
    }
    let distributor = &mut ctx.accounts.distributor;
    distributor.attestor_count =
        if active { distributor.attestor_count.checked_add(1) } else { distributor.attestor_count.checked_sub(1) }
            .ok_or(PopError::MathOverflow)?;
    if !active {
        distributor.bump_generation()?;
    }
    emit!(AttestorSet {
        distributor: distributor_key,
        attestor: key,
        active,
        attestor_count: distributor.attestor_count,
        quorum: distributor.quorum,
        attestor_generation: distributor.attestor_generation,
        timestamp: now,
    });
    Ok(())
}
