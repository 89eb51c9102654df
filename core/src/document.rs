//! Ledger documents: what the terminal commits and head office receives.
//!
//! A document is a header (who, where, when, its place in the chain) and a body (what
//! happened). Amounts are integer minor units and quantities integer thousandths, so the
//! canonical encoding ([`crate::chain`]) is exact and the same on every machine.
//! Documents are never edited: a correction is a new document pointing at the old one.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::report::DayCloseBody;
pub use crate::returns::ReturnBody;
pub use crate::shift::{ShiftCloseBody, ShiftOpenBody};

use crate::cart::{Cart, CartTotals};
use crate::quantity::Quantity;
use crate::tax::{DppBase, TaxMode};
use crate::tender::{Settlement, Tender, TenderKind};

/// Everything a committed document says about itself besides its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub store: String,
    pub terminal: String,
    /// Gapless per-terminal sequence, from 1.
    pub seq: u64,
    /// `S01-T02-000123`.
    pub receipt_number: String,
    #[serde(with = "canonical_time")]
    pub created_at: DateTime<FixedOffset>,
    /// Code of the user who made the document.
    pub user: String,
    /// Hex SHA-256 of the previous document, or 64 zeros for the first.
    pub prev_hash: String,
    /// Perpetual grand total after this document, in minor units (see [`Body::grand_total_delta`]).
    pub grand_total: i64,
}

/// A committed document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub header: Header,
    pub body: Body,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Sale(SaleBody),
    /// Cancels a committed sale as a whole (post-void), with a manager's approval.
    Void(VoidBody),
    /// A sale abandoned before payment (the whole cart voided), with a manager's approval.
    /// No money or stock moved; it is kept so an audit sees every cancelled cart.
    Cancel(CancelBody),
    /// The drawer opened without a sale.
    NoSale(NoSaleBody),
    CashIn(CashMovementBody),
    CashOut(CashMovementBody),
    /// Goods back from a customer, and the refund.
    Return(ReturnBody),
    ShiftOpen(ShiftOpenBody),
    ShiftClose(ShiftCloseBody),
    /// The Z: closes the business day with a frozen copy of its report.
    DayClose(Box<DayCloseBody>),
}

impl Body {
    /// The kind's name as stored in the `documents.kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Body::Sale(_) => "sale",
            Body::Void(_) => "void",
            Body::Cancel(_) => "cancel",
            Body::NoSale(_) => "no_sale",
            Body::CashIn(_) => "cash_in",
            Body::CashOut(_) => "cash_out",
            Body::Return(_) => "return",
            Body::ShiftOpen(_) => "shift_open",
            Body::ShiftClose(_) => "shift_close",
            Body::DayClose(_) => "day_close",
        }
    }

    /// How this document moves the perpetual grand total: the net sales of the terminal since
    /// it was set up (sales add their total, voids and returns take theirs back). It never
    /// resets, not even at a Z.
    pub fn grand_total_delta(&self) -> i64 {
        match self {
            Body::Sale(s) => s.total,
            Body::Void(v) => v.total.wrapping_neg(),
            Body::Return(r) => r.total.wrapping_neg(),
            Body::Cancel(_)
            | Body::NoSale(_)
            | Body::CashIn(_)
            | Body::CashOut(_)
            | Body::ShiftOpen(_)
            | Body::ShiftClose(_)
            | Body::DayClose(_) => 0,
        }
    }

    /// The caller's request id, for the kinds that carry one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Body::Sale(s) => s.request_id.as_deref(),
            Body::Return(r) => r.request_id.as_deref(),
            _ => None,
        }
    }

    /// The document's own amount as reports list it (0 where it has none).
    pub fn amount(&self) -> i64 {
        match self {
            Body::Sale(s) => s.total,
            Body::Void(v) => v.total,
            Body::Cancel(c) => c.total,
            Body::CashIn(m) | Body::CashOut(m) => m.amount,
            Body::Return(r) => r.total,
            Body::ShiftOpen(o) => o.float,
            Body::ShiftClose(c) => c.counted,
            Body::DayClose(d) => d.report.net_sales,
            Body::NoSale(_) => 0,
        }
    }
}

