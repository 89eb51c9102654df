//! Report figures read from the projections by sequence range: a day of 100,000 sale
//! lines is a handful of range scans, not 5,000 parsed documents. Which documents a report
//! covers is decided here (a business day is every document since the last Z); the adding
//! up is kasir-core's [`ReportBuilder`].

use std::collections::HashMap;

use chrono::NaiveDate;
use kasir_core::TenderKind;
use kasir_core::document::Body;
use kasir_core::report::{ProductFigures, Report, ReportBuilder, SaleFigures};
use kasir_core::shift::CashFlows;
use kasir_core::tax::DppBase;
use kasir_core::{Currency, Quantity};
use rusqlite::{Connection, OptionalExtension, params};

use super::rules::Refusal;
use super::{Ledger, LedgerError, cash, read_document};

/// How many products an X or a Z lists.
pub const TOP_PRODUCTS: usize = 10;

/// The figures of one ledger file, read inside whatever transaction its connection is in
/// (a Z's report is computed inside the Z's own commit).
pub struct Figures<'c> {
    conn: &'c Connection,
}

impl Ledger {
    /// The ledger's report figures.
    pub fn figures(&self) -> Figures<'_> {
        Figures { conn: self.conn() }
    }
}

impl<'c> Figures<'c> {
    pub(in crate::store) fn new(conn: &'c Connection) -> Figures<'c> {
        Figures { conn }
    }

    /// The report on documents `first..=last`. With `cash`, the drawer figures of the shifts in
    /// it (counted only when every one of them is closed). `top` limits the product list.
    pub fn period_report(
        &self,
        first: u64,
        last: u64,
        top: Option<usize>,
        cash: bool,
    ) -> Result<Report, LedgerError> {
        let mut b = ReportBuilder::new(currency(self.conn)?);
        b.covering(first, last);
        let mut voided = Vec::new();
        let mut flows = CashFlows::default();
        let (mut counted, mut shifts, mut open_shift) = (0i64, 0u32, None::<(u64, i64)>);
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT d.seq, d.kind, d.user_code, CAST(substr(d.created_at, 12, 2) AS INTEGER), d.amount,
                        s.rounding, s.change, s.items_milli,
                        CASE WHEN d.kind IN ('void', 'shift_open', 'shift_close') THEN d.body END
                 FROM documents d
                 LEFT JOIN settlements s ON s.seq = d.seq
                 WHERE d.seq BETWEEN ?1 AND ?2 ORDER BY d.seq",
            )?;
            let mut rows = stmt.query(params![first, last])?;
            while let Some(r) = rows.next()? {
                let kind: String = r.get(1)?;
                let user: String = r.get(2)?;
                let hour: u8 = r.get(3)?;
                let amount: i64 = r.get(4)?;
                match kind.as_str() {
                    "sale" => b.sale(
                        &SaleFigures {
                            cashier: user,
                            hour,
                            total: amount,
                            rounding: r.get(5)?,
                            change: r.get(6)?,
                            items: Quantity::from_milli(r.get(7)?),
                        },
                        1,
                    ),
                    "return" => b.return_doc(&user, hour, amount, r.get(5)?),
                    "cancel" => b.cancel(amount),
                    "no_sale" => b.no_sale(),
                    "cash_in" => b.cash_in(amount),
                    "cash_out" => b.cash_out(amount),
                    "void" | "shift_open" | "shift_close" => {
                        let body: String = r.get(8)?;
                        let doc = read_document(r.get(0)?, &body)?;
                        match doc.body {
                            Body::Void(v) => voided.push(v.voided_seq),
                            Body::ShiftOpen(o) => open_shift = Some((doc.header.seq, o.float)),
                            Body::ShiftClose(c) => {
                                add_flows(&mut flows, &c.flows);
                                counted += c.counted;
                                shifts += 1;
                                open_shift = None;
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
        }
        tenders(self.conn, "sale", first, last, |kind, amount| b.tender(kind, amount, 1))?;
        tenders(self.conn, "return", first, last, |kind, amount| b.refund(kind, amount))?;
        product_rows(self.conn, LINES_SQL, first, last, |p| b.sale_lines(p, 1))?;
        product_rows(self.conn, RETURN_LINES_SQL, first, last, |p| b.return_lines(p))?;
        // A voided sale comes out of every figure it is in, whichever day it was made.
        for seq in voided {
            if let Some(s) = sale_figures(self.conn, seq)? {
                b.sale(&s, -1);
            }
            tenders(self.conn, "sale", seq, seq, |kind, amount| b.tender(kind, amount, -1))?;
            product_rows(self.conn, LINES_SQL, seq, seq, |p| b.sale_lines(p, -1))?;
        }
        if cash {
            if let Some((opened, float)) = open_shift {
                add_flows(&mut flows, &cash::shift_flows(self.conn, opened, float, last)?);
                b.cash(flows, None);
            } else if shifts > 0 {
                b.cash(flows, Some(counted));
            }
        }
        Ok(b.finish(top))
    }

    /// The sequence range of documents made on dates `from..=to` (store time), if any.
    pub fn date_range(&self, from: NaiveDate, to: NaiveDate) -> Result<Option<(u64, u64)>, LedgerError> {
        let end = to.succ_opt().unwrap_or(to);
        let range: (Option<u64>, Option<u64>) = self
            .conn
            .prepare_cached(
                "SELECT MIN(seq), MAX(seq) FROM documents WHERE created_at >= ?1 AND created_at < ?2",
            )?
            .query_row(params![from.to_string(), end.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(match range {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        })
    }

    /// Sales by product (and every other breakdown) for dates `from..=to`.
    pub fn sales_report(&self, from: NaiveDate, to: NaiveDate) -> Result<Report, LedgerError> {
        match self.date_range(from, to)? {
            Some((first, last)) => self.period_report(first, last, None, false),
            None => self.period_report(1, 0, None, false),
        }
    }

    /// The business day that is open now (at `today`, store time).
    pub fn business_period(&self, today: NaiveDate) -> Result<Period, LedgerError> {
        let last: Option<(u64, u64, String)> = self
            .conn
            .prepare_cached(
                "SELECT z_number, seq, business_date FROM day_closes ORDER BY z_number DESC LIMIT 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let tip: u64 = self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM documents")?
            .query_row([], |r| r.get(0))?;
        let (z_number, first_seq, previous) = match &last {
            Some((z, seq, date)) => (z + 1, seq + 1, Some(date_of(*seq, date)?)),
            None => (1, 1, None),
        };
        let first_date: Option<String> = self
            .conn
            .prepare_cached("SELECT created_at FROM documents WHERE seq = ?1")?
            .query_row([first_seq], |r| r.get(0))
            .optional()?;
        let mut business_date = match first_date {
            Some(created_at) => date_of(first_seq, &created_at)?,
            None => today,
        };
        if let Some(prev) = previous
            && business_date <= prev
        {
            business_date = prev.succ_opt().ok_or_else(|| LedgerError::Refused(Refusal::NoNextDay(prev)))?;
        }
        Ok(Period { z_number, business_date, first_seq, last_seq: tip, previous })
    }
}

/// The open business day: its documents and the date it will be closed as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub z_number: u64,
    pub business_date: NaiveDate,
    pub first_seq: u64,
    pub last_seq: u64,
    /// The previous Z's day, if any.
    pub previous: Option<NaiveDate>,
}

/// The date a stored time or business date starts with.
fn date_of(seq: u64, stored: &str) -> Result<NaiveDate, LedgerError> {
    stored
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| LedgerError::Corrupt { seq, reason: format!("'{stored}' does not start with a date") })
}

// Lines are summed in one pass here rather than with GROUP BY: SQLite would sort 100,000
// rows by SKU first, which costs more than the whole sum (see benches/reports.rs).
const LINES_SQL: &str =
    "SELECT sku, name, category, tax_class, tax_rate_bp, price_includes_tax, quantity_milli,
        extended, line_discount + order_discount, net, tax, gross, dpp_base, coalesce(dpp, net)
     FROM sale_lines WHERE seq BETWEEN ?1 AND ?2";

const RETURN_LINES_SQL: &str = "SELECT sku, name, category, tax_class, tax_rate_bp, price_includes_tax,
        quantity_milli, 0, 0, net, tax, gross, dpp_base, coalesce(dpp, net)
     FROM return_lines WHERE seq BETWEEN ?1 AND ?2";

/// Sums the lines of documents `first..=last` by product and tax rate, then hands each sum to `f`.
fn product_rows(
    conn: &Connection,
    sql: &str,
    first: u64,
    last: u64,
    mut f: impl FnMut(&ProductFigures),
) -> Result<(), LedgerError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![first, last])?;
    // SKU → its sums, one per tax class, rate and price basis (almost always just one).
    let mut sums: HashMap<String, Vec<ProductFigures>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let sku = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let rate_bp: u32 = r.get(4)?;
        let inclusive: bool = r.get(5)?;
        let tax_class = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
        let dpp_base = match r.get_ref(12)?.as_str_or_null().map_err(rusqlite::Error::from)? {
            None => DppBase::FULL,
            Some(text) => text.parse::<DppBase>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e))
            })?,
        };
        let variants = match sums.get_mut(sku) {
            Some(v) => v,
            None => sums.entry(sku.to_owned()).or_default(),
        };
        let i = match variants.iter().position(|p| {
            p.rate_bp == rate_bp
                && p.price_includes_tax == inclusive
                && p.dpp_base == dpp_base
                && p.tax_class == tax_class
        }) {
            Some(i) => i,
            None => {
                variants.push(ProductFigures {
                    sku: sku.to_owned(),
                    name: r.get(1)?,
                    category: r.get(2)?,
                    tax_class: tax_class.to_owned(),
                    rate_bp,
                    price_includes_tax: inclusive,
                    dpp_base,
                    ..ProductFigures::default()
                });
                variants.len() - 1
            }
        };
        let p = &mut variants[i];
        p.quantity = Quantity::from_milli(p.quantity.milli() + r.get::<_, i64>(6)?);
        p.extended += r.get::<_, i64>(7)?;
        p.discounts += r.get::<_, i64>(8)?;
        p.net += r.get::<_, i64>(9)?;
        p.tax += r.get::<_, i64>(10)?;
        p.gross += r.get::<_, i64>(11)?;
        p.dpp += r.get::<_, i64>(13)?;
    }
    for p in sums.values().flatten() {
        f(p);
    }
    Ok(())
}

