//! Off-chain-signed attestations, verified through the ed25519 precompile: the transaction
//! carries an ed25519 instruction right before `propose_signed`; the runtime checks its
//! signatures, and this module checks that each one is over *this* attestation message and
//! reads its signer. Every offset must point into the ed25519 instruction's own data (index
//! `u16::MAX` or its own position), so no signature can be borrowed from elsewhere.
use anchor_lang::prelude::*;

use crate::errors::PopError;
use crate::state::Attestation;

/// Domain tag opening every attestation message.
pub const ATTESTATION_DOMAIN: &[u8] = b"PSP-POP-ATTEST-V1";
/// Bytes before the first offsets record (signature count and padding).
const OFFSETS_START: usize = 2;
/// Bytes of one offsets record (seven u16).
const OFFSETS_SIZE: usize = 14;

/// The message attestors sign: domain, program id, distributor, epoch, round and the triple,
/// so a signature cannot be replayed on another program, distributor, epoch or round.
pub fn attestation_message(
    program_id: &Pubkey,
    distributor: &Pubkey,
    epoch: u64,
    round: u32,
    attestation: &Attestation,
) -> Vec<u8> {
    let mut message = Vec::with_capacity(ATTESTATION_DOMAIN.len() + 32 + 32 + 8 + 4 + 32 + 8 + 8);
    message.extend_from_slice(ATTESTATION_DOMAIN);
    message.extend_from_slice(program_id.as_ref());
    message.extend_from_slice(distributor.as_ref());
    message.extend_from_slice(&epoch.to_le_bytes());
    message.extend_from_slice(&round.to_le_bytes());
    message.extend_from_slice(&attestation.root);
    message.extend_from_slice(&attestation.total.to_le_bytes());
    message.extend_from_slice(&attestation.leaf_count.to_le_bytes());
    message
}

/// The signers of the ed25519 instruction `data` (at position `own_index` of the transaction),
/// in order, after checking that every signature is over `expected_message` and every offset
/// stays inside `data`.
pub fn signers_of(data: &[u8], own_index: u16, expected_message: &[u8]) -> Result<Vec<Pubkey>> {
    let count = usize::from(*data.first().ok_or(PopError::MalformedEd25519Instruction)?);
    require!(count > 0, PopError::MalformedEd25519Instruction);
    let u16_at = |at: usize| -> Result<u16> {
        let bytes = data.get(at..at + 2).ok_or(PopError::MalformedEd25519Instruction)?;
        Ok(u16::from_le_bytes([bytes[0], bytes[1]]))
    };
    let slice = |offset: u16, len: usize| -> Result<&[u8]> {
        let start = usize::from(offset);
        Ok(data.get(start..start + len).ok_or(PopError::MalformedEd25519Instruction)?)
    };
    let mut signers = Vec::with_capacity(count);
    for i in 0..count {
        let at = OFFSETS_START + i * OFFSETS_SIZE;
        let [signature_offset, signature_ix, key_offset, key_ix, message_offset, message_size, message_ix] =
            [0, 2, 4, 6, 8, 10, 12].map(|field| u16_at(at + field));
        for index in [signature_ix?, key_ix?, message_ix?] {
            require!(index == u16::MAX || index == own_index, PopError::MalformedEd25519Instruction);
        }
        slice(signature_offset?, 64)?;
        let message = slice(message_offset?, usize::from(message_size?))?;
        require!(message == expected_message, PopError::WrongAttestationMessage);
        let key = slice(key_offset?, 32)?;
        signers.push(Pubkey::try_from(key).map_err(|_| PopError::MalformedEd25519Instruction)?);
    }
    Ok(signers)
}
