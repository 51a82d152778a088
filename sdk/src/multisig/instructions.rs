//! Instruction builders for the proposal lifecycle: create, vote, execute, close.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use psp_multisig::state::{ConfigAction, VaultTransactionMessage, Vote};
use psp_multisig::{accounts, instruction, ConfigTransactionCreateArgs, VaultTransactionCreateArgs};

use super::{
    event_authority_pda, execution_accounts_with_tables, proposal_pda, spending_limit_accounts, transaction_pda,
    AddressLookupTableAccount, MessageError,
};

pub(crate) fn build(
    accounts: impl ToAccountMetas,
    remaining: Vec<AccountMeta>,
    data: impl InstructionData,
) -> Instruction {
    crate::ix::build(psp_multisig::ID, accounts, remaining, data)
}

pub(crate) fn event_authority() -> Pubkey {
    event_authority_pda(&psp_multisig::ID).0
}

/// `config_transaction_create` at `index` (the multisig's `transaction_index + 1`).
pub fn config_transaction_create(
    multisig: &Pubkey,
    index: u64,
    creator: &Pubkey,
    rent_payer: &Pubkey,
    actions: Vec<ConfigAction>,
    memo: Option<String>,
) -> Instruction {
    build(
        accounts::ConfigTransactionCreate {
            multisig: *multisig,
            transaction: transaction_pda(multisig, index).0,
            proposal: proposal_pda(multisig, index).0,
            creator: *creator,
            rent_payer: *rent_payer,
            system_program: system_program::ID,
        },
        vec![],
        instruction::ConfigTransactionCreate { args: ConfigTransactionCreateArgs { actions, memo } },
    )
}

/// `vault_transaction_create` at `index` (the multisig's `transaction_index + 1`).
pub fn vault_transaction_create(
    multisig: &Pubkey,
    index: u64,
    creator: &Pubkey,
    rent_payer: &Pubkey,
    vault_index: u8,
    message: VaultTransactionMessage,
    memo: Option<String>,
) -> Instruction {
    build(
        accounts::VaultTransactionCreate {
            multisig: *multisig,
            transaction: transaction_pda(multisig, index).0,
            proposal: proposal_pda(multisig, index).0,
            creator: *creator,
            rent_payer: *rent_payer,
            system_program: system_program::ID,
        },
        vec![],
        instruction::VaultTransactionCreate { args: VaultTransactionCreateArgs { vault_index, message, memo } },
    )
}

/// `proposal_approve`, `proposal_reject` or `proposal_cancel` on transaction `index`.
pub fn proposal_vote(multisig: &Pubkey, index: u64, member: &Pubkey, vote: Vote, memo: Option<String>) -> Instruction {
    let accounts = accounts::ProposalVote {
        multisig: *multisig,
        member: *member,
        proposal: proposal_pda(multisig, index).0,
        system_program: Some(system_program::ID),
    };
    match vote {
        Vote::Approve => build(accounts, vec![], instruction::ProposalApprove { memo }),
        Vote::Reject => build(accounts, vec![], instruction::ProposalReject { memo }),
        Vote::Cancel => build(accounts, vec![], instruction::ProposalCancel { memo }),
    }
}

/// `config_transaction_execute` of transaction `index` whose actions are `actions`;
/// `rent_collector` is the multisig's current one (see [`super::spending_limit_accounts`]).
pub fn config_transaction_execute(
    multisig: &Pubkey,
    index: u64,
    member: &Pubkey,
    rent_payer: Option<&Pubkey>,
    rent_collector: Option<&Pubkey>,
    actions: &[ConfigAction],
    approve: bool,
) -> Instruction {
    build(
        accounts::ConfigTransactionExecute {
            multisig: *multisig,
            member: *member,
            proposal: proposal_pda(multisig, index).0,
            transaction: transaction_pda(multisig, index).0,
            rent_payer: rent_payer.copied(),
            system_program: rent_payer.map(|_| system_program::ID),
            event_authority: event_authority(),
            program: psp_multisig::ID,
        },
        spending_limit_accounts(multisig, rent_collector, actions),
        instruction::ConfigTransactionExecute { approve },
    )
}

/// `vault_transaction_execute` of transaction `index` whose message is `message` (without
/// lookup tables; see [`vault_transaction_execute_with_tables`]).
pub fn vault_transaction_execute(
    multisig: &Pubkey,
    index: u64,
    member: &Pubkey,
    message: &VaultTransactionMessage,
    approve: bool,
) -> Instruction {
    vault_transaction_execute_with_tables(multisig, index, member, message, &[], approve)
        .expect("message without lookup tables")
}

/// `vault_transaction_execute` for a message that loads accounts from `tables`.
pub fn vault_transaction_execute_with_tables(
    multisig: &Pubkey,
    index: u64,
    member: &Pubkey,
    message: &VaultTransactionMessage,
    tables: &[AddressLookupTableAccount],
    approve: bool,
) -> Result<Instruction, MessageError> {
    Ok(build(
        accounts::VaultTransactionExecute {
            multisig: *multisig,
            member: *member,
            proposal: proposal_pda(multisig, index).0,
            transaction: transaction_pda(multisig, index).0,
            event_authority: event_authority(),
            program: psp_multisig::ID,
        },
        execution_accounts_with_tables(message, tables)?,
        instruction::VaultTransactionExecute { approve },
    ))
}

/// `config_transaction_accounts_close` of transaction `index`.
pub fn config_transaction_accounts_close(multisig: &Pubkey, index: u64, rent_collector: &Pubkey) -> Instruction {
    build(
        accounts::ConfigTransactionAccountsClose {
            multisig: *multisig,
            proposal: proposal_pda(multisig, index).0,
            transaction: transaction_pda(multisig, index).0,
            rent_collector: *rent_collector,
        },
        vec![],
        instruction::ConfigTransactionAccountsClose {},
    )
}

/// `vault_transaction_accounts_close` of transaction `index`.
pub fn vault_transaction_accounts_close(multisig: &Pubkey, index: u64, rent_collector: &Pubkey) -> Instruction {
    build(
        accounts::VaultTransactionAccountsClose {
            multisig: *multisig,
            proposal: proposal_pda(multisig, index).0,
            transaction: transaction_pda(multisig, index).0,
            rent_collector: *rent_collector,
        },
        vec![],
        instruction::VaultTransactionAccountsClose {},
    )
}
