-- Kasir terminal, version 8: returns of sales made at another terminal of the store.

-- Sales as head office knows them, fetched for a return: another terminal's sale (a copy of
-- its document, checked against its hash) or this terminal's own, with what head office knew
-- of the voids and returns made anywhere when it was fetched. Not ledger: fetched again
-- before each return while head office can be reached.
CREATE TABLE headoffice_sales (
    receipt     TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    body        TEXT NOT NULL,
    voided      INTEGER NOT NULL CHECK (voided IN (0, 1)),
    -- JSON: [{terminal, seq, line_no, quantity_milli}], returns at any terminal.
    returned    TEXT NOT NULL,
    fetched_at  TEXT NOT NULL
) STRICT;

-- The receipt a return line came back from: for another terminal's sale original_seq is
-- NULL (that sequence is not this ledger's) and this names it.
ALTER TABLE return_lines ADD COLUMN original_receipt TEXT;

-- Filled in for the returns already committed, from their own documents (the one time these
-- rows change: the append-only trigger is lifted for it and put back).
DROP TRIGGER return_lines_no_update;
UPDATE return_lines SET original_receipt =
    (SELECT json_extract(d.body, '$.body.original.receipt') FROM documents d WHERE d.seq = return_lines.seq);
CREATE TRIGGER return_lines_no_update BEFORE UPDATE ON return_lines
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only: return_lines rows cannot be changed');
END;

CREATE INDEX return_lines_by_original_receipt ON return_lines (original_receipt)
WHERE original_seq IS NULL AND original_receipt IS NOT NULL;
