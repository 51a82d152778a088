//! Building Anchor instructions from generated account structs and argument data.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{InstructionData, ToAccountMetas};

/// An instruction of `program_id` with the accounts of `accounts` followed by `remaining`.
pub fn build(
    program_id: Pubkey,
    accounts: impl ToAccountMetas,
    remaining: Vec<AccountMeta>,
    data: impl InstructionData,
) -> Instruction {
    let mut metas = accounts.to_account_metas(None);
    metas.extend(remaining);
    Instruction { program_id, accounts: metas, data: data.data() }
}

/// The `emit_cpi!` event authority PDA of `program_id`.
pub fn event_authority_pda(program_id: &Pubkey) -> (Pubkey, u8) {
    crate::pda(&[b"__event_authority"], program_id)
}
