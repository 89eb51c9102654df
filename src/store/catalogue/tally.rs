//! What this terminal has sold of each product (`product_tally`), for ranking a name search
//! by what sells here, and its movements head office has not acknowledged yet, for the store's
//! stock at the counter.
//!
//! A cache beside the record, kept out of the sale's transaction: the commit of a 20-line sale
//! writing 20 more rows cost it about a tenth of its time (docs/benchmarks.md). The catalogue
//! reader folds the stock movements committed since into the tally when it next looks at the
//! file (the first lookup or search after a sale), in a small transaction of its own on its
//! own connection, which need not reach the disk before the cashier goes on: a fold lost in a
//! power cut is lost with its marks and simply done again. Readers that need the exact figure
//! add what the tally has not folded yet ([`unsent_sql`]), so a late fold changes no answer.
//!
//! Movements' ids grow with their document's sequence (they are written in the commit that
//! takes the next sequence), so "since the last fold" and "not yet acknowledged" are ranges
//! of the table's own key past the marks in `tally_mark`: no index is needed.

use rusqlite::Connection;

/// SQL for this terminal's movements of the product whose SKU is the SQL expression `$sku`
/// that head office has not acknowledged yet (`sync_state.delivered_seq`): what the tally
/// holds as unsent, plus the unacknowledged movements it has not folded in yet, less what head
/// office has acknowledged since the fold. Exact while head office's acknowledgement only
/// grows (a restore from an older backup is put right by the next fold). Cheap: the first
/// part reads only the movements past `folded_to` (the reader folds after every change, so a
/// sale or two), the second reads anything only in the moment between an acknowledgement and
/// the next fold.
macro_rules! unsent_sql {
    ($sku:literal) => {
        concat!(
            "(COALESCE((SELECT u.unsent_milli FROM product_tally u WHERE u.sku = ",
            $sku,
            "), 0) + COALESCE((SELECT SUM(m.quantity_milli)
               FROM tally_mark k JOIN sync_state d ON d.id = 1
               JOIN stock_movements m ON m.id > k.folded_to
               WHERE k.id = 1 AND m.sku = ",
            $sku,
            " AND m.seq > d.delivered_seq), 0) - COALESCE((SELECT SUM(m.quantity_milli)
               FROM tally_mark k JOIN sync_state d ON d.id = 1
               JOIN stock_movements m ON m.id > k.acked_to AND m.id <= k.folded_to
               WHERE k.id = 1 AND d.delivered_seq > k.acked_seq AND m.sku = ",
            $sku,
            " AND m.seq <= d.delivered_seq), 0))"
        )
    };
}
pub(crate) use unsent_sql;

/// Folds the movements committed since the last fold into the tally, and takes out of
/// "unsent" what head office has acknowledged since. Invariant kept: the tally's unsent
/// quantity is the sum of the movements up to `folded_to` past `acked_to`, and those are
/// exactly the ones of documents after `acked_seq`, head office's acknowledgement at the fold.
/// A head office restored from an older backup acknowledges less than before: its documents
/// are unsent again, and the unsent quantities are counted afresh (the one full read, rare).
const FOLD: &str = "
UPDATE product_tally SET unsent_milli = 0
WHERE (SELECT d.delivered_seq < k.acked_seq FROM tally_mark k, sync_state d WHERE k.id = 1 AND d.id = 1);
INSERT INTO product_tally (sku, sold_milli, unsent_milli)
    SELECT m.sku, 0, SUM(m.quantity_milli)
    FROM tally_mark k JOIN sync_state d ON d.id = 1 JOIN stock_movements m ON m.id <= k.folded_to
    WHERE k.id = 1 AND d.delivered_seq < k.acked_seq AND m.seq > d.delivered_seq GROUP BY m.sku
    ON CONFLICT (sku) DO UPDATE SET unsent_milli = unsent_milli + excluded.unsent_milli;
UPDATE tally_mark SET
    acked_to = COALESCE((SELECT MAX(id) FROM stock_movements
                         WHERE seq <= (SELECT delivered_seq FROM sync_state WHERE id = 1)), 0),
    acked_seq = (SELECT delivered_seq FROM sync_state WHERE id = 1)
WHERE id = 1 AND acked_seq > (SELECT delivered_seq FROM sync_state WHERE id = 1);
INSERT INTO product_tally (sku, sold_milli, unsent_milli)
    SELECT m.sku, -SUM(m.quantity_milli),
           SUM(CASE WHEN m.seq > d.delivered_seq THEN m.quantity_milli ELSE 0 END)
    FROM tally_mark k JOIN sync_state d ON d.id = 1 JOIN stock_movements m ON m.id > k.folded_to
    WHERE k.id = 1 GROUP BY m.sku
    ON CONFLICT (sku) DO UPDATE SET sold_milli = sold_milli + excluded.sold_milli,
        unsent_milli = unsent_milli + excluded.unsent_milli;
INSERT INTO product_tally (sku, sold_milli, unsent_milli)
    SELECT m.sku, 0, -SUM(m.quantity_milli)
    FROM tally_mark k JOIN sync_state d ON d.id = 1
    JOIN stock_movements m ON m.id > k.acked_to AND m.id <= k.folded_to
    WHERE k.id = 1 AND d.delivered_seq > k.acked_seq AND m.seq <= d.delivered_seq GROUP BY m.sku
    ON CONFLICT (sku) DO UPDATE SET unsent_milli = unsent_milli + excluded.unsent_milli;
UPDATE tally_mark SET
    acked_to = COALESCE((SELECT MAX(m.id) FROM stock_movements m
                         WHERE m.id > tally_mark.acked_to
                           AND m.seq <= (SELECT delivered_seq FROM sync_state WHERE id = 1)), acked_to),
    acked_seq = (SELECT delivered_seq FROM sync_state WHERE id = 1),
    folded_to = COALESCE((SELECT MAX(id) FROM stock_movements), folded_to)
WHERE id = 1;
";

/// Folds on `conn` (the catalogue reader's connection, kept `query_only` otherwise) in one
/// IMMEDIATE transaction: all of the fold and its marks, or none of it.
pub(super) fn fold(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "query_only", "OFF")?;
    let folded = conn.execute_batch("BEGIN IMMEDIATE").and_then(|()| match conn.execute_batch(FOLD) {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    });
    conn.pragma_update(None, "query_only", "ON")?;
    folded
}
