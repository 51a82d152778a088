//! Reading PoP accounts and preparing attestations: the round an epoch votes in, signed
//! attestation instructions, pause-bit names, `getProgramAccounts` offsets.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use psp_pop::state::{pause, Distributor, Epoch};
use psp_pop::Attestation;

pub use psp_pop::ed25519::attestation_message;

/// Offset of `distributor` in kind and attestor accounts (after the discriminator and bump).
pub const REGISTRY_DISTRIBUTOR_OFFSET: usize = 8 + 1;
/// Offset of `distributor` in an epoch account (after the discriminator, version and bump).
pub const EPOCH_DISTRIBUTOR_OFFSET: usize = 8 + 2;
/// Offset of `epoch` in a candidate account (after the discriminator and bump).
pub const CANDIDATE_EPOCH_OFFSET: usize = 8 + 1;
/// Offset of `round` in a candidate account (after `epoch`).
pub const CANDIDATE_ROUND_OFFSET: usize = CANDIDATE_EPOCH_OFFSET + 32;

/// Who paid a claim chunk's rent, from its raw account data (8-byte discriminator, then the
/// zero-copy struct the program reads with `AccountLoader`).
pub fn chunk_payer(data: &[u8]) -> Option<Pubkey> {
    let at = 8 + std::mem::offset_of!(psp_pop::state::ClaimChunk, payer);
    data.get(at..at + 32).and_then(|b| Pubkey::try_from(b).ok())
}

/// Whether leaf `index` is marked claimed in its chunk's raw account data.
pub fn leaf_claimed(data: &[u8], index: u64) -> bool {
    let offset = (index % psp_pop::constants::LEAVES_PER_CHUNK) as usize;
    data.get(8 + std::mem::offset_of!(psp_pop::state::ClaimChunk, bits) + offset / 8)
        .is_some_and(|byte| byte & (1 << (offset % 8)) != 0)
}

/// Pause bit names, in bit order.
pub const PAUSE_NAMES: [(&str, u8); 5] = [
    ("attest", pause::ATTEST),
    ("finalize", pause::FINALIZE),
    ("claim", pause::CLAIM),
    ("sweep", pause::SWEEP),
    ("halt", pause::HALT),
];

/// Parses comma-separated pause flags: attest, finalize, claim, sweep, halt, all (or none).
pub fn parse_pause_flags(text: &str) -> Result<u8, String> {
    crate::flags::parse_flags(text, &PAUSE_NAMES, pause::ALL)
}

/// Names of the set pause bits (`none` when clear).
pub fn format_pause_flags(flags: u8) -> String {
    crate::flags::format_flags(flags, &PAUSE_NAMES)
}

/// The round a vote cast now on an epoch belongs to (`epoch` is `None` before its first vote).
pub fn voting_round(distributor: &Distributor, epoch: Option<&Epoch>) -> u32 {
    epoch.map_or(0, |epoch| epoch.voting_round(distributor.attestor_generation))
}

/// The ed25519 precompile instruction carrying `signatures` (signer, 64-byte signature) over
/// one shared `message`, every offset pointing into the instruction's own data.
pub fn ed25519_instruction(message: &[u8], signatures: &[(Pubkey, [u8; 64])]) -> Instruction {
    const RECORD: usize = 14;
    let header = 2 + RECORD * signatures.len();
    let message_offset = header + signatures.len() * 96;
    let u16_of =
        |value: usize| u16::try_from(value).expect("an ed25519 instruction fits in a transaction").to_le_bytes();
    let mut data = Vec::with_capacity(message_offset + message.len());
    data.extend_from_slice(&[u8::try_from(signatures.len()).expect("at most 255 signatures"), 0]);
    for i in 0..signatures.len() {
        let key_offset = header + i * 96;
        for field in [
            u16_of(key_offset + 32),
            u16::MAX.to_le_bytes(),
            u16_of(key_offset),
            u16::MAX.to_le_bytes(),
            u16_of(message_offset),
            u16_of(message.len()),
            u16::MAX.to_le_bytes(),
        ] {
            data.extend_from_slice(&field);
        }
    }
    for (key, signature) in signatures {
        data.extend_from_slice(key.as_ref());
        data.extend_from_slice(signature);
    }
    data.extend_from_slice(message);
    Instruction { program_id: anchor_lang::solana_program::ed25519_program::ID, accounts: vec![], data }
}

/// The message attestors of `distributor` sign for `attestation` of `epoch` in `round`.
pub fn message_for(distributor: &Pubkey, epoch: u64, round: u32, attestation: &Attestation) -> Vec<u8> {
    attestation_message(&psp_pop::ID, distributor, epoch, round, attestation)
}

/// The two instructions of a signed-quorum proposal: the ed25519 instruction over `message`
/// with `signatures`, then `propose_signed` naming the signers' attestor accounts.
pub fn signed_attestations(
    distributor: &Pubkey,
    payer: &Pubkey,
    epoch: u64,
    round: u32,
    attestation: Attestation,
    signatures: &[(Pubkey, [u8; 64])],
) -> [Instruction; 2] {
    let message = message_for(distributor, epoch, round, &attestation);
    let signers: Vec<Pubkey> = signatures.iter().map(|(key, _)| *key).collect();
    [
        ed25519_instruction(&message, signatures),
        super::instructions::propose_signed(distributor, payer, epoch, round, attestation, &signers),
    ]
}

/// The rules of epoch `epoch` of `distributor` from its on-chain kinds: the epoch's window
/// from the distributor's clock, the active kinds with their weights and caps (in definition
/// order). Reporter allow-lists and the all-kinds cap are off-chain choices (left open).
pub fn epoch_rules(
    distributor: &Distributor,
    kinds: &[psp_pop::state::Kind],
    epoch: u64,
) -> Result<super::EpochRules, super::PopError> {
    let end = distributor.epoch_end(epoch).ok_or(super::PopError::Overflow("epoch end"))?;
    let mut active: Vec<&psp_pop::state::Kind> = kinds.iter().filter(|k| k.active).collect();
    active.sort_by_key(|k| k.id);
    let rules = super::EpochRules {
        epoch,
        start: end - distributor.epoch_length,
        end,
        kinds: active
            .into_iter()
            .map(|k| super::KindRule {
                name: k.name.clone(),
                weight: k.weight,
                max_units_per_participant: (k.max_units_per_participant > 0).then_some(k.max_units_per_participant),
            })
            .collect(),
        max_units_per_participant: None,
        allowed_reporters: None,
    };
    rules.check()?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_instruction_is_what_the_program_parses() {
        let distributor = Pubkey::new_unique();
        let attestation = Attestation { root: [5; 32], total: 9, leaf_count: 3 };
        let message = message_for(&distributor, 4, 0, &attestation);
        let signers = [(Pubkey::new_unique(), [1; 64]), (Pubkey::new_unique(), [2; 64])];
        let ix = ed25519_instruction(&message, &signers);
        let parsed = psp_pop::ed25519::signers_of(&ix.data, 0, &message).unwrap();
        assert_eq!(parsed, vec![signers[0].0, signers[1].0]);
        assert_eq!(ix.data.len(), 2 + 2 * (14 + 96) + message.len());
    }
}
