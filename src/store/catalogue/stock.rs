//! The store's stock at the counter: what head office last sent for each product (it adds
//! up every terminal's sales, goods received and adjustments), less what this terminal has
//! sold since and not yet sent. The tally ([`tally`]) keeps what it has folded in; the
//! movements since are added exactly at read time (a range of the table's key past the
//! tally's marks, short because the reader folds after every sale). A product head office never sent a figure for has none:
//! a terminal that works alone does not guess its stock.

use kasir_core::Quantity;
use rusqlite::{Connection, OptionalExtension};

use super::tally::unsent_sql;
use crate::store::{Ledger, LedgerError};

/// The store's stock of `?1`: head office's figure plus this terminal's unsent movements.
const STORE_STOCK: &str =
    concat!("SELECT s.quantity_milli + ", unsent_sql!("s.sku"), " FROM stock_levels s WHERE s.sku = ?1");

pub(super) fn store_stock(conn: &Connection, sku: &str) -> rusqlite::Result<Option<Quantity>> {
    let milli: Option<Option<i64>> =
        conn.prepare_cached(STORE_STOCK)?.query_row([sku], |r| r.get(0)).optional()?;
    Ok(milli.flatten().map(Quantity::from_milli))
}

impl Ledger {
    /// The store's stock of `sku` as of the last sync, less this terminal's sales not yet
    /// sent; `None` when head office never sent a figure for it.
    pub fn store_stock(&self, sku: &str) -> Result<Option<Quantity>, LedgerError> {
        Ok(store_stock(self.conn(), sku)?)
    }

    /// What this terminal has sold of `sku`, less returns and voids.
    pub fn sold_here(&self, sku: &str) -> Result<Quantity, LedgerError> {
        let milli: Option<i64> = self
            .conn()
            .prepare_cached(
                "SELECT COALESCE((SELECT sold_milli FROM product_tally WHERE sku = ?1), 0)
                     - COALESCE((SELECT SUM(m.quantity_milli) FROM tally_mark k
                                 JOIN stock_movements m ON m.id > k.folded_to
                                 WHERE k.id = 1 AND m.sku = ?1), 0)",
            )?
            .query_row([sku], |r| r.get(0))
            .optional()?;
        Ok(Quantity::from_milli(milli.unwrap_or(0)))
    }
}
