//! Report arithmetic: X (a reading), Z (the day's close) and sales reports are all one
//! [`Report`], built by feeding a [`ReportBuilder`] the ledger's figures. The storage layer
//! decides which documents belong to the period; this module only adds up, so every total
//! here is the same function of the ledger wherever it is computed.
//!
//! Signs: a voided sale is fed again with `sign = -1`, which takes it out of every figure
//! it was in; returns are their own figures and are taken off net sales.
//!
//! The balance every report must meet (see [`Report::balances`]):
//! Σ tenders received − change − refunds = net sales + rounding.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;
use crate::shift::CashFlows;
use crate::tax::DppBase;
use crate::tender::TenderKind;

/// A Z: the business day it closes and the report frozen at that moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCloseBody {
    /// Consecutive per terminal, from 1.
    pub z_number: u64,
    /// The business day closed, `YYYY-MM-DD`.
    pub business_date: String,
    pub report: Report,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenderFigures {
    pub kind: TenderKind,
    pub received: i64,
    pub change: i64,
    pub refunded: i64,
    /// Received − change − refunded.
    pub net: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxFigures {
    pub tax_class: String,
    pub rate_bp: u32,
    pub price_includes_tax: bool,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
    /// The share of the net the tax is charged on; absent when it is the whole net (which
    /// keeps a Z of such figures encoded as before).
    #[serde(default, skip_serializing_if = "DppBase::is_full")]
    pub dpp_base: DppBase,
    /// Σ DPP, recorded with `dpp_base` (see [`TaxFigures::dpp_amount`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpp: Option<i64>,
}

impl TaxFigures {
    /// The DPP the tax was charged on: the net unless a share of it was recorded.
    pub fn dpp_amount(&self) -> i64 {
        self.dpp.unwrap_or(self.net)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The hour (00–23), category, cashier or SKU.
    pub key: String,
    /// A product's name (empty for other breakdowns).
    pub name: String,
    /// Sales (transactions) for hours and cashiers; quantity sold for categories and products.
    pub count: Quantity,
    /// Net sales (gross, tax included).
    pub amount: i64,
}

/// Cash in the drawer: what the ledger expects and, for closed shifts, what was counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashFigures {
    pub flows: CashFlows,
    pub expected: i64,
    /// None while a shift is still open (an X reading).
    pub counted: Option<i64>,
    pub over_short: Option<i64>,
}

/// Everything X, Z and sales reports show. Money in minor units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub currency: crate::Currency,
    /// The ledger documents the report covers (0, 0 when none).
    pub first_seq: u64,
    pub last_seq: u64,
    /// Sales not voided.
    pub transactions: u64,
    /// Σ list price × quantity on those sales, before discounts (tax as priced).
    pub gross_sales: i64,
    pub discounts: i64,
    /// Σ sale totals: what customers owed, tax included.
    pub sales: i64,
    pub returns_count: u64,
    pub returns: i64,
    /// Committed sales voided afterwards (they are out of every other figure).
    pub voids_count: u64,
    pub voids: i64,
    /// Sales voided before payment.
    pub cancels_count: u64,
    pub cancels: i64,
    pub no_sales: u64,
    /// Sales − returns (voids already out).
    pub net_sales: i64,
    /// Tax in net sales.
    pub tax: i64,
    /// Cash rounding on sales less that on cash refunds.
    pub rounding: i64,
    /// Pieces, and one per weighed line, in net sales (thousandths).
    pub items: Quantity,
    /// Net sales ÷ transactions, rounded.
    pub average_basket: i64,
    /// Items ÷ transactions (thousandths).
    pub items_per_basket: Quantity,
    pub cash_in: i64,
    pub cash_out: i64,
    pub tenders: Vec<TenderFigures>,
    pub taxes: Vec<TaxFigures>,
    pub by_hour: Vec<Breakdown>,
    pub by_category: Vec<Breakdown>,
    pub by_cashier: Vec<Breakdown>,
    /// Products by amount, largest first (all of them, or the top few in an X or Z).
    pub products: Vec<Breakdown>,
    pub cash: Option<CashFigures>,
}

