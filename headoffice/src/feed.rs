//! The change feed's paging, shared by both storages: each kind of row is read after the
//! cursor and up to the ceiling (the last change number handed out when the read began), and
//! the kinds are merged in number order. The statements and the mapping of their rows are
//! here too; each storage only runs them.

use kasir_core::wire::{Change, ChangeItem, ChangePage, ProductRecord, UserRecord};

use crate::rows::{Row, receipt_lines, role, tax_class, unsigned};
use crate::storage::StorageError;

/// Most changes one page may hold.
pub const MAX_PAGE: u32 = 1000;

/// The last change number handed out: a read's ceiling.
pub const CEILING: &str = "SELECT last FROM change_counter WHERE id = 1";

/// A table the feed reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Products,
    TaxClasses,
    QuickKeys,
    Stock,
    /// Users of the store's own, and those who left it or were deactivated (as inactive).
    Users,
    /// The store's own receipt header and footer lines, once set.
    ReceiptLines,
}

impl Table {
    pub const ALL: [Table; 6] = [
        Table::Products,
        Table::TaxClasses,
        Table::QuickKeys,
        Table::Stock,
        Table::Users,
        Table::ReceiptLines,
    ];

    /// Its rows after the cursor `$1` up to the ceiling `$2`, at most `$3` of them, in number
    /// order; stock and user rows are a store's (`$4`). The change number comes first.
    pub fn sql(self) -> &'static str {
        match self {
            Table::Products => {
                "SELECT change_no, sku, name, category, unit, price, tax_class, price_includes_tax,
                     sold_by_weight, active, barcodes
                 FROM products WHERE change_no > $1 AND change_no <= $2 ORDER BY change_no LIMIT $3"
            }
            Table::TaxClasses => {
                "SELECT change_no, code, rate_bp, dpp FROM tax_classes
                 WHERE change_no > $1 AND change_no <= $2 ORDER BY change_no LIMIT $3"
            }
            Table::QuickKeys => {
                "SELECT change_no, keys FROM quick_keys WHERE change_no > $1 AND change_no <= $2 LIMIT $3"
            }
            Table::Stock => {
                "SELECT change_no, sku, quantity_milli FROM stock_levels
                 WHERE store = $4 AND change_no > $1 AND change_no <= $2 ORDER BY change_no LIMIT $3"
            }
            // A user is active in a store only while active and working there: one who left
            // the store (member false) reaches its terminals as inactive. Head office's
            // administrators and analysts work in no store; the role test says so twice.
            Table::Users => {
                "SELECT u.change_no, u.code, u.name, u.role, u.pin_hash, u.active AND s.member
                 FROM users u JOIN user_stores s ON s.code = u.code
                 WHERE s.store = $4 AND u.change_no > $1 AND u.change_no <= $2
                     AND u.role IN ('cashier', 'supervisor', 'manager')
                 ORDER BY u.change_no LIMIT $3"
            }
            // Only the store's own row: another store's lines never reach its terminals.
            Table::ReceiptLines => {
                "SELECT receipt_change_no, receipt_header, receipt_footer FROM stores
                 WHERE code = $4 AND receipt_change_no > $1 AND receipt_change_no <= $2 LIMIT $3"
            }
        }
    }

    /// How many of cursor, ceiling, limit and store its statement takes.
    pub fn params(self) -> usize {
        if matches!(self, Table::Stock | Table::Users | Table::ReceiptLines) { 4 } else { 3 }
    }

    /// A change from one of its rows.
    pub fn change(self, r: &impl Row) -> Result<Change, StorageError> {
        let item = match self {
            Table::Products => {
                let barcodes: String = r.get(10)?;
                ChangeItem::Product(ProductRecord {
                    sku: r.get(1)?,
                    name: r.get(2)?,
                    category: r.get(3)?,
                    unit: r.get(4)?,
                    price: r.get(5)?,
                    tax_class: r.get(6)?,
                    price_includes_tax: r.get(7)?,
                    sold_by_weight: r.get(8)?,
                    active: r.get(9)?,
                    barcodes: serde_json::from_str(&barcodes)
                        .map_err(|e| StorageError::Unreadable(format!("barcodes '{barcodes}': {e}")))?,
                })
            }
            Table::TaxClasses => ChangeItem::TaxClass(tax_class(r, 1)?),
            Table::QuickKeys => {
                let keys: String = r.get(1)?;
                let keys = serde_json::from_str(&keys)
                    .map_err(|e| StorageError::Unreadable(format!("quick keys '{keys}': {e}")))?;
                ChangeItem::QuickKeys { keys }
            }
            Table::Stock => ChangeItem::Stock { sku: r.get(1)?, quantity_milli: r.get(2)? },
            Table::Users => {
                let code: String = r.get(1)?;
                let stored: String = r.get(3)?;
                ChangeItem::User(UserRecord {
                    role: role(&code, &stored)?,
                    name: r.get(2)?,
                    pin_hash: r.get(4)?,
                    active: r.get(5)?,
                    code,
                })
            }
            Table::ReceiptLines => {
                ChangeItem::ReceiptLines { header: receipt_lines(r, 1)?, footer: receipt_lines(r, 2)? }
            }
        };
        Ok(Change { number: unsigned(r, 0)?, item })
    }
}

/// Merges what each table returned (each sorted, each at most `limit` long) into one page.
pub fn merge_page(parts: Vec<Vec<Change>>, limit: u32, ceiling: u64, since: u64) -> ChangePage {
    let mut changes: Vec<Change> = parts.into_iter().flatten().collect();
    changes.sort_by_key(|c| c.number);
    let limit = limit as usize;
    if changes.len() >= limit {
        changes.truncate(limit);
        let next = changes.last().map_or(since, |c| c.number);
        ChangePage { changes, next, more: true }
    } else {
        // Everything up to the ceiling has been seen, including other stores' stock rows that
        // this store skips: the next read starts there.
        ChangePage { changes, next: ceiling.max(since), more: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stock(n: u64) -> Change {
        Change { number: n, item: ChangeItem::Stock { sku: format!("S{n}"), quantity_milli: 1 } }
    }

    #[test]
    fn a_full_page_resumes_after_its_last_change() {
        let p = merge_page(vec![vec![stock(2), stock(5)], vec![stock(3), stock(4)]], 3, 9, 0);
        assert_eq!(p.changes.iter().map(|c| c.number).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!((p.next, p.more), (4, true));
    }

    #[test]
    fn a_short_page_resumes_at_the_ceiling() {
        let p = merge_page(vec![vec![stock(2)], vec![]], 3, 9, 0);
        assert_eq!((p.next, p.more), (9, false));
    }
}
