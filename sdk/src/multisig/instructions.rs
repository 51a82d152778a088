//! Instruction builders for every `psp-multisig` instruction.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use psp_multisig::state::{ConfigAction, Vote, VaultTransactionMessage};
use psp_multisig::{accounts, instruction, ConfigTransactionCreateArgs, MultisigCreateArgs};
use psp_multisig::{TransactionBufferCreateArgs, VaultTransactionCreateArgs};

use super::{
    event_authority_pda, execution_accounts, multisig_pda, proposal_pda, spending_limit_pda,
    transaction_buffer_pda, transaction_pda, vault_pda,
};

fn build(accounts: impl ToAccountMetas, remaining: Vec<AccountMeta>, data: impl InstructionData) -> Instruction {
    let mut metas = accounts.to_account_metas(None);
    metas.extend(remaining);
    Instruction { program_id: psp_multisig::ID, accounts: metas, data: data.data() }
}

fn event_authority() -> Pubkey {
    event_authority_pda(&psp_multisig::ID).0
}

/// `multisig_create`: the multisig lands at `multisig_pda(create_key)`; both sign.
pub fn multisig_create(create_key: &Pubkey, creator: &Pubkey, args: MultisigCreateArgs) -> Instruction {
    build(
        accounts::MultisigCreate {
            multisig: multisig_pda(create_key).0,
            create_key: *create_key,
            creator: *creator,
            system_program: system_program::ID,
        },
        vec![],
        instruction::MultisigCreate { args },
    )
}

/// Writable spending limit accounts named by `actions` (remaining accounts of config execution).
pub fn spending_limit_accounts(multisig: &Pubkey, actions: &[ConfigAction]) -> Vec<AccountMeta> {
    actions
        .iter()
        .filter_map(|a| match a {
            ConfigAction::AddSpendingLimit { create_key, .. } => Some(spending_limit_pda(multisig, create_key).0),
            ConfigAction::RemoveSpendingLimit { spending_limit } => Some(*spending_limit),
            _ => None,
        })
        .map(|key| AccountMeta::new(key, false))
        .collect()
}

/// `multisig_config_apply` by the config authority of a controlled multisig.
pub fn multisig_config_apply(
    multisig: &Pubkey,
    config_authority: &Pubkey,
    rent_payer: Option<&Pubkey>,
    actions: Vec<ConfigAction>,
    memo: Option<String>,
) -> Instruction {
    build(
        accounts::MultisigConfigApply {
            multisig: *multisig,
            config_authority: *config_authority,
            rent_payer: rent_payer.copied(),
            system_program: rent_payer.map(|_| system_program::ID),
        },
        spending_limit_accounts(multisig, &actions),
        instruction::MultisigConfigApply { actions, memo },
    )
}

