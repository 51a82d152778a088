//! The migrations and the slot-range partitions of `events`.
use psp_indexer::pg::{self, create_events_partition, write_batch, Checkpoint};
use sqlx::PgPool;

use crate::fixtures::{count, database, record};

fn checkpoint(slot: u64) -> Checkpoint {
    Checkpoint { source: "test".into(), slot, signature: None }
}

/// Partition holding each event row, per slot, sorted.
async fn placement(pool: &PgPool) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT DISTINCT slot, tableoid::regclass::text FROM events ORDER BY slot")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn migrations_apply_once_and_reapply_as_a_no_op() {
    let (_server, pool) = database().await;
    pg::migrate(&pool).await.expect("re-applying is a no-op");
    pg::migrate(&pool).await.expect("and again");
    let applied: Vec<(i64, bool)> = sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(applied.len(), pg::MIGRATOR.iter().count());
    assert!(applied.iter().all(|(_, ok)| *ok));
    for table in ["indexer_checkpoints", "transactions", "events", "events_default", "rejected_events"] {
        assert_eq!(count(&pool, table).await, 0, "{table} exists and is empty");
    }
    let partitioned: String =
        sqlx::query_scalar("SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = 'events'::regclass")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(partitioned, "r", "events is range-partitioned");
}

#[tokio::test]
async fn events_land_in_their_range_partition_or_the_default_one() {
    let (_server, pool) = database().await;
    write_batch(&pool, &[record(50), record(150)], &checkpoint(150)).await.unwrap();
    assert!(placement(&pool).await.iter().all(|(_, part)| part == "events_default"));

    // Creating the partition moves the default partition's rows of its range into it.
    let part = create_events_partition(&pool, 100, 200).await.unwrap();
    assert_eq!(part, "events_100_200");
    assert_eq!(create_events_partition(&pool, 100, 200).await.unwrap(), part, "idempotent");
    let later = [record(199), record(200), record(7)];
    write_batch(&pool, &later, &checkpoint(200)).await.unwrap();
    let expected: Vec<(i64, String)> = [(7, "events_default"), (50, "events_default"), (150, &part), (199, &part)]
        .into_iter()
        .chain([(200, "events_default")])
        .map(|(slot, p)| (slot, p.to_string()))
        .collect();
    assert_eq!(placement(&pool).await, expected);
    assert_eq!(count(&pool, "events").await, 5 * 3, "no row lost or doubled by the move");
    assert_eq!(count(&pool, &part).await, 2 * 3);

    // A replay into the new partition is still deduplicated there.
    let outcome = write_batch(&pool, &later, &checkpoint(200)).await.unwrap();
    assert_eq!((outcome.transactions, outcome.events), (0, 0));
    assert_eq!(count(&pool, "events").await, 5 * 3);
    assert!(create_events_partition(&pool, 150, 250).await.is_err(), "overlapping ranges are refused");
    assert!(create_events_partition(&pool, 300, 300).await.is_err(), "empty range refused");
}
