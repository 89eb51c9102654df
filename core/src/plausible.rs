//! Whether a committed document makes sense: what head office asks of every document before
//! its figures count.
//!
//! A terminal's hash chain proves that a document is the one the terminal committed, not
//! that its content is anything a till can produce: a faulty or tampered terminal can seal a
//! negative quantity, a sale of −5,000,000,000, or one amount of 2^63−1. So head office
//! re-derives what it needs with the code the terminal used: a sale's lines through
//! [`Cart::totals`], its tenders as [`crate::tender::settle`] settles them, a return's tax
//! summary through [`ReturnBody::with_credit`]. Every amount and quantity must lie within
//! ceilings far above any real shop and far below where sums overflow.
//!
//! Only what is certainly wrong is refused: a check that needs something head office may not
//! hold yet (a sale made at another terminal that has not synced) passes until it can be
//! made. This module never decides what happens to a document that fails; head office keeps
//! it in the chain and sets it aside.

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use thiserror::Error;

use crate::cart::{Cart, CartTotals, Discount};
use crate::document::{
    Body, CancelBody, Document, Header, SaleBody, TaxLine, VoidBody, canonical_time, receipt_number,
    recorded_dpp,
};
use crate::limits::Ceilings;
use crate::money::Money;
use crate::product::ProductSnapshot;
use crate::quantity::Quantity;
use crate::report::DayCloseBody;
use crate::returns::ReturnBody;
use crate::shift::ShiftCloseBody;
use crate::tax::TaxRate;
use crate::tender::{CashRounding, TenderKind};

/// The largest amount any one field of a document may hold, in minor units: Rp 10 trillion
/// (US$ 100 billion in cents). A thousand times the largest sale a hypermarket rings up,
/// yet a million documents at this ceiling still sum within an `i64`.
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// The most one line may hold: a million pieces or kilograms, the bound a quantity typed or
/// read anywhere in Kasir already has (see [`Quantity::parse`]).
pub const MAX_QUANTITY: Quantity = Quantity::from_milli(1_000_000_000);

/// A tax rate above 100 % is not a tax class any terminal accepts ([`TaxRate::from_percent`]).
pub const MAX_TAX_RATE_BP: u32 = 10_000;

/// Cash rounding is less than one cash step, and no store rounds to more than its largest
/// note (Rp 100,000): anything beyond is not rounding.
pub const MAX_CASH_ROUNDING: i64 = 100_000;

/// The most lines one sale, return or cancel may hold: a long supermarket receipt has a
/// hundred, a wholesale order a few hundred. Checked before a sale's cart is derived, whose
/// ceilings are checked at every line added, so that a document of tens of thousands of lines
/// (one fits in a push's body) is set aside at once instead of holding the server for minutes.
pub const MAX_LINES: usize = 1_000;

/// How far a document may be dated before the terminal's previous one: a clock put right
/// by a day (a wrong time zone, a dead clock battery set again) is a correction, not nonsense.
pub const MAX_CLOCK_STEP_BACK: TimeDelta = TimeDelta::hours(24);

/// How far ahead of head office's clock a document may be dated: a terminal a day ahead in
/// another time zone, with a day to spare.
pub const MAX_AHEAD_OF_HEAD_OFFICE: TimeDelta = TimeDelta::hours(48);

