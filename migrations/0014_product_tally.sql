-- Kasir terminal, version 14: what this terminal has sold of each product, so that a name
-- search puts what the store sells most first without adding up its sales, and the store's
-- stock can be shown as head office last sent it less what this terminal has sold since and
-- not yet sent.
--
-- A cache beside the record, not part of it: a sale's commit writes nothing here (a row per
-- product in every sale cost the commit about a tenth of its time). The catalogue reader folds
-- the stock movements committed since into it when it next reads the file (the first lookup
-- or search after a sale), outside the sale's transaction. Movements' ids grow with their
-- document's sequence, so "since" is a range of the table's own key: no index is needed.

CREATE TABLE product_tally (
    sku             TEXT PRIMARY KEY,
    -- Net quantity this terminal sold: sales less returns and voids (thousandths).
    sold_milli      INTEGER NOT NULL,
    -- Of the movements folded in, those of documents head office had not acknowledged when
    -- they were folded in (see tally_mark.acked_to): not yet in the stock head office sends.
    unsent_milli    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- How far the tally has read: stock_movements up to id `folded_to` are in it, and those up
-- to `acked_to` belong to documents head office had acknowledged when the tally last looked,
-- which was up to document `acked_seq` (sync_state.delivered_seq then).
CREATE TABLE tally_mark (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    folded_to       INTEGER NOT NULL,
    acked_to        INTEGER NOT NULL,
    acked_seq       INTEGER NOT NULL
) STRICT;

INSERT INTO product_tally (sku, sold_milli, unsent_milli)
SELECT m.sku, -SUM(m.quantity_milli),
       SUM(CASE WHEN m.seq > (SELECT delivered_seq FROM sync_state WHERE id = 1)
                THEN m.quantity_milli ELSE 0 END)
FROM stock_movements m
GROUP BY m.sku;

INSERT INTO tally_mark (id, folded_to, acked_to, acked_seq)
VALUES (1,
        COALESCE((SELECT MAX(id) FROM stock_movements), 0),
        COALESCE((SELECT MAX(id) FROM stock_movements
                  WHERE seq <= (SELECT delivered_seq FROM sync_state WHERE id = 1)), 0),
        (SELECT delivered_seq FROM sync_state WHERE id = 1));
