-- Kasir terminal, version 17: the rotated token a newer rotated token replaced, kept until head
-- office has taken the newer one once. Head office keeps only the last two tokens it handed
-- out; should stale requests of this terminal make it hand out more before the newer one is
-- used, the newer one is refused, and the terminal goes back to this one (still head office's
-- current token then) instead of the configured token, retired a rotation earlier. NULL when
-- the rotated token replaced the configured token itself.
ALTER TABLE sync_state ADD COLUMN rotated_replaced TEXT;
