//! Instruction builders for every PoP instruction. Builders that move tokens take the decoded
//! distributor, so vault, mint and token program always match it.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::solana_program::sysvar;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use psp_pop::state::Distributor;
use psp_pop::{accounts, instruction, Attestation, ConfigArgs, CreateDistributorArgs, KindArgs};

use super::pda::*;
use crate::ix::{build as build_for, event_authority_pda};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    build_for(psp_pop::ID, accounts, vec![], data)
}

fn event_authority() -> Pubkey {
    event_authority_pda(&psp_pop::ID).0
}

/// The vault group of a distributor.
fn reward(address: &Pubkey, distributor: &Distributor) -> accounts::RewardVault {
    accounts::RewardVault {
        distributor: *address,
        vault: distributor.vault,
        reward_mint: distributor.reward_mint,
        token_program: distributor.reward_token_program,
    }
}

/// Epoch `epoch` with its distributor's vault group.
fn vault_epoch(address: &Pubkey, distributor: &Distributor, epoch: u64) -> accounts::VaultEpoch {
    accounts::VaultEpoch { reward: reward(address, distributor), epoch: epoch_pda(address, epoch).0 }
}

/// `create_distributor` for `reward_mint` at the PDA of `create_key` (which signs); returns
/// the distributor.
pub fn create_distributor(
    create_key: &Pubkey,
    payer: &Pubkey,
    reward_mint: &Pubkey,
    token_program: &Pubkey,
    clawback_receiver: &Pubkey,
    args: CreateDistributorArgs,
) -> (Instruction, Pubkey) {
    let distributor = distributor_pda(create_key).0;
    let ix = build(
        accounts::CreateDistributor {
            create_key: *create_key,
            payer: *payer,
            distributor,
            reward_mint: *reward_mint,
            vault: vault_pda(&distributor).0,
            clawback_receiver: *clawback_receiver,
            token_program: *token_program,
            system_program: system_program::ID,
        },
        instruction::CreateDistributor { args },
    );
    (ix, distributor)
}

/// `propose_admin` (signed by the admin).
pub fn propose_admin(distributor: &Pubkey, admin: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(
        accounts::ProposeAdmin { distributor: *distributor, admin: *admin },
        instruction::ProposeAdmin { new_admin: *new_admin },
    )
}

/// `accept_admin` (signed by the proposed admin).
pub fn accept_admin(distributor: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(accounts::AcceptAdmin { distributor: *distributor, new_admin: *new_admin }, instruction::AcceptAdmin {})
}

/// `set_config` (signed by the admin); `clawback_receiver` is the current one to keep it.
pub fn set_config(distributor: &Pubkey, admin: &Pubkey, clawback_receiver: &Pubkey, args: ConfigArgs) -> Instruction {
    build(
        accounts::SetConfig { distributor: *distributor, admin: *admin, clawback_receiver: *clawback_receiver },
        instruction::SetConfig { args },
    )
}

/// `set_pause` (guardian adds bits; admin sets any).
pub fn set_pause(distributor: &Pubkey, authority: &Pubkey, flags: u8) -> Instruction {
    build(accounts::SetPause { distributor: *distributor, authority: *authority }, instruction::SetPause { flags })
}

/// `set_kind` (signed by the admin; `payer` pays a new kind's rent).
pub fn set_kind(distributor: &Pubkey, admin: &Pubkey, payer: &Pubkey, args: KindArgs) -> Instruction {
    build(
        accounts::SetKind {
            distributor: *distributor,
            admin: *admin,
            payer: *payer,
            kind: kind_pda(distributor, &args.name).0,
            system_program: system_program::ID,
        },
        instruction::SetKind { args },
    )
}

/// `set_attestor` (signed by the admin; `payer` pays a new attestor account's rent).
pub fn set_attestor(distributor: &Pubkey, admin: &Pubkey, payer: &Pubkey, key: &Pubkey, active: bool) -> Instruction {
    build(
        accounts::SetAttestor {
            distributor: *distributor,
            admin: *admin,
            payer: *payer,
            attestor: attestor_pda(distributor, key).0,
            system_program: system_program::ID,
        },
        instruction::SetAttestor { key: *key, active },
    )
}

/// `fund`: `funder` moves `amount` from its `source` account into the vault.
pub fn fund(address: &Pubkey, distributor: &Distributor, funder: &Pubkey, source: &Pubkey, amount: u64) -> Instruction {
    build(
        accounts::Fund {
            reward: reward(address, distributor),
            funder: *funder,
            source: *source,
            event_authority: event_authority(),
            program: psp_pop::ID,
        },
        instruction::Fund { amount },
    )
}

/// `attest`: attestor `key` votes for `attestation` of epoch `epoch` in `round` (the round the
/// epoch is voting in: see [`super::chain::voting_round`]).
pub fn attest(
    distributor: &Pubkey,
    key: &Pubkey,
    payer: &Pubkey,
    epoch: u64,
    round: u32,
    attestation: Attestation,
) -> Instruction {
    let epoch_address = epoch_pda(distributor, epoch).0;
    build(
        accounts::Attest {
            distributor: *distributor,
            authority: *key,
            attestor: attestor_pda(distributor, key).0,
            payer: *payer,
            epoch: epoch_address,
            candidate: candidate_pda(&epoch_address, round, &attestation).0,
            vote: vote_pda(&epoch_address, round, key).0,
            system_program: system_program::ID,
        },
        instruction::Attest { epoch_index: epoch, round, attestation },
    )
}

