//! What the dashboard and the reports read: summary tables kept per terminal × business day
//! × hour, product, cashier, tender and tax rate, maintained in the same transaction as
//! ingest, so that a query's cost grows with the days and products it shows, not with the
//! number of sale lines behind them.
//!
//! Every figure is in minor units (quantities in thousandths) and summed exactly (i128), as
//! the CLI's sales report: for the same period and stores, [`Figures::net`] equals the sum
//! of the report's net, to the Rupiah.

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Serialize;

use crate::storage::StorageError;

/// Which sales a query reads. `stores: None` is the whole chain; `Some(list)` only those
/// stores (an empty list reads nothing: a manager of no store sees nothing). The web app
/// resolves a region, a chosen store and the user's own stores into this list before asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesFilter {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub stores: Option<Vec<String>>,
    /// One terminal of the (single) store in `stores`.
    pub terminal: Option<String>,
}

/// The headline figures of a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Sales less returns and voids, without tax (the report's `net`).
    pub net: i128,
    pub tax: i128,
    pub gross: i128,
    /// Completed sales (not voided ones: a void takes its sale back out).
    pub transactions: i64,
    /// Pieces and weight sold, in thousandths, less returned and voided.
    pub items_milli: i128,
    /// Line and order discounts given on those sales (0 for documents stored before the
    /// summary tables existed: see the migration).
    pub discounts: i128,
    pub returns: i64,
    /// Refunded by returns (gross, positive).
    pub returned: i128,
    /// Voids that took a sale back (a void of a set-aside sale takes nothing and is not counted).
    pub voids: i64,
    /// Taken back by voids (gross, positive).
    pub voided: i128,
}

/// How a breakdown groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    Store,
    Terminal,
    Day,
    /// Hour of the day, `00` to `23`, in the store's own time.
    Hour,
    Product,
    Category,
    Cashier,
    /// Tender kind (`cash`, `card`, `qris`, …): `net` (and `gross`) hold the amount taken less
    /// refunded, cash less the change given; a void takes its sale's back.
    Tender,
    /// Tax class and rate: `net` holds the DPP (the base the rate is charged on), `tax` the tax.
    Tax,
    /// Return reasons: `documents` returns, `gross` refunded (negative, as in the report).
    ReturnReason,
}

impl Breakdown {
    pub const ALL: [Breakdown; 10] = [
        Breakdown::Store,
        Breakdown::Terminal,
        Breakdown::Day,
        Breakdown::Hour,
        Breakdown::Product,
        Breakdown::Category,
        Breakdown::Cashier,
        Breakdown::Tender,
        Breakdown::Tax,
        Breakdown::ReturnReason,
    ];

    /// Its word, in URLs and over a report's first column.
    pub fn code(self) -> &'static str {
        match self {
            Breakdown::Store => "store",
            Breakdown::Terminal => "terminal",
            Breakdown::Day => "day",
            Breakdown::Hour => "hour",
            Breakdown::Product => "product",
            Breakdown::Category => "category",
            Breakdown::Cashier => "cashier",
            Breakdown::Tender => "tender",
            Breakdown::Tax => "tax",
            Breakdown::ReturnReason => "return_reason",
        }
    }

    pub fn from_code(word: &str) -> Option<Breakdown> {
        Breakdown::ALL.into_iter().find(|b| b.code() == word)
    }
}

/// One row of a breakdown, ordered by `key`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BreakdownRow {
    /// The store, `S01-T01` for a terminal, `2026-12-01`, `09`, a SKU, a category, a user
    /// code, a tender kind, `PPN:1100` (class and rate in basis points), a reason.
    pub key: String,
    /// A name for the key where one is known (the product's or user's name), else empty.
    pub label: String,
    /// Receipts (sales, returns and voids) in the row, as the sales report counts them: a sale
    /// and its void are two.
    pub documents: i64,
    pub quantity_milli: i128,
    pub net: i128,
    pub tax: i128,
    pub gross: i128,
}

/// One row of a streamed export: a breakdown kept per store and business day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportRow {
    pub store: String,
    pub day: NaiveDate,
    pub row: BreakdownRow,
}

/// An approval given at a counter: who let whom do what, on which receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovalRow {
    pub store: String,
    pub terminal: String,
    pub receipt: String,
    /// The document's own time, as the terminal wrote it (RFC 3339 with the store's offset).
    pub at: String,
    /// `price_override`, `discount_over_limit`, `void`, … (kasir-core's action codes).
    pub action: String,
    pub cashier: String,
    pub approver: String,
    pub reason: String,
}

