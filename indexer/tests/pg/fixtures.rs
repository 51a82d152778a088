//! Decoded transactions made by the sdk decoder from synthetic views, and a migrated database.
use anchor_lang::event::EVENT_IX_TAG_LE;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorSerialize, Discriminator};
use base64::{engine::general_purpose::STANDARD, Engine};
use psp_indexer::pg::{self, Commitment, EmbeddedPostgres, TransactionRecord};
use psp_sdk::decoder::{decode_transaction, InnerInstruction, TransactionView};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

/// Unix seconds every fixture transaction carries.
pub const BLOCK_TIME: i64 = 1_790_000_000;

/// An undecodable payload that multisig logs in every fixture (a rejected event).
pub const GARBAGE: [u8; 12] = [7; 12];

fn payload<E: AnchorSerialize + Discriminator>(event: &E) -> Vec<u8> {
    let mut bytes = E::DISCRIMINATOR.to_vec();
    bytes.extend(event.try_to_vec().unwrap());
    bytes
}

fn paused(timestamp: i64) -> psp_multisig::events::MultisigPaused {
    psp_multisig::events::MultisigPaused {
        multisig: Pubkey::new_unique(),
        member: Pubkey::new_unique(),
        old_flags: 0,
        new_flags: 1,
        timestamp,
    }
}

/// A multisig instruction logging two events and one undecodable payload (`emit!`), then a
/// staking instruction emitting one event by self-invocation (`emit_cpi!`): three events
/// (indexes 0..3) and one rejection.
pub fn view() -> TransactionView {
    let (ms, st) = (psp_multisig::ID, psp_staking::ID);
    let data = |bytes: &[u8]| format!("Program data: {}", STANDARD.encode(bytes));
    let logs = vec![
        format!("Program {ms} invoke [1]"),
        data(&payload(&paused(1))),
        data(&GARBAGE),
        data(&payload(&paused(2))),
        format!("Program {ms} success"),
        format!("Program {st} invoke [1]"),
        format!("Program {st} invoke [2]"),
        format!("Program {st} success"),
        format!("Program {st} success"),
    ];
    let event = psp_staking::events::PauseChanged {
        pool: Pubkey::new_unique(),
        authority: Pubkey::new_unique(),
        old_flags: 0,
        new_flags: 3,
        timestamp: 3,
    };
    let mut cpi = EVENT_IX_TAG_LE.to_vec();
    cpi.extend(payload(&event));
    let inner = vec![vec![], vec![InnerInstruction { program_id: st, data: cpi, stack_height: Some(2) }]];
    TransactionView { programs: vec![ms, st], inner: Some(inner), logs }
}

/// A confirmed, successful transaction at `slot` with a fresh base58 signature and [`view`]'s events.
pub fn record(slot: u64) -> TransactionRecord {
    let decoded = decode_transaction(&view());
    assert_eq!((decoded.events.len(), decoded.rejected.len()), (3, 1), "fixture decodes as documented");
    TransactionRecord {
        slot,
        signature: Pubkey::new_unique().to_string(),
        block_time: Some(BLOCK_TIME),
        failed: false,
        error: None,
        commitment: Commitment::Confirmed,
        decoded,
    }
}

/// A fresh embedded cluster with the migrations applied, and a pool on it.
pub async fn database() -> (EmbeddedPostgres, PgPool) {
    let server = EmbeddedPostgres::start().expect("embedded PostgreSQL starts");
    let pool = PgPoolOptions::new().max_connections(4).connect(&server.url()).await.expect("connects");
    pg::migrate(&pool).await.expect("migrations apply");
    (server, pool)
}

/// Rows in `table`.
pub async fn count(pool: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(pool).await.unwrap()
}
