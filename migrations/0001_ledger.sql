-- Kasir terminal ledger, version 1: the append-only document chain and its projections.
-- Committed rows are never updated or deleted: the triggers below make the database itself
-- refuse it. Money is integer minor units, quantities integer thousandths.

CREATE TABLE terminal (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    store       TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    currency    TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'void', 'return', 'no_sale', 'cash_in',
                        'cash_out', 'shift_open', 'shift_close', 'day_close')),
    -- store-terminal-seq: found through its sequence, so it needs no index of its own.
    receipt_number  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    user_code       TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    grand_total     INTEGER NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    -- The canonical JSON the hash is computed over (kasir-core's chain module).
    body            TEXT NOT NULL
) STRICT;

-- Gapless numbering and chain linkage, enforced by the database as well as the code.
CREATE TRIGGER documents_gapless BEFORE INSERT ON documents
WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents)
BEGIN
    SELECT RAISE(ABORT, 'ledger: a document''s sequence must follow the last one without a gap');
END;

CREATE TRIGGER documents_linked BEFORE INSERT ON documents
WHEN NEW.prev_hash IS NOT COALESCE((SELECT hash FROM documents WHERE seq = NEW.seq - 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'ledger: a document must link to the previous document''s hash');
END;

CREATE TABLE sale_lines (
    seq                 INTEGER NOT NULL REFERENCES documents (seq),
    line_no             INTEGER NOT NULL,
    sku                 TEXT NOT NULL,
    name                TEXT NOT NULL,
    category            TEXT NOT NULL,
    barcode             TEXT,
    quantity_milli      INTEGER NOT NULL,
    list_price          INTEGER NOT NULL,
    unit_price          INTEGER NOT NULL,
    extended            INTEGER NOT NULL,
    line_discount       INTEGER NOT NULL,
    order_discount      INTEGER NOT NULL,
    net                 INTEGER NOT NULL,
    tax                 INTEGER NOT NULL,
    gross               INTEGER NOT NULL,
    tax_class           TEXT NOT NULL,
    tax_rate_bp         INTEGER NOT NULL,
    price_includes_tax  INTEGER NOT NULL,
    PRIMARY KEY (seq, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
    seq         INTEGER NOT NULL REFERENCES documents (seq),
    idx         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    reference   TEXT,
    PRIMARY KEY (seq, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE approvals (
    seq         INTEGER NOT NULL REFERENCES documents (seq),
    idx         INTEGER NOT NULL,
    action      TEXT NOT NULL,
    approver    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    line_no     INTEGER,
    PRIMARY KEY (seq, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE stock_movements (
    id              INTEGER PRIMARY KEY,
    seq             INTEGER NOT NULL REFERENCES documents (seq),
    sku             TEXT NOT NULL,
    quantity_milli  INTEGER NOT NULL,
    reason          TEXT NOT NULL
) STRICT;

-- No index by SKU: 20 lines would touch 20 index pages per sale, doubling the commit.
-- Stock levels are summed by SKU in one pass where they are needed (reports, sync).

-- Documents waiting for head office. Only `delivered_at` may change, once.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY REFERENCES documents (seq),
    delivered_at    TEXT
) STRICT;

CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN
    SELECT RAISE(ABORT, 'ledger: outbox entries are never deleted');
END;

CREATE TRIGGER outbox_deliver_once BEFORE UPDATE ON outbox
WHEN OLD.delivered_at IS NOT NULL OR NEW.seq IS NOT OLD.seq
BEGIN
    SELECT RAISE(ABORT, 'ledger: an outbox entry is marked delivered once and nothing else changes');
END;

-- Append-only: the database refuses to change or remove committed rows.
CREATE TRIGGER terminal_no_update BEFORE UPDATE ON terminal
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: terminal rows cannot be changed');
END;
CREATE TRIGGER terminal_no_delete BEFORE DELETE ON terminal
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: terminal rows cannot be deleted');
END;
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: documents rows cannot be changed');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: documents rows cannot be deleted');
END;
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: sale_lines rows cannot be changed');
END;
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: sale_lines rows cannot be deleted');
END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: payments rows cannot be changed');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: payments rows cannot be deleted');
END;
CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: approvals rows cannot be changed');
END;
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: approvals rows cannot be deleted');
END;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: stock_movements rows cannot be changed');
END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: stock_movements rows cannot be deleted');
END;
