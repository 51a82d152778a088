//! PostgreSQL: a throwaway embedded cluster ([`embedded`]), the schema in the workspace's
//! `migrations/` ([`migrate`]) and the batched, checkpointed writer ([`sink`]).
pub mod columns;
pub mod embedded;
pub mod sink;

use anyhow::Context;
use sqlx::PgPool;

pub use embedded::{EmbeddedOptions, EmbeddedPostgres};
pub use sink::{read_checkpoint, write_batch, Checkpoint, Commitment, TransactionRecord, WriteOutcome};

/// The migrations of `migrations/`, embedded at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Applies every pending migration; a no-op when the schema is current. Concurrent callers are
/// serialized by sqlx's advisory lock.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.context("applying the migrations of migrations/")
}

/// Creates the `events` partition for slots `[from_slot, to_slot)` (moving rows of that range
/// out of `events_default`) and returns its table name; idempotent for the same range.
pub async fn create_events_partition(pool: &PgPool, from_slot: u64, to_slot: u64) -> anyhow::Result<String> {
    let from = i64::try_from(from_slot).context("from_slot exceeds BIGINT")?;
    let to = i64::try_from(to_slot).context("to_slot exceeds BIGINT")?;
    sqlx::query_scalar("SELECT psp_create_events_partition($1, $2)")
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await
        .with_context(|| format!("creating the events partition for slots [{from_slot}, {to_slot})"))
}