/// What does not make sense in a document, naming the field and its value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Implausible {
    #[error("{field} is {value}, not within {min} to {max}")]
    OutOfRange { field: String, value: i128, min: i128, max: i128 },
    #[error("{field} is {value}; a line holds more than 0 and at most {max}")]
    Quantity { field: String, value: Quantity, max: Quantity },
    #[error("{field} is {found}, but {from} make it {expected}")]
    DoesNotAddUp { field: String, found: i128, expected: i128, from: &'static str },
    #[error("{field} is {found}, but the lines make {expected}")]
    TaxesDiffer { field: String, found: String, expected: String },
    #[error("line {found} is numbered out of order (line {expected} expected)")]
    LineNumber { found: u32, expected: u32 },
    #[error("a {kind} with no lines")]
    NoLines { kind: &'static str },
    #[error("a {kind} with {lines} lines; a document holds at most {max}")]
    TooManyLines { kind: &'static str, lines: usize, max: usize },
    #[error("kasir-core's cart refuses its lines: {reason}")]
    CartRefuses { reason: String },
    #[error("non-cash tenders of {non_cash} are more than the total {total}; change is only given from cash")]
    NonCashOverTotal { non_cash: i128, total: i64 },
    #[error("change of {change} is given with no cash tendered")]
    ChangeWithoutCash { change: i64 },
    #[error("tenders of {tendered} less change {change} are not the total {total} plus rounding {rounding}")]
    Unsettled { tendered: i128, change: i64, total: i64, rounding: i64 },
    #[error("refunds of {refunded} are not the total {total} plus rounding {rounding}")]
    RefundsUnsettled { refunded: i128, total: i64, rounding: i64 },
    #[error(
        "created_at {at} is more than {} h before the terminal's previous document ({previous})",
        MAX_CLOCK_STEP_BACK.num_hours()
    )]
    TooEarly { at: String, previous: String },
    #[error(
        "created_at {at} is more than {} h ahead of head office's clock ({now})",
        MAX_AHEAD_OF_HEAD_OFFICE.num_hours()
    )]
    TooLate { at: String, now: String },
    #[error("{field} {receipt} is not a receipt of this terminal before this document (seq {seq})")]
    NotEarlierHere { field: &'static str, receipt: String, seq: u64 },
    #[error("{field} {receipt} is not a receipt of store {store}")]
    OtherStore { field: &'static str, receipt: String, store: String },
    #[error("it refers to {receipt}, which head office does not hold though it is earlier in this chain")]
    Missing { receipt: String },
    #[error("it refers to {receipt}, which is a {kind}, not a sale")]
    NotASale { receipt: String, kind: &'static str },
    #[error("sale {receipt} was voided already")]
    AlreadyVoided { receipt: String },
    #[error(
        "it returns goods of {receipt}, which head office set aside: that sale's goods never counted as sold"
    )]
    OriginalSetAside { receipt: String },
    #[error("line {line_no} returns line {original_line_no} of {receipt}, which {problem}")]
    NotOnTheSale { line_no: u32, original_line_no: u32, receipt: String, problem: String },
}

/// The words head office keeps with a document it set aside: which document, and why.
pub fn describe(doc: &Document, problem: &Implausible) -> String {
    let h = &doc.header;
    format!("document {} ({}, {}): {problem}", h.seq, h.receipt_number, doc.body.kind())
}

/// Checks a document on its own: every amount and quantity within range, a sale's and a
/// return's lines adding up to their totals as kasir-core computes them, tenders that settle.
pub fn check_document(doc: &Document) -> Result<(), Implausible> {
    match &doc.body {
        Body::Sale(s) => check_sale(s),
        Body::Return(r) => check_return(r),
        Body::Void(v) => amount("total", v.total),
        Body::Cancel(c) => check_cancel(c),
        Body::NoSale(_) => Ok(()),
        Body::CashIn(m) | Body::CashOut(m) => amount("amount", m.amount),
        Body::ShiftOpen(o) => amount("float", o.float),
        Body::ShiftClose(c) => check_shift_close(c),
        Body::DayClose(d) => check_day_close(d),
    }
}

