//! The ledger-wide rules a document must meet before it is sealed, the ones the pure core
//! cannot know because they depend on earlier documents: a sale needs an open shift, a sale
//! is voided once, a line is never returned beyond what was sold, a shift's and a Z's
//! figures are the ledger's own. Checked inside the commit's transaction.

use chrono::NaiveDate;
use kasir_core::document::{Body, SaleBody};
use kasir_core::returns::ReturnError;
use kasir_core::returns::{self, ReturnBody, ReturnRequest, Returned};
use kasir_core::{Quantity, TenderKind};
use rusqlite::{Connection, OptionalExtension};
use thiserror::Error;

use super::figures::TOP_PRODUCTS;
use super::{Figures, LedgerError, Statements, cash, read_document};

/// What a document is, by the kind stored with it (`documents.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Sale,
    Void,
    Cancel,
    NoSale,
    CashIn,
    CashOut,
    Return,
    ShiftOpen,
    ShiftClose,
    DayClose,
}

impl DocKind {
    pub fn of(body: &Body) -> DocKind {
        match body {
            Body::Sale(_) => DocKind::Sale,
            Body::Void(_) => DocKind::Void,
            Body::Cancel(_) => DocKind::Cancel,
            Body::NoSale(_) => DocKind::NoSale,
            Body::CashIn(_) => DocKind::CashIn,
            Body::CashOut(_) => DocKind::CashOut,
            Body::Return(_) => DocKind::Return,
            Body::ShiftOpen(_) => DocKind::ShiftOpen,
            Body::ShiftClose(_) => DocKind::ShiftClose,
            Body::DayClose(_) => DocKind::DayClose,
        }
    }

    /// The kind stored as `code` (the names of [`Body::kind`]).
    pub fn from_code(code: &str) -> Option<DocKind> {
        Some(match code {
            "sale" => DocKind::Sale,
            "void" => DocKind::Void,
            "cancel" => DocKind::Cancel,
            "no_sale" => DocKind::NoSale,
            "cash_in" => DocKind::CashIn,
            "cash_out" => DocKind::CashOut,
            "return" => DocKind::Return,
            "shift_open" => DocKind::ShiftOpen,
            "shift_close" => DocKind::ShiftClose,
            "day_close" => DocKind::DayClose,
            _ => return None,
        })
    }
}

/// Logs and head office read the kind in English; the screens say it through the catalogue.
impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DocKind::Sale => "sale",
            DocKind::Void => "void",
            DocKind::Cancel => "cancel",
            DocKind::NoSale => "no sale",
            DocKind::CashIn => "cash in",
            DocKind::CashOut => "cash out",
            DocKind::Return => "return",
            DocKind::ShiftOpen => "shift open",
            DocKind::ShiftClose => "shift close",
            DocKind::DayClose => "day close",
        })
    }
}

