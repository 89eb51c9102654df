-- Kasir terminal, version 7: sync with head office. None of this is ledger: it records how
-- far delivery and the change feed have got, and what head office sent down.

CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    -- Every document up to here is acknowledged by head office (the outbox rows too).
    delivered_seq   INTEGER NOT NULL,
    -- The change feed's cursor: changes up to here are applied.
    feed_cursor     INTEGER NOT NULL,
    last_attempt_at TEXT,
    last_success_at TEXT,
    -- The last failure in words; NULL after a success.
    last_error      TEXT
) STRICT;
INSERT INTO sync_state (id, delivered_seq, feed_cursor)
VALUES (1, COALESCE((SELECT MAX(seq) FROM outbox WHERE delivered_at IS NOT NULL), 0), 0);

-- Quick keys set at head office; when there are any they replace the configured ones.
CREATE TABLE quick_keys (
    position    INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL,
    label       TEXT NOT NULL
) STRICT;

-- The store's stock as head office derives it from every terminal's sales, goods received and
-- adjustments (the terminal's own sales since then are in stock_movements).
CREATE TABLE stock_levels (
    sku             TEXT PRIMARY KEY,
    quantity_milli  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
