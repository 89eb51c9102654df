//! What a batch adds to the summary tables the dashboard reads ([`crate::analytics`]): pure,
//! from the documents and the fact lines ingest already decided ([`crate::ingest::fact_lines`]),
//! merged per key so that each summary row is written once per batch (PostgreSQL's upsert
//! cannot touch a row twice in one statement). The storages only write what this gives.
//!
//! The figures from fact lines are the sales report's, to the Rupiah; everything else of a
//! document (counts, tenders, taxes, categories, discounts) follows the same signs: a sale
//! adds, a return takes back what it refunds, a void takes back its whole sale. A document
//! set aside is never given to it: it counts nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kasir_core::TenderKind;
use kasir_core::document::{Body, Document, SaleBody, TaxLine, TenderLine, canonical_time};
use kasir_core::policy::Action;
use serde::Serialize;

use crate::ingest::{FactLine, day_and_hour};
use crate::storage::StorageError;

/// Receipts, quantity and money of one row; exact while a batch is summed (the row written
/// is checked to fit the 64-bit columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub documents: i128,
    pub quantity_milli: i128,
    pub net: i128,
    pub tax: i128,
    pub gross: i128,
}

impl Sums {
    fn add(&mut self, o: &Sums) {
        self.documents += o.documents;
        self.quantity_milli += o.quantity_milli;
        self.net += o.net;
        self.tax += o.tax;
        self.gross += o.gross;
    }

    fn line(l: &FactLine) -> Sums {
        Sums {
            documents: 0,
            quantity_milli: l.quantity_milli.into(),
            net: l.net.into(),
            tax: l.tax.into(),
            gross: l.gross.into(),
        }
    }
}

/// One hour of one day: the headline figures ([`crate::analytics::Figures`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HourSums {
    pub documents: i128,
    /// Completed sales less voided ones.
    pub sales: i128,
    pub returns: i128,
    pub voids: i128,
    pub items_milli: i128,
    pub net: i128,
    pub tax: i128,
    pub gross: i128,
    pub discounts: i128,
    /// Refunded by returns, taken back by voids: gross, positive.
    pub returned: i128,
    pub voided: i128,
}

/// A product's row: its name and category as the latest document of the batch gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductSums {
    pub name: String,
    pub category: String,
    pub sums: Sums,
}

/// An approval given at the counter, as the `approvals` table keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovalEntry {
    pub seq: i64,
    /// Its place among the document's approvals.
    pub n: i64,
    pub business_date: String,
    pub receipt: String,
    pub at: String,
    pub action: String,
    pub cashier: String,
    pub approver: String,
    pub reason: String,
}

/// A batch's summary deltas for one terminal, merged per key (business day first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// By (day, hour).
    pub hours: BTreeMap<(String, u32), HourSums>,
    /// By (day, SKU).
    pub products: BTreeMap<(String, String), ProductSums>,
    /// By (day, category).
    pub categories: BTreeMap<(String, String), Sums>,
    /// By (day, user code).
    pub cashiers: BTreeMap<(String, String), Sums>,
    /// By (day, tender kind): `net` and `gross` the amount, cash less change.
    pub tenders: BTreeMap<(String, String), Sums>,
    /// By (day, class, rate): `net` the DPP.
    pub taxes: BTreeMap<(String, String, u32), Sums>,
    /// By (day, reason).
    pub return_reasons: BTreeMap<(String, String), Sums>,
    pub approvals: Vec<ApprovalEntry>,
}

impl Summary {
    /// Adds a document that counts (not set aside). `facts` are its fact lines; for a void,
    /// `voided` is the sale it cancels when that sale counted (else the void takes nothing).
    pub fn add(&mut self, doc: &Document, facts: &[FactLine], voided: Option<&Document>) {
        let (day, hour) = day_and_hour(doc);
        let at = Place { day: &day, hour, cashier: &doc.header.user };
        match &doc.body {
            Body::Sale(s) => self.sale(&at, s, facts, 1),
            Body::Void(_) => {
                if let Some(Document { body: Body::Sale(s), .. }) = voided {
                    self.sale(&at, s, facts, -1);
                    let h = self.hours.entry((day.clone(), hour)).or_default();
                    h.voids += 1;
                    h.voided -= facts.iter().map(|l| i128::from(l.gross)).sum::<i128>();
                }
            }
            Body::Return(r) => {
                let categories = r.lines.iter().map(|l| (l.line_no, l.category.as_str())).collect();
                self.lines(&at, facts, &categories);
                let h = self.hours.entry((day.clone(), hour)).or_default();
                h.returns += 1;
                h.returned -= facts.iter().map(|l| i128::from(l.gross)).sum::<i128>();
                self.tenders_of(&day, &r.refunds, 0, -1);
                self.taxes_of(&day, &r.taxes, -1);
                let reason = self.return_reasons.entry((day.clone(), r.reason.clone())).or_default();
                reason.documents += 1;
                facts.iter().for_each(|l| reason.add(&Sums::line(l)));
            }
            _ => {}
        }
        self.approvals_of(doc, &day);
    }

