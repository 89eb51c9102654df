-- Kasir head office, PostgreSQL, version 11: a rotation keeps the token handed out before the
-- latest one acceptable, and failed authentications count `busy` answers.

-- Hex SHA-256 of the token handed out before the pending one (two requests with the old token
-- racing hand out two; the terminal may have kept either). Cleared once one of them is used.
ALTER TABLE terminals ADD COLUMN previous_pending_token_hash TEXT;

ALTER TABLE auth_failures DROP CONSTRAINT auth_failures_reason_check;
ALTER TABLE auth_failures ADD CONSTRAINT auth_failures_reason_check
    CHECK (reason IN ('unknown_terminal', 'wrong_token', 'revoked', 'malformed', 'busy'));