/// Checks when a document says it was made: not more than [`MAX_CLOCK_STEP_BACK`] before
/// the terminal's `previous` document, not more than [`MAX_AHEAD_OF_HEAD_OFFICE`] after `now`.
///
/// A previous document dated ahead of head office's clock (a terminal's clock running fast,
/// then put right) counts only up to `now`: otherwise the sales made after the correction
/// would look too early although their time is right.
pub fn check_time(
    at: DateTime<FixedOffset>,
    previous: Option<DateTime<FixedOffset>>,
    now: DateTime<Utc>,
) -> Result<(), Implausible> {
    if let Some(p) = previous
        && p.with_timezone(&Utc)
            .min(now)
            .checked_sub_signed(MAX_CLOCK_STEP_BACK)
            .is_some_and(|earliest| at.with_timezone(&Utc) < earliest)
    {
        return Err(Implausible::TooEarly {
            at: canonical_time::format(&at),
            previous: canonical_time::format(&p),
        });
    }
    if now.checked_add_signed(MAX_AHEAD_OF_HEAD_OFFICE).is_some_and(|latest| at.with_timezone(&Utc) > latest)
    {
        return Err(Implausible::TooLate { at: canonical_time::format(&at), now: now.to_rfc3339() });
    }
    Ok(())
}

/// Checks a void against the sale it voids: an earlier sale of the same terminal (a
/// terminal voids only its own sales), of the same total, not voided before. `voided` is
/// that document as head office holds it; it must hold it, for it comes earlier in the chain.
pub fn check_void(
    header: &Header,
    void: &VoidBody,
    voided: Option<&Document>,
    already_voided: bool,
) -> Result<(), Implausible> {
    let own = receipt_number(&header.store, &header.terminal, void.voided_seq);
    if void.voided_seq >= header.seq || void.voided_receipt != own {
        return Err(Implausible::NotEarlierHere {
            field: "voided_receipt",
            receipt: void.voided_receipt.clone(),
            seq: header.seq,
        });
    }
    let Some(doc) = voided else {
        return Err(Implausible::Missing { receipt: void.voided_receipt.clone() });
    };
    let Body::Sale(sale) = &doc.body else {
        return Err(Implausible::NotASale { receipt: void.voided_receipt.clone(), kind: doc.body.kind() });
    };
    same("total", void.total, i128::from(sale.total), "the voided sale's total")?;
    if already_voided {
        return Err(Implausible::AlreadyVoided { receipt: void.voided_receipt.clone() });
    }
    Ok(())
}

/// Checks a return against its original sale, when it names one: a receipt of the same
/// store, and, once head office holds that document, a sale with the lines returned from it.
/// `original` is `None` when head office does not hold it: that is certainly wrong only for
/// a sale of this same terminal, which comes earlier in the chain; another terminal's sale
/// may simply not have arrived yet. `set_aside` says head office set that sale aside: its
/// goods never counted as sold, so taking them back must not count either.
pub fn check_return_original(
    header: &Header,
    ret: &ReturnBody,
    original: Option<&Document>,
    set_aside: bool,
) -> Result<(), Implausible> {
    let Some(o) = &ret.original else { return Ok(()) };
    let parsed =
        crate::ReceiptNumber::parse(&o.receipt).filter(|r| r.store == header.store && r.seq == o.seq);
    let Some(number) = parsed else {
        return Err(Implausible::OtherStore {
            field: "original receipt",
            receipt: o.receipt.clone(),
            store: header.store.clone(),
        });
    };
    let here = number.made_at(&header.store, &header.terminal);
    if here && number.seq >= header.seq {
        return Err(Implausible::NotEarlierHere {
            field: "original receipt",
            receipt: o.receipt.clone(),
            seq: header.seq,
        });
    }
    let Some(doc) = original else {
        return if here { Err(Implausible::Missing { receipt: o.receipt.clone() }) } else { Ok(()) };
    };
    let Body::Sale(sale) = &doc.body else {
        return Err(Implausible::NotASale { receipt: o.receipt.clone(), kind: doc.body.kind() });
    };
    if set_aside {
        return Err(Implausible::OriginalSetAside { receipt: o.receipt.clone() });
    }
    for l in &ret.lines {
        let Some(original_line_no) = l.original_line_no else { continue };
        let not_on = |problem: String| Implausible::NotOnTheSale {
            line_no: l.line_no,
            original_line_no,
            receipt: o.receipt.clone(),
            problem,
        };
        let Some(sold) = sale.lines.iter().find(|s| s.line_no == original_line_no) else {
            return Err(not_on("the sale does not have".into()));
        };
        if sold.sku != l.sku {
            return Err(not_on(format!("sold {}, not {}", sold.sku, l.sku)));
        }
        if l.quantity > sold.quantity {
            return Err(not_on(format!("sold {} of it, not {}", sold.quantity, l.quantity)));
        }
    }
    Ok(())
}