/// A manager's approval for something a cashier may not do alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// What was approved (written as `price_override`, `discount_over_limit`, `void_line`, …).
    pub action: crate::policy::Action,
    /// Code of the approving manager.
    pub approver: String,
    pub reason: String,
    /// The line it concerns, if any: in a cart, the line's id ([`crate::LineId`]); in a
    /// committed sale, the line's number on the receipt.
    pub line: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleBody {
    pub currency: crate::Currency,
    pub tax_mode: TaxMode,
    pub lines: Vec<SaleLine>,
    pub taxes: Vec<TaxLine>,
    pub subtotal: i64,
    pub line_discounts: i64,
    pub order_discount: i64,
    pub net: i64,
    pub tax: i64,
    /// Σ line gross.
    pub total: i64,
    /// Items in the basket: pieces, and one per weighed line. (Absent from documents made
    /// before it was recorded, which keeps their hashes.)
    #[serde(default, skip_serializing_if = "Quantity::is_zero")]
    pub items: Quantity,
    /// Cash rounding booked on its own.
    pub rounding: i64,
    pub tenders: Vec<TenderLine>,
    pub change: i64,
    pub approvals: Vec<Approval>,
    /// The caller's id for this request, so a retried request is recognised and not
    /// committed twice. (Absent when none was given, which keeps older hashes.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleLine {
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub barcode: Option<String>,
    pub quantity: Quantity,
    /// The catalogue price per unit.
    pub list_price: i64,
    /// The price charged per unit (differs from `list_price` after an override).
    pub unit_price: i64,
    pub extended: i64,
    pub line_discount: i64,
    pub order_discount: i64,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
    pub tax_class: String,
    pub tax_rate_bp: u32,
    pub price_includes_tax: bool,
    /// The share of the net the tax was charged on, when it is not the whole net (absent
    /// otherwise, which keeps the hashes of documents made before DPP was recorded).
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp_base: DppBase,
    /// The DPP in minor units, recorded with `dpp_base` (see [`SaleLine::dpp_amount`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpp: Option<i64>,
}

impl SaleLine {
    /// The DPP the tax was charged on: the net unless a share of it was recorded.
    pub fn dpp_amount(&self) -> i64 {
        self.dpp.unwrap_or(self.net)
    }
}

/// One rate's figures in a sale or a return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxLine {
    pub tax_class: String,
    pub rate_bp: u32,
    pub price_includes_tax: bool,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
    /// As on [`SaleLine::dpp_base`]: absent when the whole net is the base.
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp_base: DppBase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpp: Option<i64>,
}

impl TaxLine {
    /// The DPP the tax was charged on: the net unless a share of it was recorded.
    pub fn dpp_amount(&self) -> i64 {
        self.dpp.unwrap_or(self.net)
    }
}

