-- Kasir terminal, version 11: a third role, 'supervisor', between cashier and manager (see
-- [permissions] in the config). SQLite cannot change a CHECK constraint in place, so the
-- users table is rebuilt with the same rows, in the same transaction (the migrator turns
-- foreign keys off around this and checks them before committing).

CREATE TABLE users_v11 (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
    -- argon2id PHC string; the PIN itself is never stored.
    pin_hash    TEXT NOT NULL,
    active      INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

INSERT INTO users_v11 (code, name, role, pin_hash, active)
SELECT code, name, role, pin_hash, active FROM users ORDER BY code;

DROP TABLE users;
ALTER TABLE users_v11 RENAME TO users;
