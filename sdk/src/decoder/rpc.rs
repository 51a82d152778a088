//! A [`TransactionView`] from a `getTransaction` answer (binary encodings: base64 or base58).
use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use solana_transaction_status_client_types::option_serializer::OptionSerializer;
use solana_transaction_status_client_types::{EncodedTransactionWithStatusMeta, UiInstruction, UiLoadedAddresses};

use super::{decode_transaction, DecodedTransaction, InnerInstruction, TransactionView};

/// Why a fetched transaction cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ViewError {
    /// Fetched with a JSON encoding: ask for base64.
    #[error("the transaction was fetched as JSON; fetch it with the base64 encoding")]
    NotBinary,
    /// No status metadata (inner instructions and logs live there).
    #[error("the transaction has no status metadata")]
    NoMeta,
    /// A key of the loaded addresses is not base58.
    #[error("loaded address {0:?} is not a public key")]
    BadAddress(String),
    /// An instruction names an account index past the keys.
    #[error("instruction {instruction} names account index {index}, past the {keys} account keys")]
    BadIndex { instruction: usize, index: u8, keys: usize },
    /// Inner instruction data is not base58.
    #[error("inner instruction data of instruction {0} is not base58")]
    BadData(usize),
    /// Inner instructions in a parsed (JSON) form.
    #[error("inner instructions were fetched parsed; fetch the transaction with the base64 encoding")]
    ParsedInner,
}

