//! Applies config actions to a multisig: the one implementation behind config proposals and
//! the config authority.
use anchor_lang::prelude::*;

use crate::constants::{ACCOUNT_VERSION, MAX_SPENDING_LIMIT_LIST, MULTISIG_SEED, SPENDING_LIMIT_SEED, VAULT_SEED};
use crate::errors::MultisigError;
use crate::events::{ConfigActionApplied, SettingsSnapshot, SpendingLimitChanged};
use crate::state::{ConfigAction, Multisig, SpendingLimit};
use crate::utils::{close_account, create_pda_account, grow_account};

/// Accounts and context the actions may need besides the multisig itself.
pub struct ConfigEnv<'a, 'info> {
    /// The multisig account (grown when members are added).
    pub multisig_info: AccountInfo<'info>,
    /// This program's id (owner of spending limits).
    pub program_id: &'a Pubkey,
    /// Spending limit accounts referenced by Add/RemoveSpendingLimit, and the receiver of the
    /// rent of removed ones (the rent collector, or vault 0 when none is set).
    pub remaining_accounts: &'a [AccountInfo<'info>],
    /// Pays for growth and new spending limits (never receives rent).
    pub rent_payer: Option<AccountInfo<'info>>,
    /// The system program, needed with `rent_payer`.
    pub system_program: Option<AccountInfo<'info>>,
    /// Index of the config proposal; `None` when the config authority acts.
    pub transaction_index: Option<u64>,
}

/// Applies `actions` in order, makes every earlier proposal stale and voids earlier cancel
/// votes (one config generation per call), checks the resulting settings and grows the account
/// if needed. Emits one event per action with the settings before and after it.
pub fn apply_config_actions(multisig: &mut Multisig, env: &ConfigEnv, actions: &[ConfigAction]) -> Result<()> {
    require!(!actions.is_empty(), MultisigError::NoActions);
    let multisig_key = env.multisig_info.key();
    let now = Clock::get()?.unix_timestamp;
    multisig.record_config_change()?;
    for action in actions {
        let before = snapshot(multisig);
        let old_permissions = match action {
            ConfigAction::RemoveMember { old_member: key } | ConfigAction::ChangePermissions { member: key, .. } => {
                multisig.member_index(key).map(|i| multisig.members[i].permissions)
            }
            _ => None,
        };
        apply_one(multisig, env, action, now)?;
        emit!(ConfigActionApplied {
            multisig: multisig_key,
            transaction_index: env.transaction_index,
            action: action.clone(),
            before,
            after: snapshot(multisig),
            old_permissions,
            stale_transaction_index: multisig.stale_transaction_index,
            config_generation: multisig.config_generation,
            timestamp: now,
        });
    }
    multisig.validate()?;
    grow_account(
        &env.multisig_info,
        Multisig::size(multisig.members.len()),
        env.rent_payer.as_ref(),
        env.system_program.as_ref(),
    )
}

/// The settings an indexer tracks, for the before/after pair of [`ConfigActionApplied`].
fn snapshot(multisig: &Multisig) -> SettingsSnapshot {
    SettingsSnapshot {
        threshold: multisig.threshold,
        time_lock: multisig.time_lock,
        member_count: multisig.members.len() as u16,
        paused: multisig.paused,
        rent_collector: multisig.rent_collector,
        config_authority: (!multisig.is_autonomous()).then_some(multisig.config_authority),
    }
}

