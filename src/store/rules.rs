//! The ledger-wide rules a document must meet before it is sealed, the ones the pure core
//! cannot know because they depend on earlier documents: a sale needs an open shift, a sale
//! is voided once, a line is never returned beyond what was sold, a shift's and a Z's
//! figures are the ledger's own. Checked inside the commit's transaction.

use kasir_core::document::{Body, SaleBody};
use kasir_core::returns::{self, ReturnBody, ReturnRequest, Returned};
use kasir_core::{Quantity, TenderKind};
use rusqlite::{Connection, OptionalExtension};

use super::figures::TOP_PRODUCTS;
use super::{Figures, LedgerError, Statements, cash, read_document};

fn refused(message: impl Into<String>) -> LedgerError {
    LedgerError::Refused(message.into())
}

/// `built_here`: the body was computed from this ledger inside this transaction (a Z's
/// report need not be computed a second time).
pub fn check(
    conn: &Connection,
    s: &mut Statements,
    body: &Body,
    built_here: bool,
) -> Result<(), LedgerError> {
    if let Some(id) = body.request_id()
        && let Some(seq) = request_seq(conn, id)?
    {
        return Err(LedgerError::Duplicate { request_id: id.to_owned(), seq });
    }
    let shift = cash::current_shift_with(&mut s.current_shift)?;
    let open = shift.filter(|sh| sh.closed_seq.is_none());
    match body {
        Body::Sale(_) | Body::Cancel(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_)
            if open.is_none() =>
        {
            Err(refused(format!(
                "no shift is open: open one first ({} needs it)",
                body.kind().replace('_', " ")
            )))
        }
        Body::Sale(sale) => check_exchange_credit(conn, sale),
        Body::Cancel(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_) => Ok(()),
        Body::Void(v) => {
            if open.is_none() {
                return Err(refused("no shift is open: open one first (a void needs it)"));
            }
            let kind: Option<String> = conn
                .prepare_cached("SELECT kind FROM documents WHERE seq = ?1")?
                .query_row([v.voided_seq], |r| r.get(0))
                .optional()?;
            match kind.as_deref() {
                Some("sale") => {}
                Some(other) => {
                    return Err(refused(format!("document {} is a {other}, not a sale", v.voided_seq)));
                }
                None => return Err(refused(format!("there is no document {}", v.voided_seq))),
            }
            if voided(conn, v.voided_seq)? {
                return Err(refused(format!("sale {} is already voided", v.voided_receipt)));
            }
            let returned: bool = conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM return_lines WHERE original_seq = ?1)")?
                .query_row([v.voided_seq], |r| r.get(0))?;
            if returned {
                return Err(refused(format!(
                    "sale {} already has goods returned; return the rest instead of voiding it",
                    v.voided_receipt
                )));
            }
            Ok(())
        }
        Body::Return(r) => {
            if open.is_none() {
                return Err(refused("no shift is open: open one first (a return needs it)"));
            }
            check_return(conn, r)
        }
        Body::ShiftOpen(o) => {
            if let Some(sh) = open {
                return Err(refused(format!("shift {} is still open; close it first", sh.shift_no)));
            }
            let next = shift.map_or(1, |sh| sh.shift_no + 1);
            if o.shift_no != next {
                return Err(refused(format!("the next shift is number {next}, not {}", o.shift_no)));
            }
            Ok(())
        }
        Body::ShiftClose(c) => {
            let Some(sh) = open else { return Err(refused("no shift is open to close")) };
            if (c.shift_no, c.opened_seq) != (sh.shift_no, sh.opened_seq) {
                return Err(refused(format!("the open shift is number {}, not {}", sh.shift_no, c.shift_no)));
            }
            let flows = cash::shift_flows(conn, sh.opened_seq, sh.float, u64::MAX)?;
            if c.flows != flows || c.expected != flows.expected() {
                return Err(refused("the shift's cash figures do not match the ledger"));
            }
            Ok(())
        }
        Body::DayClose(d) => {
            if let Some(sh) = open {
                return Err(refused(format!("shift {} is still open; close it before the Z", sh.shift_no)));
            }
            let last: Option<(u64, String)> = conn
                .prepare_cached(
                    "SELECT z_number, business_date FROM day_closes ORDER BY z_number DESC LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let next = last.as_ref().map_or(1, |(z, _)| z + 1);
            if d.z_number != next {
                return Err(refused(format!("the next Z is number {next}, not {}", d.z_number)));
            }
            if let Some((_, date)) = &last
                && d.business_date.as_str() <= date.as_str()
            {
                return Err(refused(format!(
                    "the Z for {} is already taken; a day is closed once",
                    d.business_date
                )));
            }
            if built_here {
                return Ok(());
            }
            let report = Figures::new(conn).period_report(
                d.report.first_seq,
                d.report.last_seq,
                Some(TOP_PRODUCTS),
                true,
            )?;
            if report != d.report {
                return Err(refused("the Z's report does not match the ledger"));
            }
            Ok(())
        }
    }
}

