//! The projection tables, each described once: its columns (as a Rust struct whose field
//! names are the column names), the rows a document implies, how a row is written, and how
//! it is read back. The commit path writes what [`Projection::of`] gives; `verify` reads the
//! table with [`Projection::select`] and compares with the same [`Projection::of`], so the two
//! can never drift apart. (The tables themselves are in `migrations/`.)

use kasir_core::document::{Body, Document};
use kasir_core::policy::Action;
use rusqlite::{Row, Statement, ToSql};

/// A projection table: its rows for one document, written and read by one description.
pub(in crate::store) trait Projection: Sized + PartialEq + std::fmt::Debug {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    /// The order `verify` reads the table in (`seq` first).
    const ORDER: &'static str;
    /// The rows document `doc` implies.
    fn of(doc: &Document) -> Vec<Self>;
    fn insert(&self, stmt: &mut Statement) -> rusqlite::Result<usize>;
    fn read(row: &Row) -> rusqlite::Result<Self>;
    fn seq(&self) -> u64;

    fn insert_sql() -> String {
        let marks: Vec<String> = (1..=Self::COLUMNS.len()).map(|i| format!("?{i}")).collect();
        format!("INSERT INTO {} ({}) VALUES ({})", Self::TABLE, Self::COLUMNS.join(", "), marks.join(", "))
    }

    fn select() -> String {
        format!("SELECT {} FROM {} ORDER BY {}", Self::COLUMNS.join(", "), Self::TABLE, Self::ORDER)
    }
}

/// A struct whose fields are a table's columns, in order, with its [`Projection`] plumbing.
macro_rules! projection {
    ($(#[$doc:meta])* $name:ident in $table:literal order $order:literal { $($field:ident: $ty:ty),+ $(,)? }
     of |$doc_arg:ident| $of:block) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub(in crate::store) struct $name {
            $(pub $field: $ty),+
        }

        impl Projection for $name {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];
            const ORDER: &'static str = $order;

            fn of($doc_arg: &Document) -> Vec<Self> $of

            fn insert(&self, stmt: &mut Statement) -> rusqlite::Result<usize> {
                stmt.execute(&[$(&self.$field as &dyn ToSql),+][..])
            }

            fn read(row: &Row) -> rusqlite::Result<Self> {
                let mut column = 0;
                let mut next = || {
                    column += 1;
                    column - 1
                };
                Ok($name { $($field: row.get(next())?),+ })
            }

            fn seq(&self) -> u64 {
                self.seq
            }
        }
    };
}

projection! {
    /// One line of a sale, as sold.
    SaleLineRow in "sale_lines" order "seq, line_no" {
        seq: u64, line_no: u32, sku: String, name: String, category: String, barcode: Option<String>,
        quantity_milli: i64, list_price: i64, unit_price: i64, extended: i64, line_discount: i64,
        order_discount: i64, net: i64, tax: i64, gross: i64, tax_class: String, tax_rate_bp: u32,
        price_includes_tax: bool, dpp_base: Option<String>, dpp: Option<i64>,
    }
    of |doc| {
        let Body::Sale(s) = &doc.body else { return Vec::new() };
        let seq = doc.header.seq;
        s.lines
            .iter()
            .map(|l| SaleLineRow {
                seq,
                line_no: l.line_no,
                sku: l.sku.clone(),
                name: l.name.clone(),
                category: l.category.clone(),
                barcode: l.barcode.clone(),
                quantity_milli: l.quantity.milli(),
                list_price: l.list_price,
                unit_price: l.unit_price,
                extended: l.extended,
                line_discount: l.line_discount,
                order_discount: l.order_discount,
                net: l.net,
                tax: l.tax,
                gross: l.gross,
                tax_class: l.tax_class.clone(),
                tax_rate_bp: l.tax_rate_bp,
                price_includes_tax: l.price_includes_tax,
                dpp_base: dpp_base_column(l.dpp_base),
                dpp: l.dpp,
            })
            .collect()
    }
}

/// A DPP base as its column holds it: NULL for the whole net (every line before DPP).
fn dpp_base_column(base: kasir_core::tax::DppBase) -> Option<String> {
    (!base.is_full()).then(|| base.to_string())
}

projection! {
    /// One tender of a sale (received) or of a return (refunded).
    PaymentRow in "payments" order "seq, idx" {
        seq: u64, idx: u32, kind: String, amount: i64, reference: Option<String>,
    }
    of |doc| {
        let tenders = match &doc.body {
            Body::Sale(s) => &s.tenders,
            Body::Return(r) => &r.refunds,
            _ => return Vec::new(),
        };
        tenders
            .iter()
            .enumerate()
            .map(|(i, t)| PaymentRow {
                seq: doc.header.seq,
                idx: i as u32,
                kind: t.kind.code().to_owned(),
                amount: t.amount,
                reference: t.reference.clone(),
            })
            .collect()
    }
}

