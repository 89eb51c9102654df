-- Wrong PINs, per user (not per terminal screen): counted across restarts, so that a
-- lockout survives switching the terminal off and on. Bookkeeping beside the ledger: rows
-- are updated, never part of the hash chain.
CREATE TABLE pin_failures (
    user_code    TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures >= 0),
    locked_until TEXT
) STRICT;

-- Every wrong PIN and every lockout, kept: who, when, where (login, approval, command).
CREATE TABLE security_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    user_code TEXT NOT NULL,
    event     TEXT NOT NULL CHECK (event IN ('wrong_pin', 'locked_out', 'refused_while_locked')),
    place     TEXT NOT NULL
) STRICT;