impl Report {
    /// Σ tenders received − change − refunds = net sales + rounding.
    pub fn balances(&self) -> bool {
        self.tenders.iter().map(|t| t.net).sum::<i64>() == self.net_sales + self.rounding
    }
}

/// Sums of sale (or return) lines of one product at one tax rate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductFigures {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub tax_class: String,
    pub rate_bp: u32,
    pub price_includes_tax: bool,
    pub dpp_base: DppBase,
    pub quantity: Quantity,
    /// Before discounts (zero for returns).
    pub extended: i64,
    pub discounts: i64,
    pub net: i64,
    /// Σ DPP (equal to `net` when the base is the whole net).
    pub dpp: i64,
    pub tax: i64,
    pub gross: i64,
}

/// One sale's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleFigures {
    pub cashier: String,
    /// Local hour it was made, 0–23.
    pub hour: u8,
    pub total: i64,
    pub rounding: i64,
    pub change: i64,
    pub items: Quantity,
}

#[derive(Default)]
struct Group {
    name: String,
    count: i64,
    amount: i64,
}

/// Adds up a period's figures into a [`Report`].
#[derive(Default)]
pub struct ReportBuilder {
    r: Report,
    tenders: BTreeMap<TenderKind, TenderFigures>,
    taxes: BTreeMap<(u32, String, bool, DppBase), TaxFigures>,
    hours: BTreeMap<u8, Group>,
    categories: BTreeMap<String, Group>,
    cashiers: BTreeMap<String, Group>,
    products: BTreeMap<String, Group>,
}

impl ReportBuilder {
    pub fn new(currency: crate::Currency) -> ReportBuilder {
        let mut b = ReportBuilder::default();
        b.r.currency = currency;
        b
    }

    pub fn covering(&mut self, first_seq: u64, last_seq: u64) {
        self.r.first_seq = first_seq;
        self.r.last_seq = last_seq;
    }

    /// A sale (`sign` 1), or a voided one taken back out (`sign` -1).
    pub fn sale(&mut self, s: &SaleFigures, sign: i64) {
        let r = &mut self.r;
        if sign > 0 {
            r.transactions += 1;
        } else {
            r.transactions -= 1;
            r.voids_count += 1;
            r.voids += s.total;
        }
        r.sales += sign * s.total;
        r.rounding += sign * s.rounding;
        r.items = Quantity::from_milli(r.items.milli() + sign * s.items.milli());
        group(&mut self.hours, s.hour, "", sign * 1000, sign * s.total);
        group(&mut self.cashiers, s.cashier.clone(), "", sign * 1000, sign * s.total);
        if s.change != 0 {
            self.tender_mut(TenderKind::Cash).change += sign * s.change;
        }
    }

    /// A tender received on a sale (`sign` -1 for a voided sale's).
    pub fn tender(&mut self, kind: TenderKind, amount: i64, sign: i64) {
        self.tender_mut(kind).received += sign * amount;
    }

    /// Sale lines (`sign` 1), or a voided sale's lines (`sign` -1).
    pub fn sale_lines(&mut self, p: &ProductFigures, sign: i64) {
        self.r.gross_sales += sign * p.extended;
        self.r.discounts += sign * p.discounts;
        self.lines(p, sign);
    }

    /// A return: its own figures, then its refunds through [`ReportBuilder::refund`] and its
    /// lines through [`ReportBuilder::return_lines`].
    pub fn return_doc(&mut self, cashier: &str, hour: u8, total: i64, rounding: i64) {
        self.r.returns_count += 1;
        self.r.returns += total;
        self.r.rounding -= rounding;
        group(&mut self.hours, hour, "", 0, -total);
        group(&mut self.cashiers, cashier.to_owned(), "", 0, -total);
    }

    /// Value paid back on returns in one tender.
    pub fn refund(&mut self, kind: TenderKind, amount: i64) {
        self.tender_mut(kind).refunded += amount;
    }

