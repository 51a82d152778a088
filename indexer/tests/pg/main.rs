//! The indexer's PostgreSQL layer against a real PostgreSQL: one embedded cluster per test.
mod embedded;
mod fixtures;
mod schema;
mod sink;
