//! The writer: idempotent on natural keys, all or nothing, its checkpoint never moving back.
use psp_indexer::pg::{read_checkpoint, write_batch, Checkpoint, TransactionRecord, WriteOutcome};
use sqlx::PgPool;

use crate::fixtures::{count, database, record, BLOCK_TIME, GARBAGE};

fn checkpoint(slot: u64, signature: &str) -> Checkpoint {
    Checkpoint { source: "backfill:psp_multisig".into(), slot, signature: Some(signature.into()) }
}

/// Rows of every table, in the order transactions, events, rejected_events, checkpoints.
async fn counts(pool: &PgPool) -> [i64; 4] {
    let mut out = [0; 4];
    for (i, table) in ["transactions", "events", "rejected_events", "indexer_checkpoints"].iter().enumerate() {
        out[i] = count(pool, table).await;
    }
    out
}

fn batch() -> Vec<TransactionRecord> {
    let mut failed = record(11);
    failed.failed = true;
    failed.error = Some("custom program error: 0x1771".into());
    failed.block_time = None;
    vec![record(10), failed, record(12)]
}

#[tokio::test]
async fn a_batch_written_twice_leaves_no_duplicates() {
    let (_server, pool) = database().await;
    let records = batch();
    let cp = checkpoint(12, &records[2].signature);
    let first = write_batch(&pool, &records, &cp).await.unwrap();
    assert_eq!(first, WriteOutcome { transactions: 3, events: 9, rejected: 3, checkpoint_moved: true });
    let again = write_batch(&pool, &records, &cp).await.unwrap();
    assert_eq!(again, WriteOutcome { transactions: 0, events: 0, rejected: 0, checkpoint_moved: true });
    // Overlapping deliveries: a new transaction twice within one batch, and one already stored.
    let fresh = record(13);
    let twice = TransactionRecord { signature: fresh.signature.clone(), ..record(13) };
    let stored_again = TransactionRecord { signature: records[0].signature.clone(), ..record(10) };
    let third = write_batch(&pool, &[fresh, twice, stored_again], &checkpoint(13, "x")).await.unwrap();
    assert_eq!((third.transactions, third.events, third.rejected), (1, 3, 1));
    assert_eq!(counts(&pool).await, [4, 12, 4, 1]);

    // The rows are the exact record.
    let (program, program_name, name, form, inner, payload): (String, String, String, String, Option<i32>, Vec<u8>) =
        sqlx::query_as(
            "SELECT program, program_name, name, form, inner_index, payload FROM events
             WHERE signature = $1 AND event_index = 2",
        )
        .bind(&records[0].signature)
        .fetch_one(&pool)
        .await
        .unwrap();
    let staking = &records[0].decoded.events[2];
    assert_eq!((program, program_name.as_str()), (psp_staking::ID.to_string(), "psp_staking"));
    assert_eq!(
        (name.as_str(), form.as_str(), inner, payload),
        ("PauseChanged", "cpi", Some(0), staking.payload.clone())
    );
    let (failed, error, time): (bool, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT failed, error, extract(epoch FROM block_time)::bigint FROM transactions WHERE signature = $1",
    )
    .bind(&records[1].signature)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((failed, error.as_deref(), time), (true, Some("custom program error: 0x1771"), None));
    let times: Vec<Option<i64>> = sqlx::query_scalar(
        "SELECT DISTINCT extract(epoch FROM block_time)::bigint FROM events WHERE slot = 10 ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(times, vec![Some(BLOCK_TIME)]);
    let (reason, prefix, inner): (String, Vec<u8>, Option<i32>) =
        sqlx::query_as("SELECT reason, payload_prefix, inner_index FROM rejected_events WHERE signature = $1")
            .bind(&records[2].signature)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((reason.as_str(), prefix, inner), ("undecodable", GARBAGE.to_vec(), None));
}

#[tokio::test]
async fn the_checkpoint_never_moves_back() {
    let (_server, pool) = database().await;
    let source = "backfill:psp_multisig";
    let stored =
        |pool: PgPool| async move { read_checkpoint(&pool, source).await.unwrap().map(|c| (c.slot, c.signature)) };
    assert_eq!(stored(pool.clone()).await, None);
    assert!(write_batch(&pool, &[record(200)], &checkpoint(200, "a")).await.unwrap().checkpoint_moved);
    // An older batch: its rows are written (history is history), the checkpoint stays.
    let older = write_batch(&pool, &[record(100)], &checkpoint(100, "b")).await.unwrap();
    assert_eq!((older.transactions, older.checkpoint_moved), (1, false));
    assert_eq!(stored(pool.clone()).await, Some((200, Some("a".into()))));
    // The same slot advances within it; a later one advances.
    assert!(write_batch(&pool, &[], &checkpoint(200, "c")).await.unwrap().checkpoint_moved);
    assert_eq!(stored(pool.clone()).await, Some((200, Some("c".into()))));
    assert!(write_batch(&pool, &[], &checkpoint(300, "d")).await.unwrap().checkpoint_moved);
    assert_eq!(stored(pool.clone()).await, Some((300, Some("d".into()))));
    // Sources are independent.
    let other = Checkpoint { source: "live".into(), slot: 5, signature: None };
    assert!(write_batch(&pool, &[], &other).await.unwrap().checkpoint_moved);
    assert_eq!(stored(pool.clone()).await, Some((300, Some("d".into()))));
}

#[tokio::test]
async fn a_failed_write_leaves_neither_rows_nor_checkpoint() {
    let (_server, pool) = database().await;
    let records = batch();
    // The last statement (the checkpoint) violates a constraint, after every row was inserted.
    sqlx::query("ALTER TABLE indexer_checkpoints ADD CONSTRAINT no_666 CHECK (slot <> 666)")
        .execute(&pool)
        .await
        .unwrap();
    let err = write_batch(&pool, &records, &checkpoint(666, "x")).await.expect_err("constraint violated");
    assert!(format!("{err:#}").contains("no_666"), "{err:#}");
    assert_eq!(counts(&pool).await, [0, 0, 0, 0]);

    // The connection dies mid-transaction (the server terminates the session at the checkpoint).
    sqlx::query(
        "CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5); RETURN NEW; END $$",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("CREATE TRIGGER die BEFORE INSERT ON indexer_checkpoints FOR EACH ROW EXECUTE FUNCTION die()")
        .execute(&pool)
        .await
        .unwrap();
    let err = write_batch(&pool, &records, &checkpoint(12, "x")).await.expect_err("connection dropped");
    assert!(format!("{err:#}").contains("terminat"), "{err:#}");
    assert_eq!(counts(&pool).await, [0, 0, 0, 0]);

    // Retrying the same batch once the cause is gone writes it exactly once.
    sqlx::query("DROP TRIGGER die ON indexer_checkpoints").execute(&pool).await.unwrap();
    let outcome = write_batch(&pool, &records, &checkpoint(12, "x")).await.unwrap();
    assert_eq!((outcome.transactions, outcome.events, outcome.checkpoint_moved), (3, 9, true));
    assert_eq!(counts(&pool).await, [3, 9, 3, 1]);
}
