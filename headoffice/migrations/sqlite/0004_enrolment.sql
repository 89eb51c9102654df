-- Kasir head office, SQLite, version 4: enrolment. A store's identity as its receipts say it
-- (sent to a terminal when it joins), and one-time enrolment codes for terminals.

ALTER TABLE stores ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN npwp TEXT NOT NULL DEFAULT '';
-- The store's offset from UTC, as +07:00.
ALTER TABLE stores ADD COLUMN utc_offset TEXT NOT NULL DEFAULT '+07:00';
-- ISO 4217.
ALTER TABLE stores ADD COLUMN currency TEXT NOT NULL DEFAULT 'IDR';

-- A code a person types on a new terminal to join as (store, terminal). Only the SHA-256 of
-- the code is kept; a code is used once, expires, and is replaced by a newer one.
CREATE TABLE enrolment_codes (
    -- Hex SHA-256 of the code (without its dashes); the code itself is never stored.
    code_hash   TEXT PRIMARY KEY,
    store       TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    replaced_at TEXT,
    FOREIGN KEY (store, terminal) REFERENCES terminals (store, terminal)
) STRICT;
CREATE INDEX enrolment_codes_by_terminal ON enrolment_codes (store, terminal);