/// A store as the web app lists and filters them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoreSummary {
    pub code: String,
    pub name: String,
    /// Empty when none was set (`store set --region`).
    pub region: String,
    /// `+07:00`.
    pub utc_offset: String,
}

/// A stored document for the receipt page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredDocument {
    pub store: String,
    pub terminal: String,
    pub seq: u64,
    pub kind: String,
    pub receipt: String,
    pub hash: String,
    /// Exactly what the terminal hashed.
    pub canonical: String,
    pub set_aside: bool,
}

/// Receipts of one terminal and business day, for the drill-down (newest last).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReceiptSummary {
    pub seq: u64,
    pub kind: String,
    pub receipt: String,
    pub at: String,
    pub cashier: String,
    pub amount: i64,
    pub set_aside: bool,
}

/// Where sales export rows go: the storage sends as it reads; a closed receiver ends the read.
pub type ExportSink = tokio::sync::mpsc::Sender<Result<ExportRow, StorageError>>;

/// How long an export waits for its reader to take the next row: a download nobody reads
/// ends, rather than holding a database connection for ever.
pub const EXPORT_STALL: std::time::Duration = std::time::Duration::from_secs(60);

#[async_trait]
pub trait Analytics: Send + Sync {
    /// Every store, by code.
    async fn stores(&self) -> Result<Vec<StoreSummary>, StorageError>;
    async fn figures(&self, filter: &SalesFilter) -> Result<Figures, StorageError> {
        self.figures_until(filter, None).await
    }
    /// [`Analytics::figures`], the filter's last day counted only before `hour` (the store's
    /// own time): a day still going on is compared with the same hours of earlier days.
    async fn figures_until(&self, filter: &SalesFilter, hour: Option<u32>) -> Result<Figures, StorageError>;
    async fn breakdown(&self, filter: &SalesFilter, by: Breakdown)
    -> Result<Vec<BreakdownRow>, StorageError>;
    /// A breakdown per store and day, sent row by row in (store, day, key) order without the
    /// whole being held in memory (a year of a 50-store chain by product).
    async fn export(&self, filter: &SalesFilter, by: Breakdown, sink: ExportSink)
    -> Result<(), StorageError>;
    /// Approvals in the period, oldest first, at most `limit` (of documents that count, and
    /// stored since the summary tables exist).
    async fn approvals(&self, filter: &SalesFilter, limit: u32) -> Result<Vec<ApprovalRow>, StorageError>;
    /// A terminal's receipts of one business day.
    async fn receipts(
        &self,
        store: &str,
        terminal: &str,
        day: NaiveDate,
    ) -> Result<Vec<ReceiptSummary>, StorageError>;
    /// One stored document by store, terminal and sequence (the receipt page reads the one
    /// before and after it too, to show that it links into the chain).
    async fn document(
        &self,
        store: &str,
        terminal: &str,
        seq: u64,
    ) -> Result<Option<StoredDocument>, StorageError>;
    /// Changes whenever anything is stored (a new sale, a new contact): the live dashboard
    /// polls it once a second to hear of sales taken by another server process.
    async fn watermark(&self) -> Result<String, StorageError>;
}

/// The analytics statements, written once for both storages: they differ only in how an
/// exact sum is read, how a list of stores is passed, and how text keys are ordered. Each
/// reads the summary tables ([`crate::summary`]) with the filter's parameters `$1` (from),
/// `$2` (to), `$3` (stores, NULL for all) and `$4` (terminal, NULL for all).
pub(crate) mod statements {
    use super::Breakdown;
    use crate::rows::{self, Row, exact_sum};
    use crate::storage::StorageError;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Dialect {
        Sqlite,
        Postgres,
    }

    impl Dialect {
        /// An exact sum as decimal text ([`crate::rows::exact_sum`] reads it).
        fn sum(self, column: &str) -> String {
            match self {
                Dialect::Sqlite => format!("exact_sum({column})"),
                Dialect::Postgres => format!("SUM({column})::text"),
            }
        }

        /// The filter of `$1` (from), `$2` (to), `$3` (the stores) and `$4` (a terminal). A
        /// statement is written for a list of stores (`by_store`) or for all of them (`$3`
        /// NULL), not one for both: with the store test in an `OR`, a plan made once for every
        /// call cannot use an index by store, and one store's year would read every store's.
        fn filter(self, by_store: bool) -> String {
            let (period, stores, terminal) = match self {
                // `$3` is a JSON array of store codes.
                Dialect::Sqlite => (
                    "s.business_date BETWEEN $1 AND $2",
                    "s.store IN (SELECT value FROM json_each($3))",
                    "($4 IS NULL OR s.terminal = $4)",
                ),
                Dialect::Postgres => (
                    "s.business_date BETWEEN $1::text AND $2::text",
                    "s.store = ANY($3::text[])",
                    "($4::text IS NULL OR s.terminal = $4::text)",
                ),
            };
            let all = match self {
                Dialect::Sqlite => "$3 IS NULL",
                Dialect::Postgres => "$3::text[] IS NULL",
            };
            format!("{period} AND {} AND {terminal}", if by_store { stores } else { all })
        }

