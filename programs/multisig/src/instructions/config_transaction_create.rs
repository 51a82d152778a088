//! `config_transaction_create`: proposes config actions; creation, proposal and the
//! creator's approval happen in this one instruction.
use anchor_lang::prelude::*;

use crate::constants::{ACCOUNT_VERSION, MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED};
use crate::errors::MultisigError;
use crate::events::{ProposalCreated, TransactionKind};
use crate::state::{permission, ConfigAction, ConfigTransaction, Multisig, Proposal};
use crate::utils::{next_transaction_index, open_proposal, validate_memo};

/// Arguments of `config_transaction_create`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ConfigTransactionCreateArgs {
    /// Actions applied in order on execution.
    pub actions: Vec<ConfigAction>,
    /// Free text recorded in the event.
    pub memo: Option<String>,
}

/// Accounts of `config_transaction_create`.
#[derive(Accounts)]
#[instruction(args: ConfigTransactionCreateArgs)]
pub struct ConfigTransactionCreate<'info> {
    /// The autonomous multisig (controlled ones change through their config authority).
    #[account(
        mut,
        seeds = [MULTISIG_SEED, multisig.create_key.as_ref()],
        bump = multisig.bump,
        constraint = multisig.is_autonomous() @ MultisigError::NotSupportedForControlled,
    )]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The new transaction, at the next index.
    #[account(
        init,
        payer = rent_payer,
        space = ConfigTransaction::size(&args.actions),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &multisig.transaction_index.saturating_add(1).to_le_bytes()],
        bump
    )]
    pub transaction: Box<Account<'info, ConfigTransaction>>,
    /// The new proposal.
    #[account(
        init,
        payer = rent_payer,
        space = Proposal::size(multisig.members.len()),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &multisig.transaction_index.saturating_add(1).to_le_bytes(), PROPOSAL_SEED],
        bump
    )]
    pub proposal: Box<Account<'info, Proposal>>,
    /// A member with Initiate permission.
    pub creator: Signer<'info>,
    /// Pays rent for both accounts.
    #[account(mut)]
    pub rent_payer: Signer<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

/// Stores the actions, opens the proposal and records the creator's approval.
pub fn handler(ctx: Context<ConfigTransactionCreate>, args: ConfigTransactionCreateArgs) -> Result<()> {
    validate_memo(&args.memo)?;
    require!(!args.actions.is_empty(), MultisigError::NoActions);
    require!(
        !args.actions.iter().any(|a| matches!(a, ConfigAction::SetConfigAuthority { .. })),
        MultisigError::ConfigAuthorityActionViaProposal
    );
    let multisig_key = ctx.accounts.multisig.key();
    let creator = ctx.accounts.creator.key();
    let multisig = &mut ctx.accounts.multisig;
    let creator_index = multisig.authorized_member(&creator, permission::INITIATE)?;
    let index = next_transaction_index(multisig)?;
    ctx.accounts.transaction.set_inner(ConfigTransaction {
        version: ACCOUNT_VERSION,
        bump: ctx.bumps.transaction,
        multisig: multisig_key,
        creator,
        index,
        reserved: [0; 16],
        actions: args.actions,
    });
    open_proposal(&mut ctx.accounts.proposal, multisig, multisig_key, index, ctx.bumps.proposal, creator_index)?;
    emit!(ProposalCreated {
        multisig: multisig_key,
        transaction_index: index,
        kind: TransactionKind::Config,
        creator,
        transaction: ctx.accounts.transaction.key(),
        proposal: ctx.accounts.proposal.key(),
        vault_index: None,
        memo: args.memo,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
