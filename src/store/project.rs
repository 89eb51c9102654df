//! Projections: the rows each document writes beside itself (sale lines, payments,
//! approvals, settlements, return lines, stock movements, shifts, day closes), in the same
//! transaction, so that reports can use plain SQL. The document's canonical body stays the
//! authority; `verify` checks the rows against it through the same descriptions
//! ([`super::rows`]).

use kasir_core::document::{Body, Document};
use kasir_core::returns::ReturnBody;
use rusqlite::{Connection, params};

use super::rows::{
    ApprovalRow, PaymentRow, Projection, RequestRow, ReturnLineRow, SaleLineRow, SettlementRow,
};
use super::{LedgerError, Statements};

/// The sequence of a return's original sale in this ledger: none for a return without a
/// receipt or of another terminal's sale.
pub fn local_original_seq(doc: &Document, r: &ReturnBody) -> Option<u64> {
    r.original.as_ref().filter(|o| o.made_at(&doc.header.store, &doc.header.terminal)).map(|o| o.seq)
}

/// Writes the rows document `doc` implies beside it (see [`super::rows`]), its stock
/// movements, and its shift or Z bookkeeping.
pub fn project(conn: &Connection, s: &mut Statements, doc: &Document) -> Result<(), LedgerError> {
    write(&mut s.insert_request, RequestRow::of(doc))?;
    write(&mut s.insert_line, SaleLineRow::of(doc))?;
    write(&mut s.insert_return_line, ReturnLineRow::of(doc))?;
    write(&mut s.insert_payment, PaymentRow::of(doc))?;
    write(&mut s.insert_approval, ApprovalRow::of(doc))?;
    write(&mut s.insert_settlement, SettlementRow::of(doc))?;
    let seq = doc.header.seq;
    match &doc.body {
        Body::Sale(sale) => {
            for l in &sale.lines {
                s.insert_stock.execute(params![seq, l.sku, -l.quantity.milli(), "sale"])?;
            }
        }
        Body::Return(r) => {
            for l in &r.lines {
                s.insert_stock.execute(params![seq, l.sku, l.quantity.milli(), "return"])?;
            }
        }
        Body::Void(v) => {
            // Stock comes back exactly as the voided sale took it.
            conn.prepare_cached(
                "INSERT INTO stock_movements (seq, sku, quantity_milli, reason)
                 SELECT ?1, sku, -quantity_milli, 'void' FROM stock_movements WHERE seq = ?2 ORDER BY id",
            )?
            .execute(params![seq, v.voided_seq])?;
        }
        Body::ShiftOpen(o) => {
            conn.prepare_cached("INSERT INTO shifts (shift_no, opened_seq, float) VALUES (?1, ?2, ?3)")?
                .execute(params![o.shift_no, seq, o.float])?;
        }
        Body::ShiftClose(c) => {
            conn.prepare_cached("UPDATE shifts SET closed_seq = ?1 WHERE shift_no = ?2")?
                .execute(params![seq, c.shift_no])?;
        }
        Body::DayClose(d) => {
            conn.prepare_cached(
                "INSERT INTO day_closes (z_number, seq, business_date, first_seq, last_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                d.z_number,
                seq,
                d.business_date,
                d.report.first_seq,
                d.report.last_seq
            ])?;
        }
        Body::Cancel(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_) => {}
    }
    Ok(())
}

fn write<T: Projection>(stmt: &mut rusqlite::Statement, rows: Vec<T>) -> Result<(), LedgerError> {
    for row in rows {
        row.insert(stmt)?;
    }
    Ok(())
}
