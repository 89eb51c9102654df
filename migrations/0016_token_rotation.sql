-- Kasir terminal, version 16: a token head office rotated, and the last document it set aside.
-- Neither is ledger: both are how sync stands, in the one sync_state row.

-- The token head office handed this terminal in a `Kasir-New-Token` answer header, kept
-- before the next request goes out so that the new token is never lost once head office has
-- seen it used. It is used only while the configured token (kasir.toml or
-- KASIR_HEADOFFICE_TOKEN) is still the one it replaced: rotated_from is the hex SHA-256 of
-- that configured token (the first of a chain of rotations). A token an administrator puts
-- in by hand has another digest and wins; `kasir join` clears both.
ALTER TABLE sync_state ADD COLUMN rotated_token TEXT;
ALTER TABLE sync_state ADD COLUMN rotated_from TEXT;
-- When the latest rotated token arrived (RFC 3339, UTC).
ALTER TABLE sync_state ADD COLUMN rotated_at TEXT;

-- The latest document head office took into the chain but set aside (kept out of its figures
-- and stock) because its content made no sense: its sequence, receipt number and head
-- office's reason, and when the terminal heard of it.
ALTER TABLE sync_state ADD COLUMN set_aside_seq INTEGER;
ALTER TABLE sync_state ADD COLUMN set_aside_receipt TEXT;
ALTER TABLE sync_state ADD COLUMN set_aside_reason TEXT;
ALTER TABLE sync_state ADD COLUMN set_aside_at TEXT;
