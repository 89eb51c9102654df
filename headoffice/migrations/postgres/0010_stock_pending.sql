-- Kasir head office, PostgreSQL, version 10: ingest without the change counter.
-- A push marks the stock rows it moved as pending instead of taking change numbers from the
-- one counter row (which made every push in the chain wait for the one before it to
-- commit). A store's pending rows are numbered, under the counter, just before its feed is
-- read, so numbers are still handed out in commit order.
ALTER TABLE stock_levels ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX stock_levels_pending ON stock_levels (store) WHERE pending;
