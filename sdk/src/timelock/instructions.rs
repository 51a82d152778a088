//! Instruction builders for every timelock instruction.
use anchor_lang::prelude::Pubkey;
#[allow(deprecated)]
use anchor_lang::solana_program::bpf_loader_upgradeable;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::system_program;
use psp_timelock::state::Lock;
use psp_timelock::{accounts, instruction, CreateLockArgs, MintPolicyArgs};

use super::{config_pda, escrow_pda, lock_pda, mint_policy_pda};
use crate::ix::{build as build_for, event_authority_pda};

fn build(accounts: impl anchor_lang::ToAccountMetas, data: impl anchor_lang::InstructionData) -> Instruction {
    build_for(psp_timelock::ID, accounts, vec![], data)
}

fn event_authority() -> Pubkey {
    event_authority_pda(&psp_timelock::ID).0
}

/// The lock's vault accounts (settings, mint policy, lock, escrow, mint, token program).
fn vault(lock_address: &Pubkey, lock: &Lock) -> accounts::LockVault {
    accounts::LockVault {
        config: config_pda().0,
        mint_policy: mint_policy_pda(&lock.mint).0,
        lock: *lock_address,
        escrow: lock.escrow,
        mint: lock.mint,
        token_program: lock.token_program,
    }
}

/// `initialize_config`. On a cluster, `initializer` must be the program's upgrade authority.
pub fn initialize_config(initializer: &Pubkey, admin: &Pubkey, guardian: &Pubkey) -> Instruction {
    let program_data = Pubkey::find_program_address(&[psp_timelock::ID.as_ref()], &bpf_loader_upgradeable::ID).0;
    build(
        accounts::InitializeConfig {
            config: config_pda().0,
            initializer: *initializer,
            program: psp_timelock::ID,
            program_data: Some(program_data),
            system_program: system_program::ID,
        },
        instruction::InitializeConfig { admin: *admin, guardian: *guardian },
    )
}

/// `propose_admin` (signed by the admin).
pub fn propose_admin(admin: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(
        accounts::ProposeAdmin { config: config_pda().0, admin: *admin },
        instruction::ProposeAdmin { new_admin: *new_admin },
    )
}

/// `accept_admin` (signed by the proposed admin).
pub fn accept_admin(new_admin: &Pubkey) -> Instruction {
    build(accounts::AcceptAdmin { config: config_pda().0, new_admin: *new_admin }, instruction::AcceptAdmin {})
}

/// `set_guardian` (signed by the admin).
pub fn set_guardian(admin: &Pubkey, guardian: &Pubkey) -> Instruction {
    build(
        accounts::SetGuardian { config: config_pda().0, admin: *admin },
        instruction::SetGuardian { guardian: *guardian },
    )
}

/// `set_pause`: program-wide when `mint` is `None`, else for that mint.
pub fn set_pause(authority: &Pubkey, mint: Option<&Pubkey>, flags: u8) -> Instruction {
    build(
        accounts::SetPause {
            config: config_pda().0,
            authority: *authority,
            mint_policy: mint.map(|m| mint_policy_pda(m).0),
        },
        instruction::SetPause { flags },
    )
}

/// `set_mint_policy` (signed by the admin; `payer` funds the policy if it is created).
pub fn set_mint_policy(admin: &Pubkey, payer: &Pubkey, mint: &Pubkey, args: MintPolicyArgs) -> Instruction {
    build(
        accounts::SetMintPolicy {
            config: config_pda().0,
            admin: *admin,
            mint: *mint,
            mint_policy: mint_policy_pda(mint).0,
            payer: *payer,
            system_program: system_program::ID,
        },
        instruction::SetMintPolicy { args },
    )
}

/// `create_lock` from `sender_token_account`; returns the instruction and the lock address.
pub fn create_lock(
    sender: &Pubkey,
    sender_token_account: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
    args: CreateLockArgs,
) -> (Instruction, Pubkey) {
    let lock = lock_pda(sender, args.id).0;
    let ix = build(
        accounts::CreateLock {
            config: config_pda().0,
            mint_policy: mint_policy_pda(mint).0,
            sender: *sender,
            sender_token_account: *sender_token_account,
            mint: *mint,
            lock,
            escrow: escrow_pda(&lock).0,
            token_program: *token_program,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::CreateLock { args },
    );
    (ix, lock)
}

/// `withdraw` of `amount` (everything available when `None`) to `destination`.
pub fn withdraw(
    lock_address: &Pubkey,
    lock: &Lock,
    authority: &Pubkey,
    destination: &Pubkey,
    amount: Option<u64>,
) -> Instruction {
    build(
        accounts::Withdraw {
            vault: vault(lock_address, lock),
            authority: *authority,
            destination: *destination,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::Withdraw { amount },
    )
}

/// `cancel_lock`, paying to the recipient's and refunding to the sender's token accounts.
pub fn cancel_lock(
    lock_address: &Pubkey,
    lock: &Lock,
    authority: &Pubkey,
    recipient_token_account: &Pubkey,
    sender_token_account: &Pubkey,
) -> Instruction {
    build(
        accounts::CancelLock {
            vault: vault(lock_address, lock),
            authority: *authority,
            recipient_token_account: *recipient_token_account,
            sender_token_account: *sender_token_account,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::CancelLock {},
    )
}

/// `transfer_recipient` to `new_recipient`.
pub fn transfer_recipient(
    lock_address: &Pubkey,
    lock: &Lock,
    authority: &Pubkey,
    new_recipient: &Pubkey,
) -> Instruction {
    build(
        accounts::TransferRecipient {
            config: config_pda().0,
            mint_policy: mint_policy_pda(&lock.mint).0,
            lock: *lock_address,
            authority: *authority,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::TransferRecipient { new_recipient: *new_recipient },
    )
}

/// `top_up` of `amount` from `funder_token_account`.
pub fn top_up(
    lock_address: &Pubkey,
    lock: &Lock,
    funder: &Pubkey,
    funder_token_account: &Pubkey,
    amount: u64,
) -> Instruction {
    build(
        accounts::TopUp {
            vault: vault(lock_address, lock),
            funder: *funder,
            funder_token_account: *funder_token_account,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::TopUp { amount },
    )
}

/// `veto_lock` by the guardian, refunding to the sender's token account.
pub fn veto_lock(
    lock_address: &Pubkey,
    lock: &Lock,
    guardian: &Pubkey,
    sender_token_account: &Pubkey,
    reason: String,
) -> Instruction {
    build(
        accounts::VetoLock {
            vault: vault(lock_address, lock),
            guardian: *guardian,
            sender_token_account: *sender_token_account,
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::VetoLock { reason },
    )
}

/// `close_lock`; pass the sender's token account if the escrow may hold stray tokens.
pub fn close_lock(
    lock_address: &Pubkey,
    lock: &Lock,
    authority: &Pubkey,
    sender_token_account: Option<&Pubkey>,
) -> Instruction {
    build(
        accounts::CloseLock {
            vault: vault(lock_address, lock),
            authority: *authority,
            sender: lock.sender,
            sender_token_account: sender_token_account.copied(),
            event_authority: event_authority(),
            program: psp_timelock::ID,
        },
        instruction::CloseLock {},
    )
}
