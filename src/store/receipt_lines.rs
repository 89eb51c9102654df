//! The store's own receipt lines (a header under its identity, a footer at the end): from
//! `kasir.toml`'s `[receipt]` until head office sends the store's own, which win from then on
//! (as head office's tax classes do).

use kasir_core::wire::ReceiptLines;
use rusqlite::{Connection, params};

use super::{Ledger, LedgerError};

/// Where the lines the ledger holds came from.
const FROM_CONFIG: &str = "config";
const FROM_HEADOFFICE: &str = "headoffice";

/// Replaces the lines with `lines` and records where they came from (inside the caller's
/// transaction, if any).
pub(super) fn put(conn: &Connection, lines: &ReceiptLines, source: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM receipt_lines", [])?;
    let mut st =
        conn.prepare_cached("INSERT INTO receipt_lines (part, position, text) VALUES (?1, ?2, ?3)")?;
    for (part, texts) in [("header", &lines.header), ("footer", &lines.footer)] {
        for (i, text) in texts.iter().enumerate() {
            st.execute(params![part, i as i64, text])?;
        }
    }
    conn.execute("UPDATE receipt_lines_source SET source = ?1 WHERE id = 1", [source])?;
    Ok(())
}

/// Head office's lines for this store, as its change feed or the enrolment sent them.
pub(super) fn put_headoffice(conn: &Connection, lines: &ReceiptLines) -> rusqlite::Result<()> {
    put(conn, lines, FROM_HEADOFFICE)
}

fn from_headoffice(conn: &Connection) -> rusqlite::Result<bool> {
    let source: String = conn
        .prepare_cached("SELECT source FROM receipt_lines_source WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(source == FROM_HEADOFFICE)
}

impl Ledger {
    /// Lays down the lines of `kasir.toml`'s `[receipt]` while head office has never sent this
    /// store's own; once it has, head office's lines are authoritative and these are left
    /// alone. Returns whether the config's were applied.
    pub fn seed_receipt_lines(&self, configured: &ReceiptLines) -> Result<bool, LedgerError> {
        let conn = self.conn();
        if from_headoffice(conn)? {
            return Ok(false);
        }
        if self.receipt_lines()? != *configured {
            let tx = conn.unchecked_transaction()?;
            put(&tx, configured, FROM_CONFIG)?;
            tx.commit()?;
        }
        Ok(true)
    }

    /// Head office's lines for this store (at enrolment): they replace whatever the ledger had.
    pub fn set_headoffice_receipt_lines(&self, lines: &ReceiptLines) -> Result<(), LedgerError> {
        let tx = self.conn().unchecked_transaction()?;
        put_headoffice(&tx, lines)?;
        tx.commit()?;
        Ok(())
    }

    /// The lines every receipt prints: the header under the store's identity, the footer at
    /// the end.
    pub fn receipt_lines(&self) -> Result<ReceiptLines, LedgerError> {
        let mut st =
            self.conn().prepare_cached("SELECT part, text FROM receipt_lines ORDER BY part, position")?;
        let mut rows = st.query([])?;
        let mut lines = ReceiptLines::default();
        while let Some(r) = rows.next()? {
            let (part, text): (String, String) = (r.get(0)?, r.get(1)?);
            // The table's CHECK allows only these two parts.
            if part == "header" { lines.header.push(text) } else { lines.footer.push(text) }
        }
        Ok(lines)
    }

    /// Whether the lines are head office's (received through the feed or at enrolment).
    pub fn receipt_lines_from_headoffice(&self) -> Result<bool, LedgerError> {
        Ok(from_headoffice(self.conn())?)
    }
}
