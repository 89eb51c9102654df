-- Kasir terminal, version 15: the last sync error in Bahasa Indonesia beside the English one
-- (`last_error`, kept for `kasir sync status --format json` and the logs), so the status bar
-- and `kasir sync status` say it in the shop's language. Written together by each round.
ALTER TABLE sync_state ADD COLUMN last_error_id TEXT;
