//! The baseline: the dashboard panel's figures computed from the raw rows (`sales_lines`,
//! and `documents` for the counts by kind) with plain GROUP BYs, as head office had to
//! before the summary tables. Values are written into the text (they are the bench's own),
//! so each engine plans for the exact dates and store. One statement after another.
//!
//! Not in it: the tender breakdown, which only the canonical documents hold (so it has no
//! raw-line equivalent), and the terminals' contact list (one small table either way).

use chrono::{Duration, NaiveDate};

pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub store: Option<&'static str>,
}

/// The statements of one panel: the figures of the period, a week and 52 weeks before it
/// (counts by kind from documents, sums from lines), then each breakdown, then the hours of
/// the week before.
pub fn statements(p: &Period) -> Vec<String> {
    let shifted = |days: i64| Period {
        from: p.from - Duration::days(days),
        to: p.to - Duration::days(days),
        store: p.store,
    };
    let mut all = Vec::new();
    for q in [shifted(0), shifted(7), shifted(364)] {
        all.push(format!(
            "SELECT d.kind, COUNT(*), SUM(d.amount) FROM documents d WHERE substr(d.created_at, 1, 10) BETWEEN '{}' AND '{}'{} GROUP BY d.kind",
            q.from,
            q.to,
            store_of(&q, "d")
        ));
        all.push(format!(
            "SELECT SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross) FROM sales_lines l WHERE {}",
            lines_of(&q)
        ));
    }
    let by = |key: &str, label: &str, join: &str, q: &Period| {
        format!(
            "SELECT {key}, {label}, COUNT(DISTINCT l.store || l.terminal || l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
             FROM sales_lines l{join} WHERE {} GROUP BY {key} ORDER BY {key}",
            lines_of(q)
        )
    };
    let products = " LEFT JOIN products p ON p.sku = l.sku";
    all.push(by("l.hour", "''", "", p));
    all.push(by("l.business_date", "''", "", p));
    all.push(by("l.store", "''", "", p));
    all.push(by("l.store, l.terminal", "''", "", p));
    all.push(by("p.category", "''", products, p));
    all.push(by("l.sku", "MAX(l.name)", "", p));
    all.push(by("l.cashier", "''", "", p));
    all.push(by("p.tax_class", "''", products, p));
    all.push(by("l.hour", "''", "", &shifted(7)));
    all
}

fn store_of(p: &Period, table: &str) -> String {
    p.store.map(|s| format!(" AND {table}.store = '{s}'")).unwrap_or_default()
}

fn lines_of(p: &Period) -> String {
    format!("l.business_date BETWEEN '{}' AND '{}'{}", p.from, p.to, store_of(p, "l"))
}

pub async fn postgres(client: &tokio_postgres::Client, statements: &[String]) -> usize {
    let mut rows = 0;
    for s in statements {
        rows += client.simple_query(s).await.unwrap().len();
    }
    rows
}

pub fn sqlite(conn: &rusqlite::Connection, statements: &[String]) -> usize {
    let mut rows = 0;
    for s in statements {
        let mut st = conn.prepare_cached(s).unwrap();
        let mut r = st.query([]).unwrap();
        while r.next().unwrap().is_some() {
            rows += 1;
        }
    }
    rows
}
