-- Kasir head office, PostgreSQL, version 1. Money in minor units, quantities in thousandths.

CREATE TABLE stores (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE terminals (
    store               TEXT NOT NULL REFERENCES stores (code),
    terminal            TEXT NOT NULL,
    -- argon2id PHC string of the terminal's token; the token itself is never stored.
    token_hash          TEXT NOT NULL,
    -- The chain tip: every document up to last_seq is stored.
    last_seq            BIGINT NOT NULL DEFAULT 0,
    last_hash           TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    grand_total         BIGINT NOT NULL DEFAULT 0,
    -- The terminal's own newest sequence, as it said when it last pushed.
    ledger_seq          BIGINT,
    last_contact        TIMESTAMPTZ,
    last_document_at    TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store, terminal)
);

-- Every document received, exactly as the terminal hashed it.
CREATE TABLE documents (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    receipt_number  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    user_code       TEXT NOT NULL,
    -- The receipt a void or a return refers to.
    refers_to       TEXT,
    amount          BIGINT NOT NULL,
    hash            TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store, terminal, seq)
);

CREATE INDEX documents_by_receipt ON documents (store, receipt_number);
CREATE INDEX documents_by_reference ON documents (store, refers_to) WHERE refers_to IS NOT NULL;

-- Sales figures by line: sales positive, returns and voids negative.
CREATE TABLE sales_lines (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    line_no         BIGINT NOT NULL,
    business_date   TEXT NOT NULL,
    hour            BIGINT NOT NULL,
    cashier         TEXT NOT NULL,
    sku             TEXT NOT NULL,
    name            TEXT NOT NULL,
    quantity_milli  BIGINT NOT NULL,
    net             BIGINT NOT NULL,
    tax             BIGINT NOT NULL,
    gross           BIGINT NOT NULL,
    PRIMARY KEY (store, terminal, seq, line_no)
);

CREATE INDEX sales_lines_by_date ON sales_lines (business_date);

-- Documents refused at ingest (a clone's, a broken chain's), kept for a person to look at.
CREATE TABLE rejected_documents (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             BIGINT NOT NULL,
    hash            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store, terminal, seq, hash)
);

-- Change numbers for the feed. Every writer of a feed row takes the next numbers from this
-- one row inside its transaction, so numbers are handed out in commit order.
CREATE TABLE change_counter (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    last    BIGINT NOT NULL
);
INSERT INTO change_counter (id, last) VALUES (1, 0);

CREATE TABLE products (
    sku                 TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    category            TEXT NOT NULL,
    unit                TEXT NOT NULL,
    price               BIGINT NOT NULL CHECK (price >= 0),
    tax_class           TEXT NOT NULL,
    price_includes_tax  BOOLEAN NOT NULL,
    sold_by_weight      BOOLEAN NOT NULL,
    active              BOOLEAN NOT NULL,
    -- JSON array of barcodes.
    barcodes            TEXT NOT NULL,
    change_no           BIGINT NOT NULL
);
CREATE INDEX products_by_change ON products (change_no);

CREATE TABLE tax_classes (
    code        TEXT PRIMARY KEY,
    rate_bp     BIGINT NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    change_no   BIGINT NOT NULL
);

CREATE TABLE quick_keys (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    -- JSON array of {sku, label}.
    keys        TEXT NOT NULL,
    change_no   BIGINT NOT NULL
);

-- Every stock movement; stock_levels is their running sum per store and product.
CREATE TABLE stock_movements (
    id              BIGSERIAL PRIMARY KEY,
    store           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity_milli  BIGINT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'receive', 'adjust')),
    terminal        TEXT,
    seq             BIGINT,
    note            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE stock_levels (
    store           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity_milli  BIGINT NOT NULL,
    change_no       BIGINT NOT NULL,
    PRIMARY KEY (store, sku)
);
CREATE INDEX stock_levels_by_change ON stock_levels (change_no);
