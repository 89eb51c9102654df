-- Kasir terminal, version 4: a new document kind, 'cancel' (a sale abandoned before payment
-- with a manager's approval). SQLite cannot change a CHECK constraint in place, so the
-- documents table is rebuilt with the same rows, in the same transaction, and its triggers
-- are put back. The migrator turns foreign keys off around this and checks them before
-- committing (SQLite's documented procedure for changing a table's definition).

CREATE TABLE documents_v4 (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('sale', 'void', 'cancel', 'return', 'no_sale',
                        'cash_in', 'cash_out', 'shift_open', 'shift_close', 'day_close')),
    receipt_number  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    user_code       TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    grand_total     INTEGER NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    body            TEXT NOT NULL
) STRICT;

INSERT INTO documents_v4 (seq, kind, receipt_number, created_at, user_code, amount, grand_total,
                          prev_hash, hash, body)
SELECT seq, kind, receipt_number, created_at, user_code, amount, grand_total, prev_hash, hash, body
FROM documents ORDER BY seq;

DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;

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

CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: documents rows cannot be changed');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: documents rows cannot be deleted');
END;