    /// A sale (`sign` 1) or the sale a void takes back (`sign` -1), at the place of the
    /// document adding it; its line figures are `facts` (already signed).
    fn sale(&mut self, at: &Place, s: &SaleBody, facts: &[FactLine], sign: i128) {
        let categories = s.lines.iter().map(|l| (l.line_no, l.category.as_str())).collect();
        self.lines(at, facts, &categories);
        let h = self.hours.entry((at.day.to_owned(), at.hour)).or_default();
        h.sales += sign;
        h.discounts += sign * (i128::from(s.line_discounts) + i128::from(s.order_discount));
        self.tenders_of(at.day, &s.tenders, s.change, sign);
        self.taxes_of(at.day, &s.taxes, sign);
    }

    /// A document's fact lines: the hour's, products', categories' and cashier's figures, each
    /// row counting the document once.
    fn lines(&mut self, at: &Place, facts: &[FactLine], categories: &HashMap<u32, &str>) {
        let day = at.day.to_owned();
        let h = self.hours.entry((day.clone(), at.hour)).or_default();
        h.documents += 1;
        let cashier = self.cashiers.entry((day.clone(), at.cashier.to_owned())).or_default();
        cashier.documents += 1;
        let mut skus = BTreeSet::new();
        let mut seen_categories = BTreeSet::new();
        for l in facts {
            let sums = Sums::line(l);
            h.items_milli += sums.quantity_milli;
            h.net += sums.net;
            h.tax += sums.tax;
            h.gross += sums.gross;
            cashier.add(&sums);
            let category = categories.get(&l.line_no).copied().unwrap_or_default();
            let p = self.products.entry((day.clone(), l.sku.clone())).or_default();
            p.name.clone_from(&l.name);
            p.category = category.to_owned();
            p.sums.add(&sums);
            if skus.insert(l.sku.as_str()) {
                p.sums.documents += 1;
            }
            let c = self.categories.entry((day.clone(), category.to_owned())).or_default();
            c.add(&sums);
            if seen_categories.insert(category) {
                c.documents += 1;
            }
        }
    }

    /// Tenders taken (`sign` 1), refunded or taken back (`sign` -1); `change` given in cash.
    fn tenders_of(&mut self, day: &str, tenders: &[TenderLine], change: i64, sign: i128) {
        let mut amounts: BTreeMap<&str, i128> = BTreeMap::new();
        for t in tenders {
            *amounts.entry(t.kind.code()).or_default() += i128::from(t.amount);
        }
        if change != 0 {
            *amounts.entry(TenderKind::Cash.code()).or_default() -= i128::from(change);
        }
        for (kind, amount) in amounts {
            let row = self.tenders.entry((day.to_owned(), kind.to_owned())).or_default();
            row.documents += 1;
            row.net += sign * amount;
            row.gross += sign * amount;
        }
    }

    fn taxes_of(&mut self, day: &str, taxes: &[TaxLine], sign: i128) {
        let mut seen = BTreeSet::new();
        for t in taxes {
            let row = self.taxes.entry((day.to_owned(), t.tax_class.clone(), t.rate_bp)).or_default();
            if seen.insert((t.tax_class.as_str(), t.rate_bp)) {
                row.documents += 1;
            }
            row.net += sign * i128::from(t.dpp_amount());
            row.tax += sign * i128::from(t.tax);
            row.gross += sign * i128::from(t.gross);
        }
    }

