//! One transaction read over RPC (`getTransaction`, base64, v0 allowed) and turned into the
//! sink's [`TransactionRecord`]: slot, first signature, block time, failure, and every PSP event
//! through the sdk's decoder. Failed transactions are records too (cap and breaker events live
//! in them).
use psp_sdk::decoder::rpc::{decode_fetched, ViewError};
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::RpcTransactionConfig;
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::signature::Signature;
use solana_transaction_status_client_types::{EncodedConfirmedTransactionWithStatusMeta, UiTransactionEncoding};

use crate::pg::{Commitment, TransactionRecord};

/// Why a fetched transaction could not become a record.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The RPC call failed (the retry policy decides what happens next).
    #[error("getTransaction {signature}: {source}")]
    Rpc {
        signature: Signature,
        #[source]
        source: Box<solana_rpc_client_api::client_error::Error>,
    },
    /// The answer cannot be read (no metadata, JSON encoding, a bad index).
    #[error("transaction {signature}: {source}")]
    Unreadable {
        signature: String,
        #[source]
        source: ViewError,
    },
}

/// The record of a fetched transaction read at `commitment`.
pub fn record_from_fetched(
    tx: &EncodedConfirmedTransactionWithStatusMeta,
    commitment: Commitment,
) -> Result<TransactionRecord, FetchError> {
    let signature = tx
        .transaction
        .transaction
        .decode()
        .and_then(|t| t.signatures.first().map(ToString::to_string))
        .unwrap_or_default();
    let unreadable = |source| FetchError::Unreadable { signature: signature.clone(), source };
    let meta = tx.transaction.meta.as_ref().ok_or_else(|| unreadable(ViewError::NoMeta))?;
    let decoded = decode_fetched(&tx.transaction).map_err(unreadable)?;
    Ok(TransactionRecord {
        slot: tx.slot,
        block_time: tx.block_time,
        failed: meta.err.is_some(),
        error: meta.err.as_ref().map(ToString::to_string),
        commitment,
        decoded,
        signature,
    })
}

/// Fetches `signature` at `commitment` and returns its record.
pub async fn fetch_record(
    rpc: &RpcClient,
    signature: &Signature,
    commitment: Commitment,
) -> Result<TransactionRecord, FetchError> {
    let level = match commitment {
        Commitment::Confirmed => CommitmentConfig::confirmed(),
        Commitment::Finalized => CommitmentConfig::finalized(),
    };
    let config = RpcTransactionConfig {
        encoding: Some(UiTransactionEncoding::Base64),
        commitment: Some(level),
        max_supported_transaction_version: Some(0),
    };
    let tx = rpc
        .get_transaction_with_config(signature, config)
        .await
        .map_err(|source| FetchError::Rpc { signature: *signature, source: Box::new(source) })?;
    record_from_fetched(&tx, commitment)
}
