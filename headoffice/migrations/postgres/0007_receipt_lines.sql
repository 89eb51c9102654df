-- Kasir head office, PostgreSQL, version 7: each store's receipt header and footer lines. They
-- travel in the change feed to that store's terminals only, under the change number of their
-- last change (NULL: never set, and nothing is sent).

-- JSON arrays of lines.
ALTER TABLE stores ADD COLUMN receipt_header TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stores ADD COLUMN receipt_footer TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stores ADD COLUMN receipt_change_no BIGINT;
CREATE INDEX stores_by_receipt_change ON stores (receipt_change_no);
