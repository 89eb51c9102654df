-- Kasir head office, SQLite, version 8: terminal tokens checked by their SHA-256 digest,
-- revoked and rotated at head office, and failed authentications kept for the administrator.

-- From now on terminals.token_hash holds the hex SHA-256 of the terminal's token. An argon2id
-- PHC string written before this version stays until the terminal next authenticates with
-- it; it is then replaced by the digest.

-- When head office revoked the terminal's token: refused until the terminal joins again.
ALTER TABLE terminals ADD COLUMN revoked_at TEXT;
-- When a new token was asked for (`terminal rotate`); cleared once the terminal uses it.
ALTER TABLE terminals ADD COLUMN rotation_requested_at TEXT;
-- Hex SHA-256 of the new token last handed to the terminal during a rotation; the token
-- itself is never stored.
ALTER TABLE terminals ADD COLUMN pending_token_hash TEXT;

-- Failed authentications, coalesced: one row per claimed terminal, reason, remote address and
-- minute, with how many there were. The token itself is never kept.
CREATE TABLE auth_failures (
    -- The terminal the token claimed to be ('' when it named none, '*' for the overflow row).
    claimed_store       TEXT NOT NULL,
    claimed_terminal    TEXT NOT NULL,
    reason              TEXT NOT NULL
        CHECK (reason IN ('unknown_terminal', 'wrong_token', 'revoked', 'malformed')),
    -- The IP address the requests came from ('' when unknown, '*' for the overflow row).
    remote              TEXT NOT NULL,
    -- The minute, RFC 3339 in UTC (sorts as text); first_at and last_at within it.
    minute              TEXT NOT NULL,
    first_at            TEXT NOT NULL,
    last_at             TEXT NOT NULL,
    count               INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (claimed_store, claimed_terminal, reason, remote, minute)
) STRICT;

CREATE INDEX auth_failures_by_time ON auth_failures (minute);
