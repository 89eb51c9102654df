-- Kasir terminal, version 6: print jobs. Not part of the hash chain (printing changes no
-- money): a job is queued, then marked printed or given the reason it failed, so that a
-- failed print is retried exactly once and every later print of a receipt is a marked copy.

CREATE TABLE print_jobs (
    id          INTEGER PRIMARY KEY,
    -- The document printed; NULL for a report or a test page.
    seq         INTEGER REFERENCES documents (seq),
    what        TEXT NOT NULL CHECK (what IN ('receipt', 'report', 'test')),
    -- 1 when the document had been printed before: the job is marked COPY.
    copy        INTEGER NOT NULL,
    printer     TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    printed_at  TEXT,
    error       TEXT
) STRICT;

CREATE INDEX print_jobs_by_document ON print_jobs (seq) WHERE seq IS NOT NULL;

CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs
BEGIN
    SELECT RAISE(ABORT, 'print jobs are kept: a reprint is recorded, never erased');
END;
