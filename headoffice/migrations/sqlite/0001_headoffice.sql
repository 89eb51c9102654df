-- Kasir head office, SQLite, version 1. Money in minor units, quantities in thousandths.

CREATE TABLE stores (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE terminals (
    store               TEXT NOT NULL REFERENCES stores (code),
    terminal            TEXT NOT NULL,
    -- argon2id PHC string of the terminal's token; the token itself is never stored.
    token_hash          TEXT NOT NULL,
    -- The chain tip: every document up to last_seq is stored.
    last_seq            INTEGER NOT NULL DEFAULT 0,
    last_hash           TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    grand_total         INTEGER NOT NULL DEFAULT 0,
    -- The terminal's own newest sequence, as it said when it last pushed.
    ledger_seq          INTEGER,
    last_contact        TEXT,
    last_document_at    TEXT,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (store, terminal)
) STRICT;

-- Every document received, exactly as the terminal hashed it.
CREATE TABLE documents (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    receipt_number  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    user_code       TEXT NOT NULL,
    -- The receipt a void or a return refers to.
    refers_to       TEXT,
    amount          INTEGER NOT NULL,
    hash            TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (store, terminal, seq)
) STRICT;

CREATE INDEX documents_by_receipt ON documents (store, receipt_number);
CREATE INDEX documents_by_reference ON documents (store, refers_to) WHERE refers_to IS NOT NULL;

-- Sales figures by line: sales positive, returns and voids negative.
CREATE TABLE sales_lines (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    line_no         INTEGER NOT NULL,
    business_date   TEXT NOT NULL,
    hour            INTEGER NOT NULL,
    cashier         TEXT NOT NULL,
    sku             TEXT NOT NULL,
    name            TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    net             INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    gross           INTEGER NOT NULL,
    PRIMARY KEY (store, terminal, seq, line_no)
) STRICT;

CREATE INDEX sales_lines_by_date ON sales_lines (business_date);

-- Documents refused at ingest (a clone's, a broken chain's), kept for a person to look at.
CREATE TABLE rejected_documents (
    store           TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    hash            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    canonical       TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (store, terminal, seq, hash)
) STRICT;

-- Change numbers for the feed. Every writer of a feed row takes the next numbers from this
-- one row inside its transaction, so numbers are handed out in commit order.
CREATE TABLE change_counter (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last    INTEGER NOT NULL
) STRICT;
INSERT INTO change_counter (id, last) VALUES (1, 0);

CREATE TABLE products (
    sku                 TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    category            TEXT NOT NULL,
    unit                TEXT NOT NULL,
    price               INTEGER NOT NULL CHECK (price >= 0),
    tax_class           TEXT NOT NULL,
    price_includes_tax  INTEGER NOT NULL,
    sold_by_weight      INTEGER NOT NULL,
    active              INTEGER NOT NULL,
    -- JSON array of barcodes.
    barcodes            TEXT NOT NULL,
    change_no           INTEGER NOT NULL
) STRICT;
CREATE INDEX products_by_change ON products (change_no);

CREATE TABLE tax_classes (
    code        TEXT PRIMARY KEY,
    rate_bp     INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    change_no   INTEGER NOT NULL
) STRICT;

CREATE TABLE quick_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    -- JSON array of {sku, label}.
    keys        TEXT NOT NULL,
    change_no   INTEGER NOT NULL
) STRICT;

-- Every stock movement; stock_levels is their running sum per store and product.
CREATE TABLE stock_movements (
    id              INTEGER PRIMARY KEY,
    store           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'receive', 'adjust')),
    terminal        TEXT,
    seq             INTEGER,
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE stock_levels (
    store           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    change_no       INTEGER NOT NULL,
    PRIMARY KEY (store, sku)
) STRICT;
CREATE INDEX stock_levels_by_change ON stock_levels (change_no);
