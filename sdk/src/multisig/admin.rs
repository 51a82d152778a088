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

/// Writable remaining accounts of config execution: the spending limit accounts named by
/// `actions` and, for each removal, the account that receives its rent — the rent collector in
/// effect at that action (`rent_collector` is the multisig's current one; earlier
/// `SetRentCollector` actions of the list are followed), or vault 0 when there is none.
pub fn spending_limit_accounts(
    multisig: &Pubkey,
    rent_collector: Option<&Pubkey>,
    actions: &[ConfigAction],
) -> Vec<AccountMeta> {
    let mut collector = rent_collector.copied();
    let mut keys: Vec<Pubkey> = Vec::new();
    for action in actions {
        match action {
            ConfigAction::AddSpendingLimit { create_key, .. } => keys.push(spending_limit_pda(multisig, create_key).0),
            ConfigAction::RemoveSpendingLimit { spending_limit } => {
                keys.push(*spending_limit);
                keys.push(collector.unwrap_or_else(|| vault_pda(multisig, 0).0));
            }
            ConfigAction::SetRentCollector { new_rent_collector } => collector = *new_rent_collector,
            _ => {}
        }
    }
    let mut metas: Vec<AccountMeta> = Vec::new();
    for key in keys {
        if !metas.iter().any(|meta| meta.pubkey == key) {
            metas.push(AccountMeta::new(key, false));
        }
    }
    metas
}

/// `multisig_config_apply` by the config authority of a controlled multisig. `rent_collector`
/// is the multisig's current one (see [`spending_limit_accounts`]).
pub fn multisig_config_apply(
    multisig: &Pubkey,
    config_authority: &Pubkey,
    rent_payer: Option<&Pubkey>,
    rent_collector: Option<&Pubkey>,
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
        spending_limit_accounts(multisig, rent_collector, &actions),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_rent_goes_to_the_collector_in_effect_or_vault_0() {
        let multisig = Pubkey::new_unique();
        let (limit, collector, other) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        let remove = ConfigAction::RemoveSpendingLimit { spending_limit: limit };
        let keys = |collector: Option<&Pubkey>, actions: &[ConfigAction]| -> Vec<Pubkey> {
            spending_limit_accounts(&multisig, collector, actions).iter().map(|m| m.pubkey).collect()
        };
        assert_eq!(keys(Some(&collector), std::slice::from_ref(&remove)), vec![limit, collector]);
        assert_eq!(keys(None, std::slice::from_ref(&remove)), vec![limit, vault_pda(&multisig, 0).0]);
        let unset = ConfigAction::SetRentCollector { new_rent_collector: None };
        assert_eq!(keys(Some(&collector), &[unset, remove.clone()]), vec![limit, vault_pda(&multisig, 0).0]);
        let set = ConfigAction::SetRentCollector { new_rent_collector: Some(other) };
        assert_eq!(keys(Some(&collector), &[remove.clone(), set, remove]), vec![limit, collector, other]);
        assert!(spending_limit_accounts(&multisig, None, &[]).iter().all(|m| m.is_writable));
    }
}
