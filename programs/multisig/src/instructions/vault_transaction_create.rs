//! `vault_transaction_create`: proposes instructions to run as a vault; creation, proposal
//! and the creator's approval happen in this one instruction.
use anchor_lang::prelude::*;

use crate::constants::{
    ACCOUNT_VERSION, EPHEMERAL_SIGNER_SEED, MAX_EPHEMERAL_SIGNERS, MULTISIG_SEED, PROPOSAL_SEED, TRANSACTION_SEED,
    VAULT_SEED,
};
use crate::errors::MultisigError;
use crate::events::{ProposalCreated, TransactionKind};
use crate::state::{permission, Multisig, Proposal, VaultTransaction, VaultTransactionMessage};
use crate::utils::{next_transaction_index, open_proposal, validate_memo};

/// Arguments of `vault_transaction_create`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct VaultTransactionCreateArgs {
    /// Vault that signs the instructions.
    pub vault_index: u8,
    /// The instructions (larger ones go through a transaction buffer).
    pub message: VaultTransactionMessage,
    /// Free text recorded in the event.
    pub memo: Option<String>,
}

/// Accounts of `vault_transaction_create`.
#[derive(Accounts)]
#[instruction(args: VaultTransactionCreateArgs)]
pub struct VaultTransactionCreate<'info> {
    /// The multisig.
    #[account(mut, seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// The new transaction, at the next index.
    #[account(
        init,
        payer = rent_payer,
        space = VaultTransaction::size(args.message.serialized_len(), args.message.num_signers),
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), TRANSACTION_SEED,
                 &multisig.transaction_index.saturating_add(1).to_le_bytes()],
        bump
    )]
    pub transaction: Box<Account<'info, VaultTransaction>>,
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

/// Stores the message, opens the proposal and records the creator's approval.
pub fn handler(ctx: Context<VaultTransactionCreate>, args: VaultTransactionCreateArgs) -> Result<()> {
    validate_memo(&args.memo)?;
    let creator = ctx.accounts.creator.key();
    let multisig_key = ctx.accounts.multisig.key();
    let accounts = ctx.accounts;
    store_vault_transaction(
        &mut accounts.multisig,
        &mut accounts.transaction,
        &mut accounts.proposal,
        NewVaultTransaction {
            multisig_key,
            creator,
            transaction_bump: ctx.bumps.transaction,
            proposal_bump: ctx.bumps.proposal,
            vault_index: args.vault_index,
            message: args.message,
            memo: args.memo,
        },
    )
}

/// What a new vault transaction is made of (from arguments or from a buffer).
pub struct NewVaultTransaction {
    /// The multisig's address.
    pub multisig_key: Pubkey,
    /// Member creating it.
    pub creator: Pubkey,
    /// Canonical bump of the transaction PDA.
    pub transaction_bump: u8,
    /// Canonical bump of the proposal PDA.
    pub proposal_bump: u8,
    /// Vault that signs.
    pub vault_index: u8,
    /// The instructions.
    pub message: VaultTransactionMessage,
    /// Free text.
    pub memo: Option<String>,
}

/// Validates and stores a vault transaction and opens its proposal (shared with
/// `vault_transaction_create_from_buffer`).
pub fn store_vault_transaction(
    multisig: &mut Account<Multisig>,
    transaction: &mut Account<VaultTransaction>,
    proposal: &mut Account<Proposal>,
    new: NewVaultTransaction,
) -> Result<()> {
    let creator_index = multisig.authorized_member(&new.creator, permission::INITIATE)?;
    let (vault, vault_bump) = Pubkey::find_program_address(
        &[MULTISIG_SEED, new.multisig_key.as_ref(), VAULT_SEED, &[new.vault_index]],
        &crate::ID,
    );
    require!(new.message.ephemeral_signer_count() <= MAX_EPHEMERAL_SIGNERS, MultisigError::InvalidVaultSigner);
    let transaction_key = transaction.key();
    let (ephemeral_signers, ephemeral_signer_bumps): (Vec<Pubkey>, Vec<u8>) = (0..new.message.ephemeral_signer_count())
        .map(|i| {
            Pubkey::find_program_address(
                &[MULTISIG_SEED, transaction_key.as_ref(), EPHEMERAL_SIGNER_SEED, &[i as u8]],
                &crate::ID,
            )
        })
        .unzip();
    new.message.validate(&vault, &ephemeral_signers)?;
    let index = next_transaction_index(multisig)?;
    transaction.set_inner(VaultTransaction {
        version: ACCOUNT_VERSION,
        bump: new.transaction_bump,
        multisig: new.multisig_key,
        creator: new.creator,
        index,
        vault_index: new.vault_index,
        vault_bump,
        reserved: [0; 16],
        ephemeral_signer_bumps,
        message: new.message,
    });
    open_proposal(proposal, multisig, new.multisig_key, index, new.proposal_bump, creator_index)?;
    emit!(ProposalCreated {
        multisig: new.multisig_key,
        transaction_index: index,
        kind: TransactionKind::Vault,
        creator: new.creator,
        transaction: transaction.key(),
        proposal: proposal.key(),
        vault_index: Some(new.vault_index),
        memo: new.memo,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