/// An amount of a document: 0 to [`MAX_AMOUNT`].
fn amount(field: &str, value: i64) -> Result<(), Implausible> {
    within(field, value, 0, MAX_AMOUNT)
}

fn within(field: &str, value: i64, min: i64, max: i64) -> Result<(), Implausible> {
    if value < min || value > max {
        return Err(Implausible::OutOfRange {
            field: field.to_owned(),
            value: value.into(),
            min: min.into(),
            max: max.into(),
        });
    }
    Ok(())
}

fn quantity(field: String, value: Quantity) -> Result<(), Implausible> {
    if !value.is_positive() || value > MAX_QUANTITY {
        return Err(Implausible::Quantity { field, value, max: MAX_QUANTITY });
    }
    Ok(())
}

fn rate(field: String, bp: u32) -> Result<(), Implausible> {
    if bp > MAX_TAX_RATE_BP {
        return Err(Implausible::OutOfRange { field, value: bp.into(), min: 0, max: MAX_TAX_RATE_BP.into() });
    }
    Ok(())
}

fn same(field: &str, found: i64, expected: i128, from: &'static str) -> Result<(), Implausible> {
    if i128::from(found) != expected {
        return Err(Implausible::DoesNotAddUp {
            field: field.to_owned(),
            found: found.into(),
            expected,
            from,
        });
    }
    Ok(())
}

/// At most [`MAX_LINES`] lines, checked before anything else is done with them.
fn line_count(kind: &'static str, lines: usize) -> Result<(), Implausible> {
    if lines > MAX_LINES {
        return Err(Implausible::TooManyLines { kind, lines, max: MAX_LINES });
    }
    Ok(())
}

fn line_numbers(numbers: impl Iterator<Item = u32>) -> Result<(), Implausible> {
    for (i, found) in numbers.enumerate() {
        let expected = i as u32 + 1;
        if found != expected {
            return Err(Implausible::LineNumber { found, expected });
        }
    }
    Ok(())
}

fn sum(values: impl Iterator<Item = i64>) -> i128 {
    values.map(i128::from).sum()
}

fn check_sale(s: &SaleBody) -> Result<(), Implausible> {
    if s.lines.is_empty() {
        return Err(Implausible::NoLines { kind: "sale" });
    }
    line_count("sale", s.lines.len())?;
    line_numbers(s.lines.iter().map(|l| l.line_no))?;
    for l in &s.lines {
        let at = |f: &str| format!("line {} {f}", l.line_no);
        quantity(at("quantity"), l.quantity)?;
        rate(at("tax_rate_bp"), l.tax_rate_bp)?;
        for (f, v) in [
            ("list_price", l.list_price),
            ("unit_price", l.unit_price),
            ("extended", l.extended),
            ("line_discount", l.line_discount),
            ("order_discount", l.order_discount),
            ("net", l.net),
            ("tax", l.tax),
            ("gross", l.gross),
            ("dpp", l.dpp_amount()),
        ] {
            amount(&at(f), v)?;
        }
        // Price × quantity in range before the cart multiplies them.
        let extended = i128::from(l.unit_price) * i128::from(l.quantity.milli()) / 1000;
        if extended > i128::from(MAX_AMOUNT) {
            return Err(Implausible::OutOfRange {
                field: at("unit_price × quantity"),
                value: extended,
                min: 0,
                max: MAX_AMOUNT.into(),
            });
        }
    }
    for (f, v) in [
        ("subtotal", s.subtotal),
        ("line_discounts", s.line_discounts),
        ("order_discount", s.order_discount),
        ("net", s.net),
        ("tax", s.tax),
        ("total", s.total),
        ("change", s.change),
    ] {
        amount(f, v)?;
    }
    within("rounding", s.rounding, -MAX_CASH_ROUNDING + 1, MAX_CASH_ROUNDING - 1)?;
    for (i, t) in s.tenders.iter().enumerate() {
        within(&format!("tenders[{i}] ({}) amount", t.kind.code()), t.amount, 1, MAX_AMOUNT)?;
    }
    let derived = derive(s)?;
    compare_sale(s, &derived)?;
    check_settlement(s)
}

