//! Returns: which parts of a sale may still be refunded, and for how much.
//!
//! A returned quantity is refunded at what the customer actually paid for it: the line's
//! gross and tax after its discounts, in proportion. To make every partial return add up
//! exactly, the refund for `q` more units after `c` already returned is `R(c + q) − R(c)`,
//! where `R(n)` is the line's amount × n / quantity sold, rounded. Returning a line in any
//! number of parts therefore refunds exactly its gross, never a Rupiah more.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::cart::{Cart, CartTotals};
use crate::document::{SaleBody, TaxLine, TenderLine, recorded_dpp};
use crate::quantity::Quantity;
use crate::tax::DppBase;
use crate::tender::{CashRounding, TenderKind};

/// The sale a return refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalSale {
    pub seq: u64,
    pub receipt: String,
    /// For a sale made at another terminal: that document's hash, as head office sent it.
    /// (Absent for this terminal's own sales, which keeps older hashes.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

impl OriginalSale {
    /// Whether the sale was made at terminal `store`-`terminal`, as its receipt number says.
    pub fn made_at(&self, store: &str, terminal: &str) -> bool {
        crate::ReceiptNumber::parse(&self.receipt).is_some_and(|r| r.made_at(store, terminal))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub line_no: u32,
    /// The line of the original sale it comes back from (none for a return without receipt).
    pub original_line_no: Option<u32>,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub quantity: Quantity,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
    pub tax_class: String,
    pub tax_rate_bp: u32,
    pub price_includes_tax: bool,
    /// As on [`crate::document::SaleLine::dpp_base`]: absent when the whole net is the base.
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp_base: DppBase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpp: Option<i64>,
}

impl ReturnLine {
    /// The DPP of the tax refunded: the net unless a share of it was recorded.
    pub fn dpp_amount(&self) -> i64 {
        self.dpp.unwrap_or(self.net)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnBody {
    pub currency: crate::Currency,
    /// None: a return without a receipt (a manager's approval is then required).
    pub original: Option<OriginalSale>,
    pub lines: Vec<ReturnLine>,
    pub taxes: Vec<TaxLine>,
    pub net: i64,
    pub tax: i64,
    /// What the goods are worth back: Σ line gross.
    pub total: i64,
    /// Cash rounding on the cash part of the refund (the refunds add up to `total + rounding`).
    pub rounding: i64,
    /// How the value goes back: one tender, or in an exchange the credit taken by the new
    /// sale and, if the returned goods were worth more, the rest.
    pub refunds: Vec<TenderLine>,
    pub reason: String,
    pub approver: Option<String>,
    /// The caller's id for this request (see [`crate::document::SaleBody::request_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// What has already come back from one line of a sale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Returned {
    pub line_no: u32,
    pub quantity: Quantity,
}

/// "Return this many of that line."
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    pub line_no: u32,
    pub quantity: Quantity,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReturnError {
    #[error("receipt {receipt} has no line {line_no}")]
    NoSuchLine { receipt: String, line_no: u32 },
    #[error("line {line_no}: the quantity must be more than zero")]
    NonPositive { line_no: u32 },
    #[error("line {line_no} is asked for twice")]
    Repeated { line_no: u32 },
    #[error("line {line_no} ({name}): {asked} asked back, but only {left} of it is left to return")]
    TooMuch { line_no: u32, name: String, asked: Quantity, left: Quantity },
    #[error("line {line_no} ({name}) is sold by the piece; return a whole number (got {asked})")]
    FractionalPieces { line_no: u32, name: String, asked: Quantity },
    #[error("nothing to return")]
    Nothing,
}

/// `amount × n / of`, rounded half away from zero (`of` > 0).
fn share(amount: i64, n: i64, of: i64) -> i64 {
    let exact = i128::from(amount) * i128::from(n);
    let of = i128::from(of);
    let q = exact / of;
    let r = exact % of;
    (if 2 * r.abs() >= of { q + exact.signum() } else { q }) as i64
}

/// The lines to refund for `requests` on `sale` with `receipt` number, given what has
/// already been returned from it.
pub fn lines_from_sale(
    sale: &SaleBody,
    receipt: &str,
    already: &[Returned],
    requests: &[ReturnRequest],
) -> Result<Vec<ReturnLine>, ReturnError> {
    if requests.is_empty() {
        return Err(ReturnError::Nothing);
    }
    let mut out = Vec::with_capacity(requests.len());
    for (i, req) in requests.iter().enumerate() {
        let line_no = req.line_no;
        if requests[..i].iter().any(|r| r.line_no == line_no) {
            return Err(ReturnError::Repeated { line_no });
        }
        let line = sale
            .lines
            .iter()
            .find(|l| l.line_no == line_no)
            .ok_or_else(|| ReturnError::NoSuchLine { receipt: receipt.to_owned(), line_no })?;
        if !req.quantity.is_positive() {
            return Err(ReturnError::NonPositive { line_no });
        }
        let sold = line.quantity.milli();
        let before: i64 = already.iter().filter(|r| r.line_no == line_no).map(|r| r.quantity.milli()).sum();
        let left = Quantity::from_milli(sold - before);
        if req.quantity.milli() > left.milli() {
            return Err(ReturnError::TooMuch { line_no, name: line.name.clone(), asked: req.quantity, left });
        }
        // Whole pieces only for goods sold whole (a weighed line may come back in part).
        if line.quantity.is_whole() && !req.quantity.is_whole() {
            return Err(ReturnError::FractionalPieces {
                line_no,
                name: line.name.clone(),
                asked: req.quantity,
            });
        }
        let after = before + req.quantity.milli();
        let gross = share(line.gross, after, sold) - share(line.gross, before, sold);
        let tax = share(line.tax, after, sold) - share(line.tax, before, sold);
        let dpp = line.dpp.map(|d| share(d, after, sold) - share(d, before, sold));
        out.push(ReturnLine {
            line_no: i as u32 + 1,
            original_line_no: Some(line_no),
            sku: line.sku.clone(),
            name: line.name.clone(),
            category: line.category.clone(),
            quantity: req.quantity,
            net: gross - tax,
            tax,
            gross,
            tax_class: line.tax_class.clone(),
            tax_rate_bp: line.tax_rate_bp,
            price_includes_tax: line.price_includes_tax,
            dpp_base: line.dpp_base,
            dpp,
        });
    }
    Ok(out)
}

/// Lines for a return without a receipt, priced as the cart prices them today.
/// `totals` must be `cart.totals()`.
pub fn lines_from_cart(cart: &Cart, totals: &CartTotals) -> Vec<ReturnLine> {
    cart.lines()
        .iter()
        .zip(&totals.lines)
        .enumerate()
        .map(|(i, (l, t))| ReturnLine {
            line_no: i as u32 + 1,
            original_line_no: None,
            sku: l.product.sku.clone(),
            name: l.product.name.clone(),
            category: l.product.category.clone(),
            quantity: l.quantity,
            net: t.net.minor(),
            tax: t.tax.minor(),
            gross: t.gross.minor(),
            tax_class: l.product.tax_class.clone(),
            tax_rate_bp: l.product.tax_rate.basis_points(),
            price_includes_tax: l.product.price_includes_tax,
            dpp_base: l.product.dpp,
            dpp: recorded_dpp(l.product.dpp, t.dpp.minor()),
        })
        .collect()
}

impl ReturnBody {
    /// A return refunding `lines` in one tender; a cash refund is rounded like a cash sale.
    pub fn new(
        currency: crate::Currency,
        original: Option<OriginalSale>,
        lines: Vec<ReturnLine>,
        refund_kind: TenderKind,
        cash_rounding: CashRounding,
        reason: &str,
        approver: Option<String>,
    ) -> ReturnBody {
        ReturnBody::with_credit(currency, original, lines, 0, refund_kind, cash_rounding, reason, approver)
    }

    /// A return whose value first pays `credit` of an exchange's new sale (as
    /// [`TenderKind::Exchange`]); what is left is refunded in `refund_kind`.
    #[allow(clippy::too_many_arguments)]
    pub fn with_credit(
        currency: crate::Currency,
        original: Option<OriginalSale>,
        lines: Vec<ReturnLine>,
        credit: i64,
        refund_kind: TenderKind,
        cash_rounding: CashRounding,
        reason: &str,
        approver: Option<String>,
    ) -> ReturnBody {
        let mut taxes: Vec<TaxLine> = Vec::new();
        for l in &lines {
            match taxes.iter_mut().find(|t| {
                t.tax_class == l.tax_class
                    && t.rate_bp == l.tax_rate_bp
                    && t.price_includes_tax == l.price_includes_tax
                    && t.dpp_base == l.dpp_base
            }) {
                Some(t) => {
                    t.net += l.net;
                    t.tax += l.tax;
                    t.gross += l.gross;
                    t.dpp = t.dpp.map(|d| d + l.dpp_amount());
                }
                None => taxes.push(TaxLine {
                    tax_class: l.tax_class.clone(),
                    rate_bp: l.tax_rate_bp,
                    price_includes_tax: l.price_includes_tax,
                    net: l.net,
                    tax: l.tax,
                    gross: l.gross,
                    dpp_base: l.dpp_base,
                    dpp: recorded_dpp(l.dpp_base, l.dpp_amount()),
                }),
            }
        }
        taxes.sort_by(|a, b| {
            (a.rate_bp, &a.tax_class, a.price_includes_tax, a.dpp_base).cmp(&(
                b.rate_bp,
                &b.tax_class,
                b.price_includes_tax,
                b.dpp_base,
            ))
        });
        let total: i64 = lines.iter().map(|l| l.gross).sum();
        let credit = credit.clamp(0, total);
        let rest = total - credit;
        let mut refunds = Vec::new();
        if credit > 0 {
            refunds.push(TenderLine { kind: TenderKind::Exchange, amount: credit, reference: None });
        }
        let paid_back = if refund_kind == TenderKind::Cash { cash_rounding.apply(rest) } else { rest };
        if paid_back > 0 || refunds.is_empty() {
            refunds.push(TenderLine { kind: refund_kind, amount: paid_back, reference: None });
        }
        ReturnBody {
            currency,
            original,
            net: lines.iter().map(|l| l.net).sum(),
            tax: lines.iter().map(|l| l.tax).sum(),
            total,
            rounding: paid_back - rest,
            refunds,
            taxes,
            lines,
            reason: reason.to_owned(),
            approver,
            request_id: None,
        }
    }

    /// What was paid back in tenders other than exchange credit.
    pub fn refunded(&self) -> i64 {
        self.refunds.iter().filter(|r| r.kind != TenderKind::Exchange).map(|r| r.amount).sum()
    }
}

#[cfg(test)]
#[path = "returns_tests.rs"]
mod tests;
