//! Instruction builders for every staking instruction. Builders that act on a stream or a
//! position take the decoded pool (and position), so the accounts always match them.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use psp_staking::state::Pool;
use psp_staking::{accounts, instruction, CreatePoolArgs, PoolConfigArgs, SetStreamArgs};

use super::{pool_pda, position_pda, reward_vault_pda, stake_vault_pda};
use crate::ix::{build as build_for, event_authority_pda};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    build_for(psp_staking::ID, accounts, vec![], data)
}

fn event_authority() -> Pubkey {
    event_authority_pda(&psp_staking::ID).0
}

/// The owner-signed position group.
fn owned(pool: &Pubkey, position: &Pubkey, owner: &Pubkey) -> accounts::OwnedPosition {
    accounts::OwnedPosition { pool: *pool, position: *position, owner: *owner }
}

/// The vault group of stream `index` of `pool`.
fn stream_vault(pool: &Pool, index: u8) -> accounts::StreamVault {
    let stream = &pool.streams[usize::from(index)];
    accounts::StreamVault {
        reward_vault: stream.reward_vault,
        reward_mint: stream.reward_mint,
        token_program: stream.token_program,
    }
}

/// `create_pool` for `stake_mint` at the PDA of `create_key` (which signs); returns the pool.
pub fn create_pool(
    create_key: &Pubkey,
    payer: &Pubkey,
    stake_mint: &Pubkey,
    token_program: &Pubkey,
    args: CreatePoolArgs,
) -> (Instruction, Pubkey) {
    let pool = pool_pda(create_key).0;
    let ix = build(
        accounts::CreatePool {
            create_key: *create_key,
            payer: *payer,
            pool,
            stake_mint: *stake_mint,
            stake_vault: stake_vault_pda(&pool).0,
            token_program: *token_program,
            system_program: system_program::ID,
        },
        instruction::CreatePool { args },
    );
    (ix, pool)
}

/// `propose_admin` (signed by the admin).
pub fn propose_admin(pool: &Pubkey, admin: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(accounts::ProposeAdmin { pool: *pool, admin: *admin }, instruction::ProposeAdmin { new_admin: *new_admin })
}

/// `accept_admin` (signed by the proposed admin).
pub fn accept_admin(pool: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(accounts::AcceptAdmin { pool: *pool, new_admin: *new_admin }, instruction::AcceptAdmin {})
}

/// `set_pool_config` (signed by the admin).
pub fn set_pool_config(pool: &Pubkey, admin: &Pubkey, args: PoolConfigArgs) -> Instruction {
    build(accounts::SetPoolConfig { pool: *pool, admin: *admin }, instruction::SetPoolConfig { args })
}

/// `set_pause` (guardian adds bits; admin sets any).
pub fn set_pause(pool: &Pubkey, authority: &Pubkey, flags: u8) -> Instruction {
    build(accounts::SetPause { pool: *pool, authority: *authority }, instruction::SetPause { flags })
}