/// Why the ledger will not take a document or give one back: its rules, and the sales of
/// other terminals it checks returns against. Typed, so that the catalogue
/// (`messages/refusals.rs`) says each in the cashier's language; the English `Display` is
/// for logs and head office.
#[derive(Debug, Error)]
pub enum Refusal {
    #[error("no shift is open: open one first ({0} needs it)")]
    NoShiftOpen(DocKind),
    #[error("there is no document {0}")]
    NoDocument(u64),
    #[error("there is no document {0}")]
    NoReceipt(String),
    #[error("document {seq} is a {kind}, not a sale")]
    NotASale { seq: u64, kind: DocKind },
    #[error("{receipt} is a {kind}, not a sale")]
    ReceiptNotASale { receipt: String, kind: DocKind },
    #[error("sale {0} is already voided")]
    AlreadyVoided(String),
    #[error("sale {0} already has goods returned; return the rest instead of voiding it")]
    PartlyReturned(String),
    #[error("shift {0} is still open; close it first")]
    ShiftStillOpen(u64),
    #[error("the next shift is number {next}, not {given}")]
    NextShift { next: u64, given: u64 },
    #[error("no shift is open to close")]
    NoShiftToClose,
    #[error("the open shift is number {open}, not {given}")]
    OtherShift { open: u64, given: u64 },
    #[error("the shift's cash figures do not match the ledger")]
    ShiftFigures,
    #[error("shift {0} is still open; close it before the Z")]
    ShiftOpenAtZ(u64),
    #[error("the next Z is number {next}, not {given}")]
    NextZ { next: u64, given: u64 },
    #[error("the Z for {0} is already taken; a day is closed once")]
    DayClosed(String),
    #[error("the Z's report does not match the ledger")]
    ZFigures,
    #[error("no day follows {0}")]
    NoNextDay(NaiveDate),
    #[error("exchange credit pays only the sale of an exchange, right after its return")]
    ExchangeCredit,
    #[error("a return needs a reason")]
    ReturnReason,
    #[error("a return without a receipt needs a manager's approval")]
    NoReceiptApproval,
    #[error("sale {0} was made at another terminal and has not been fetched from head office")]
    NotFetched(String),
    #[error("there is no sale {0} to return from")]
    NoSaleToReturn(String),
    #[error(
        "document {seq} ({}) is not sale {receipt} as this terminal knows it",
        .hash.as_deref().unwrap_or("this ledger")
    )]
    NotThatSale { seq: u64, hash: Option<String>, receipt: String },
    #[error("sale {0} was voided; nothing can be returned from it")]
    SaleVoided(String),
    #[error(transparent)]
    Return(ReturnError),
    #[error("the return's amounts do not match the sale")]
    ReturnAmounts,
    #[error("the copy of sale {0} from head office does not match its hash")]
    CopyHash(String),
    #[error("the copy of sale {receipt} cannot be read: {source}")]
    CopyUnreadable { receipt: String, source: serde_json::Error },
    #[error("sale {receipt} was made at store {store}, not here")]
    OtherStore { receipt: String, store: String },
    #[error(
        "what head office said came back from sale {receipt} cannot be read ({source}); ask head office again"
    )]
    ReturnedUnreadable { receipt: String, source: serde_json::Error },
    #[error("head office sent sale {0} with a hash that does not match it")]
    SentHash(String),
    #[error("head office sent sale {receipt} in a form this terminal cannot read: {source}")]
    SentUnreadable { receipt: String, source: serde_json::Error },
    #[error("head office sent another document for sale {0}")]
    SentOther(String),
    #[error("what came back from sale {receipt} cannot be kept: {source}")]
    ReturnedUnkept { receipt: String, source: serde_json::Error },
    #[error("unknown tender kind '{0}' in payments")]
    UnknownTender(String),
    #[error("document {0} is missing")]
    Missing(u64),
    #[error("that request id was used for a {0}, not a sale")]
    RequestNotASale(DocKind),
    #[error("that request id was used for a {0}, not a return")]
    RequestNotAReturn(DocKind),
    #[error("that request id was used for a {0}, not an exchange")]
    RequestNotAnExchange(DocKind),
    #[error("documents {0} and {next} are not an exchange", next = .0 + 1)]
    NotAnExchange(u64),
}

impl From<Refusal> for LedgerError {
    fn from(why: Refusal) -> LedgerError {
        LedgerError::Refused(why)
    }
}

