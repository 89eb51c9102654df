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
type SettlementRow = (i64, i64, i64, i64);
type ReturnLineRow =
    (u32, Option<u64>, Option<u32>, String, String, String, i64, [i64; 3], String, u32, bool, Option<String>);

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

    let mut settlements =
        conn.prepare("SELECT seq, total, rounding, change, items_milli FROM settlements ORDER BY seq")?;
    let mut settlements =
        Cursor::new("settlements", settlements.query([])?, |r| -> rusqlite::Result<SettlementRow> {
            Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        });
    let mut return_lines = conn.prepare(
        "SELECT seq, line_no, original_seq, original_line_no, sku, name, category, quantity_milli, net, tax, gross,
                tax_class, tax_rate_bp, price_includes_tax, original_receipt
         FROM return_lines ORDER BY seq, line_no",
    )?;
    let mut return_lines =
        Cursor::new("return_lines", return_lines.query([])?, |r| -> rusqlite::Result<ReturnLineRow> {
            Ok((
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                [r.get(8)?, r.get(9)?, r.get(10)?],
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
            ))
        });
    let mut requests = conn.prepare("SELECT seq, request_id FROM requests ORDER BY seq")?;
    let mut requests =
        Cursor::new("requests", requests.query([])?, |r| -> rusqlite::Result<String> { r.get(1) });
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
            let (want_settlements, want_return_lines) = expected_money_rows(&doc);
            if settlements.take(seq)? != want_settlements {
                return Err("its settlements row does not match its content".into());
            }
            if return_lines.take(seq)? != want_return_lines {
                return Err("its return_lines rows do not match its content".into());
            }
            let want_request: Vec<String> = doc.body.request_id().map(str::to_owned).into_iter().collect();
            if requests.take(seq)? != want_request {
                return Err("its requests row does not match its content".into());
            }
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
            return Ok(report(&verifier, count, Some(format!("{name}: {problem}"))));
        }
        count += 1;
    }
    for result in
        [lines.finish(), payments.finish(), approvals.finish(), settlements.finish(), return_lines.finish()]
    {
        if let Err(problem) = result {
            return Ok(report(&verifier, count, Some(problem)));
        }
    }
    let shifts: Vec<(u64, u64, i64, Option<u64>)> = conn
        .prepare("SELECT shift_no, opened_seq, float, closed_seq FROM shifts ORDER BY shift_no")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    if shifts != want_shifts {
        return Ok(report(
            &verifier,
            count,
            Some("the shifts table does not match the shift documents".into()),
        ));
    }
    let days: Vec<(u64, u64, String, u64, u64)> = conn
        .prepare(
            "SELECT z_number, seq, business_date, first_seq, last_seq FROM day_closes ORDER BY z_number",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    if days != want_days {
        return Ok(report(
            &verifier,
            count,
            Some("the day_closes table does not match the Z documents".into()),
        ));
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
        Body::Return(r) => (
            vec![],
            r.refunds
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u32, t.kind.code().to_owned(), t.amount, t.reference.clone()))
                .collect(),
            r.approver
                .iter()
                .map(|a| (0, Action::Return.code().to_owned(), a.clone(), r.reason.clone(), None))
                .collect(),
        ),
        Body::CashIn(_) | Body::CashOut(_) | Body::ShiftOpen(_) | Body::ShiftClose(_) | Body::DayClose(_) => {
            (vec![], vec![], vec![])
        }
    }
}

fn expected_money_rows(doc: &Document) -> (Vec<SettlementRow>, Vec<ReturnLineRow>) {
    match &doc.body {
        Body::Sale(s) => (vec![(s.total, s.rounding, s.change, s.items.milli())], vec![]),
        Body::Return(r) => (
            vec![(r.total, r.rounding, 0, 0)],
            r.lines
                .iter()
                .map(|l| {
                    (
                        l.line_no,
                        super::project::local_original_seq(doc, r),
                        l.original_line_no,
                        l.sku.clone(),
                        l.name.clone(),
                        l.category.clone(),
                        l.quantity.milli(),
                        [l.net, l.tax, l.gross],
                        l.tax_class.clone(),
                        l.tax_rate_bp,
                        l.price_includes_tax,
                        r.original.as_ref().map(|o| o.receipt.clone()),
                    )
                })
                .collect(),
        ),
        _ => (vec![], vec![]),
    }
}