/// Tenders on documents of `doc_kind` (sales: received; returns: refunded), by kind.
fn tenders(
    conn: &Connection,
    doc_kind: &str,
    first: u64,
    last: u64,
    mut f: impl FnMut(TenderKind, i64),
) -> Result<(), LedgerError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.kind, SUM(p.amount) FROM payments p JOIN documents d ON d.seq = p.seq
         WHERE p.seq BETWEEN ?1 AND ?2 AND d.kind = ?3 GROUP BY p.kind",
    )?;
    let mut rows = stmt.query(params![first, last, doc_kind])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let kind = TenderKind::from_code(&code)
            .ok_or_else(|| LedgerError::Refused(Refusal::UnknownTender(code.clone())))?;
        f(kind, r.get(1)?);
    }
    Ok(())
}

/// A sale's own figures, by sequence.
fn sale_figures(conn: &Connection, seq: u64) -> Result<Option<SaleFigures>, LedgerError> {
    Ok(conn
        .prepare_cached(
            "SELECT d.user_code, CAST(substr(d.created_at, 12, 2) AS INTEGER), s.total, s.rounding, s.change,
                    s.items_milli
             FROM documents d JOIN settlements s ON s.seq = d.seq WHERE d.seq = ?1 AND d.kind = 'sale'",
        )?
        .query_row([seq], |r| {
            Ok(SaleFigures {
                cashier: r.get(0)?,
                hour: r.get(1)?,
                total: r.get(2)?,
                rounding: r.get(3)?,
                change: r.get(4)?,
                items: Quantity::from_milli(r.get(5)?),
            })
        })
        .optional()?)
}

fn currency(conn: &Connection) -> Result<Currency, LedgerError> {
    let code: String = conn.prepare_cached("SELECT currency FROM terminal")?.query_row([], |r| r.get(0))?;
    Currency::from_code(&code).ok_or(LedgerError::UnknownCurrency(code))
}

fn add_flows(into: &mut CashFlows, f: &CashFlows) {
    into.float += f.float;
    into.cash_sales += f.cash_sales;
    into.change += f.change;
    into.cash_in += f.cash_in;
    into.cash_out += f.cash_out;
    into.cash_refunds += f.cash_refunds;
    into.voided_cash += f.voided_cash;
}