fn refused(why: Refusal) -> LedgerError {
    LedgerError::Refused(why)
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
            Err(refused(Refusal::NoShiftOpen(DocKind::of(body))))
        }
        Body::Sale(sale) => check_exchange_credit(conn, sale),
        Body::Cancel(_) | Body::NoSale(_) | Body::CashIn(_) | Body::CashOut(_) => Ok(()),
        Body::Void(v) => {
            if open.is_none() {
                return Err(refused(Refusal::NoShiftOpen(DocKind::Void)));
            }
            let kind: Option<String> = conn
                .prepare_cached("SELECT kind FROM documents WHERE seq = ?1")?
                .query_row([v.voided_seq], |r| r.get(0))
                .optional()?;
            match kind.as_deref() {
                Some("sale") => {}
                Some(other) => {
                    let Some(kind) = DocKind::from_code(other) else {
                        let reason = format!("its kind '{other}' is unknown");
                        return Err(LedgerError::Corrupt { seq: v.voided_seq, reason });
                    };
                    return Err(refused(Refusal::NotASale { seq: v.voided_seq, kind }));
                }
                None => return Err(refused(Refusal::NoDocument(v.voided_seq))),
            }
            if voided(conn, v.voided_seq)? {
                return Err(refused(Refusal::AlreadyVoided(v.voided_receipt.clone())));
            }
            let returned: bool = conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM return_lines WHERE original_seq = ?1)")?
                .query_row([v.voided_seq], |r| r.get(0))?;
            if returned {
                return Err(refused(Refusal::PartlyReturned(v.voided_receipt.clone())));
            }
            Ok(())
        }
        Body::Return(r) => {
            if open.is_none() {
                return Err(refused(Refusal::NoShiftOpen(DocKind::Return)));
            }
            check_return(conn, r)
        }
        Body::ShiftOpen(o) => {
            if let Some(sh) = open {
                return Err(refused(Refusal::ShiftStillOpen(sh.shift_no)));
            }
            let next = shift.map_or(1, |sh| sh.shift_no + 1);
            if o.shift_no != next {
                return Err(refused(Refusal::NextShift { next, given: o.shift_no }));
            }
            Ok(())
        }
        Body::ShiftClose(c) => {
            let Some(sh) = open else { return Err(refused(Refusal::NoShiftToClose)) };
            if (c.shift_no, c.opened_seq) != (sh.shift_no, sh.opened_seq) {
                return Err(refused(Refusal::OtherShift { open: sh.shift_no, given: c.shift_no }));
            }
            let flows = cash::shift_flows(conn, sh.opened_seq, sh.float, u64::MAX)?;
            if c.flows != flows || c.expected != flows.expected() {
                return Err(refused(Refusal::ShiftFigures));
            }
            Ok(())
        }
        Body::DayClose(d) => {
            if let Some(sh) = open {
                return Err(refused(Refusal::ShiftOpenAtZ(sh.shift_no)));
            }
            let last: Option<(u64, String)> = conn
                .prepare_cached(
                    "SELECT z_number, business_date FROM day_closes ORDER BY z_number DESC LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let next = last.as_ref().map_or(1, |(z, _)| z + 1);
            if d.z_number != next {
                return Err(refused(Refusal::NextZ { next, given: d.z_number }));
            }
            if let Some((_, date)) = &last
                && d.business_date.as_str() <= date.as_str()
            {
                return Err(refused(Refusal::DayClosed(d.business_date.clone())));
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
                return Err(refused(Refusal::ZFigures));
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
        return Err(refused(Refusal::ExchangeCredit));
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
        return Err(refused(Refusal::ReturnReason));
    }
    let Some(original) = &r.original else {
        if r.approver.is_none() {
            return Err(refused(Refusal::NoReceiptApproval));
        }
        return Ok(());
    };
    let Some(sale) = super::foreign::returnable(conn, &original.receipt)? else {
        return Err(refused(if super::foreign::is_foreign(conn, &original.receipt)? {
            Refusal::NotFetched(original.receipt.clone())
        } else {
            Refusal::NoSaleToReturn(original.receipt.clone())
        }));
    };
    if sale.original != *original {
        return Err(refused(Refusal::NotThatSale {
            seq: original.seq,
            hash: original.hash.clone(),
            receipt: original.receipt.clone(),
        }));
    }
    let Body::Sale(body) = &sale.document.body else {
        let kind = DocKind::of(&sale.document.body);
        return Err(refused(Refusal::ReceiptNotASale { receipt: original.receipt.clone(), kind }));
    };
    if sale.voided {
        return Err(refused(Refusal::SaleVoided(original.receipt.clone())));
    }
    let requests: Vec<ReturnRequest> = r
        .lines
        .iter()
        .map(|l| ReturnRequest { line_no: l.original_line_no.unwrap_or(0), quantity: l.quantity })
        .collect();
    let expected = returns::lines_from_sale(body, &original.receipt, &sale.already, &requests)
        .map_err(|e| refused(Refusal::Return(e)))?;
    if expected != r.lines {
        return Err(refused(Refusal::ReturnAmounts));
    }
    Ok(())
}
