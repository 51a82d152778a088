//! PSP multisig: the root of every authority in PSP.
//!
//! Members with permission bits (initiate, vote, execute), a threshold and a time lock;
//! vault PDAs that hold assets and sign; config and vault-transaction proposals with
//! bitmap votes (1024 members); spending limits; fine-grained emergency pause.
#![allow(unexpected_cfgs)]
// Anchor 0.31's `#[program]` expansion calls the deprecated `AccountInfo::realloc`.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
pub mod utils;

#[allow(ambiguous_glob_reexports)]
pub use instructions::*;
pub use state::*;

declare_id!("8Aag4ev1bXRbGvmDfyw2H8pRSGhtW9BJ7izQwMQ3RE3S");

/// Instruction dispatch; each handler lives in `instructions/`.
#[program]
pub mod psp_multisig {
    use super::*;

    /// Creates a multisig at the PDA of `create_key`.
    pub fn multisig_create(ctx: Context<MultisigCreate>, args: MultisigCreateArgs) -> Result<()> {
        instructions::multisig_create::handler(ctx, args)
    }

    /// The config authority of a controlled multisig applies config actions directly.
    pub fn multisig_config_apply<'info>(
        ctx: Context<'_, '_, 'info, 'info, MultisigConfigApply<'info>>,
        actions: Vec<ConfigAction>,
        memo: Option<String>,
    ) -> Result<()> {
        instructions::multisig_config_apply::handler(ctx, actions, memo)
    }

    /// A voting member sets pause bits in an emergency.
    pub fn multisig_pause(ctx: Context<MultisigPause>, flags: u8) -> Result<()> {
        instructions::multisig_pause::handler(ctx, flags)
    }

    /// Proposes config actions (with the creator's approval).
    pub fn config_transaction_create(
        ctx: Context<ConfigTransactionCreate>,
        args: ConfigTransactionCreateArgs,
    ) -> Result<()> {
        instructions::config_transaction_create::handler(ctx, args)
    }

    /// Proposes a vault transaction (with the creator's approval).
    pub fn vault_transaction_create(
        ctx: Context<VaultTransactionCreate>,
        args: VaultTransactionCreateArgs,
    ) -> Result<()> {
        instructions::vault_transaction_create::handler(ctx, args)
    }

    /// Starts a transaction buffer for a large vault transaction.
    pub fn transaction_buffer_create(
        ctx: Context<TransactionBufferCreate>,
        args: TransactionBufferCreateArgs,
    ) -> Result<()> {
        instructions::transaction_buffer_create::handler(ctx, args)
    }

    /// Appends a chunk to a transaction buffer.
    pub fn transaction_buffer_extend(ctx: Context<TransactionBufferExtend>, buffer: Vec<u8>) -> Result<()> {
        instructions::transaction_buffer_extend::handler(ctx, buffer)
    }

    /// Abandons a transaction buffer.
    pub fn transaction_buffer_close(ctx: Context<TransactionBufferClose>) -> Result<()> {
        instructions::transaction_buffer_close::handler(ctx)
    }

    /// Proposes the vault transaction held in a complete buffer.
    pub fn vault_transaction_create_from_buffer(
        ctx: Context<VaultTransactionCreateFromBuffer>,
        memo: Option<String>,
    ) -> Result<()> {
        instructions::vault_transaction_create_from_buffer::handler(ctx, memo)
    }

    /// Approves an active proposal.
    pub fn proposal_approve(ctx: Context<ProposalVote>, memo: Option<String>) -> Result<()> {
        instructions::proposal_vote::handler(ctx, Vote::Approve, memo)
    }

    /// Rejects an active proposal.
    pub fn proposal_reject(ctx: Context<ProposalVote>, memo: Option<String>) -> Result<()> {
        instructions::proposal_vote::handler(ctx, Vote::Reject, memo)
    }

    /// Votes to cancel an approved, unexecuted proposal.
    pub fn proposal_cancel(ctx: Context<ProposalVote>, memo: Option<String>) -> Result<()> {
        instructions::proposal_vote::handler(ctx, Vote::Cancel, memo)
    }

    /// Executes an approved config transaction (optionally casting the last approval first).
    pub fn config_transaction_execute<'info>(
        ctx: Context<'_, '_, 'info, 'info, ConfigTransactionExecute<'info>>,
        approve: bool,
    ) -> Result<()> {
        instructions::config_transaction_execute::handler(ctx, approve)
    }

    /// Executes an approved vault transaction (optionally casting the last approval first).
    pub fn vault_transaction_execute<'info>(
        ctx: Context<'_, '_, 'info, 'info, VaultTransactionExecute<'info>>,
        approve: bool,
    ) -> Result<()> {
        instructions::vault_transaction_execute::handler(ctx, approve)
    }

    /// Spends from a vault within a spending limit.
    pub fn spending_limit_use(
        ctx: Context<SpendingLimitUse>,
        amount: u64,
        decimals: u8,
        memo: Option<String>,
    ) -> Result<()> {
        instructions::spending_limit_use::handler(ctx, amount, decimals, memo)
    }

    /// Closes a finished config transaction and its proposal.
    pub fn config_transaction_accounts_close(ctx: Context<ConfigTransactionAccountsClose>) -> Result<()> {
        instructions::config_transaction_accounts_close::handler(ctx)
    }

    /// Closes a finished vault transaction and its proposal.
    pub fn vault_transaction_accounts_close(ctx: Context<VaultTransactionAccountsClose>) -> Result<()> {
        instructions::vault_transaction_accounts_close::handler(ctx)
    }
}