/// The sale's cart again, as the terminal had it: each line at the price charged with its
/// discount as an amount, and the order discount as an amount, so that [`Cart::totals`]
/// spreads, taxes and rounds exactly as it did at the till.
fn derive(s: &SaleBody) -> Result<CartTotals, Implausible> {
    let c = s.currency;
    let refused = |e: crate::cart::CartError| Implausible::CartRefuses { reason: e.to_string() };
    let max = Money::from_minor(MAX_AMOUNT, c).amount();
    let most = MAX_QUANTITY.to_decimal();
    let ceilings = Ceilings::new(most, most, max, max).expect("the plausibility ceilings are ceilings");
    let mut cart = Cart::with_ceilings(c, s.tax_mode, ceilings);
    for l in &s.lines {
        let product = ProductSnapshot {
            sku: l.sku.clone(),
            name: l.name.clone(),
            category: l.category.clone(),
            unit: l.unit.clone(),
            unit_price: Money::from_minor(l.unit_price, c),
            tax_class: l.tax_class.clone(),
            tax_rate: TaxRate::from_basis_points(l.tax_rate_bp),
            dpp: l.dpp_base,
            price_includes_tax: l.price_includes_tax,
            // Not recorded; a fraction can only have been weighed, and weighed goods differ
            // only in the item count, which head office does not use.
            sold_by_weight: !l.quantity.is_whole(),
        };
        let id = cart.add_separate(product, l.quantity, l.barcode.clone()).map_err(refused)?;
        if l.line_discount != 0 {
            let d = Discount::Amount(Money::from_minor(l.line_discount, c).amount());
            cart.set_line_discount(id, Some(d)).map_err(refused)?;
        }
    }
    if s.order_discount != 0 {
        let d = Discount::Amount(Money::from_minor(s.order_discount, c).amount());
        cart.set_order_discount(Some(d)).map_err(refused)?;
    }
    Ok(cart.totals())
}

fn compare_sale(s: &SaleBody, t: &CartTotals) -> Result<(), Implausible> {
    const LINE: &str = "its unit price, quantity, discounts and tax rate";
    for (l, d) in s.lines.iter().zip(&t.lines) {
        let at = |f: &str| format!("line {} {f}", l.line_no);
        same(&at("extended"), l.extended, d.extended.minor().into(), "its unit price × quantity")?;
        same(&at("line_discount"), l.line_discount, d.line_discount.minor().into(), "its extended price")?;
        same(
            &at("order_discount"),
            l.order_discount,
            d.order_discount.minor().into(),
            "the order discount spread",
        )?;
        same(&at("net"), l.net, d.net.minor().into(), LINE)?;
        same(&at("tax"), l.tax, d.tax.minor().into(), LINE)?;
        same(&at("gross"), l.gross, d.gross.minor().into(), LINE)?;
        if l.dpp != recorded_dpp(l.dpp_base, d.dpp.minor()) {
            same(&at("dpp"), l.dpp_amount(), d.dpp.minor().into(), LINE)?;
        }
    }
    const LINES: &str = "the lines";
    same("subtotal", s.subtotal, t.subtotal.minor().into(), LINES)?;
    same("line_discounts", s.line_discounts, t.line_discounts.minor().into(), LINES)?;
    same("order_discount", s.order_discount, t.order_discount.minor().into(), LINES)?;
    same("net", s.net, t.net.minor().into(), LINES)?;
    same("tax", s.tax, t.tax.minor().into(), LINES)?;
    same("total", s.total, t.total.minor().into(), LINES)?;
    let expected: Vec<TaxLine> = t
        .taxes
        .iter()
        .map(|x| TaxLine {
            tax_class: x.tax_class.clone(),
            rate_bp: x.rate.basis_points(),
            price_includes_tax: x.price_includes_tax,
            net: x.net.minor(),
            tax: x.tax.minor(),
            gross: x.gross.minor(),
            dpp_base: x.dpp_base,
            dpp: recorded_dpp(x.dpp_base, x.dpp.minor()),
        })
        .collect();
    compare_taxes(&s.taxes, &expected)
}

