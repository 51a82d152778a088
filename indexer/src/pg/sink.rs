//! The batched, idempotent, checkpointed writer: a batch of decoded transactions and the
//! checkpoint that covers them are written in ONE database transaction, one multi-row
//! statement per table (`UNNEST` of column arrays), `ON CONFLICT DO NOTHING` on the natural
//! keys, and the checkpoint upsert guarded so that it never moves backwards. A failure anywhere
//! leaves neither rows nor checkpoint; replaying a batch writes nothing twice.
use anyhow::{Context, Result};
use psp_sdk::decoder::DecodedTransaction;
use sqlx::{PgPool, Postgres, Transaction};

use super::columns::{bigint, BatchColumns};

/// The commitment level a transaction was read at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commitment {
    /// Voted on by a supermajority.
    Confirmed,
    /// Rooted.
    Finalized,
}

impl Commitment {
    /// As stored in `transactions.commitment`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Finalized => "finalized",
        }
    }
}

/// One ingested transaction, failed ones included, with what the sdk decoder found in it.
#[derive(Debug)]
pub struct TransactionRecord {
    /// The slot it landed in.
    pub slot: u64,
    /// Its first signature, base58.
    pub signature: String,
    /// Unix seconds, when the node knows them.
    pub block_time: Option<i64>,
    /// Whether execution failed (its events are still recorded: cap events live in failures).
    pub failed: bool,
    /// The runtime's error, rendered, for a failed transaction.
    pub error: Option<String>,
    /// The commitment it was read at.
    pub commitment: Commitment,
    /// `psp_sdk::decoder::decode_transaction` of it.
    pub decoded: DecodedTransaction,
}

/// How far a source has been written: everything up to and including `slot` (and, within it,
/// up to `signature`) is in the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The source's name (e.g. a watched address or `live`).
    pub source: String,
    /// The last slot covered.
    pub slot: u64,
    /// The last transaction covered, base58.
    pub signature: Option<String>,
}

/// Rows a write actually inserted (replayed rows count zero), and whether the checkpoint moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOutcome {
    /// New `transactions` rows.
    pub transactions: u64,
    /// New `events` rows.
    pub events: u64,
    /// New `rejected_events` rows.
    pub rejected: u64,
    /// `false` when the stored checkpoint was already past the given one (it was kept).
    pub checkpoint_moved: bool,
}

const INSERT_TRANSACTIONS: &str = "
INSERT INTO transactions (signature, slot, block_time, failed, error, failed_program, logs_truncated, commitment)
SELECT signature, slot, to_timestamp(block_time), failed, error, failed_program, logs_truncated, commitment
FROM UNNEST($1::text[], $2::bigint[], $3::bigint[], $4::boolean[], $5::text[], $6::text[], $7::boolean[], $8::text[])
    AS t(signature, slot, block_time, failed, error, failed_program, logs_truncated, commitment)
ON CONFLICT (signature) DO NOTHING";

const INSERT_EVENTS: &str = "
INSERT INTO events (slot, signature, instruction_index, inner_index, event_index, program, program_name, name, form,
                    payload, block_time)
SELECT slot, signature, instruction_index, inner_index, event_index, program, program_name, name, form, payload,
       to_timestamp(block_time)
FROM UNNEST($1::bigint[], $2::text[], $3::integer[], $4::integer[], $5::integer[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::bytea[], $11::bigint[])
    AS e(slot, signature, instruction_index, inner_index, event_index, program, program_name, name, form, payload,
         block_time)
ON CONFLICT (slot, signature, event_index) DO NOTHING";

const INSERT_REJECTED: &str = "
INSERT INTO rejected_events (slot, signature, rejected_index, instruction_index, inner_index, program, form, reason,
                             payload_prefix)
SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::integer[], $4::integer[], $5::integer[], $6::text[], $7::text[],
                     $8::text[], $9::bytea[])
ON CONFLICT (signature, rejected_index) DO NOTHING";

const UPSERT_CHECKPOINT: &str = "
INSERT INTO indexer_checkpoints (source, slot, signature, updated_at) VALUES ($1, $2, $3, now())
ON CONFLICT (source) DO UPDATE
    SET slot = EXCLUDED.slot, signature = EXCLUDED.signature, updated_at = EXCLUDED.updated_at
    WHERE indexer_checkpoints.slot <= EXCLUDED.slot";

/// Writes `records` and `checkpoint` in one database transaction (see the module docs).
/// On error nothing is written: retry the same batch.
pub async fn write_batch(
    pool: &PgPool,
    records: &[TransactionRecord],
    checkpoint: &Checkpoint,
) -> Result<WriteOutcome> {
    let columns = BatchColumns::of(records)?;
    let checkpoint_slot = bigint(checkpoint.slot)?;
    let mut db = pool.begin().await.context("beginning the batch transaction")?;
    let mut outcome = write_rows(&mut db, &columns).await?;
    let moved = sqlx::query(UPSERT_CHECKPOINT)
        .bind(&checkpoint.source)
        .bind(checkpoint_slot)
        .bind(&checkpoint.signature)
        .execute(&mut *db)
        .await
        .with_context(|| format!("advancing the checkpoint of {}", checkpoint.source))?;
    outcome.checkpoint_moved = moved.rows_affected() == 1;
    db.commit().await.context("committing the batch")?;
    Ok(outcome)
}

async fn write_rows(db: &mut Transaction<'_, Postgres>, c: &BatchColumns<'_>) -> Result<WriteOutcome> {
    let t = &c.transactions;
    let transactions = sqlx::query(INSERT_TRANSACTIONS)
        .bind(&t.signature)
        .bind(&t.slot)
        .bind(&t.block_time)
        .bind(&t.failed)
        .bind(&t.error)
        .bind(&t.failed_program)
        .bind(&t.logs_truncated)
        .bind(&t.commitment)
        .execute(&mut **db)
        .await
        .context("inserting transactions")?;
    let e = &c.events;
    let events = sqlx::query(INSERT_EVENTS)
        .bind(&e.slot)
        .bind(&e.signature)
        .bind(&e.instruction_index)
        .bind(&e.inner_index)
        .bind(&e.event_index)
        .bind(&e.program)
        .bind(&e.program_name)
        .bind(&e.name)
        .bind(&e.form)
        .bind(&e.payload)
        .bind(&e.block_time)
        .execute(&mut **db)
        .await
        .context("inserting events")?;
    let r = &c.rejected;
    let rejected = sqlx::query(INSERT_REJECTED)
        .bind(&r.slot)
        .bind(&r.signature)
        .bind(&r.rejected_index)
        .bind(&r.instruction_index)
        .bind(&r.inner_index)
        .bind(&r.program)
        .bind(&r.form)
        .bind(&r.reason)
        .bind(&r.payload_prefix)
        .execute(&mut **db)
        .await
        .context("inserting rejected events")?;
    Ok(WriteOutcome {
        transactions: transactions.rows_affected(),
        events: events.rows_affected(),
        rejected: rejected.rows_affected(),
        checkpoint_moved: false,
    })
}

/// The stored checkpoint of `source`, if any.
pub async fn read_checkpoint(pool: &PgPool, source: &str) -> Result<Option<Checkpoint>> {
    let row: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT slot, signature FROM indexer_checkpoints WHERE source = $1")
            .bind(source)
            .fetch_optional(pool)
            .await
            .with_context(|| format!("reading the checkpoint of {source}"))?;
    row.map(|(slot, signature)| {
        let slot = u64::try_from(slot).context("negative checkpoint slot")?;
        Ok(Checkpoint { source: source.to_string(), slot, signature })
    })
    .transpose()
}
