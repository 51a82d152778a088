//! `set_kind`: the admin defines a kind of participation or changes its weight, cap or
//! activity. Epoch builders read the kinds from chain; a change applies to epochs built after it.
use anchor_lang::prelude::*;

use crate::constants::{DISTRIBUTOR_SEED, KIND_SEED, MAX_KIND_NAME};
use crate::errors::PopError;
use crate::events::KindSet;
use crate::state::{Distributor, Kind};

/// A kind's settings.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct KindArgs {
    /// Name used by participation events (1..=32 bytes; seeds the kind's address).
    pub name: String,
    /// Points per unit (> 0).
    pub weight: u64,
    /// Most units counted per participant and epoch (0: no cap).
    pub max_units_per_participant: u64,
    /// Whether events of this kind count.
    pub active: bool,
}

/// Accounts of `set_kind`.
#[derive(Accounts)]
#[instruction(args: KindArgs)]
pub struct SetKind<'info> {
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
    /// Pays rent of a new kind.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The kind (created on first definition).
    #[account(
        init_if_needed,
        payer = payer,
        space = 8 + Kind::INIT_SPACE,
        seeds = [KIND_SEED, distributor.key().as_ref(), args.name.as_bytes()],
        bump
    )]
    pub kind: Box<Account<'info, Kind>>,
    /// System program.
    pub system_program: Program<'info, System>,
}

/// Writes the kind.
pub fn handler(ctx: Context<SetKind>, args: KindArgs) -> Result<()> {
    require!(!args.name.is_empty() && args.name.len() <= MAX_KIND_NAME, PopError::InvalidKindName);
    require!(args.weight > 0, PopError::InvalidKindWeight);
    let now = Clock::get()?.unix_timestamp;
    let distributor_key = ctx.accounts.distributor.key();
    let kind_key = ctx.accounts.kind.key();
    let kind = &mut ctx.accounts.kind;
    if kind.distributor == Pubkey::default() {
        let distributor = &mut ctx.accounts.distributor;
        kind.bump = ctx.bumps.kind;
        kind.distributor = distributor_key;
        kind.id = distributor.kind_count;
        kind.name = args.name.clone();
        distributor.kind_count = distributor.kind_count.checked_add(1).ok_or(PopError::MathOverflow)?;
    } else {
        let unchanged = kind.weight == args.weight
            && kind.max_units_per_participant == args.max_units_per_participant
            && kind.active == args.active;
        require!(!unchanged, PopError::NothingToChange);
    }
    kind.weight = args.weight;
    kind.max_units_per_participant = args.max_units_per_participant;
    kind.active = args.active;
    kind.updated_at = now;
    emit!(KindSet {
        distributor: distributor_key,
        kind: kind_key,
        id: kind.id,
        name: args.name,
        weight: args.weight,
        max_units_per_participant: args.max_units_per_participant,
        active: args.active,
        timestamp: now,
    });
    Ok(())
}