fn apply_one(multisig: &mut Multisig, env: &ConfigEnv, action: &ConfigAction, now: i64) -> Result<()> {
    match action {
        ConfigAction::AddMember { new_member } => multisig.members.push(*new_member),
        ConfigAction::RemoveMember { old_member } => {
            let index = multisig.member_index(old_member).ok_or(MultisigError::MemberNotFound)?;
            multisig.members.remove(index);
        }
        ConfigAction::ChangePermissions { member, permissions } => {
            let index = multisig.member_index(member).ok_or(MultisigError::MemberNotFound)?;
            multisig.members[index].permissions = *permissions;
        }
        ConfigAction::ChangeThreshold { new_threshold } => multisig.threshold = *new_threshold,
        ConfigAction::SetTimeLock { new_time_lock } => multisig.time_lock = *new_time_lock,
        ConfigAction::SetRentCollector { new_rent_collector } => multisig.rent_collector = *new_rent_collector,
        ConfigAction::SetPauseFlags { flags } => {
            require!(flags & !crate::state::pause::ALL == 0, MultisigError::UnknownPauseFlags);
            multisig.paused = *flags;
        }
        ConfigAction::SetConfigAuthority { new_config_authority } => {
            require!(env.transaction_index.is_none(), MultisigError::ConfigAuthorityActionViaProposal);
            multisig.config_authority = new_config_authority.unwrap_or_default();
        }
        ConfigAction::AddSpendingLimit { create_key, vault_index, mint, amount, period, members, destinations } => {
            require!(*amount > 0, MultisigError::InvalidSpendingLimitAmount);
            require!(
                !members.is_empty()
                    && members.len() <= MAX_SPENDING_LIMIT_LIST
                    && destinations.len() <= MAX_SPENDING_LIMIT_LIST,
                MultisigError::SpendingLimitListTooLong
            );
            let multisig_key = env.multisig_info.key();
            let seeds: &[&[u8]] = &[MULTISIG_SEED, multisig_key.as_ref(), SPENDING_LIMIT_SEED, create_key.as_ref()];
            let (address, bump) = Pubkey::find_program_address(seeds, env.program_id);
            let info = find_account(env, &address)?;
            let (Some(payer), Some(system_program)) = (&env.rent_payer, &env.system_program) else {
                return err!(MultisigError::RentPayerRequired);
            };
            require!(info.data_is_empty(), MultisigError::InvalidSpendingLimitAccount);
            let space = SpendingLimit::size(members.len(), destinations.len());
            let bump_seed = [bump];
            let signer_seeds = [seeds, &[&bump_seed[..]]].concat();
            create_pda_account(info, space, env.program_id, &signer_seeds, payer, system_program)?;
            let limit = SpendingLimit {
                version: ACCOUNT_VERSION,
                bump,
                multisig: multisig_key,
                create_key: *create_key,
                vault_index: *vault_index,
                mint: *mint,
                amount: *amount,
                period: *period,
                remaining_amount: *amount,
                last_reset: now,
                reserved: [0; 16],
                members: members.clone(),
                destinations: destinations.clone(),
            };
            limit.try_serialize(&mut &mut info.try_borrow_mut_data()?[..])?;
            emit_limit_changed(&limit, address, true, info.lamports(), *payer.key, now);
        }
        ConfigAction::RemoveSpendingLimit { spending_limit } => {
            let info = find_account(env, spending_limit)?;
            require_keys_eq!(*info.owner, *env.program_id, MultisigError::InvalidSpendingLimitAccount);
            let limit = SpendingLimit::try_deserialize(&mut &info.try_borrow_data()?[..])?;
            require_keys_eq!(limit.multisig, env.multisig_info.key(), MultisigError::InvalidSpendingLimitAccount);
            let receiver = rent_receiver(multisig, env)?;
            let lamports = close_account(info, receiver)?;
            emit_limit_changed(&limit, *spending_limit, false, lamports, *receiver.key, now);
        }
    }
    Ok(())
}

/// The account that receives the rent of a removed spending limit: the multisig's rent
/// collector, or vault 0 when none is set (so the rent stays with the multisig), passed as a
/// writable remaining account. Never an account the executor chooses.
fn rent_receiver<'a, 'info>(multisig: &Multisig, env: &'a ConfigEnv<'_, 'info>) -> Result<&'a AccountInfo<'info>> {
    let key = match multisig.rent_collector {
        Some(collector) => collector,
        None => {
            let multisig_key = env.multisig_info.key();
            let seeds: &[&[u8]] = &[MULTISIG_SEED, multisig_key.as_ref(), VAULT_SEED, &[0]];
            Pubkey::find_program_address(seeds, env.program_id).0
        }
    };
    env.remaining_accounts
        .iter()
        .find(|a| a.key == &key && a.is_writable)
        .ok_or_else(|| error!(MultisigError::RentReceiverMissing))
}

/// Emits [`SpendingLimitChanged`] for a created or removed limit.
fn emit_limit_changed(
    limit: &SpendingLimit,
    address: Pubkey,
    created: bool,
    lamports: u64,
    rent_account: Pubkey,
    now: i64,
) {
    emit!(SpendingLimitChanged {
        multisig: limit.multisig,
        spending_limit: address,
        created,
        vault_index: limit.vault_index,
        mint: limit.mint,
        amount: limit.amount,
        period: limit.period,
        remaining_amount: limit.remaining_amount,
        lamports,
        rent_account,
        timestamp: now,
    });
}

/// The writable remaining account with `key`.
fn find_account<'a, 'info>(env: &'a ConfigEnv<'_, 'info>, key: &Pubkey) -> Result<&'a AccountInfo<'info>> {
    let info =
        env.remaining_accounts.iter().find(|a| a.key == key).ok_or(MultisigError::InvalidSpendingLimitAccount)?;
    require!(info.is_writable, MultisigError::InvalidSpendingLimitAccount);
    Ok(info)
}