/// `propose_signed`, to follow the ed25519 instruction of [`super::chain::signed_attestations`]
/// whose signers are `signers`, in order (their attestor accounts writable: each signature is
/// counted in its attestor's `votes_cast`).
pub fn propose_signed(
    distributor: &Pubkey,
    payer: &Pubkey,
    epoch: u64,
    round: u32,
    attestation: Attestation,
    signers: &[Pubkey],
) -> Instruction {
    let remaining = signers.iter().map(|key| AccountMeta::new(attestor_pda(distributor, key).0, false)).collect();
    build_for(
        psp_pop::ID,
        accounts::ProposeSigned {
            distributor: *distributor,
            payer: *payer,
            epoch: epoch_pda(distributor, epoch).0,
            instructions: sysvar::instructions::ID,
            system_program: system_program::ID,
        },
        remaining,
        instruction::ProposeSigned { epoch_index: epoch, round, attestation },
    )
}

/// `veto` of epoch `epoch`'s proposed root (signed by the guardian or admin).
pub fn veto(distributor: &Pubkey, authority: &Pubkey, epoch: u64, reason: &str) -> Instruction {
    build(
        accounts::Veto { target: target(distributor, epoch), authority: *authority },
        instruction::Veto { reason: reason.to_string() },
    )
}

fn target(distributor: &Pubkey, epoch: u64) -> accounts::DistributorEpoch {
    accounts::DistributorEpoch { distributor: *distributor, epoch: epoch_pda(distributor, epoch).0 }
}

/// `finalize` of epoch `epoch` (anyone).
pub fn finalize(address: &Pubkey, distributor: &Distributor, epoch: u64) -> Instruction {
    build(
        accounts::Finalize {
            target: vault_epoch(address, distributor, epoch),
            event_authority: event_authority(),
            program: psp_pop::ID,
        },
        instruction::Finalize {},
    )
}

/// `open_claim_chunk` `chunk` of epoch `epoch` (anyone; `payer` pays the rent).
pub fn open_claim_chunk(distributor: &Pubkey, payer: &Pubkey, epoch: u64, chunk: u32) -> Instruction {
    let epoch_address = epoch_pda(distributor, epoch).0;
    build(
        accounts::OpenClaimChunk {
            target: target(distributor, epoch),
            payer: *payer,
            claim_chunk: claim_chunk_pda(&epoch_address, chunk).0,
            system_program: system_program::ID,
        },
        instruction::OpenClaimChunk { chunk },
    )
}

/// `claim` of leaf `index` (`amount` to `claimant`, who signs) of epoch `epoch`, paid to
/// `destination`.
#[allow(clippy::too_many_arguments)]
pub fn claim(
    address: &Pubkey,
    distributor: &Distributor,
    epoch: u64,
    index: u64,
    claimant: &Pubkey,
    amount: u64,
    proof: Vec<[u8; 32]>,
    destination: &Pubkey,
) -> Instruction {
    let epoch_address = epoch_pda(address, epoch).0;
    build(
        accounts::Claim {
            target: vault_epoch(address, distributor, epoch),
            claim_chunk: claim_chunk_pda(&epoch_address, chunk_for_leaf(index)).0,
            claimant: *claimant,
            destination: *destination,
            event_authority: event_authority(),
            program: psp_pop::ID,
        },
        instruction::Claim { index, amount, proof },
    )
}

/// `sweep` of epoch `epoch` to the distributor's clawback receiver (anyone).
pub fn sweep(address: &Pubkey, distributor: &Distributor, epoch: u64) -> Instruction {
    build(
        accounts::Sweep {
            target: vault_epoch(address, distributor, epoch),
            clawback_receiver: distributor.clawback_receiver,
            event_authority: event_authority(),
            program: psp_pop::ID,
        },
        instruction::Sweep {},
    )
}

/// `close_claim_chunk` `chunk` of swept epoch `epoch`; the rent goes to `payer` (who opened it).
pub fn close_claim_chunk(distributor: &Pubkey, epoch: u64, chunk: u32, payer: &Pubkey) -> Instruction {
    let epoch_address = epoch_pda(distributor, epoch).0;
    build(
        accounts::CloseClaimChunk {
            target: target(distributor, epoch),
            claim_chunk: claim_chunk_pda(&epoch_address, chunk).0,
            payer: *payer,
        },
        instruction::CloseClaimChunk {},
    )
}

/// `reclaim_unreserved` of `amount` to the clawback receiver (signed by the admin).
pub fn reclaim_unreserved(address: &Pubkey, distributor: &Distributor, admin: &Pubkey, amount: u64) -> Instruction {
    build(
        accounts::ReclaimUnreserved {
            reward: reward(address, distributor),
            admin: *admin,
            clawback_receiver: distributor.clawback_receiver,
            event_authority: event_authority(),
            program: psp_pop::ID,
        },
        instruction::ReclaimUnreserved { amount },
    )
}