    pub fn return_lines(&mut self, p: &ProductFigures) {
        self.lines(p, -1);
    }

    pub fn cancel(&mut self, total: i64) {
        self.r.cancels_count += 1;
        self.r.cancels += total;
    }

    pub fn no_sale(&mut self) {
        self.r.no_sales += 1;
    }

    pub fn cash_in(&mut self, amount: i64) {
        self.r.cash_in += amount;
    }

    pub fn cash_out(&mut self, amount: i64) {
        self.r.cash_out += amount;
    }

    /// The drawer: flows from the ledger, and the count when the shifts are closed.
    pub fn cash(&mut self, flows: CashFlows, counted: Option<i64>) {
        let expected = flows.expected();
        self.r.cash =
            Some(CashFigures { flows, expected, counted, over_short: counted.map(|c| c - expected) });
    }

    fn lines(&mut self, p: &ProductFigures, sign: i64) {
        let key = (p.rate_bp, p.tax_class.clone(), p.price_includes_tax, p.dpp_base);
        let t = self.taxes.entry(key).or_insert_with(|| TaxFigures {
            tax_class: p.tax_class.clone(),
            rate_bp: p.rate_bp,
            price_includes_tax: p.price_includes_tax,
            dpp_base: p.dpp_base,
            dpp: (!p.dpp_base.is_full()).then_some(0),
            ..TaxFigures::default()
        });
        t.net += sign * p.net;
        if let Some(d) = &mut t.dpp {
            *d += sign * p.dpp;
        }
        t.tax += sign * p.tax;
        t.gross += sign * p.gross;
        self.r.tax += sign * p.tax;
        let q = sign * p.quantity.milli();
        group(&mut self.categories, p.category.clone(), "", q, sign * p.gross);
        group(&mut self.products, p.sku.clone(), &p.name, q, sign * p.gross);
    }

    fn tender_mut(&mut self, kind: TenderKind) -> &mut TenderFigures {
        self.tenders.entry(kind).or_insert(TenderFigures {
            kind,
            received: 0,
            change: 0,
            refunded: 0,
            net: 0,
        })
    }

    /// The report, with at most `top_products` products (all with `None`).
    pub fn finish(self, top_products: Option<usize>) -> Report {
        let mut r = self.r;
        r.net_sales = r.sales - r.returns;
        if r.transactions > 0 {
            let n = r.transactions as i64;
            r.average_basket = div_round(r.net_sales, n);
            r.items_per_basket = Quantity::from_milli(div_round(r.items.milli(), n));
        }
        r.tenders = self
            .tenders
            .into_values()
            .map(|mut t| {
                t.net = t.received - t.change - t.refunded;
                t
            })
            .collect();
        r.taxes = self.taxes.into_values().collect();
        let breakdown = |(key, g): (String, Group)| Breakdown {
            key,
            name: g.name,
            count: Quantity::from_milli(g.count),
            amount: g.amount,
        };
        r.by_hour = self.hours.into_iter().map(|(h, g)| breakdown((format!("{h:02}"), g))).collect();
        r.by_category = self.categories.into_iter().map(breakdown).collect();
        r.by_cashier = self.cashiers.into_iter().map(breakdown).collect();
        let mut products: Vec<Breakdown> = self.products.into_iter().map(breakdown).collect();
        // Largest first; equal amounts by SKU so the order never depends on anything else.
        products.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key)));
        if let Some(n) = top_products {
            products.truncate(n);
        }
        r.products = products;
        r
    }
}

fn group<K: Ord>(map: &mut BTreeMap<K, Group>, key: K, name: &str, count: i64, amount: i64) {
    let g = map.entry(key).or_default();
    if g.name.is_empty() {
        g.name = name.to_owned();
    }
    g.count += count;
    g.amount += amount;
}

/// `a / b` rounded half away from zero (`b` > 0).
fn div_round(a: i64, b: i64) -> i64 {
    let q = a / b;
    let r = a % b;
    if 2 * r.abs() >= b { q + a.signum() } else { q }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
