//! Shifts as the ledger sees them: which one is open, and the cash that moved during one,
//! summed from the projections by sequence range (a shift is every document after its
//! opening document on this terminal, up to its close).

use kasir_core::shift::CashFlows;
use rusqlite::{Connection, OptionalExtension, Statement};

use super::LedgerError;

/// A shift's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub shift_no: u64,
    pub opened_seq: u64,
    pub float: i64,
    pub closed_seq: Option<u64>,
}

pub(crate) const LAST_SHIFT_SQL: &str =
    "SELECT shift_no, opened_seq, float, closed_seq FROM shifts ORDER BY shift_no DESC LIMIT 1";

/// The latest shift (open or not), through the commit path's prepared statement.
pub(crate) fn current_shift_with(stmt: &mut Statement) -> Result<Option<Shift>, LedgerError> {
    Ok(stmt
        .query_row([], |r| {
            Ok(Shift { shift_no: r.get(0)?, opened_seq: r.get(1)?, float: r.get(2)?, closed_seq: r.get(3)? })
        })
        .optional()?)
}

/// The latest shift (open or not).
pub(in crate::store) fn last_shift(conn: &Connection) -> Result<Option<Shift>, LedgerError> {
    current_shift_with(&mut conn.prepare(LAST_SHIFT_SQL)?)
}

/// The cash that moved in documents `after < seq ≤ up_to`, with `float` to start from.
pub(in crate::store) fn shift_flows(
    conn: &Connection,
    after: u64,
    float: i64,
    up_to: u64,
) -> Result<CashFlows, LedgerError> {
    let up_to = up_to.min(i64::MAX as u64);
    let sum_payments = |doc_kind: &str| -> Result<i64, LedgerError> {
        Ok(conn
            .prepare_cached(
                "SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN documents d ON d.seq = p.seq
                 WHERE p.seq > ?1 AND p.seq <= ?2 AND p.kind = 'cash' AND d.kind = ?3",
            )?
            .query_row(rusqlite::params![after, up_to, doc_kind], |r| r.get(0))?)
    };
    let sum_amounts = |doc_kind: &str| -> Result<i64, LedgerError> {
        Ok(conn
            .prepare_cached(
                "SELECT COALESCE(SUM(amount), 0) FROM documents WHERE seq > ?1 AND seq <= ?2 AND kind = ?3",
            )?
            .query_row(rusqlite::params![after, up_to, doc_kind], |r| r.get(0))?)
    };
    let change: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(s.change), 0) FROM settlements s JOIN documents d ON d.seq = s.seq
             WHERE s.seq > ?1 AND s.seq <= ?2 AND d.kind = 'sale'",
        )?
        .query_row(rusqlite::params![after, up_to], |r| r.get(0))?;
    // A voided sale hands its cash back (what was tendered in cash less its change).
    let voided_cash: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(
                 (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.seq = v.voided AND p.kind = 'cash')
                 - (SELECT s.change FROM settlements s WHERE s.seq = v.voided)), 0)
             FROM (SELECT json_extract(body, '$.body.voided_seq') AS voided FROM documents
                   WHERE seq > ?1 AND seq <= ?2 AND kind = 'void') v",
        )?
        .query_row(rusqlite::params![after, up_to], |r| r.get(0))?;
    Ok(CashFlows {
        float,
        cash_sales: sum_payments("sale")?,
        change,
        cash_in: sum_amounts("cash_in")?,
        cash_out: sum_amounts("cash_out")?,
        cash_refunds: sum_payments("return")?,
        voided_cash,
    })
}
