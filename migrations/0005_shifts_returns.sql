-- Kasir terminal, version 5: shifts, returns and day closes (Z), and per-document money
-- figures so that X/Z reports need not parse document bodies. All of these are projections
-- of the hash-chained documents, written in the same transaction and checked by verify.

-- A sale's or a return's own money: total, cash rounding, change, items in the basket.
CREATE TABLE settlements (
    seq         INTEGER PRIMARY KEY REFERENCES documents (seq),
    total       INTEGER NOT NULL,
    rounding    INTEGER NOT NULL,
    change      INTEGER NOT NULL,
    items_milli INTEGER NOT NULL
) STRICT;

-- Sales committed before this version: their figures come out of their bodies.
INSERT INTO settlements (seq, total, rounding, change, items_milli)
SELECT seq, json_extract(body, '$.body.total'), json_extract(body, '$.body.rounding'),
       json_extract(body, '$.body.change'),
       COALESCE(CAST(ROUND(CAST(json_extract(body, '$.body.items') AS REAL) * 1000) AS INTEGER), 0)
FROM documents WHERE kind = 'sale' ORDER BY seq;

CREATE TABLE return_lines (
    seq                 INTEGER NOT NULL REFERENCES documents (seq),
    line_no             INTEGER NOT NULL,
    -- The sale and its line the goods came back from (NULL for a return without receipt).
    original_seq        INTEGER REFERENCES documents (seq),
    original_line_no    INTEGER,
    sku                 TEXT NOT NULL,
    name                TEXT NOT NULL,
    category            TEXT NOT NULL,
    quantity_milli      INTEGER NOT NULL,
    net                 INTEGER NOT NULL,
    tax                 INTEGER NOT NULL,
    gross               INTEGER NOT NULL,
    tax_class           TEXT NOT NULL,
    tax_rate_bp         INTEGER NOT NULL,
    price_includes_tax  INTEGER NOT NULL,
    PRIMARY KEY (seq, line_no)
) STRICT, WITHOUT ROWID;

-- What has come back from a sale's line: looked up on every return.
CREATE INDEX return_lines_by_original ON return_lines (original_seq, original_line_no)
WHERE original_seq IS NOT NULL;

-- One row per shift: opened by one document, closed (once) by another.
CREATE TABLE shifts (
    shift_no    INTEGER PRIMARY KEY,
    opened_seq  INTEGER NOT NULL UNIQUE REFERENCES documents (seq),
    float       INTEGER NOT NULL,
    closed_seq  INTEGER UNIQUE REFERENCES documents (seq)
) STRICT;

CREATE TABLE day_closes (
    z_number        INTEGER PRIMARY KEY,
    seq             INTEGER NOT NULL UNIQUE REFERENCES documents (seq),
    business_date   TEXT NOT NULL UNIQUE,
    first_seq       INTEGER NOT NULL,
    last_seq        INTEGER NOT NULL
) STRICT;

-- Request ids given by callers (scripts, integrations): a retried request finds the document
-- it already made instead of making a second one.
CREATE TABLE requests (
    request_id  TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE REFERENCES documents (seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER requests_no_update BEFORE UPDATE ON requests
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: requests rows cannot be changed');
END;
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: requests rows cannot be deleted');
END;

CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: shifts rows cannot be deleted');
END;
CREATE TRIGGER shifts_close_once BEFORE UPDATE ON shifts
WHEN OLD.closed_seq IS NOT NULL OR NEW.shift_no IS NOT OLD.shift_no
     OR NEW.opened_seq IS NOT OLD.opened_seq OR NEW.float IS NOT OLD.float
BEGIN
    SELECT RAISE(ABORT, 'ledger: a shift is closed once and nothing else about it changes');
END;
CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: settlements rows cannot be changed');
END;
CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: settlements rows cannot be deleted');
END;
CREATE TRIGGER return_lines_no_update BEFORE UPDATE ON return_lines
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: return_lines rows cannot be changed');
END;
CREATE TRIGGER return_lines_no_delete BEFORE DELETE ON return_lines
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: return_lines rows cannot be deleted');
END;
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: day_closes rows cannot be changed');
END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: day_closes rows cannot be deleted');
END;

-- Shift documents can predate this table only in a ledger restored from a copy; rebuild
-- their rows from the documents all the same, so verify finds them in agreement.
INSERT INTO shifts (shift_no, opened_seq, float, closed_seq)
SELECT json_extract(o.body, '$.body.shift_no'), o.seq, json_extract(o.body, '$.body.float'),
       (SELECT c.seq FROM documents c
        WHERE c.kind = 'shift_close'
          AND json_extract(c.body, '$.body.shift_no') = json_extract(o.body, '$.body.shift_no'))
FROM documents o WHERE o.kind = 'shift_open' ORDER BY o.seq;
