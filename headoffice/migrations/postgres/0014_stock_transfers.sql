-- Kasir head office, PostgreSQL, version 14: stock transfers between stores and reorder
-- levels.
--
-- A transfer moves stock out of the sending store when it is sent (a `transfer_out`
-- movement) and into the receiving store when it is received (`transfer_in`), exactly once:
-- in between, its lines are in transit, and the chain's stock is the stores' levels plus
-- what is in transit.

CREATE TABLE stock_transfers (
    id              BIGSERIAL PRIMARY KEY,
    from_store      TEXT NOT NULL REFERENCES stores (code),
    to_store        TEXT NOT NULL REFERENCES stores (code),
    state           TEXT NOT NULL CHECK (state IN ('in_transit', 'received')),
    note            TEXT NOT NULL,
    sent_by         TEXT NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL,
    received_by     TEXT,
    received_at     TIMESTAMPTZ,
    CHECK (from_store <> to_store),
    CHECK ((state = 'received') = (received_at IS NOT NULL))
);
CREATE INDEX stock_transfers_from ON stock_transfers (from_store);
CREATE INDEX stock_transfers_to ON stock_transfers (to_store, state);

CREATE TABLE stock_transfer_lines (
    transfer        BIGINT NOT NULL REFERENCES stock_transfers (id),
    sku             TEXT NOT NULL,
    quantity_milli  BIGINT NOT NULL CHECK (quantity_milli > 0),
    PRIMARY KEY (transfer, sku)
);

-- At or under this level a product shows on the store's low-stock list.
CREATE TABLE stock_reorder_levels (
    store           TEXT NOT NULL REFERENCES stores (code),
    sku             TEXT NOT NULL,
    reorder_milli   BIGINT NOT NULL CHECK (reorder_milli >= 0),
    PRIMARY KEY (store, sku)
);

ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_kind_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_kind_check
    CHECK (kind IN ('sale', 'receive', 'adjust', 'transfer_out', 'transfer_in'));
-- The transfer a transfer_out or transfer_in movement belongs to.
ALTER TABLE stock_movements ADD COLUMN transfer BIGINT REFERENCES stock_transfers (id);
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_transfer_check
    CHECK ((transfer IS NOT NULL) = (kind IN ('transfer_out', 'transfer_in')));
