//! `multisig_create`: creates a multisig at the PDA of a fresh `create_key`.
use anchor_lang::prelude::*;

use crate::constants::{ACCOUNT_VERSION, MULTISIG_SEED};
use crate::events::MultisigCreated;
use crate::state::{Member, Multisig};
use crate::utils::validate_memo;

/// Arguments of [`multisig_create`](crate::psp_multisig::multisig_create).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct MultisigCreateArgs {
    /// Key allowed to change settings directly; `None` makes the multisig autonomous.
    pub config_authority: Option<Pubkey>,
    /// Approvals needed to pass a proposal.
    pub threshold: u16,
    /// Initial members (more can be added later by config actions).
    pub members: Vec<Member>,
    /// Seconds between approval and execution (0..=90 days).
    pub time_lock: u32,
    /// Receiver of the rent of closed accounts.
    pub rent_collector: Option<Pubkey>,
    /// Free text recorded in the event.
    pub memo: Option<String>,
}

/// Accounts of `multisig_create`.
#[derive(Accounts)]
#[instruction(args: MultisigCreateArgs)]
pub struct MultisigCreate<'info> {
    /// The new multisig.
    #[account(
        init,
        payer = creator,
        space = Multisig::size(args.members.len()),
        seeds = [MULTISIG_SEED, create_key.key().as_ref()],
        bump
    )]
    pub multisig: Box<Account<'info, Multisig>>,
    /// Seed of the multisig address; must sign, so nobody can take the address first.
    pub create_key: Signer<'info>,
    /// Pays rent.
    #[account(mut)]
    pub creator: Signer<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

/// Stores the settings, checks every invariant and emits [`MultisigCreated`].
pub fn handler(ctx: Context<MultisigCreate>, args: MultisigCreateArgs) -> Result<()> {
    validate_memo(&args.memo)?;
    let multisig = &mut ctx.accounts.multisig;
    multisig.set_inner(Multisig {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.multisig,
        create_key: ctx.accounts.create_key.key(),
        config_authority: args.config_authority.unwrap_or_default(),
        threshold: args.threshold,
        time_lock: args.time_lock,
        transaction_index: 0,
        stale_transaction_index: 0,
        rent_collector: args.rent_collector,
        paused: 0,
        config_generation: 0,
        reserved: [0; 24],
        members: args.members,
    });
    multisig.validate()?;
    emit!(MultisigCreated {
        multisig: multisig.key(),
        create_key: multisig.create_key,
        creator: ctx.accounts.creator.key(),
        config_authority: args.config_authority,
        threshold: multisig.threshold,
        time_lock: multisig.time_lock,
        rent_collector: multisig.rent_collector,
        members: multisig.members.clone(),
        memo: args.memo,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
