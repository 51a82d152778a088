//! The rule that keeps an executor's signature safe: only the realm's treasury may be marked as
//! a signer in a proposal's instructions. Whoever executes a passed proposal (a keeper bot)
//! signs the outer transaction, so a stored `is_signer` on their account would let the
//! proposal spend it. The check reads the raw list bytes, so a list written in chunks is
//! checked as each chunk lands (cut anywhere), again in full when the vote starts, and off
//! chain (sdk, CLI) on the very bytes the program will store.
use anchor_lang::prelude::*;

use crate::errors::GovernanceError;

/// A cursor over borsh bytes that stops (`None`) where the bytes end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// The first account other than `treasury` marked as a signer in `bytes`: the borsh
/// serialization of a `Vec<ProposalInstruction>`, complete or cut anywhere (an account whose
/// flag has not arrived yet is checked once it has). Any non-zero flag counts as signing.
pub fn foreign_signer(bytes: &[u8], treasury: &Pubkey) -> Option<Pubkey> {
    let mut reader = Reader(bytes);
    let count = reader.u32()?;
    for _ in 0..count {
        reader.take(32)?; // program id
        for _ in 0..reader.u32()? {
            let account = reader.take(32 + 1)?; // pubkey, is_signer
            let mut key = [0u8; 32];
            key.copy_from_slice(&account[..32]);
            let pubkey = Pubkey::new_from_array(key);
            if account[32] != 0 && pubkey != *treasury {
                return Some(pubkey);
            }
            reader.take(1)?; // is_writable
        }
        let data_len = usize::try_from(reader.u32()?).ok()?;
        reader.take(data_len)?;
    }
    None
}

/// Refuses `bytes` (a stored list or a prefix of one) when any account but `treasury` signs.
pub fn ensure_only_treasury_signs(bytes: &[u8], treasury: &Pubkey) -> Result<()> {
    if let Some(signer) = foreign_signer(bytes, treasury) {
        msg!("{} is marked as a signer; only the treasury {} may sign", signer, treasury);
        return err!(GovernanceError::SignerNotTreasury);
    }
    Ok(())
}
