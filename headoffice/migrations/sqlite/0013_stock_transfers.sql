-- Kasir head office, SQLite, version 13: stock transfers between stores and reorder levels.
--
-- A transfer moves stock out of the sending store when it is sent (a `transfer_out`
-- movement) and into the receiving store when it is received (`transfer_in`), exactly once:
-- in between, its lines are in transit, and the chain's stock is the stores' levels plus
-- what is in transit. SQLite cannot change a CHECK in place, so stock_movements is rebuilt
-- (as users was in versions 5 and 12) to accept the two new kinds.

CREATE TABLE stock_transfers (
    id              INTEGER PRIMARY KEY,
    from_store      TEXT NOT NULL REFERENCES stores (code),
    to_store        TEXT NOT NULL REFERENCES stores (code),
    state           TEXT NOT NULL CHECK (state IN ('in_transit', 'received')),
    note            TEXT NOT NULL,
    sent_by         TEXT NOT NULL,
    -- RFC 3339 in UTC.
    sent_at         TEXT NOT NULL,
    received_by     TEXT,
    received_at     TEXT,
    CHECK (from_store <> to_store),
    CHECK ((state = 'received') = (received_at IS NOT NULL))
) STRICT;
CREATE INDEX stock_transfers_from ON stock_transfers (from_store);
CREATE INDEX stock_transfers_to ON stock_transfers (to_store, state);

CREATE TABLE stock_transfer_lines (
    transfer        INTEGER NOT NULL REFERENCES stock_transfers (id),
    sku             TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
    PRIMARY KEY (transfer, sku)
) STRICT;

-- At or under this level a product shows on the store's low-stock list.
CREATE TABLE stock_reorder_levels (
    store           TEXT NOT NULL REFERENCES stores (code),
    sku             TEXT NOT NULL,
    reorder_milli   INTEGER NOT NULL CHECK (reorder_milli >= 0),
    PRIMARY KEY (store, sku)
) STRICT;

CREATE TABLE stock_movements_v13 (
    id              INTEGER PRIMARY KEY,
    store           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('sale', 'receive', 'adjust', 'transfer_out', 'transfer_in')),
    terminal        TEXT,
    seq             INTEGER,
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    -- The transfer a transfer_out or transfer_in movement belongs to.
    transfer        INTEGER REFERENCES stock_transfers (id),
    CHECK ((transfer IS NOT NULL) = (kind IN ('transfer_out', 'transfer_in')))
) STRICT;
INSERT INTO stock_movements_v13 (id, store, sku, quantity_milli, kind, terminal, seq, note, created_at)
SELECT id, store, sku, quantity_milli, kind, terminal, seq, note, created_at FROM stock_movements;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_v13 RENAME TO stock_movements;
