-- The core tables of the indexer pipeline (BRIEF section 4): keys as base58 TEXT, slot BIGINT,
-- block_time TIMESTAMPTZ. Typed per-event tables are derived later from `events`, the exact raw record.

-- One durable checkpoint per source, committed in the same transaction as the rows it covers.
CREATE TABLE indexer_checkpoints (
    source     TEXT PRIMARY KEY,
    slot       BIGINT NOT NULL CHECK (slot >= 0),
    signature  TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every ingested transaction, failed ones included (circuit-breaker events live in them).
CREATE TABLE transactions (
    signature      TEXT PRIMARY KEY,
    slot           BIGINT NOT NULL CHECK (slot >= 0),
    block_time     TIMESTAMPTZ,
    failed         BOOLEAN NOT NULL,
    error          TEXT,
    -- For a failed transaction, the innermost program that failed (its error code is that program's).
    failed_program TEXT,
    -- The runtime cut the logs: `emit!` events after the cut are missing; reconcile its accounts.
    logs_truncated BOOLEAN NOT NULL,
    commitment     TEXT NOT NULL CHECK (commitment IN ('confirmed', 'finalized'))
);
CREATE INDEX transactions_slot ON transactions (slot);

-- Every decoded event, in execution order within its transaction (event_index).
CREATE TABLE events (
    slot              BIGINT NOT NULL CHECK (slot >= 0),
    signature         TEXT NOT NULL,
    instruction_index INTEGER NOT NULL,
    -- NULL: logged by the top-level frame.
    inner_index       INTEGER,
    event_index       INTEGER NOT NULL,
    program           TEXT NOT NULL,
    program_name      TEXT NOT NULL,
    name              TEXT NOT NULL,
    form              TEXT NOT NULL CHECK (form IN ('log', 'cpi')),
    -- Discriminator + borsh, exactly as emitted.
    payload           BYTEA NOT NULL,
    block_time        TIMESTAMPTZ,
    PRIMARY KEY (slot, signature, event_index)
) PARTITION BY RANGE (slot);
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX events_program_name ON events (program, name, slot);

-- Payloads that looked like PSP events but were refused; rejected_index is the order among the
-- transaction's refusals (several can share one position).
CREATE TABLE rejected_events (
    slot              BIGINT NOT NULL CHECK (slot >= 0),
    signature         TEXT NOT NULL,
    rejected_index    INTEGER NOT NULL,
    instruction_index INTEGER NOT NULL,
    inner_index       INTEGER,
    program           TEXT NOT NULL,
    form              TEXT NOT NULL CHECK (form IN ('log', 'cpi')),
    reason            TEXT NOT NULL,
    payload_prefix    BYTEA NOT NULL,
    PRIMARY KEY (signature, rejected_index)
);
CREATE INDEX rejected_events_slot ON rejected_events (slot);

-- Creates the partition of `events` for slots [from_slot, to_slot) and returns its name; rows of
-- that range already in events_default move into it (PostgreSQL refuses the partition otherwise).
-- Idempotent for the same range; an overlapping different range fails.
CREATE FUNCTION psp_create_events_partition(from_slot BIGINT, to_slot BIGINT) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
    part TEXT := format('events_%s_%s', from_slot, to_slot);
BEGIN
    IF from_slot < 0 OR to_slot <= from_slot THEN
        RAISE EXCEPTION 'invalid slot range [%, %)', from_slot, to_slot;
    END IF;
    IF to_regclass(part) IS NOT NULL THEN
        RETURN part;
    END IF;
    -- Blocks writers to events_default while rows move.
    LOCK TABLE events_default IN ACCESS EXCLUSIVE MODE;
    EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('INSERT INTO %I SELECT * FROM events_default WHERE slot >= $1 AND slot < $2', part)
        USING from_slot, to_slot;
    DELETE FROM events_default WHERE slot >= from_slot AND slot < to_slot;
    EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', part, from_slot, to_slot);
    RETURN part;
END;
$$;
