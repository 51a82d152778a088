//! Instruction builders for transaction buffers (vault transactions too large for one
//! transaction).
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::system_program;
use psp_multisig::{accounts, instruction, TransactionBufferCreateArgs};

use super::instructions::build;
use super::{proposal_pda, transaction_buffer_pda, transaction_pda};

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
pub fn transaction_buffer_extend(
    multisig: &Pubkey,
    creator: &Pubkey,
    buffer_index: u8,
    buffer: Vec<u8>,
) -> Instruction {
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