/// Exchange credit pays a sale only right after the return it came from (an exchange's two
/// documents, committed together), and only as much as that return credited.
fn check_exchange_credit(conn: &Connection, sale: &SaleBody) -> Result<(), LedgerError> {
    let used: i64 = sale.tenders.iter().filter(|t| t.kind == TenderKind::Exchange).map(|t| t.amount).sum();
    if used == 0 {
        return Ok(());
    }
    let last: Option<(u64, String)> = conn
        .prepare_cached("SELECT seq, body FROM documents ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let last = last.map(|(seq, body)| read_document(seq, &body)).transpose()?;
    let credited = match last.map(|d| d.body) {
        Some(Body::Return(r)) => {
            r.refunds.iter().filter(|t| t.kind == TenderKind::Exchange).map(|t| t.amount).sum()
        }
        _ => 0,
    };
    if credited != used {
        return Err(refused("exchange credit pays only the sale of an exchange, right after its return"));
    }
    Ok(())
}

pub(super) fn voided(conn: &Connection, seq: u64) -> Result<bool, LedgerError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE kind = 'void'
                            AND json_extract(body, '$.body.voided_seq') = ?1)",
        )?
        .query_row([seq], |r| r.get(0))?)
}

/// The document a request id was committed as, if any.
pub(in crate::store) fn request_seq(conn: &Connection, request_id: &str) -> Result<Option<u64>, LedgerError> {
    Ok(conn
        .prepare_cached("SELECT seq FROM requests WHERE request_id = ?1")?
        .query_row([request_id], |r| r.get(0))
        .optional()?)
}

/// What has come back from each line of sale `seq` so far.
pub(in crate::store) fn returned_from(conn: &Connection, seq: u64) -> Result<Vec<Returned>, LedgerError> {
    let mut stmt = conn.prepare_cached(
        "SELECT original_line_no, SUM(quantity_milli) FROM return_lines
         WHERE original_seq = ?1 GROUP BY original_line_no",
    )?;
    let rows = stmt.query_map([seq], |r| {
        Ok(Returned { line_no: r.get(0)?, quantity: Quantity::from_milli(r.get(1)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A return with a receipt must be exactly what the core computes for those quantities
/// from the sale and what came back from it before, inside this same transaction.
fn check_return(conn: &Connection, r: &ReturnBody) -> Result<(), LedgerError> {
    if r.reason.trim().is_empty() {
        return Err(refused("a return needs a reason"));
    }
    let Some(original) = &r.original else {
        if r.approver.is_none() {
            return Err(refused("a return without a receipt needs a manager's approval"));
        }
        return Ok(());
    };
    let Some(sale) = super::foreign::returnable(conn, &original.receipt)? else {
        return Err(refused(if super::foreign::is_foreign(conn, &original.receipt)? {
            format!(
                "sale {} was made at another terminal and has not been fetched from head office",
                original.receipt
            )
        } else {
            format!("there is no sale {} to return from", original.receipt)
        }));
    };
    if sale.original != *original {
        return Err(refused(format!(
            "document {} ({}) is not sale {} as this terminal knows it",
            original.seq,
            original.hash.as_deref().unwrap_or("this ledger"),
            original.receipt
        )));
    }
    let Body::Sale(body) = &sale.document.body else {
        return Err(refused(format!("{} is not a sale", original.receipt)));
    };
    if sale.voided {
        return Err(refused(format!(
            "sale {} was voided; nothing can be returned from it",
            original.receipt
        )));
    }
    let requests: Vec<ReturnRequest> = r
        .lines
        .iter()
        .map(|l| ReturnRequest { line_no: l.original_line_no.unwrap_or(0), quantity: l.quantity })
        .collect();
    let expected = returns::lines_from_sale(body, &original.receipt, &sale.already, &requests)
        .map_err(|e| refused(e.to_string()))?;
    if expected != r.lines {
        return Err(refused("the return's amounts do not match the sale"));
    }
    Ok(())
}
