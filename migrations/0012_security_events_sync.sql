-- Kasir terminal, version 12: wrong PINs and lockouts (security_events) go to head office
-- like documents, exactly once. An event's own id is its sequence (AUTOINCREMENT never
-- reuses one); this keeps how far head office has acknowledged them.

ALTER TABLE sync_state ADD COLUMN security_events_delivered INTEGER NOT NULL DEFAULT 0
    CHECK (security_events_delivered >= 0);
