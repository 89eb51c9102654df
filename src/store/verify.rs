//! `kasir ledger verify`: walks the whole chain with kasir-core's verifier and checks every
//! projection row against the document it came from, in one pass (a merge over cursors
//! ordered by sequence, so a million documents need no per-document queries).

use kasir_core::chain::{ChainError, ChainTip, ChainVerifier, Origin};
use kasir_core::document::{Body, Document, canonical_time};
use rusqlite::{Connection, Rows};
use thiserror::Error;

use super::LedgerError;
use super::rows::{
    ApprovalRow, PaymentRow, Projection, RequestRow, ReturnLineRow, SaleLineRow, SettlementRow,
};

/// What verification found.
#[derive(Clone, Debug)]
pub struct VerifyReport {
    /// Documents that verified.
    pub documents: u64,
    /// The end of the verified chain (its grand total is the recomputed one).
    pub tip: ChainTip,
    /// The first thing that does not match, if any (said by the catalogue,
    /// `messages/store.rs`; `Display` is English for logs).
    pub problem: Option<VerifyProblem>,
}

/// The first thing verification found wrong.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum VerifyProblem {
    /// The chain itself: a hash, a link, a sequence, a grand total, an origin.
    #[error(transparent)]
    Chain(ChainError),
    /// A document whose row or projection rows do not match its hashed content.
    #[error("document {seq} ({receipt}): {what}")]
    Document { seq: u64, receipt: String, what: Mismatch },
    /// A projection row for a document that is not in the chain.
    #[error("{table} has a row for document {seq}, which is not in the chain")]
    Stray { table: &'static str, seq: u64 },
    /// A projection row that does not read as what the table holds.
    #[error("a row of {table} cannot be read: {detail}")]
    Unreadable { table: &'static str, detail: String },
    #[error("the shifts table does not match the shift documents")]
    Shifts,
    #[error("the day_closes table does not match the Z documents")]
    DayCloses,
}

impl VerifyProblem {
    /// The document the problem is at, when it is at one.
    pub fn seq(&self) -> Option<u64> {
        match self {
            VerifyProblem::Chain(e) => Some(e.seq),
            VerifyProblem::Document { seq, .. } | VerifyProblem::Stray { seq, .. } => Some(*seq),
            VerifyProblem::Unreadable { .. } | VerifyProblem::Shifts | VerifyProblem::DayCloses => None,
        }
    }
}

/// What does not match in one document.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum Mismatch {
    #[error("its row's columns do not match its hashed content")]
    Columns,
    #[error("its {0} rows do not match its content")]
    Rows(&'static str),
    /// A row for an earlier document that its document did not contain.
    #[error("{table} has a row for document {seq} that its document does not contain")]
    Unclaimed { table: &'static str, seq: u64 },
    #[error("a row of {table} cannot be read: {detail}")]
    Unreadable { table: &'static str, detail: String },
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problem.is_none()
    }
}

/// Rows of one projection table, read in sequence order alongside the documents.
struct Cursor<'s, T> {
    table: &'static str,
    rows: Rows<'s>,
    peeked: Option<(u64, T)>,
}

impl<'s, T: Projection> Cursor<'s, T> {
    fn new(rows: Rows<'s>) -> Cursor<'s, T> {
        Cursor { table: T::TABLE, rows, peeked: None }
    }

    fn fill(&mut self) -> rusqlite::Result<()> {
        if self.peeked.is_none()
            && let Some(row) = self.rows.next()?
        {
            let row = T::read(row)?;
            self.peeked = Some((row.seq(), row));
        }
        Ok(())
    }

    /// All rows belonging to document `seq`. Rows for an earlier sequence were not claimed
    /// by their document: they are reported as strays.
    fn take(&mut self, seq: u64) -> Result<Vec<T>, Mismatch> {
        let mut out = Vec::new();
        loop {
            let table = self.table;
            self.fill().map_err(|e| Mismatch::Unreadable { table, detail: e.to_string() })?;
            match &self.peeked {
                Some((s, _)) if *s < seq => return Err(Mismatch::Unclaimed { table, seq: *s }),
                Some((s, _)) if *s == seq => {
                    if let Some((_, row)) = self.peeked.take() {
                        out.push(row);
                    }
                }
                _ => return Ok(out),
            }
        }
    }

    /// After the last document: any row left over is a stray.
    fn finish(&mut self) -> Result<(), VerifyProblem> {
        let table = self.table;
        self.fill().map_err(|e| VerifyProblem::Unreadable { table, detail: e.to_string() })?;
        match &self.peeked {
            Some((s, _)) => Err(VerifyProblem::Stray { table, seq: *s }),
            None => Ok(()),
        }
    }
}

pub fn verify(conn: &Connection, origin: &Origin) -> Result<VerifyReport, LedgerError> {
    let mut docs = conn.prepare(
        "SELECT seq, kind, receipt_number, created_at, user_code, amount, grand_total, prev_hash, hash, body
         FROM documents ORDER BY seq",
    )?;
    let mut lines = conn.prepare(&SaleLineRow::select())?;
    let mut lines = Cursor::<SaleLineRow>::new(lines.query([])?);
    let mut payments = conn.prepare(&PaymentRow::select())?;
    let mut payments = Cursor::<PaymentRow>::new(payments.query([])?);
    let mut approvals = conn.prepare(&ApprovalRow::select())?;
    let mut approvals = Cursor::<ApprovalRow>::new(approvals.query([])?);
    let mut settlements = conn.prepare(&SettlementRow::select())?;
    let mut settlements = Cursor::<SettlementRow>::new(settlements.query([])?);
    let mut return_lines = conn.prepare(&ReturnLineRow::select())?;
    let mut return_lines = Cursor::<ReturnLineRow>::new(return_lines.query([])?);
    let mut requests = conn.prepare(&RequestRow::select())?;
    let mut requests = Cursor::<RequestRow>::new(requests.query([])?);
    // Shifts and Zs are few: their rows are collected from the documents and compared at the end.
    let mut want_shifts: Vec<(u64, u64, i64, Option<u64>)> = Vec::new();
    let mut want_days: Vec<(u64, u64, String, u64, u64)> = Vec::new();

    let mut verifier = ChainVerifier::new(Some(origin.clone()));
    let mut count = 0u64;
    let mut rows = docs.query([])?;
    let report = |verifier: &ChainVerifier, count, problem| VerifyReport {
        documents: count,
        tip: verifier.tip().clone(),
        problem,
    };
    while let Some(row) = rows.next()? {
        let seq: u64 = row.get(0)?;
        let stored_hash: String = row.get(8)?;
        let body: String = row.get(9)?;
        let doc = match verifier.check(body.as_bytes(), &stored_hash, seq) {
            Ok(doc) => doc,
            Err(e) => return Ok(report(&verifier, count, Some(VerifyProblem::Chain(e)))),
        };
        let at = |what| VerifyProblem::Document { seq, receipt: doc.header.receipt_number.clone(), what };
        let columns = (
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, i64>(5)?,
            row.get::<_, i64>(6)?,
            row.get::<_, String>(7)?,
        );
        if seq != doc.header.seq || columns != header_columns(&doc) {
            return Ok(report(&verifier, count, Some(at(Mismatch::Columns))));
        }
        let check = (|| -> Result<(), Mismatch> {
            same(&mut lines, &doc)?;
            same(&mut payments, &doc)?;
            same(&mut approvals, &doc)?;
            same(&mut settlements, &doc)?;
            same(&mut return_lines, &doc)?;
            same(&mut requests, &doc)?;
            match &doc.body {
                Body::ShiftOpen(o) => want_shifts.push((o.shift_no, seq, o.float, None)),
                Body::ShiftClose(c) => {
                    if let Some(s) = want_shifts.iter_mut().find(|s| s.0 == c.shift_no) {
                        s.3 = Some(seq);
                    }
                }
                Body::DayClose(d) => want_days.push((
                    d.z_number,
                    seq,
                    d.business_date.clone(),
                    d.report.first_seq,
                    d.report.last_seq,
                )),
                _ => {}
            }
            Ok(())
        })();
        if let Err(problem) = check {
            return Ok(report(&verifier, count, Some(at(problem))));
        }
        count += 1;
    }
    for result in [
        lines.finish(),
        payments.finish(),
        approvals.finish(),
        settlements.finish(),
        return_lines.finish(),
        requests.finish(),
    ] {
        if let Err(problem) = result {
            return Ok(report(&verifier, count, Some(problem)));
        }
    }
    let shifts: Vec<(u64, u64, i64, Option<u64>)> = conn
        .prepare("SELECT shift_no, opened_seq, float, closed_seq FROM shifts ORDER BY shift_no")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    if shifts != want_shifts {
        return Ok(report(&verifier, count, Some(VerifyProblem::Shifts)));
    }
    let days: Vec<(u64, u64, String, u64, u64)> = conn
        .prepare(
            "SELECT z_number, seq, business_date, first_seq, last_seq FROM day_closes ORDER BY z_number",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    if days != want_days {
        return Ok(report(&verifier, count, Some(VerifyProblem::DayCloses)));
    }
    Ok(report(&verifier, count, None))
}

fn header_columns(doc: &Document) -> (String, String, String, String, i64, i64, String) {
    let h = &doc.header;
    (
        doc.body.kind().to_owned(),
        h.receipt_number.clone(),
        canonical_time::format(&h.created_at),
        h.user.clone(),
        doc.body.amount(),
        h.grand_total,
        h.prev_hash.clone(),
    )
}

/// The rows of a projection that document `doc` owns are exactly those it implies.
fn same<T: Projection>(cursor: &mut Cursor<T>, doc: &Document) -> Result<(), Mismatch> {
    if cursor.take(doc.header.seq)? != T::of(doc) {
        return Err(Mismatch::Rows(T::TABLE));
    }
    Ok(())
}
