-- Kasir head office, SQLite, version 6: every wrong PIN and lockout at every terminal, as the
-- terminal kept it, once by its own id.

CREATE TABLE security_events (
    store       TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    -- The terminal's own number for the event: rising, never reused.
    id          INTEGER NOT NULL CHECK (id > 0),
    -- When it happened at the terminal, RFC 3339 in UTC with microseconds (sorts as text).
    at          TEXT NOT NULL,
    user_code   TEXT NOT NULL,
    event       TEXT NOT NULL CHECK (event IN ('wrong_pin', 'locked_out', 'refused_while_locked')),
    -- Where the PIN was typed.
    place       TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (store, terminal, id),
    FOREIGN KEY (store, terminal) REFERENCES terminals (store, terminal)
) STRICT;

CREATE INDEX security_events_by_time ON security_events (at);
