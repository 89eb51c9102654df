-- Kasir head office, PostgreSQL, version 13: head office's web app. The one user table gains
-- the web's own roles, administrator and analyst (no PIN, no store: never sent to a
-- terminal), a web password for them and for managers, and a count of wrong passwords;
-- sessions and failed logins get tables of their own.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('cashier', 'supervisor', 'manager', 'admin', 'analyst'));
-- NULL exactly for an administrator or analyst, who works at no terminal (the change feed
-- cannot read a NULL PIN: had one reached it, a store's sync would stop rather than send it).
ALTER TABLE users ALTER COLUMN pin_hash DROP NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_pin_check CHECK ((pin_hash IS NULL) = (role IN ('admin', 'analyst')));
ALTER TABLE users
    -- argon2id PHC string of the web password; NULL until one is set.
    ADD COLUMN password_hash TEXT,
    -- Wrong web passwords in a row, and until when the web login stays locked.
    ADD COLUMN login_failures BIGINT NOT NULL DEFAULT 0 CHECK (login_failures >= 0),
    ADD COLUMN locked_until TIMESTAMPTZ;
-- Never a cashier's or a supervisor's.
ALTER TABLE users ADD CONSTRAINT users_password_check
    CHECK (password_hash IS NULL OR role IN ('admin', 'analyst', 'manager'));

-- The change feed sends a store the users with a user_stores row for it: an administrator or
-- analyst must never have one.
CREATE FUNCTION user_stores_counter_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT role FROM users WHERE code = NEW.code) IN ('admin', 'analyst') THEN
        RAISE EXCEPTION 'an administrator or analyst works in no store';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER user_stores_counter_only BEFORE INSERT OR UPDATE ON user_stores
    FOR EACH ROW EXECUTE FUNCTION user_stores_counter_only();

-- A web session, found by the SHA-256 (hex) of its cookie; the cookie itself is never kept.
CREATE TABLE web_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_code   TEXT NOT NULL REFERENCES users (code),
    -- The token every form of the session carries.
    csrf        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_code);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

-- Every failed web login, known user or not.
CREATE TABLE login_failures (
    at          TIMESTAMPTZ NOT NULL,
    -- The code typed: it may name no user.
    user_code   TEXT NOT NULL,
    reason      TEXT NOT NULL
                CHECK (reason IN ('unknown_user', 'wrong_password', 'locked', 'inactive', 'no_password')),
    remote      TEXT NOT NULL
);
CREATE INDEX login_failures_by_time ON login_failures (at);
