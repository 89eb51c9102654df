-- Kasir head office, SQLite, version 10: a rotation keeps the token handed out before the
-- latest one acceptable, failed authentications count `busy` answers, and old ones are pruned.

-- Hex SHA-256 of the token handed out before the pending one (two requests with the old token
-- racing hand out two; the terminal may have kept either). Cleared once one of them is used.
ALTER TABLE terminals ADD COLUMN previous_pending_token_hash TEXT;

-- 'busy' joins the reasons: SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE auth_failures_v10 (
    claimed_store       TEXT NOT NULL,
    claimed_terminal    TEXT NOT NULL,
    reason              TEXT NOT NULL
        CHECK (reason IN ('unknown_terminal', 'wrong_token', 'revoked', 'malformed', 'busy')),
    remote              TEXT NOT NULL,
    minute              TEXT NOT NULL,
    first_at            TEXT NOT NULL,
    last_at             TEXT NOT NULL,
    count               INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (claimed_store, claimed_terminal, reason, remote, minute)
) STRICT;

INSERT INTO auth_failures_v10 (claimed_store, claimed_terminal, reason, remote, minute, first_at, last_at, count)
    SELECT claimed_store, claimed_terminal, reason, remote, minute, first_at, last_at, count FROM auth_failures;
DROP TABLE auth_failures;
ALTER TABLE auth_failures_v10 RENAME TO auth_failures;
CREATE INDEX auth_failures_by_time ON auth_failures (minute);