        /// Keys are ordered by their bytes on both engines (PostgreSQL's default collation
        /// would order them by the server's locale).
        fn bytewise(self) -> &'static str {
            match self {
                Dialect::Sqlite => "",
                Dialect::Postgres => " COLLATE \"C\"",
            }
        }
    }

    /// Where a breakdown reads: table, key, what it groups by, label, quantity column.
    fn source(by: Breakdown) -> (&'static str, &'static str, &'static str, &'static str, &'static str) {
        const NONE: &str = "''";
        match by {
            Breakdown::Store => (
                "summary_hours",
                "s.store",
                "s.store",
                "COALESCE((SELECT st.name FROM stores st WHERE st.code = s.store), '')",
                "items_milli",
            ),
            Breakdown::Terminal => {
                ("summary_hours", "s.store || '-' || s.terminal", "s.store, s.terminal", NONE, "items_milli")
            }
            Breakdown::Day => ("summary_hours", "s.business_date", "s.business_date", NONE, "items_milli"),
            Breakdown::Hour => (
                "summary_hours",
                "CASE WHEN s.hour < 10 THEN '0' ELSE '' END || s.hour",
                "s.hour",
                NONE,
                "items_milli",
            ),
            // The name of the product's latest day (the date is 10 characters long).
            Breakdown::Product => (
                "summary_products",
                "s.sku",
                "s.sku",
                "substr(MAX(s.business_date || s.name), 11)",
                "quantity_milli",
            ),
            Breakdown::Category => ("summary_categories", "s.category", "s.category", NONE, "quantity_milli"),
            Breakdown::Cashier => (
                "summary_cashiers",
                "s.cashier",
                "s.cashier",
                "COALESCE((SELECT u.name FROM users u WHERE u.code = s.cashier), '')",
                "quantity_milli",
            ),
            Breakdown::Tender => ("summary_tenders", "s.tender", "s.tender", NONE, "quantity_milli"),
            Breakdown::Tax => (
                "summary_taxes",
                "s.tax_class || ':' || s.rate_bp",
                "s.tax_class, s.rate_bp",
                NONE,
                "quantity_milli",
            ),
            Breakdown::ReturnReason => {
                ("summary_return_reasons", "s.reason", "s.reason", NONE, "quantity_milli")
            }
        }
    }

    /// A breakdown's rows (`key, label, documents, quantity, net, tax, gross`), or with
    /// `per_day` each store's and day's (`store, day` first), in key order.
    pub(crate) fn breakdown(d: Dialect, by: Breakdown, per_day: bool, by_store: bool) -> String {
        let (table, key, group, label, quantity) = source(by);
        let sums: Vec<String> = ["s.documents", &format!("s.{quantity}"), "s.net", "s.tax", "s.gross"]
            .iter()
            .map(|c| d.sum(c))
            .collect();
        let c = d.bytewise();
        let (prefix, order) = if per_day {
            ("s.store, s.business_date, ", format!("s.store{c}, s.business_date, ({key}){c}"))
        } else {
            ("", format!("({key}){c}"))
        };
        format!(
            "SELECT {prefix}{key}, {label}, {} FROM {table} s WHERE {} GROUP BY {prefix}{group} ORDER BY {order}",
            sums.join(", "),
            d.filter(by_store)
        )
    }

    /// A breakdown row from `key, label, documents, quantity, net, tax, gross` at `at`.
    pub(crate) fn breakdown_row(r: &impl Row, at: usize) -> Result<super::BreakdownRow, StorageError> {
        Ok(super::BreakdownRow {
            key: r.get(at)?,
            label: r.get(at + 1)?,
            documents: count(r, at + 2)?,
            quantity_milli: exact_sum(r, at + 3)?,
            net: exact_sum(r, at + 4)?,
            tax: exact_sum(r, at + 5)?,
            gross: exact_sum(r, at + 6)?,
        })
    }

    /// An export row: `store, day`, then a breakdown row.
    pub(crate) fn export_row(r: &impl Row) -> Result<super::ExportRow, StorageError> {
        let day: String = r.get(1)?;
        Ok(super::ExportRow {
            store: r.get(0)?,
            day: day.parse().map_err(|e| StorageError::Unreadable(format!("business day '{day}': {e}")))?,
            row: breakdown_row(r, 2)?,
        })
    }

    const FIGURES: [&str; 10] = [
        "sales",
        "items_milli",
        "net",
        "tax",
        "gross",
        "discounts",
        "returns",
        "returned",
        "voids",
        "voided",
    ];

    /// The figures of the filter, its last day only before hour `$5` (NULL: the whole day).
    pub(crate) fn figures(d: Dialect, by_store: bool) -> String {
        let sums: Vec<String> = FIGURES.iter().map(|c| d.sum(&format!("s.{c}"))).collect();
        let until = match d {
            Dialect::Sqlite => "($5 IS NULL OR s.business_date < $2 OR s.hour < $5)",
            Dialect::Postgres => "($5::bigint IS NULL OR s.business_date < $2::text OR s.hour < $5::bigint)",
        };
        format!("SELECT {} FROM summary_hours s WHERE {} AND {until}", sums.join(", "), d.filter(by_store))
    }

    pub(crate) fn figures_row(r: &impl Row) -> Result<super::Figures, StorageError> {
        Ok(super::Figures {
            transactions: count(r, 0)?,
            items_milli: exact_sum(r, 1)?,
            net: exact_sum(r, 2)?,
            tax: exact_sum(r, 3)?,
            gross: exact_sum(r, 4)?,
            discounts: exact_sum(r, 5)?,
            returns: count(r, 6)?,
            returned: exact_sum(r, 7)?,
            voids: count(r, 8)?,
            voided: exact_sum(r, 9)?,
        })
    }

    /// A summed count (of receipts), which fits 64 bits unless the tables were tampered with.
    fn count(r: &impl Row, i: usize) -> Result<i64, StorageError> {
        let n = exact_sum(r, i)?;
        i64::try_from(n).map_err(|_| StorageError::Unreadable(format!("count {n} in column {i}")))
    }

    /// Approvals in the filter's period, oldest first, at most `$5`.
    pub(crate) fn approvals(d: Dialect, by_store: bool) -> String {
        format!(
            "SELECT s.store, s.terminal, s.receipt, s.at, s.action, s.cashier, s.approver, s.reason
             FROM approvals s WHERE {} ORDER BY s.business_date, s.at, s.store, s.terminal, s.seq, s.n LIMIT $5",
            d.filter(by_store)
        )
    }

    pub(crate) fn approval_row(r: &impl Row) -> Result<super::ApprovalRow, StorageError> {
        Ok(super::ApprovalRow {
            store: r.get(0)?,
            terminal: r.get(1)?,
            receipt: r.get(2)?,
            at: r.get(3)?,
            action: r.get(4)?,
            cashier: r.get(5)?,
            approver: r.get(6)?,
            reason: r.get(7)?,
        })
    }

    pub(crate) const STORES: &str = "SELECT code, name, region, utc_offset FROM stores ORDER BY code";

    pub(crate) fn store_row(r: &impl Row) -> Result<super::StoreSummary, StorageError> {
        Ok(super::StoreSummary { code: r.get(0)?, name: r.get(1)?, region: r.get(2)?, utc_offset: r.get(3)? })
    }

    /// A terminal's documents of one business day (`$3`): the canonical time begins with the
    /// store's local date, as [`crate::ingest::day_and_hour`] takes it (an index on the same
    /// expression finds them).
    pub(crate) const RECEIPTS: &str =
        "SELECT seq, kind, receipt_number, created_at, user_code, amount, set_aside FROM documents
         WHERE store = $1 AND terminal = $2 AND substr(created_at, 1, 10) = $3 ORDER BY seq";

    pub(crate) fn receipt_row(r: &impl Row) -> Result<super::ReceiptSummary, StorageError> {
        Ok(super::ReceiptSummary {
            seq: rows::unsigned(r, 0)?,
            kind: r.get(1)?,
            receipt: r.get(2)?,
            at: r.get(3)?,
            cashier: r.get(4)?,
            amount: r.get(5)?,
            set_aside: r.get(6)?,
        })
    }

    pub(crate) const DOCUMENT: &str =
        "SELECT store, terminal, seq, kind, receipt_number, hash, canonical, set_aside
         FROM documents WHERE store = $1 AND terminal = $2 AND seq = $3";

    pub(crate) fn document_row(r: &impl Row) -> Result<super::StoredDocument, StorageError> {
        Ok(super::StoredDocument {
            store: r.get(0)?,
            terminal: r.get(1)?,
            seq: rows::unsigned(r, 2)?,
            kind: r.get(3)?,
            receipt: r.get(4)?,
            hash: r.get(5)?,
            canonical: r.get(6)?,
            set_aside: r.get(7)?,
        })
    }
}
