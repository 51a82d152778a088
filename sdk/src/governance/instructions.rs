//! Instruction builders for every governance instruction.
use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, AnchorSerialize, InstructionData, ToAccountMetas};
use psp_governance::state::{Choice, InstructionAccount, ProposalInstruction, RealmConfig};
use psp_governance::{accounts, instruction};

use super::pda::*;
use crate::ix::{build as build_for, event_authority_pda};

/// Bytes of instruction list appended per transaction (leaves room for accounts and signatures).
pub const APPEND_CHUNK: usize = 800;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    build_for(psp_governance::ID, accounts, vec![], data)
}

/// The `emit_cpi!` event authority of the governance program (every instruction takes it).
pub fn event_authority() -> Pubkey {
    event_authority_pda(&psp_governance::ID).0
}

fn target(realm: &Pubkey, index: u64) -> accounts::RealmProposal {
    accounts::RealmProposal { realm: *realm, proposal: proposal_pda(realm, index).0 }
}

fn owned(pool: &Pubkey, position: &Pubkey, owner: &Pubkey) -> accounts::OwnedPosition {
    accounts::OwnedPosition { pool: *pool, position: *position, owner: *owner }
}

/// `create_realm` over staking `pool` at the PDA of `create_key` (which signs); returns the realm.
pub fn create_realm(
    create_key: &Pubkey,
    payer: &Pubkey,
    pool: &Pubkey,
    config: RealmConfig,
    council: &Pubkey,
) -> (Instruction, Pubkey) {
    let realm = realm_pda(create_key).0;
    let ix = build(
        accounts::CreateRealm {
            create_key: *create_key,
            payer: *payer,
            realm,
            pool: *pool,
            treasury: treasury_pda(&realm).0,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::CreateRealm { config, council: *council },
    );
    (ix, realm)
}

/// `set_realm_config`, signed by the realm's treasury: put it in a proposal.
pub fn set_realm_config(realm: &Pubkey, config: RealmConfig, council: &Pubkey) -> Instruction {
    build(
        accounts::SetRealmConfig {
            realm: *realm,
            treasury: treasury_pda(realm).0,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::SetRealmConfig { config, council: *council },
    )
}

/// `set_pause` (the council, or the treasury through a proposal).
pub fn set_pause(realm: &Pubkey, authority: &Pubkey, flags: u8) -> Instruction {
    build(
        accounts::SetPause {
            realm: *realm,
            authority: *authority,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::SetPause { flags },
    )
}

/// `create_proposal` as proposal `index` (the realm's `proposal_count`); returns the proposal.
pub fn create_proposal(
    realm: &Pubkey,
    index: u64,
    proposer: &Pubkey,
    payer: &Pubkey,
    title: &str,
    description_link: &str,
    description_hash: [u8; 32],
) -> (Instruction, Pubkey) {
    let proposal = proposal_pda(realm, index).0;
    let ix = build(
        accounts::CreateProposal {
            realm: *realm,
            proposer: *proposer,
            payer: *payer,
            proposal,
            instructions: instructions_pda(&proposal).0,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::CreateProposal {
            title: title.to_string(),
            description_link: description_link.to_string(),
            description_hash,
        },
    );
    (ix, proposal)
}

/// The instruction a proposal stores for `ix` (its flags as given: the program refuses any
/// signer but the treasury, see [`foreign_signer`]).
pub fn stored(ix: &Instruction) -> ProposalInstruction {
    ProposalInstruction {
        program_id: ix.program_id,
        accounts: ix
            .accounts
            .iter()
            .map(|m| InstructionAccount { pubkey: m.pubkey, is_signer: m.is_signer, is_writable: m.is_writable })
            .collect(),
        data: ix.data.clone(),
    }
}

/// The bytes a proposal stores for `instructions` (borsh `Vec<ProposalInstruction>`).
pub fn list_bytes(instructions: &[Instruction]) -> Vec<u8> {
    let list: Vec<ProposalInstruction> = instructions.iter().map(stored).collect();
    list.try_to_vec().expect("instruction lists serialize")
}

/// The first account other than `treasury` that `instructions` mark as a signer: the program's
/// own rule (`psp_governance::state::foreign_signer`) on the bytes it would store, so a list
/// passing here is never refused with `SignerNotTreasury`.
pub fn foreign_signer(instructions: &[Instruction], treasury: &Pubkey) -> Option<Pubkey> {
    psp_governance::state::foreign_signer(&list_bytes(instructions), treasury)
}

/// The `append_instructions` calls writing `instructions` into proposal `index`, in chunks of
/// [`APPEND_CHUNK`] bytes (one transaction each, in order).
pub fn append_instructions(
    realm: &Pubkey,
    index: u64,
    proposer: &Pubkey,
    payer: &Pubkey,
    instructions: &[Instruction],
) -> Vec<Instruction> {
    let bytes = list_bytes(instructions);
    let proposal = proposal_pda(realm, index).0;
    bytes
        .chunks(APPEND_CHUNK)
        .map(|chunk| {
            build(
                accounts::AppendInstructions {
                    target: target(realm, index),
                    proposer: *proposer,
                    payer: *payer,
                    instructions: instructions_pda(&proposal).0,
                    system_program: system_program::ID,
                    event_authority: event_authority(),
                    program: psp_governance::ID,
                },
                instruction::AppendInstructions { bytes: chunk.to_vec() },
            )
        })
        .collect()
}

/// `start_voting` of proposal `index` by its proposer with `position` of staking `pool`.
pub fn start_voting(realm: &Pubkey, index: u64, pool: &Pubkey, position: &Pubkey, proposer: &Pubkey) -> Instruction {
    let proposal = proposal_pda(realm, index).0;
    build(
        accounts::StartVoting {
            target: target(realm, index),
            proposer: owned(pool, position, proposer),
            instructions: instructions_pda(&proposal).0,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::StartVoting {},
    )
}

/// `cast_vote` of `position` (owned by `owner`, who signs) on proposal `index`.
pub fn cast_vote(
    realm: &Pubkey,
    index: u64,
    pool: &Pubkey,
    position: &Pubkey,
    owner: &Pubkey,
    payer: &Pubkey,
    choice: Choice,
) -> Instruction {
    let proposal = proposal_pda(realm, index).0;
    build(
        accounts::CastVote {
            target: target(realm, index),
            voter: owned(pool, position, owner),
            payer: *payer,
            vote_record: vote_record_pda(&proposal, position).0,
            system_program: system_program::ID,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::CastVote { choice },
    )
}

/// `update_proposal` of proposal `index` (anyone).
pub fn update_proposal(realm: &Pubkey, index: u64) -> Instruction {
    build(
        accounts::UpdateProposal {
            target: target(realm, index),
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::UpdateProposal {},
    )
}

/// `cancel_proposal` of proposal `index` (its proposer).
pub fn cancel_proposal(realm: &Pubkey, index: u64, proposer: &Pubkey) -> Instruction {
    build(
        accounts::CancelProposal {
            target: target(realm, index),
            proposer: *proposer,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::CancelProposal {},
    )
}

/// `veto_proposal` of proposal `index` (the council).
pub fn veto_proposal(realm: &Pubkey, index: u64, council: &Pubkey) -> Instruction {
    build(
        accounts::VetoProposal {
            target: target(realm, index),
            council: *council,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        instruction::VetoProposal {},
    )
}

/// `execute_proposal` of proposal `index` whose stored instructions are `instructions` (as
/// given to [`append_instructions`]): every program and account they use follows as remaining
/// accounts (the treasury as a non-signer: the program signs for it).
pub fn execute_proposal(realm: &Pubkey, index: u64, executor: &Pubkey, instructions: &[Instruction]) -> Instruction {
    let proposal = proposal_pda(realm, index).0;
    let treasury = treasury_pda(realm).0;
    let mut remaining: Vec<AccountMeta> = Vec::new();
    let mut add = |pubkey: Pubkey, is_writable: bool| match remaining.iter_mut().find(|m| m.pubkey == pubkey) {
        Some(meta) => meta.is_writable |= is_writable,
        None => remaining.push(AccountMeta { pubkey, is_signer: false, is_writable }),
    };
    for ix in instructions {
        add(ix.program_id, false);
        for meta in ix.accounts.iter().filter(|m| m.pubkey != treasury) {
            add(meta.pubkey, meta.is_writable);
        }
    }
    build_for(
        psp_governance::ID,
        accounts::ExecuteProposal {
            target: target(realm, index),
            instructions: instructions_pda(&proposal).0,
            treasury,
            executor: *executor,
            event_authority: event_authority(),
            program: psp_governance::ID,
        },
        remaining,
        instruction::ExecuteProposal {},
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(deprecated)]
    use anchor_lang::solana_program::system_instruction::transfer;

    #[test]
    fn only_the_treasury_may_sign_and_every_instruction_takes_the_event_authority() {
        let realm = Pubkey::new_unique();
        let (treasury, keeper) = (treasury_pda(&realm).0, Pubkey::new_unique());
        let paid = transfer(&treasury, &keeper, 1);
        assert_eq!(foreign_signer(std::slice::from_ref(&paid), &treasury), None);
        assert_eq!(foreign_signer(&[paid, transfer(&keeper, &treasury, 1)], &treasury), Some(keeper));
        let ix = update_proposal(&realm, 0);
        let tail: Vec<_> = ix.accounts.iter().rev().take(2).map(|m| m.pubkey).collect();
        assert_eq!(tail, [psp_governance::ID, event_authority()]);
    }
}