    /// The approvals a document records, as the terminal lists them: a sale's own, and the
    /// approver of a void, a cancelled sale, a no-sale, a return or a cash movement.
    fn approvals_of(&mut self, doc: &Document, day: &str) {
        fn one<'d>(
            action: Action,
            approver: &'d str,
            reason: &'d str,
        ) -> Vec<(&'static str, &'d str, &'d str)> {
            vec![(action.code(), approver, reason)]
        }
        let given: Vec<(&str, &str, &str)> = match &doc.body {
            Body::Sale(s) => s
                .approvals
                .iter()
                .map(|a| (a.action.code(), a.approver.as_str(), a.reason.as_str()))
                .collect(),
            Body::Void(v) => one(Action::VoidSale, &v.approver, &v.reason),
            Body::Cancel(c) => one(Action::VoidSale, &c.approver, &c.reason),
            Body::NoSale(n) => one(Action::NoSale, &n.approver, &n.reason),
            Body::Return(r) => r.approver.iter().flat_map(|a| one(Action::Return, a, &r.reason)).collect(),
            Body::CashIn(c) => c.approver.iter().flat_map(|a| one(Action::CashIn, a, &c.reason)).collect(),
            Body::CashOut(c) => c.approver.iter().flat_map(|a| one(Action::CashOut, a, &c.reason)).collect(),
            _ => Vec::new(),
        };
        let h = &doc.header;
        for (n, (action, approver, reason)) in given.into_iter().enumerate() {
            self.approvals.push(ApprovalEntry {
                seq: i64::try_from(h.seq).unwrap_or(i64::MAX),
                n: n as i64,
                business_date: day.to_owned(),
                receipt: h.receipt_number.clone(),
                at: canonical_time::format(&h.created_at),
                action: action.to_owned(),
                cashier: h.user.clone(),
                approver: approver.to_owned(),
                reason: reason.to_owned(),
            });
        }
    }

    /// The rows to write, each checked to fit its 64-bit columns.
    pub fn rows(&self) -> Result<SummaryRows, StorageError> {
        let keyed = |map: &BTreeMap<(String, String), Sums>| {
            map.iter()
                .map(|((day, key), s)| KeyedRow::new(day, key, 0, "", "", s))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(SummaryRows {
            hours: self
                .hours
                .iter()
                .map(|((day, hour), h)| HourRow::new(day, *hour, h))
                .collect::<Result<_, _>>()?,
            products: self
                .products
                .iter()
                .map(|((day, sku), p)| KeyedRow::new(day, sku, 0, &p.name, &p.category, &p.sums))
                .collect::<Result<_, _>>()?,
            categories: keyed(&self.categories)?,
            cashiers: keyed(&self.cashiers)?,
            tenders: keyed(&self.tenders)?,
            taxes: self
                .taxes
                .iter()
                .map(|((day, class, rate), s)| KeyedRow::new(day, class, *rate, "", "", s))
                .collect::<Result<_, _>>()?,
            return_reasons: keyed(&self.return_reasons)?,
            approvals: self.approvals.clone(),
        })
    }
}

/// Where a document's figures go: its business day and hour, and its user.
struct Place<'a> {
    day: &'a str,
    hour: u32,
    cashier: &'a str,
}

/// A batch's summary rows for one terminal, ready to write (and, on PostgreSQL, to hand over
/// as JSON record sets: the field names are the columns').
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryRows {
    pub hours: Vec<HourRow>,
    pub products: Vec<KeyedRow>,
    pub categories: Vec<KeyedRow>,
    pub cashiers: Vec<KeyedRow>,
    pub tenders: Vec<KeyedRow>,
    pub taxes: Vec<KeyedRow>,
    pub return_reasons: Vec<KeyedRow>,
    pub approvals: Vec<ApprovalEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HourRow {
    pub business_date: String,
    pub hour: i64,
    pub documents: i64,
    pub sales: i64,
    pub returns: i64,
    pub voids: i64,
    pub items_milli: i64,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
    pub discounts: i64,
    pub returned: i64,
    pub voided: i64,
}

impl HourRow {
    fn new(day: &str, hour: u32, h: &HourSums) -> Result<HourRow, StorageError> {
        let f = |v: i128| fit(v, day);
        Ok(HourRow {
            business_date: day.to_owned(),
            hour: hour.into(),
            documents: f(h.documents)?,
            sales: f(h.sales)?,
            returns: f(h.returns)?,
            voids: f(h.voids)?,
            items_milli: f(h.items_milli)?,
            net: f(h.net)?,
            tax: f(h.tax)?,
            gross: f(h.gross)?,
            discounts: f(h.discounts)?,
            returned: f(h.returned)?,
            voided: f(h.voided)?,
        })
    }
}

/// The keyed summary tables: where each map of a [`Summary`] is written, and which columns
/// it has (the storages build their statements from these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyedTable {
    Products,
    Categories,
    Cashiers,
    Tenders,
    Taxes,
    ReturnReasons,
}