/// `add_stream` of `reward_mint`; its vault is derived from the pool's next stream id.
pub fn add_stream(
    pool_address: &Pubkey,
    pool: &Pool,
    admin: &Pubkey,
    payer: &Pubkey,
    reward_mint: &Pubkey,
    token_program: &Pubkey,
    rate_per_second: u64,
) -> Instruction {
    build(
        accounts::AddStream {
            pool: *pool_address,
            admin: *admin,
            payer: *payer,
            reward_mint: *reward_mint,
            reward_vault: reward_vault_pda(pool_address, pool.next_stream_id).0,
            token_program: *token_program,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::AddStream { rate_per_second },
    )
}

/// `fund_stream` `index` with `amount` from `funder_token_account`.
pub fn fund_stream(
    pool_address: &Pubkey,
    pool: &Pool,
    index: u8,
    funder: &Pubkey,
    funder_token_account: &Pubkey,
    amount: u64,
) -> Instruction {
    build(
        accounts::FundStream {
            pool: *pool_address,
            stream: stream_vault(pool, index),
            funder: *funder,
            funder_token_account: *funder_token_account,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::FundStream { index, amount },
    )
}

/// `set_stream` `index` (signed by the admin).
pub fn set_stream(pool: &Pubkey, admin: &Pubkey, index: u8, args: SetStreamArgs) -> Instruction {
    build(
        accounts::SetStream {
            pool: *pool,
            admin: *admin,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::SetStream { index, args },
    )
}

/// `retire_stream` `index`, refunding to the admin's `admin_token_account`.
pub fn retire_stream(
    pool_address: &Pubkey,
    pool: &Pool,
    index: u8,
    admin: &Pubkey,
    admin_token_account: &Pubkey,
) -> Instruction {
    build(
        accounts::RetireStream {
            pool: *pool_address,
            admin: *admin,
            stream: stream_vault(pool, index),
            admin_token_account: *admin_token_account,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::RetireStream { index },
    )
}

/// `create_position` `index` of `owner` staking `amount` from `owner_token_account`.
pub fn create_position(
    pool_address: &Pubkey,
    pool: &Pool,
    owner: &Pubkey,
    owner_token_account: &Pubkey,
    index: u32,
    amount: u64,
    lock_seconds: i64,
) -> (Instruction, Pubkey) {
    let position = position_pda(pool_address, owner, index).0;
    let ix = build(
        accounts::CreatePosition {
            pool: *pool_address,
            position,
            owner: *owner,
            owner_token_account: *owner_token_account,
            stake_vault: pool.stake_vault,
            stake_mint: pool.stake_mint,
            token_program: pool.stake_token_program,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::CreatePosition { index, amount, lock_seconds },
    );
    (ix, position)
}

/// `update_position`: add `add_amount` and/or extend the lock to `new_lock_end`.
pub fn update_position(
    pool_address: &Pubkey,
    pool: &Pool,
    position: &Pubkey,
    owner: &Pubkey,
    owner_token_account: &Pubkey,
    add_amount: u64,
    new_lock_end: Option<i64>,
) -> Instruction {
    build(
        accounts::UpdatePosition {
            owned: owned(pool_address, position, owner),
            owner_token_account: *owner_token_account,
            stake_vault: pool.stake_vault,
            stake_mint: pool.stake_mint,
            token_program: pool.stake_token_program,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::UpdatePosition { add_amount, new_lock_end },
    )
}

/// `refresh_position` (anyone).
pub fn refresh_position(pool: &Pubkey, position: &Pubkey) -> Instruction {
    build(
        accounts::RefreshPosition {
            pool: *pool,
            position: *position,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::RefreshPosition {},
    )
}

/// `start_cooldown` of `amount`.
pub fn start_cooldown(pool: &Pubkey, position: &Pubkey, owner: &Pubkey, amount: u64) -> Instruction {
    build(
        accounts::StartCooldown {
            owned: owned(pool, position, owner),
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::StartCooldown { amount },
    )
}

/// `withdraw` the cooled tokens to `destination`.
pub fn withdraw(
    pool_address: &Pubkey,
    pool: &Pool,
    position: &Pubkey,
    owner: &Pubkey,
    destination: &Pubkey,
) -> Instruction {
    build(
        accounts::Withdraw {
            owned: owned(pool_address, position, owner),
            destination: *destination,
            stake_vault: pool.stake_vault,
            stake_mint: pool.stake_mint,
            token_program: pool.stake_token_program,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::Withdraw {},
    )
}

/// `claim_rewards` of stream `index` to `destination` (all pending, or up to `max_amount`).
pub fn claim_rewards(
    pool_address: &Pubkey,
    pool: &Pool,
    position: &Pubkey,
    owner: &Pubkey,
    index: u8,
    destination: &Pubkey,
    max_amount: Option<u64>,
) -> Instruction {
    build(
        accounts::ClaimRewards {
            owned: owned(pool_address, position, owner),
            stream: stream_vault(pool, index),
            destination: *destination,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::ClaimRewards { index, max_amount },
    )
}

/// `close_position` (owner; rent back to the owner).
pub fn close_position(pool: &Pubkey, position: &Pubkey, owner: &Pubkey) -> Instruction {
    build(
        accounts::ClosePosition {
            pool: *pool,
            position: *position,
            owner: *owner,
            event_authority: event_authority(),
            program: psp_staking::ID,
        },
        instruction::ClosePosition {},
    )
}
