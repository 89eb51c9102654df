//! Head office's change feed, applied: products (with barcodes), tax classes, quick keys,
//! this store's stock levels, its users and its receipt lines. Each page is applied in one
//! transaction together with the cursor, so a page is applied wholly or not at all, and never
//! twice.

use argon2::password_hash::phc::PasswordHash;
use kasir_core::wire::{ChangeItem, ChangePage, QuickKeyRecord, ReceiptLines, UserRecord};
use rusqlite::{TransactionBehavior, params};

use super::side::SideStore;
use super::{LedgerError, catalogue, receipt_lines};

impl SideStore {
    /// Applies one page read from cursor `since` and moves the cursor; returns the changes
    /// applied. A page read against an old cursor (another round applied it meanwhile) is
    /// skipped.
    pub fn apply_feed_page(&self, since: u64, page: &ChangePage) -> Result<u64, LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let cursor: u64 =
            tx.query_row("SELECT feed_cursor FROM sync_state WHERE id = 1", [], |r| r.get(0))?;
        if cursor != since {
            return Ok(0);
        }
        for change in &page.changes {
            let fail = |e: rusqlite::Error, what: String| LedgerError::FeedChange {
                number: change.number,
                message: format!("{what}: {e}"),
            };
            match &change.item {
                ChangeItem::Product(p) => {
                    catalogue::upsert_product(&tx, p)
                        .map_err(|e| fail(e, format!("product {} (tax class {})", p.sku, p.tax_class)))?;
                    // Head office's barcodes replace the terminal's; a product sent without any
                    // keeps the ones it has (head office may not manage barcodes for it).
                    if !p.barcodes.is_empty() {
                        tx.execute("DELETE FROM barcodes WHERE sku = ?1", [&p.sku])?;
                    }
                    for code in &p.barcodes {
                        // A barcode moved from another product moves with it.
                        tx.execute(
                            "INSERT OR REPLACE INTO barcodes (code, sku) VALUES (?1, ?2)",
                            params![code, p.sku],
                        )
                        .map_err(|e| fail(e, format!("barcode {code} of {}", p.sku)))?;
                    }
                }
                ChangeItem::TaxClass(t) => {
                    tx.execute(
                        "INSERT INTO tax_classes (code, rate_bp, dpp_num, dpp_den) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp,
                             dpp_num = excluded.dpp_num, dpp_den = excluded.dpp_den",
                        params![t.code, t.rate_bp, t.dpp.numerator(), t.dpp.denominator()],
                    )
                    .map_err(|e| fail(e, format!("tax class {}", t.code)))?;
                }
                ChangeItem::QuickKeys { keys } => {
                    tx.execute("DELETE FROM quick_keys", [])?;
                    for (i, QuickKeyRecord { sku, label }) in keys.iter().enumerate() {
                        tx.execute(
                            "INSERT INTO quick_keys (position, sku, label) VALUES (?1, ?2, ?3)",
                            params![i, sku, label],
                        )?;
                    }
                }
                ChangeItem::Stock { sku, quantity_milli } => {
                    tx.execute(
                        "INSERT INTO stock_levels (sku, quantity_milli) VALUES (?1, ?2)
                         ON CONFLICT (sku) DO UPDATE SET quantity_milli = excluded.quantity_milli",
                        params![sku, quantity_milli],
                    )?;
                }
                ChangeItem::User(u) => {
                    // Dropping the transaction rolls back the whole page.
                    check_user(u)
                        .map_err(|message| LedgerError::FeedChange { number: change.number, message })?;
                    tx.execute(
                        "INSERT INTO users (code, name, role, pin_hash, active) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role,
                             pin_hash = excluded.pin_hash, active = excluded.active",
                        params![u.code, u.name, u.role.code(), u.pin_hash, u.active],
                    )
                    .map_err(|e| fail(e, format!("user {}", u.code)))?;
                }
                ChangeItem::ReceiptLines { header, footer } => {
                    // Head office checks them too; a line the printer would take as a command
                    // stops the page here.
                    let lines = ReceiptLines { header: header.clone(), footer: footer.clone() };
                    lines
                        .check()
                        .map_err(|message| LedgerError::FeedChange { number: change.number, message })?;
                    receipt_lines::put_headoffice(&tx, &lines)
                        .map_err(|e| fail(e, "the receipt lines".to_owned()))?;
                }
            }
        }
        tx.execute("UPDATE sync_state SET feed_cursor = ?1 WHERE id = 1", [page.next])?;
        tx.commit()?;
        Ok(page.changes.len() as u64)
    }
}

/// A user from head office as the terminal's login checks it: a code it could type and a PIN
/// hash argon2 can verify.
fn check_user(u: &UserRecord) -> Result<(), String> {
    let code_ok =
        !u.code.is_empty() && u.code.len() <= 8 && u.code.chars().all(|c| c.is_ascii_alphanumeric());
    if !code_ok {
        return Err(format!("user code {:?} must be 1 to 8 letters or digits", u.code));
    }
    match PasswordHash::new(&u.pin_hash) {
        Ok(h) if h.algorithm.as_str().starts_with("argon2") && h.hash.is_some() => Ok(()),
        _ => Err(format!("user {}: the PIN hash is not an argon2 PHC string", u.code)),
    }
}
