//! Instruction builders for multisig administration and spending limits.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::system_program;
use psp_multisig::state::ConfigAction;
use psp_multisig::{accounts, instruction, MultisigCreateArgs};

use super::instructions::{build, event_authority};
use super::{multisig_pda, spending_limit_pda, vault_pda};

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
    build(
        accounts::MultisigPause { multisig: *multisig, member: *member },
        vec![],
        instruction::MultisigPause { flags },
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
