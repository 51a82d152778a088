//! `set_config`: the admin changes the guardian, windows, clawback receiver, epoch cap and
//! quorum. A quorum change restarts open voting rounds (their votes were counted against the
//! old quorum); epochs already proposed keep the challenge end fixed at their proposal.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::DISTRIBUTOR_SEED;
use crate::errors::PopError;
use crate::events::ConfigChanged;
use crate::state::{validate_windows, Distributor};

/// New settings (all of them; read the current ones to change one).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigArgs {
    /// May pause and veto.
    pub guardian: Pubkey,
    /// Veto window after a root reaches quorum (seconds).
    pub challenge_window: i64,
    /// Claim window after finalization (seconds).
    pub claim_window: i64,
    /// Most one epoch may distribute.
    pub max_epoch_total: u64,
    /// Agreeing attestor votes needed to propose a root.
    pub quorum: u32,
}

/// Accounts of `set_config`.
#[derive(Accounts)]
pub struct SetConfig<'info> {
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
    /// The clawback receiver (the current one to keep it): a reward-mint token account.
    #[account(
        constraint = clawback_receiver.mint == distributor.reward_mint @ PopError::InvalidReceiver,
        constraint = clawback_receiver.key() != distributor.vault @ PopError::InvalidReceiver
    )]
    pub clawback_receiver: Box<InterfaceAccount<'info, TokenAccount>>,
}

/// Validates and applies the settings.
pub fn handler(ctx: Context<SetConfig>, args: ConfigArgs) -> Result<()> {
    validate_windows(args.challenge_window, args.claim_window)?;
    require!(args.quorum >= 1 && args.max_epoch_total > 0, PopError::InvalidConfig);
    let receiver = ctx.accounts.clawback_receiver.key();
    let distributor = &mut ctx.accounts.distributor;
    let unchanged = distributor.guardian == args.guardian
        && distributor.challenge_window == args.challenge_window
        && distributor.claim_window == args.claim_window
        && distributor.max_epoch_total == args.max_epoch_total
        && distributor.quorum == args.quorum
        && distributor.clawback_receiver == receiver;
    require!(!unchanged, PopError::NothingToChange);
    if distributor.quorum != args.quorum {
        distributor.bump_generation()?;
    }
    distributor.guardian = args.guardian;
    distributor.challenge_window = args.challenge_window;
    distributor.claim_window = args.claim_window;
    distributor.max_epoch_total = args.max_epoch_total;
    distributor.quorum = args.quorum;
    distributor.clawback_receiver = receiver;
    emit!(ConfigChanged {
        distributor: distributor.key(),
        guardian: args.guardian,
        challenge_window: args.challenge_window,
        claim_window: args.claim_window,
        clawback_receiver: receiver,
        max_epoch_total: args.max_epoch_total,
        quorum: args.quorum,
        attestor_generation: distributor.attestor_generation,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