fn compare_taxes(found: &[TaxLine], expected: &[TaxLine]) -> Result<(), Implausible> {
    let show = |t: &TaxLine| {
        format!("{} {} bp net {} tax {} gross {}", t.tax_class, t.rate_bp, t.net, t.tax, t.gross)
    };
    if found.len() != expected.len() {
        return Err(Implausible::TaxesDiffer {
            field: "taxes".into(),
            found: format!("{} rates", found.len()),
            expected: format!("{} rates", expected.len()),
        });
    }
    for (i, (f, e)) in found.iter().zip(expected).enumerate() {
        if f != e {
            return Err(Implausible::TaxesDiffer {
                field: format!("taxes[{i}]"),
                found: show(f),
                expected: show(e),
            });
        }
    }
    Ok(())
}

/// The rules of [`crate::tender::settle`]: non-cash tenders never over the total, change
/// only from cash, and what was tendered less change is the total plus the cash rounding.
fn check_settlement(s: &SaleBody) -> Result<(), Implausible> {
    let non_cash = sum(s.tenders.iter().filter(|t| t.kind != TenderKind::Cash).map(|t| t.amount));
    let cash = sum(s.tenders.iter().filter(|t| t.kind == TenderKind::Cash).map(|t| t.amount));
    let has_cash = s.tenders.iter().any(|t| t.kind == TenderKind::Cash);
    if non_cash > i128::from(s.total) {
        return Err(Implausible::NonCashOverTotal { non_cash, total: s.total });
    }
    if !has_cash && s.change != 0 {
        return Err(Implausible::ChangeWithoutCash { change: s.change });
    }
    if !has_cash && s.rounding != 0 {
        return Err(Implausible::OutOfRange {
            field: "rounding (no cash tendered)".into(),
            value: s.rounding.into(),
            min: 0,
            max: 0,
        });
    }
    let tendered = non_cash + cash;
    if tendered - i128::from(s.change) != i128::from(s.total) + i128::from(s.rounding) {
        return Err(Implausible::Unsettled {
            tendered,
            change: s.change,
            total: s.total,
            rounding: s.rounding,
        });
    }
    Ok(())
}