/// `Some(dpp)` when `base` is a share of the net, `None` (the net itself) otherwise: what a
/// document records, so that documents without a DPP rule encode as they always have.
pub fn recorded_dpp(base: DppBase, dpp: i64) -> Option<i64> {
    (!base.is_full()).then_some(dpp)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderLine {
    pub kind: TenderKind,
    pub amount: i64,
    pub reference: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidBody {
    pub voided_seq: u64,
    pub voided_receipt: String,
    pub total: i64,
    pub reason: String,
    pub approver: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelBody {
    pub currency: crate::Currency,
    /// What was in the cart, as it would have been sold.
    pub lines: Vec<CancelledLine>,
    /// What the customer would have paid.
    pub total: i64,
    pub reason: String,
    pub approver: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledLine {
    pub sku: String,
    pub name: String,
    pub quantity: Quantity,
    pub gross: i64,
}

impl CancelBody {
    /// Describes a cart being abandoned. `totals` must be `cart.totals()`.
    pub fn from_cart(cart: &Cart, totals: &CartTotals, reason: &str, approver: &str) -> CancelBody {
        CancelBody {
            currency: cart.currency(),
            lines: cart
                .lines()
                .iter()
                .zip(&totals.lines)
                .map(|(l, t)| CancelledLine {
                    sku: l.product.sku.clone(),
                    name: l.product.name.clone(),
                    quantity: l.quantity,
                    gross: t.gross.minor(),
                })
                .collect(),
            total: totals.total.minor(),
            reason: reason.to_owned(),
            approver: approver.to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoSaleBody {
    pub reason: String,
    pub approver: String,
    /// What the drawer did when it was asked to open. Absent from no-sales recorded before
    /// terminals said (they encode byte for byte as they did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawer: Option<DrawerOutcome>,
}

/// Whether the cash drawer opened when a document asked it to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DrawerOutcome {
    Opened,
    /// The kick did not reach the drawer, and why (in the device's own words).
    DidNotOpen {
        reason: String,
    },
    /// The terminal has no cash drawer (`[printer] drawer = "none"`).
    NotConfigured,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashMovementBody {
    pub amount: i64,
    pub reason: String,
    /// The user who approved it when the acting user may not do it alone (see
    /// [`crate::policy::Permissions`]). Absent from documents that need none, so those
    /// written before it existed encode byte for byte as they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
}

impl SaleBody {
    /// Builds the sale's body from a settled cart. `totals` must be `cart.totals()`.
    pub fn from_checkout(
        cart: &Cart,
        totals: &CartTotals,
        tenders: &[Tender],
        settlement: &Settlement,
        approvals: Vec<Approval>,
    ) -> SaleBody {
        let lines = cart
            .lines()
            .iter()
            .zip(&totals.lines)
            .enumerate()
            .map(|(i, (line, t))| SaleLine {
                line_no: i as u32 + 1,
                sku: line.product.sku.clone(),
                name: line.product.name.clone(),
                category: line.product.category.clone(),
                unit: line.product.unit.clone(),
                barcode: line.barcode.clone(),
                quantity: line.quantity,
                list_price: line.product.unit_price.minor(),
                unit_price: line.unit_price().minor(),
                extended: t.extended.minor(),
                line_discount: t.line_discount.minor(),
                order_discount: t.order_discount.minor(),
                net: t.net.minor(),
                tax: t.tax.minor(),
                gross: t.gross.minor(),
                tax_class: line.product.tax_class.clone(),
                tax_rate_bp: line.product.tax_rate.basis_points(),
                price_includes_tax: line.product.price_includes_tax,
                dpp_base: line.product.dpp,
                dpp: recorded_dpp(line.product.dpp, t.dpp.minor()),
            })
            .collect();
        SaleBody {
            currency: cart.currency(),
            tax_mode: cart.tax_mode(),
            lines,
            taxes: totals
                .taxes
                .iter()
                .map(|t| TaxLine {
                    tax_class: t.tax_class.clone(),
                    rate_bp: t.rate.basis_points(),
                    price_includes_tax: t.price_includes_tax,
                    net: t.net.minor(),
                    tax: t.tax.minor(),
                    gross: t.gross.minor(),
                    dpp_base: t.dpp_base,
                    dpp: recorded_dpp(t.dpp_base, t.dpp.minor()),
                })
                .collect(),
            subtotal: totals.subtotal.minor(),
            line_discounts: totals.line_discounts.minor(),
            order_discount: totals.order_discount.minor(),
            net: totals.net.minor(),
            tax: totals.tax.minor(),
            total: totals.total.minor(),
            items: totals.item_count,
            rounding: settlement.rounding.minor(),
            tenders: tenders
                .iter()
                .map(|t| TenderLine {
                    kind: t.kind,
                    amount: t.amount.minor(),
                    reference: t.reference.clone(),
                })
                .collect(),
            change: settlement.change.minor(),
            // The cart refers to lines by id; the document by their number on the receipt.
            approvals: approvals
                .into_iter()
                .map(|a| Approval { line: a.line.and_then(|id| cart.line_no(id)), ..a })
                .collect(),
            request_id: None,
        }
    }

    /// Cash in the drawer from this sale: cash tendered less change.
    pub fn net_cash(&self) -> i64 {
        self.tenders.iter().filter(|t| t.kind == TenderKind::Cash).map(|t| t.amount).sum::<i64>()
            - self.change
    }
}

/// `S01-T02-000123`: at least six digits, more when the sequence outgrows them.
pub fn receipt_number(store: &str, terminal: &str, seq: u64) -> String {
    crate::ReceiptNumber::new(store, terminal, seq).to_string()
}

/// Timestamps are written one way only (RFC 3339, milliseconds, explicit offset), so that
/// parsing and writing again gives the same bytes and the same hash.
pub mod canonical_time {
    use super::*;

    pub fn format(t: &DateTime<FixedOffset>) -> String {
        t.to_rfc3339_opts(SecondsFormat::Millis, false)
    }

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(serde::de::Error::custom)
    }

    /// Drops sub-millisecond precision, which the canonical form does not carry.
    pub fn truncate(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format(&t)).expect("own format parses")
    }
}