/// Builds the decoder's view of `tx`: program ids resolved through the static keys and, for v0
/// transactions, the loaded addresses (writable, then read-only).
pub fn view(tx: &EncodedTransactionWithStatusMeta) -> Result<TransactionView, ViewError> {
    let transaction = tx.transaction.decode().ok_or(ViewError::NotBinary)?;
    let meta = tx.meta.as_ref().ok_or(ViewError::NoMeta)?;
    let mut keys: Vec<Pubkey> = transaction.message.static_account_keys().to_vec();
    if let OptionSerializer::Some(loaded) = &meta.loaded_addresses {
        keys.extend(loaded_keys(loaded)?);
    }
    let key = |instruction: usize, index: u8| {
        keys.get(index as usize).copied().ok_or(ViewError::BadIndex { instruction, index, keys: keys.len() })
    };
    let programs = transaction
        .message
        .instructions()
        .iter()
        .enumerate()
        .map(|(i, ix)| key(i, ix.program_id_index))
        .collect::<Result<Vec<_>, _>>()?;
    let inner = match &meta.inner_instructions {
        OptionSerializer::Some(sets) => {
            let mut inner = vec![Vec::new(); programs.len()];
            for set in sets {
                let instruction = set.index as usize;
                let decoded = set
                    .instructions
                    .iter()
                    .map(|ix| match ix {
                        UiInstruction::Compiled(c) => Ok(InnerInstruction {
                            program_id: key(instruction, c.program_id_index)?,
                            data: bs58::decode(&c.data).into_vec().map_err(|_| ViewError::BadData(instruction))?,
                            stack_height: c.stack_height,
                        }),
                        UiInstruction::Parsed(_) => Err(ViewError::ParsedInner),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if let Some(slot) = inner.get_mut(instruction) {
                    *slot = decoded;
                }
            }
            Some(inner)
        }
        _ => None,
    };
    let logs = match &meta.log_messages {
        OptionSerializer::Some(logs) => logs.clone(),
        _ => Vec::new(),
    };
    Ok(TransactionView { programs, inner, logs })
}

fn loaded_keys(loaded: &UiLoadedAddresses) -> Result<Vec<Pubkey>, ViewError> {
    loaded
        .writable
        .iter()
        .chain(&loaded.readonly)
        .map(|key| Pubkey::from_str(key).map_err(|_| ViewError::BadAddress(key.to_string())))
        .collect()
}

/// Every PSP event of a fetched transaction ([`view`] then [`decode_transaction`]).
pub fn decode_fetched(tx: &EncodedTransactionWithStatusMeta) -> Result<DecodedTransaction, ViewError> {
    Ok(decode_transaction(&view(tx)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::event::EVENT_IX_TAG_LE;
    use anchor_lang::{AnchorSerialize, Discriminator};
    use base64::{engine::general_purpose::STANDARD, Engine};
    use psp_staking::events::PauseChanged;
    use serde_json::json;
    use solana_sdk::hash::Hash;
    use solana_sdk::instruction::{AccountMeta, Instruction};
    use solana_sdk::message::{v0, AddressLookupTableAccount, VersionedMessage};
    use solana_sdk::signature::Keypair;
    use solana_sdk::signer::Signer;
    use solana_sdk::transaction::VersionedTransaction;

    fn event_data() -> Vec<u8> {
        let event = PauseChanged {
            pool: Pubkey::new_unique(),
            authority: Pubkey::new_unique(),
            old_flags: 0,
            new_flags: 4,
            timestamp: 11,
        };
        let mut data = EVENT_IX_TAG_LE.to_vec();
        data.extend(PauseChanged::DISCRIMINATOR);
        data.extend(event.try_to_vec().unwrap());
        data
    }

    /// A v0 transaction whose one instruction (governance) CPIs the staking program, whose
    /// address comes from a lookup table; staking then emits an event by self-invocation.
    fn fetched(with_loaded: bool) -> EncodedTransactionWithStatusMeta {
        let payer = Keypair::new();
        let table_key = Pubkey::new_unique();
        let writable = Pubkey::new_unique();
        let ix = Instruction::new_with_bytes(
            psp_governance::ID,
            &[1],
            vec![AccountMeta::new(writable, false), AccountMeta::new_readonly(psp_staking::ID, false)],
        );
        let table = AddressLookupTableAccount { key: table_key, addresses: vec![writable, psp_staking::ID] };
        let message = v0::Message::try_compile(&payer.pubkey(), &[ix], &[table], Hash::default()).unwrap();
        assert_eq!(message.account_keys.len(), 2, "payer and governance static; the rest loaded");
        let tx = VersionedTransaction::try_new(VersionedMessage::V0(message), &[&payer]).unwrap();
        let wire = STANDARD.encode(bincode::serialize(&tx).unwrap());
        // Keys: [payer, governance] static, [writable] loaded writable, [staking] loaded read-only.
        let event = bs58::encode(event_data()).into_string();
        let mut meta = json!({
            "err": null, "status": {"Ok": null}, "fee": 5000, "preBalances": [], "postBalances": [],
            "innerInstructions": [{"index": 0, "instructions": [
                {"programIdIndex": 3, "accounts": [2], "data": "2", "stackHeight": 2},
                {"programIdIndex": 3, "accounts": [], "data": event, "stackHeight": 3}
            ]}],
            "logMessages": [],
        });
        if with_loaded {
            meta["loadedAddresses"] =
                json!({"writable": [writable.to_string()], "readonly": [psp_staking::ID.to_string()]});
        }
        serde_json::from_value(json!({"transaction": [wire, "base64"], "meta": meta, "version": 0})).unwrap()
    }

    #[test]
    fn v0_program_ids_come_from_the_loaded_addresses() {
        let decoded = decode_fetched(&fetched(true)).unwrap();
        assert!(decoded.rejected.is_empty(), "{:?}", decoded.rejected);
        let events: Vec<PauseChanged> = decoded.events_of(&psp_staking::ID);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].timestamp, 11);
        assert_eq!(decoded.events[0].position.inner_index, Some(1));
    }

    #[test]
    fn missing_loaded_addresses_are_an_error_not_a_guess() {
        assert!(matches!(decode_fetched(&fetched(false)), Err(ViewError::BadIndex { index: 3, keys: 2, .. })));
    }

    #[test]
    fn json_encoded_transactions_are_refused_with_advice() {
        let mut tx = fetched(true);
        tx.transaction = serde_json::from_value(json!({"signatures": [], "message": {"accountKeys": [], "header": {"numRequiredSignatures": 0, "numReadonlySignedAccounts": 0, "numReadonlyUnsignedAccounts": 0}, "recentBlockhash": "", "instructions": []}})).unwrap();
        assert_eq!(decode_fetched(&tx).unwrap_err(), ViewError::NotBinary);
    }
}
