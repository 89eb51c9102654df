//! Projections: the rows each document kind writes beside itself (sale lines, payments,
//! approvals, stock movements), in the same transaction, so that reports can use plain SQL.
//! The document's canonical body stays the authority; `verify` checks the rows against it.

use kasir_core::document::{Body, Document, SaleBody};
use rusqlite::{Connection, OptionalExtension, params};

use super::LedgerError;

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
        Body::Sale(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_) => Ok(()),
    }
}

pub fn project(conn: &Connection, doc: &Document) -> Result<(), LedgerError> {
    let seq = doc.header.seq;
    match &doc.body {
        Body::Sale(sale) => project_sale(conn, seq, sale),
        Body::Void(v) => {
            // Stock comes back exactly as the voided sale took it.
            conn.prepare_cached(
                "INSERT INTO stock_movements (seq, sku, quantity_milli, reason)
                 SELECT ?1, sku, -quantity_milli, 'void' FROM stock_movements WHERE seq = ?2 ORDER BY id",
            )?
            .execute(params![seq, v.voided_seq])?;
            insert_approval(conn, seq, 0, "void_sale", &v.approver, &v.reason, None)
        }
        Body::NoSale(n) => insert_approval(conn, seq, 0, "no_sale", &n.approver, &n.reason, None),
        Body::CashIn(_) | Body::CashOut(_) => Ok(()),
    }
}

fn project_sale(conn: &Connection, seq: u64, sale: &SaleBody) -> Result<(), LedgerError> {
    let mut line_stmt = conn.prepare_cached(
        "INSERT INTO sale_lines (seq, line_no, sku, name, category, barcode, quantity_milli, list_price,
             unit_price, extended, line_discount, order_discount, net, tax, gross, tax_class, tax_rate_bp,
             price_includes_tax)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut stock_stmt = conn.prepare_cached(
        "INSERT INTO stock_movements (seq, sku, quantity_milli, reason) VALUES (?1, ?2, ?3, 'sale')",
    )?;
    for l in &sale.lines {
        line_stmt.execute(params![
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
        stock_stmt.execute(params![seq, l.sku, -l.quantity.milli()])?;
    }
    let mut pay_stmt = conn.prepare_cached(
        "INSERT INTO payments (seq, idx, kind, amount, reference) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, t) in sale.tenders.iter().enumerate() {
        pay_stmt.execute(params![seq, i as u32, t.kind.code(), t.amount, t.reference])?;
    }
    for (i, a) in sale.approvals.iter().enumerate() {
        insert_approval(conn, seq, i as u32, &a.action, &a.approver, &a.reason, a.line)?;
    }
    Ok(())
}

fn insert_approval(
    conn: &Connection,
    seq: u64,
    idx: u32,
    action: &str,
    approver: &str,
    reason: &str,
    line: Option<u32>,
) -> Result<(), LedgerError> {
    conn.prepare_cached(
        "INSERT INTO approvals (seq, idx, action, approver, reason, line_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![seq, idx, action, approver, reason, line])?;
    Ok(())
}