/// `multisig_pause`: a voting member adds pause bits.
pub fn multisig_pause(multisig: &Pubkey, member: &Pubkey, flags: u8) -> Instruction {
    build(accounts::MultisigPause { multisig: *multisig, member: *member }, vec![], instruction::MultisigPause { flags })
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

/// `transaction_buffer_create`.
pub fn transaction_buffer_create(
    multisig: &Pubkey,
    creator: &Pubkey,
    rent_payer: &Pubkey,
    args: TransactionBufferCreateArgs,
) -> Instruction {
    build(
        accounts::TransactionBufferCreate {
            multisig: *multisig,
            transaction_buffer: transaction_buffer_pda(multisig, creator, args.buffer_index).0,
            creator: *creator,
            rent_payer: *rent_payer,
            system_program: system_program::ID,
        },
        vec![],
        instruction::TransactionBufferCreate { args },
    )
}

/// `transaction_buffer_extend`.
pub fn transaction_buffer_extend(multisig: &Pubkey, creator: &Pubkey, buffer_index: u8, buffer: Vec<u8>) -> Instruction {
    build(
        accounts::TransactionBufferExtend {
            multisig: *multisig,
            transaction_buffer: transaction_buffer_pda(multisig, creator, buffer_index).0,
            creator: *creator,
        },
        vec![],
        instruction::TransactionBufferExtend { buffer },
    )
}

/// `transaction_buffer_close`.
pub fn transaction_buffer_close(multisig: &Pubkey, creator: &Pubkey, buffer_index: u8) -> Instruction {
    build(
        accounts::TransactionBufferClose {
            multisig: *multisig,
            transaction_buffer: transaction_buffer_pda(multisig, creator, buffer_index).0,
            creator: *creator,
        },
        vec![],
        instruction::TransactionBufferClose {},
    )
}

/// `vault_transaction_create_from_buffer` at `index`.
pub fn vault_transaction_create_from_buffer(
    multisig: &Pubkey,
    index: u64,
    creator: &Pubkey,
    rent_payer: &Pubkey,
    buffer_index: u8,
    memo: Option<String>,
) -> Instruction {
    build(
        accounts::VaultTransactionCreateFromBuffer {
            multisig: *multisig,
            transaction_buffer: transaction_buffer_pda(multisig, creator, buffer_index).0,
            transaction: transaction_pda(multisig, index).0,
            proposal: proposal_pda(multisig, index).0,
            creator: *creator,
            rent_payer: *rent_payer,
            system_program: system_program::ID,
        },
        vec![],
        instruction::VaultTransactionCreateFromBuffer { memo },
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

/// `config_transaction_execute` of transaction `index` whose actions are `actions`.
pub fn config_transaction_execute(
    multisig: &Pubkey,
    index: u64,
    member: &Pubkey,
    rent_payer: Option<&Pubkey>,
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
        spending_limit_accounts(multisig, actions),
        instruction::ConfigTransactionExecute { approve },
    )
}

/// `vault_transaction_execute` of transaction `index` whose message is `message`.
pub fn vault_transaction_execute(
    multisig: &Pubkey,
    index: u64,
    member: &Pubkey,
    message: &VaultTransactionMessage,
    approve: bool,
) -> Instruction {
    build(
        accounts::VaultTransactionExecute {
            multisig: *multisig,
            member: *member,
            proposal: proposal_pda(multisig, index).0,
            transaction: transaction_pda(multisig, index).0,
            event_authority: event_authority(),
            program: psp_multisig::ID,
        },
        execution_accounts(message),
        instruction::VaultTransactionExecute { approve },
    )
}

/// Token side of a spending limit transfer.
#[derive(Clone, Copy, Debug)]
pub struct TokenTransferAccounts {
    /// The mint.
    pub mint: Pubkey,
    /// The vault's token account.
    pub vault_token_account: Pubkey,
    /// The destination wallet's token account.
    pub destination_token_account: Pubkey,
    /// SPL Token or Token-2022.
    pub token_program: Pubkey,
}

/// `spending_limit_use`. `token` is `None` for SOL limits.
#[allow(clippy::too_many_arguments)]
pub fn spending_limit_use(
    multisig: &Pubkey,
    spending_limit: &Pubkey,
    vault_index: u8,
    member: &Pubkey,
    destination: &Pubkey,
    token: Option<TokenTransferAccounts>,
    amount: u64,
    decimals: u8,
    memo: Option<String>,
) -> Instruction {
    build(
        accounts::SpendingLimitUse {
            multisig: *multisig,
            member: *member,
            spending_limit: *spending_limit,
            vault: vault_pda(multisig, vault_index).0,
            destination: *destination,
            system_program: token.is_none().then_some(system_program::ID),
            mint: token.map(|t| t.mint),
            vault_token_account: token.map(|t| t.vault_token_account),
            destination_token_account: token.map(|t| t.destination_token_account),
            token_program: token.map(|t| t.token_program),
            event_authority: event_authority(),
            program: psp_multisig::ID,
        },
        vec![],
        instruction::SpendingLimitUse { amount, decimals, memo },
    )
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