impl KeyedTable {
    pub const ALL: [KeyedTable; 6] = [
        KeyedTable::Products,
        KeyedTable::Categories,
        KeyedTable::Cashiers,
        KeyedTable::Tenders,
        KeyedTable::Taxes,
        KeyedTable::ReturnReasons,
    ];

    pub fn table(self) -> &'static str {
        match self {
            KeyedTable::Products => "summary_products",
            KeyedTable::Categories => "summary_categories",
            KeyedTable::Cashiers => "summary_cashiers",
            KeyedTable::Tenders => "summary_tenders",
            KeyedTable::Taxes => "summary_taxes",
            KeyedTable::ReturnReasons => "summary_return_reasons",
        }
    }

    /// The key's columns after business day, store and terminal: [`KeyedRow::key`], then
    /// [`KeyedRow::rate_bp`] for taxes.
    pub fn key_columns(self) -> &'static [&'static str] {
        match self {
            KeyedTable::Products => &["sku"],
            KeyedTable::Categories => &["category"],
            KeyedTable::Cashiers => &["cashier"],
            KeyedTable::Tenders => &["tender"],
            KeyedTable::Taxes => &["tax_class", "rate_bp"],
            KeyedTable::ReturnReasons => &["reason"],
        }
    }

    /// Columns that keep what the latest batch wrote ([`KeyedRow::name`] and `category`).
    pub fn latest_columns(self) -> &'static [&'static str] {
        match self {
            KeyedTable::Products => &["name", "category"],
            _ => &[],
        }
    }

    /// The summed columns, every keyed table's last.
    pub const SUMMED: [&'static str; 5] = ["documents", "quantity_milli", "net", "tax", "gross"];

    pub fn rows(self, rows: &SummaryRows) -> &[KeyedRow] {
        match self {
            KeyedTable::Products => &rows.products,
            KeyedTable::Categories => &rows.categories,
            KeyedTable::Cashiers => &rows.cashiers,
            KeyedTable::Tenders => &rows.tenders,
            KeyedTable::Taxes => &rows.taxes,
            KeyedTable::ReturnReasons => &rows.return_reasons,
        }
    }
}

/// Parses a stored document's canonical text (a voided sale read back): it was parsed when
/// it came in, so text that no longer parses is named, never skipped.
pub fn parse_stored(canonical: &str, seq: i64) -> Result<Document, StorageError> {
    serde_json::from_str(canonical)
        .map_err(|e| StorageError::Unreadable(format!("stored document {seq} does not parse: {e}")))
}

/// A row of a keyed summary table: `key` is the SKU, category, user code, tender kind, tax
/// class or reason; `rate_bp` only for taxes, `name` and `category` only for products.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyedRow {
    pub business_date: String,
    pub key: String,
    pub rate_bp: i64,
    pub name: String,
    pub category: String,
    pub documents: i64,
    pub quantity_milli: i64,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
}

impl KeyedRow {
    fn new(
        day: &str,
        key: &str,
        rate_bp: u32,
        name: &str,
        category: &str,
        s: &Sums,
    ) -> Result<KeyedRow, StorageError> {
        let f = |v: i128| fit(v, day);
        Ok(KeyedRow {
            business_date: day.to_owned(),
            key: key.to_owned(),
            rate_bp: rate_bp.into(),
            name: name.to_owned(),
            category: category.to_owned(),
            documents: f(s.documents)?,
            quantity_milli: f(s.quantity_milli)?,
            net: f(s.net)?,
            tax: f(s.tax)?,
            gross: f(s.gross)?,
        })
    }
}

/// A batch's sum for one row, in its 64-bit column. Amounts are bounded by plausibility
/// (10^13 each), so only an absurdly large batch could pass this; it is then refused in words
/// rather than written wrong.
fn fit(v: i128, day: &str) -> Result<i64, StorageError> {
    i64::try_from(v).map_err(|_| {
        StorageError::Invalid(format!(
            "the batch's figures of {day} sum to {v}, beyond what one summary row holds; push fewer documents at once"
        ))
    })
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