projection! {
    /// A manager's approval, with the document it let through.
    ApprovalRow in "approvals" order "seq, idx" {
        seq: u64, idx: u32, action: String, approver: String, reason: String, line_no: Option<u32>,
    }
    of |doc| {
        let seq = doc.header.seq;
        let one = |action: Action, approver: &str, reason: &str| ApprovalRow {
            seq,
            idx: 0,
            action: action.code().to_owned(),
            approver: approver.to_owned(),
            reason: reason.to_owned(),
            line_no: None,
        };
        match &doc.body {
            Body::Sale(s) => s
                .approvals
                .iter()
                .enumerate()
                .map(|(i, a)| ApprovalRow {
                    seq,
                    idx: i as u32,
                    action: a.action.code().to_owned(),
                    approver: a.approver.clone(),
                    reason: a.reason.clone(),
                    line_no: a.line,
                })
                .collect(),
            Body::Void(v) => vec![one(Action::VoidSale, &v.approver, &v.reason)],
            Body::Cancel(c) => vec![one(Action::VoidSale, &c.approver, &c.reason)],
            Body::NoSale(n) => vec![one(Action::NoSale, &n.approver, &n.reason)],
            Body::Return(r) => r.approver.iter().map(|a| one(Action::Return, a, &r.reason)).collect(),
            Body::CashIn(c) => c.approver.iter().map(|a| one(Action::CashIn, a, &c.reason)).collect(),
            Body::CashOut(c) => c.approver.iter().map(|a| one(Action::CashOut, a, &c.reason)).collect(),
            _ => Vec::new(),
        }
    }
}

projection! {
    /// What a sale or a return settled: its total, cash rounding, change and items.
    SettlementRow in "settlements" order "seq" {
        seq: u64, total: i64, rounding: i64, change: i64, items_milli: i64,
    }
    of |doc| {
        let seq = doc.header.seq;
        match &doc.body {
            Body::Sale(s) => vec![SettlementRow {
                seq,
                total: s.total,
                rounding: s.rounding,
                change: s.change,
                items_milli: s.items.milli(),
            }],
            Body::Return(r) => vec![SettlementRow { seq, total: r.total, rounding: r.rounding, change: 0, items_milli: 0 }],
            _ => Vec::new(),
        }
    }
}

projection! {
    /// One line of goods back, with the sale line it came from.
    ReturnLineRow in "return_lines" order "seq, line_no" {
        seq: u64, line_no: u32, original_seq: Option<u64>, original_line_no: Option<u32>, sku: String,
        name: String, category: String, quantity_milli: i64, net: i64, tax: i64, gross: i64,
        tax_class: String, tax_rate_bp: u32, price_includes_tax: bool, original_receipt: Option<String>,
        dpp_base: Option<String>, dpp: Option<i64>,
    }
    of |doc| {
        let Body::Return(r) = &doc.body else { return Vec::new() };
        let original_seq = super::project::local_original_seq(doc, r);
        r.lines
            .iter()
            .map(|l| ReturnLineRow {
                seq: doc.header.seq,
                line_no: l.line_no,
                original_seq,
                original_line_no: l.original_line_no,
                sku: l.sku.clone(),
                name: l.name.clone(),
                category: l.category.clone(),
                quantity_milli: l.quantity.milli(),
                net: l.net,
                tax: l.tax,
                gross: l.gross,
                tax_class: l.tax_class.clone(),
                tax_rate_bp: l.tax_rate_bp,
                price_includes_tax: l.price_includes_tax,
                original_receipt: r.original.as_ref().map(|o| o.receipt.clone()),
                dpp_base: dpp_base_column(l.dpp_base),
                dpp: l.dpp,
            })
            .collect()
    }
}

projection! {
    /// A script's request id, so that a retried script never commits twice.
    RequestRow in "requests" order "seq" {
        seq: u64, request_id: String,
    }
    of |doc| {
        doc.body.request_id().map(|id| RequestRow { seq: doc.header.seq, request_id: id.to_owned() }).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statements_name_every_column_once() {
        assert_eq!(
            PaymentRow::insert_sql(),
            "INSERT INTO payments (seq, idx, kind, amount, reference) VALUES (?1, ?2, ?3, ?4, ?5)"
        );
        assert_eq!(
            SettlementRow::select(),
            "SELECT seq, total, rounding, change, items_milli FROM settlements ORDER BY seq"
        );
        assert_eq!(SaleLineRow::COLUMNS.len(), 20);
        assert_eq!(ReturnLineRow::COLUMNS.len(), 17);
    }
}
