//! The change feed's paging, shared by both storages: each kind of row is read after the
//! cursor and up to the ceiling (the last change number handed out when the read began), and
//! the kinds are merged in number order.

use kasir_core::wire::{Change, ChangePage};

/// Most changes one page may hold.
pub const MAX_PAGE: u32 = 1000;

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

/// Which SQL expression names a report row, and which groups it.
pub fn report_key(by: crate::storage::ReportBy) -> (&'static str, &'static str) {
    use crate::storage::ReportBy;
    match by {
        ReportBy::Store => ("store", "store"),
        ReportBy::Terminal => ("store || '-' || terminal", "store, terminal"),
        ReportBy::Day => ("business_date", "business_date"),
        ReportBy::Product => ("sku || ' ' || MAX(name)", "sku"),
        ReportBy::Cashier => ("cashier", "cashier"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kasir_core::wire::ChangeItem;

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
