//! Projections: the rows each document kind writes beside itself (sale lines, payments,
//! approvals, stock movements), in the same transaction, so that reports can use plain SQL.
//! The document's canonical body stays the authority; `verify` checks the rows against it.

use kasir_core::document::{Body, Document, SaleBody};
use rusqlite::{Connection, OptionalExtension, params};

use kasir_core::policy::Action;

use super::{LedgerError, Statements};

/// Ledger-wide rules a document must meet before it is sealed (what the pure core cannot
/// know because it needs earlier documents).
pub fn check(conn: &Connection, body: &Body) -> Result<(), LedgerError> {
    match body {
        Body::Void(v) => {
            let kind: Option<String> = conn
                .prepare_cached("SELECT kind FROM documents WHERE seq = ?1")?
                .query_row([v.voided_seq], |r| r.get(0))
                .optional()?;
            match kind.as_deref() {
                Some("sale") => {}
                Some(other) => {
                    return Err(LedgerError::Refused(format!(
                        "document {} is a {other}, not a sale",
                        v.voided_seq
                    )));
                }
                None => return Err(LedgerError::Refused(format!("there is no document {}", v.voided_seq))),
            }
            let already: bool = conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM documents WHERE kind = 'void'
                                    AND json_extract(body, '$.body.voided_seq') = ?1)",
                )?
                .query_row([v.voided_seq], |r| r.get(0))?;
            if already {
                return Err(LedgerError::Refused(format!("sale {} is already voided", v.voided_receipt)));
            }
            Ok(())
        }
        Body::Sale(_) | Body::Cancel(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_) => Ok(()),
    }
}

pub fn project(conn: &Connection, s: &mut Statements, doc: &Document) -> Result<(), LedgerError> {
    let seq = doc.header.seq;
    match &doc.body {
        Body::Sale(sale) => project_sale(s, seq, sale),
        Body::Void(v) => {
            // Stock comes back exactly as the voided sale took it.
            conn.prepare_cached(
                "INSERT INTO stock_movements (seq, sku, quantity_milli, reason)
                 SELECT ?1, sku, -quantity_milli, 'void' FROM stock_movements WHERE seq = ?2 ORDER BY id",
            )?
            .execute(params![seq, v.voided_seq])?;
            insert_approval(s, seq, 0, Action::VoidSale.code(), &v.approver, &v.reason, None)
        }
        Body::Cancel(c) => insert_approval(s, seq, 0, Action::VoidSale.code(), &c.approver, &c.reason, None),
        Body::NoSale(n) => insert_approval(s, seq, 0, Action::NoSale.code(), &n.approver, &n.reason, None),
        Body::CashIn(_) | Body::CashOut(_) => Ok(()),
    }
}

fn project_sale(s: &mut Statements, seq: u64, sale: &SaleBody) -> Result<(), LedgerError> {
    for l in &sale.lines {
        s.insert_line.execute(params![
            seq,
            l.line_no,
            l.sku,
            l.name,
            l.category,
            l.barcode,
            l.quantity.milli(),
            l.list_price,
            l.unit_price,
            l.extended,
            l.line_discount,
            l.order_discount,
            l.net,
            l.tax,
            l.gross,
            l.tax_class,
            l.tax_rate_bp,
            l.price_includes_tax,
        ])?;
        s.insert_stock.execute(params![seq, l.sku, -l.quantity.milli(), "sale"])?;
    }
    for (i, t) in sale.tenders.iter().enumerate() {
        s.insert_payment.execute(params![seq, i as u32, t.kind.code(), t.amount, t.reference])?;
    }
    for (i, a) in sale.approvals.iter().enumerate() {
        insert_approval(s, seq, i as u32, &a.action, &a.approver, &a.reason, a.line)?;
    }
    Ok(())
}

fn insert_approval(
    s: &mut Statements,
    seq: u64,
    idx: u32,
    action: &str,
    approver: &str,
    reason: &str,
    line: Option<u32>,
) -> Result<(), LedgerError> {
    s.insert_approval.execute(params![seq, idx, action, approver, reason, line])?;
    Ok(())
}
