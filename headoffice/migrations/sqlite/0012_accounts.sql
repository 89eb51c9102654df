-- Kasir head office, SQLite, version 12: head office's web app. The one user table gains the
-- web's own roles, administrator and analyst (no PIN, no store: never sent to a terminal), a
-- web password for them and for managers, and a count of wrong passwords; sessions and failed
-- logins get tables of their own.
--
-- SQLite cannot change a column or a CHECK in place, and foreign keys stay on while
-- migrations run, so users is rebuilt together with user_stores as in version 5.

CREATE TABLE users_v12 (
    -- 1 to 8 letters or digits, unique in the chain.
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL
                    CHECK (role IN ('cashier', 'supervisor', 'manager', 'admin', 'analyst')),
    -- argon2id PHC string of the PIN; the PIN itself is never stored. NULL exactly for an
    -- administrator or analyst, who works at no terminal (the change feed cannot read a NULL
    -- PIN: had one reached it, a store's sync would stop rather than send it).
    pin_hash        TEXT CHECK ((pin_hash IS NULL) = (role IN ('admin', 'analyst'))),
    active          INTEGER NOT NULL CHECK (active IN (0, 1)),
    -- Every change to the user or to the stores they work in takes a new number.
    change_no       INTEGER NOT NULL,
    -- argon2id PHC string of the web password; NULL until one is set. Never a cashier's or
    -- a supervisor's.
    password_hash   TEXT CHECK (password_hash IS NULL OR role IN ('admin', 'analyst', 'manager')),
    -- Wrong web passwords in a row, and until when the web login stays locked.
    login_failures  INTEGER NOT NULL DEFAULT 0 CHECK (login_failures >= 0),
    -- RFC 3339 in UTC with microseconds (sorts as text).
    locked_until    TEXT
) STRICT;
INSERT INTO users_v12 (code, name, role, pin_hash, active, change_no)
SELECT code, name, role, pin_hash, active, change_no FROM users;

CREATE TABLE user_stores_v12 (
    code        TEXT NOT NULL REFERENCES users_v12 (code),
    store       TEXT NOT NULL REFERENCES stores (code),
    member      INTEGER NOT NULL CHECK (member IN (0, 1)),
    PRIMARY KEY (code, store)
) STRICT;
INSERT INTO user_stores_v12 (code, store, member) SELECT code, store, member FROM user_stores;

DROP TABLE user_stores;
DROP TABLE users;
ALTER TABLE users_v12 RENAME TO users;
ALTER TABLE user_stores_v12 RENAME TO user_stores;
CREATE INDEX users_by_change ON users (change_no);
CREATE INDEX user_stores_by_store ON user_stores (store);

-- The change feed sends a store the users with a user_stores row for it: an administrator or
-- analyst must never have one.
CREATE TRIGGER user_stores_counter_only BEFORE INSERT ON user_stores
WHEN (SELECT role FROM users WHERE code = NEW.code) IN ('admin', 'analyst')
BEGIN
    SELECT RAISE(ABORT, 'an administrator or analyst works in no store');
END;

-- A web session, found by the SHA-256 (hex) of its cookie; the cookie itself is never kept.
CREATE TABLE web_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_code   TEXT NOT NULL REFERENCES users (code),
    -- The token every form of the session carries.
    csrf        TEXT NOT NULL,
    -- RFC 3339 in UTC with microseconds (sorts as text).
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) STRICT;
CREATE INDEX web_sessions_by_user ON web_sessions (user_code);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

-- Every failed web login, known user or not.
CREATE TABLE login_failures (
    -- RFC 3339 in UTC with microseconds (sorts as text).
    at          TEXT NOT NULL,
    -- The code typed: it may name no user.
    user_code   TEXT NOT NULL,
    reason      TEXT NOT NULL
                CHECK (reason IN ('unknown_user', 'wrong_password', 'locked', 'inactive', 'no_password')),
    remote      TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_by_time ON login_failures (at);
