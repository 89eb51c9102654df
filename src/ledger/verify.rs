//! `kasir ledger verify`: walks the whole chain with kasir-core's verifier and checks every
//! projection row against the document it came from, in one pass (a merge over cursors
//! ordered by sequence, so a million documents need no per-document queries).

use kasir_core::chain::{ChainTip, ChainVerifier, Origin};
use kasir_core::document::{Body, Document, canonical_time};
use kasir_core::policy::Action;
use rusqlite::{Connection, Row, Rows};

use super::LedgerError;

/// What verification found.
#[derive(Clone, Debug)]
pub struct VerifyReport {
    /// Documents that verified.
    pub documents: u64,
    /// The end of the verified chain (its grand total is the recomputed one).
    pub tip: ChainTip,
    /// The first document that does not match, in words, if any.
    pub problem: Option<String>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problem.is_none()
    }
}

type LineRow = (u32, String, String, String, Option<String>, i64, [i64; 8], String, u32, bool);
type PaymentRow = (u32, String, i64, Option<String>);
type ApprovalRow = (u32, String, String, String, Option<u32>);

/// Rows of one projection table, read in sequence order alongside the documents.
struct Cursor<'s, T> {
    table: &'static str,
    rows: Rows<'s>,
    map: fn(&Row) -> rusqlite::Result<T>,
    peeked: Option<(u64, T)>,
}

impl<'s, T> Cursor<'s, T> {
    fn new(table: &'static str, rows: Rows<'s>, map: fn(&Row) -> rusqlite::Result<T>) -> Cursor<'s, T> {
        Cursor { table, rows, map, peeked: None }
    }

    fn fill(&mut self) -> rusqlite::Result<()> {
        if self.peeked.is_none()
            && let Some(row) = self.rows.next()?
        {
            self.peeked = Some((row.get(0)?, (self.map)(row)?));
        }
        Ok(())
    }

    /// All rows belonging to document `seq`. Rows for an earlier sequence were not claimed
    /// by their document: they are reported as strays.
    fn take(&mut self, seq: u64) -> Result<Vec<T>, String> {
        let mut out = Vec::new();
        loop {
            self.fill().map_err(|e| e.to_string())?;
            match &self.peeked {
                Some((s, _)) if *s < seq => {
                    return Err(format!(
                        "{} has a row for document {s} that its document does not contain",
                        self.table
                    ));
                }
                Some((s, _)) if *s == seq => out.push(self.peeked.take().expect("peeked").1),
                _ => return Ok(out),
            }
        }
    }

    /// After the last document: any row left over is a stray.
    fn finish(&mut self) -> Result<(), String> {
        self.fill().map_err(|e| e.to_string())?;
        match &self.peeked {
            Some((s, _)) => {
                Err(format!("{} has a row for document {s}, which is not in the chain", self.table))
            }
            None => Ok(()),
        }
    }
}

pub fn verify(conn: &Connection, origin: &Origin) -> Result<VerifyReport, LedgerError> {
    let mut docs = conn.prepare(
        "SELECT seq, kind, receipt_number, created_at, user_code, amount, grand_total, prev_hash, hash, body
         FROM documents ORDER BY seq",
    )?;
    let mut lines = conn.prepare(
        "SELECT seq, line_no, sku, name, category, barcode, quantity_milli, list_price, unit_price, extended,
                line_discount, order_discount, net, tax, gross, tax_class, tax_rate_bp, price_includes_tax
         FROM sale_lines ORDER BY seq, line_no",
    )?;
    let mut payments =
        conn.prepare("SELECT seq, idx, kind, amount, reference FROM payments ORDER BY seq, idx")?;
    let mut approvals =
        conn.prepare("SELECT seq, idx, action, approver, reason, line_no FROM approvals ORDER BY seq, idx")?;

    let mut lines = Cursor::new("sale_lines", lines.query([])?, |r| -> rusqlite::Result<LineRow> {
        Ok((
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?],
            r.get(15)?,
            r.get(16)?,
            r.get(17)?,
        ))
    });
    let mut payments = Cursor::new("payments", payments.query([])?, |r| -> rusqlite::Result<PaymentRow> {
        Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    });
    let mut approvals =
        Cursor::new("approvals", approvals.query([])?, |r| -> rusqlite::Result<ApprovalRow> {
            Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        });

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
            Err(e) => return Ok(report(&verifier, count, Some(e.to_string()))),
        };
        let name = format!("document {seq} ({})", doc.header.receipt_number);
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
            let problem = format!("{name}: its row's columns do not match its hashed content");
            return Ok(report(&verifier, count, Some(problem)));
        }
        let check = (|| -> Result<(), String> {
            let (want_lines, want_payments, want_approvals) = expected_rows(&doc);
            if lines.take(seq)? != want_lines {
                return Err("its sale_lines rows do not match its content".into());
            }
            if payments.take(seq)? != want_payments {
                return Err("its payments rows do not match its content".into());
            }
            if approvals.take(seq)? != want_approvals {
                return Err("its approvals rows do not match its content".into());
            }
            Ok(())
        })();
        if let Err(problem) = check {
            return Ok(report(&verifier, count, Some(format!("{name}: {problem}"))));
        }
        count += 1;
    }
    for result in [lines.finish(), payments.finish(), approvals.finish()] {
        if let Err(problem) = result {
            return Ok(report(&verifier, count, Some(problem)));
        }
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

fn expected_rows(doc: &Document) -> (Vec<LineRow>, Vec<PaymentRow>, Vec<ApprovalRow>) {
    match &doc.body {
        Body::Sale(s) => (
            s.lines
                .iter()
                .map(|l| {
                    (
                        l.line_no,
                        l.sku.clone(),
                        l.name.clone(),
                        l.category.clone(),
                        l.barcode.clone(),
                        l.quantity.milli(),
                        [
                            l.list_price,
                            l.unit_price,
                            l.extended,
                            l.line_discount,
                            l.order_discount,
                            l.net,
                            l.tax,
                            l.gross,
                        ],
                        l.tax_class.clone(),
                        l.tax_rate_bp,
                        l.price_includes_tax,
                    )
                })
                .collect(),
            s.tenders
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u32, t.kind.code().to_owned(), t.amount, t.reference.clone()))
                .collect(),
            s.approvals
                .iter()
                .enumerate()
                .map(|(i, a)| (i as u32, a.action.clone(), a.approver.clone(), a.reason.clone(), a.line))
                .collect(),
        ),
        Body::Void(v) => (
            vec![],
            vec![],
            vec![(0, Action::VoidSale.code().into(), v.approver.clone(), v.reason.clone(), None)],
        ),
        Body::Cancel(c) => (
            vec![],
            vec![],
            vec![(0, Action::VoidSale.code().into(), c.approver.clone(), c.reason.clone(), None)],
        ),
        Body::NoSale(n) => (
            vec![],
            vec![],
            vec![(0, Action::NoSale.code().into(), n.approver.clone(), n.reason.clone(), None)],
        ),
        Body::CashIn(_) | Body::CashOut(_) => (vec![], vec![], vec![]),
    }
}
