//! Transactions too large for one packet: their accounts go into a fresh address lookup table
//! so a v0 transaction can carry them (e.g. a 64-step vesting schedule).
use anyhow::{bail, Context, Result};
#[allow(deprecated)]
use solana_sdk::address_lookup_table::instruction::{
    create_lookup_table, deactivate_lookup_table, extend_lookup_table,
};
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::instruction::Instruction;
use solana_sdk::message::{AddressLookupTableAccount, Message};
use solana_sdk::packet::PACKET_DATA_SIZE;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;
use solana_sdk::transaction::Transaction;

use crate::client::Client;

/// Addresses one `extend_lookup_table` instruction may add and still fit a transaction.
const EXTEND_CHUNK: usize = 20;

/// Serialized size of a legacy transaction of `instructions` paid by `payer` with `signers` signatures.
pub fn legacy_size(payer: &Pubkey, instructions: &[Instruction]) -> usize {
    let message = Message::new(instructions, Some(payer));
    1 + 64 * usize::from(message.header.num_required_signatures) + message.serialize().len()
}

/// Whether a legacy transaction of `instructions` exceeds one packet.
pub fn too_large(payer: &Pubkey, instructions: &[Instruction]) -> bool {
    legacy_size(payer, instructions) > PACKET_DATA_SIZE
}

/// The accounts of `instructions` a lookup table can carry (not signers, not invoked programs).
pub fn table_candidates(instructions: &[Instruction]) -> Vec<Pubkey> {
    let programs: Vec<Pubkey> = instructions.iter().map(|ix| ix.program_id).collect();
    let mut keys: Vec<Pubkey> = Vec::new();
    for meta in instructions.iter().flat_map(|ix| &ix.accounts) {
        if !meta.is_signer && !programs.contains(&meta.pubkey) && !keys.contains(&meta.pubkey) {
            keys.push(meta.pubkey);
        }
    }
    keys
}

impl Client {
    /// Creates a lookup table owned by the payer holding `addresses` and waits until it is usable.
    pub async fn create_lookup_table(&self, addresses: &[Pubkey]) -> Result<AddressLookupTableAccount> {
        if addresses.len() > 256 {
            bail!("a lookup table holds at most 256 addresses, {} needed", addresses.len());
        }
        let payer = self.payer()?.pubkey();
        // A slot the bank's SlotHashes already holds: one before the confirmed tip.
        let slot = self.rpc.get_slot_with_commitment(CommitmentConfig::confirmed()).await?.saturating_sub(1);
        #[allow(deprecated)]
        let (create, table) = create_lookup_table(payer, payer, slot);
        let mut batches = vec![vec![create]];
        for chunk in addresses.chunks(EXTEND_CHUNK) {
            #[allow(deprecated)]
            batches.push(vec![extend_lookup_table(table, payer, Some(payer), chunk.to_vec())]);
        }
        for batch in batches {
            let blockhash = self.rpc.get_latest_blockhash().await?;
            let tx = Transaction::new_signed_with_payer(&batch, Some(&payer), &[self.payer()?], blockhash);
            self.rpc.send_and_confirm_transaction(&tx).await.context("creating a lookup table")?;
        }
        // Addresses extended in a slot become usable from the next one.
        let extended_at = self.rpc.get_slot().await?;
        while self.rpc.get_slot().await? <= extended_at + 1 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Ok(AddressLookupTableAccount { key: table, addresses: addresses.to_vec() })
    }

    /// Deactivates a lookup table created by [`Client::create_lookup_table`] (its rent can be
    /// reclaimed with the Solana CLI once deactivation completes, ~513 slots later).
    pub async fn deactivate_lookup_table(&self, table: &Pubkey) -> Result<()> {
        let payer = self.payer()?.pubkey();
        #[allow(deprecated)]
        let ix = deactivate_lookup_table(*table, payer);
        let blockhash = self.rpc.get_latest_blockhash().await?;
        let tx = Transaction::new_signed_with_payer(&[ix], Some(&payer), &[self.payer()?], blockhash);
        self.rpc.send_and_confirm_transaction(&tx).await.context("deactivating the lookup table")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_sdk::instruction::AccountMeta;

    #[test]
    fn candidates_skip_signers_programs_and_duplicates() {
        let (signer, a, b, program) =
            (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        let ix = Instruction {
            program_id: program,
            accounts: vec![
                AccountMeta::new(signer, true),
                AccountMeta::new(a, false),
                AccountMeta::new_readonly(b, false),
                AccountMeta::new(a, false),
                AccountMeta::new_readonly(program, false),
            ],
            data: vec![0; 1_200],
        };
        assert_eq!(table_candidates(std::slice::from_ref(&ix)), vec![a, b]);
        assert!(too_large(&signer, &[ix]));
    }
}
