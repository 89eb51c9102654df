-- Kasir terminal, version 14: what this terminal has sold of each product, kept current in
-- the same transaction as the document that moves it, so that a name search puts what the
-- store sells most first without adding up its sales, and the store's stock can be shown as
-- head office last sent it less what this terminal has sold since and not yet sent.

-- A document's stock movements without a scan (a void takes back its sale's; a delivery
-- takes its own out of `unsent_milli`). Sequences only grow, so each commit appends to the
-- index's last page (unlike an index by SKU, which would touch a page per line).
CREATE INDEX stock_movements_by_seq ON stock_movements (seq);

CREATE TABLE product_tally (
    sku             TEXT PRIMARY KEY,
    -- Net quantity this terminal sold: sales less returns and voids (thousandths).
    sold_milli      INTEGER NOT NULL,
    -- The stock movements of documents head office has not acknowledged yet: not in the
    -- stock head office sends (stock_levels), so added to it when the stock is shown.
    unsent_milli    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO product_tally (sku, sold_milli, unsent_milli)
SELECT m.sku, -SUM(m.quantity_milli),
       SUM(CASE WHEN o.delivered_at IS NULL THEN m.quantity_milli ELSE 0 END)
FROM stock_movements m LEFT JOIN outbox o ON o.seq = m.seq
GROUP BY m.sku;

-- Head office acknowledged a document: its movements are in the next stock it sends.
CREATE TRIGGER outbox_delivered_leaves_unsent AFTER UPDATE OF delivered_at ON outbox
WHEN OLD.delivered_at IS NULL AND NEW.delivered_at IS NOT NULL
BEGIN
    UPDATE product_tally
    SET unsent_milli = unsent_milli - (
        SELECT SUM(m.quantity_milli) FROM stock_movements m
        WHERE m.seq = NEW.seq AND m.sku = product_tally.sku)
    WHERE sku IN (SELECT sku FROM stock_movements WHERE seq = NEW.seq);
END;