fn check_return(r: &ReturnBody) -> Result<(), Implausible> {
    if r.lines.is_empty() {
        return Err(Implausible::NoLines { kind: "return" });
    }
    line_count("return", r.lines.len())?;
    line_numbers(r.lines.iter().map(|l| l.line_no))?;
    for l in &r.lines {
        let at = |f: &str| format!("line {} {f}", l.line_no);
        quantity(at("quantity"), l.quantity)?;
        rate(at("tax_rate_bp"), l.tax_rate_bp)?;
        for (f, v) in [("net", l.net), ("tax", l.tax), ("gross", l.gross), ("dpp", l.dpp_amount())] {
            amount(&at(f), v)?;
        }
        same(&at("gross"), l.gross, i128::from(l.net) + i128::from(l.tax), "its net and tax")?;
    }
    for (f, v) in [("net", r.net), ("tax", r.tax), ("total", r.total)] {
        amount(f, v)?;
    }
    within("rounding", r.rounding, -MAX_CASH_ROUNDING + 1, MAX_CASH_ROUNDING - 1)?;
    same("net", r.net, sum(r.lines.iter().map(|l| l.net)), "the lines")?;
    same("tax", r.tax, sum(r.lines.iter().map(|l| l.tax)), "the lines")?;
    same("total", r.total, sum(r.lines.iter().map(|l| l.gross)), "the lines")?;
    // The tax summary as the terminal builds it; the refund's own arguments do not touch it.
    let rebuilt = ReturnBody::with_credit(
        r.currency,
        None,
        r.lines.clone(),
        0,
        TenderKind::Cash,
        CashRounding::NONE,
        "",
        None,
    );
    compare_taxes(&r.taxes, &rebuilt.taxes)?;
    if r.refunds.is_empty() {
        return Err(Implausible::NoLines { kind: "refund" });
    }
    for (i, t) in r.refunds.iter().enumerate() {
        amount(&format!("refunds[{i}] ({}) amount", t.kind.code()), t.amount)?;
    }
    let refunded = sum(r.refunds.iter().map(|t| t.amount));
    if refunded != i128::from(r.total) + i128::from(r.rounding) {
        return Err(Implausible::RefundsUnsettled { refunded, total: r.total, rounding: r.rounding });
    }
    Ok(())
}

fn check_cancel(c: &CancelBody) -> Result<(), Implausible> {
    if c.lines.is_empty() {
        return Err(Implausible::NoLines { kind: "cancel" });
    }
    line_count("cancel", c.lines.len())?;
    for (i, l) in c.lines.iter().enumerate() {
        quantity(format!("lines[{i}] quantity"), l.quantity)?;
        amount(&format!("lines[{i}] gross"), l.gross)?;
    }
    amount("total", c.total)?;
    same("total", c.total, sum(c.lines.iter().map(|l| l.gross)), "the lines")
}

fn check_shift_close(c: &ShiftCloseBody) -> Result<(), Implausible> {
    let f = &c.flows;
    for (name, v) in [
        ("flows.float", f.float),
        ("flows.cash_sales", f.cash_sales),
        ("flows.change", f.change),
        ("flows.cash_in", f.cash_in),
        ("flows.cash_out", f.cash_out),
        ("flows.cash_refunds", f.cash_refunds),
        ("counted", c.counted),
    ] {
        amount(name, v)?;
    }
    within("flows.voided_cash", f.voided_cash, -MAX_AMOUNT, MAX_AMOUNT)?;
    let expected = i128::from(f.float) + i128::from(f.cash_sales) - i128::from(f.change)
        + i128::from(f.cash_in)
        - i128::from(f.cash_out)
        - i128::from(f.cash_refunds)
        - i128::from(f.voided_cash);
    same("expected", c.expected, expected, "the flows")?;
    for (i, d) in c.counts.iter().enumerate() {
        within(&format!("counts[{i}] value"), d.value, 1, MAX_AMOUNT)?;
    }
    let counted = c.counts.iter().map(|d| i128::from(d.value) * i128::from(d.count)).sum();
    same("counted", c.counted, counted, "the counts")?;
    same("over_short", c.over_short, i128::from(c.counted) - i128::from(c.expected), "counted less expected")
}

fn check_day_close(d: &DayCloseBody) -> Result<(), Implausible> {
    let r = &d.report;
    for (name, v) in [
        ("report.gross_sales", r.gross_sales),
        ("report.sales", r.sales),
        ("report.returns", r.returns),
        ("report.voids", r.voids),
        ("report.net_sales", r.net_sales),
        ("report.tax", r.tax),
    ] {
        // A day's figures of one terminal: returns may outweigh sales, never by a ceiling.
        within(name, v, -MAX_AMOUNT, MAX_AMOUNT)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "plausible_tests.rs"]
mod tests;
