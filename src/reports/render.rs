//! Reports as text (48 columns, for the screen, the terminal and the receipt printer), as
//! CSV (one row per figure, for a spreadsheet) and as JSON (the report itself).

use chrono::{DateTime, FixedOffset};
use kasir_core::format::{format_decimal, format_quantity};
use kasir_core::report::{Breakdown, Report};
use kasir_core::{Currency, Locale, Money};
use serde::Serialize;

use super::ReportKind;
use crate::app::config::Config;
use crate::messages::reports::{ReportText as T, documents_span, sales_title};
use crate::sale::receipt::{WIDTH_80MM, center, pair, tender_name};

/// A title and what it covers, printed above the figures.
#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    /// "X — 2026-11-22", "Z 12 — 2026-11-22 (S01-T01-000345)", "Sales 2026-11-01 – 2026-11-30".
    pub title: String,
    pub store: String,
    pub terminal: String,
    /// The documents the report covers.
    pub period: String,
    pub printed_at: String,
    /// Which report: its file name comes from this.
    #[serde(flatten)]
    pub kind: ReportKind,
}

impl Heading {
    /// The heading of report `kind` of this terminal, taken at `now`, in language `l`.
    pub fn new(
        kind: ReportKind,
        config: &Config,
        r: &Report,
        now: DateTime<FixedOffset>,
        l: Locale,
    ) -> Heading {
        let title = match &kind {
            ReportKind::X { business_date, .. } => format!("X — {business_date}"),
            ReportKind::Z { number, business_date, receipt } => {
                format!("Z {number} — {business_date} ({receipt})")
            }
            ReportKind::Sales { from, to } => sales_title(*from, *to, l),
        };
        Heading {
            title,
            store: format!("{} ({})", config.store.name, config.store.code),
            terminal: format!("Terminal {}", config.terminal.code),
            period: documents_span(r.first_seq, r.last_seq, l),
            printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
            kind,
        }
    }

    /// The name the report is saved under, without extension (see [`ReportKind::file_stem`]).
    pub fn file_stem(&self, config: &Config) -> String {
        self.kind.file_stem(&format!("{}-{}", config.store.code, config.terminal.code))
    }
}

fn money(minor: i64, c: Currency, l: Locale) -> String {
    Money::from_minor(minor, c).format(l)
}

fn major(minor: i64, c: Currency) -> String {
    Money::from_minor(minor, c).amount().to_string()
}

pub fn text(h: &Heading, r: &Report, l: Locale) -> String {
    text_width(h, r, l, WIDTH_80MM)
}

/// The report as text `w` characters wide (the printer profile's columns).
pub fn text_width(h: &Heading, r: &Report, l: Locale, w: usize) -> String {
    let c = r.currency;
    let rule = "-".repeat(w);
    let m = |v: i64| money(v, c, l);
    let mut out = vec![
        center(&h.title, w),
        center(&format!("{} · {}", h.store, h.terminal), w),
        center(&h.period, w),
        center(&h.printed_at, w),
        rule.clone(),
    ];
    let mut line = |label: &str, value: String| out.push(pair(label, &value, w));
    line(T::Transactions.get(l), r.transactions.to_string());
    line(T::GrossSales.get(l), m(r.gross_sales));
    line(T::Discounts.get(l), m(-r.discounts));
    line(T::Sales.get(l), m(r.sales));
    line(&format!("{} ({})", T::Returns.get(l), r.returns_count), m(-r.returns));
    line(T::NetSales.get(l), m(r.net_sales));
    line(&format!("  {}", T::OfWhichTax.get(l)), m(r.tax));
    line(T::CashRounding.get(l), m(r.rounding));
    line(&format!("{} ({})", T::Voids.get(l), r.voids_count), m(r.voids));
    line(&format!("{} ({})", T::Cancels.get(l), r.cancels_count), m(r.cancels));
    line(T::NoSales.get(l), r.no_sales.to_string());
    line(T::AverageBasket.get(l), m(r.average_basket));
    line(T::ItemsPerBasket.get(l), format_quantity(r.items_per_basket, l));
    let section = |title: &str, rows: Vec<(String, String)>, out: &mut Vec<String>| {
        if rows.is_empty() {
            return;
        }
        out.push(rule.clone());
        out.push(title.to_owned());
        for (k, v) in rows {
            out.push(pair(&format!("  {k}"), &v, w));
        }
    };
    section(
        T::TendersSection.get(l),
        r.tenders.iter().map(|t| (tender_name(t.kind, l).to_owned(), m(t.net))).collect(),
        &mut out,
    );
    section(
        T::TaxSection.get(l),
        r.taxes
            .iter()
            .flat_map(|t| {
                let rate = format_decimal(rust_decimal::Decimal::new(i64::from(t.rate_bp), 2), 2, l);
                let mut rows = vec![(format!("{} {rate}% {}", t.tax_class, m(t.net)), m(t.tax))];
                // The base the tax was charged on, when it is a share of the net (DPP 11/12).
                if let Some(dpp) = t.dpp {
                    rows.push((format!("  DPP {}", t.dpp_base), m(dpp)));
                }
                rows
            })
            .collect(),
        &mut out,
    );
    let breakdown = |rows: &[Breakdown]| -> Vec<(String, String)> {
        rows.iter()
            .map(|b| {
                let label = if b.name.is_empty() { b.key.clone() } else { b.name.clone() };
                (format!("{label} ({})", format_quantity(b.count, l)), m(b.amount))
            })
            .collect()
    };
    section(T::ByHourSection.get(l), breakdown(&r.by_hour), &mut out);
    section(T::ByCategorySection.get(l), breakdown(&r.by_category), &mut out);
    section(T::ByCashierSection.get(l), breakdown(&r.by_cashier), &mut out);
    section(T::TopProductsSection.get(l), breakdown(&r.products), &mut out);
    if let Some(cash) = &r.cash {
        let f = &cash.flows;
        let mut rows = vec![
            (T::OpeningFloat.get(l).to_owned(), m(f.float)),
            (T::CashSales.get(l).to_owned(), m(f.cash_sales)),
            (T::Change.get(l).to_owned(), m(-f.change)),
            (T::CashIn.get(l).to_owned(), m(f.cash_in)),
            (T::CashOut.get(l).to_owned(), m(-f.cash_out)),
            (T::CashRefunds.get(l).to_owned(), m(-f.cash_refunds)),
            (T::VoidedCash.get(l).to_owned(), m(-f.voided_cash)),
            (T::Expected.get(l).to_owned(), m(cash.expected)),
        ];
        match (cash.counted, cash.over_short) {
            (Some(counted), Some(diff)) => {
                rows.push((T::Counted.get(l).to_owned(), m(counted)));
                rows.push((T::OverShort.get(l).to_owned(), m(diff)));
            }
            _ => rows.push((T::Counted.get(l).to_owned(), T::ShiftStillOpen.get(l).to_owned())),
        }
        section(T::CashDrawerSection.get(l), rows, &mut out);
    }
    out.push(rule);
    out.join("\n") + "\n"
}

/// One row per figure: `section,key,name,count,amount` (amounts in major units).
pub fn csv(h: &Heading, r: &Report) -> String {
    let c = r.currency;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |section: &str, key: &str, name: &str, count: String, amount: String| {
        w.write_record([section, key, name, &count, &amount]).expect("writing to memory");
    };
    row("section", "key", "name", "count".into(), "amount".into());
    row("report", &h.title, &h.period, String::new(), String::new());
    let totals: [(&str, u64, i64); 8] = [
        ("gross_sales", r.transactions, r.gross_sales),
        ("discounts", 0, r.discounts),
        ("sales", r.transactions, r.sales),
        ("returns", r.returns_count, r.returns),
        ("net_sales", r.transactions, r.net_sales),
        ("tax", 0, r.tax),
        ("voids", r.voids_count, r.voids),
        ("cancels", r.cancels_count, r.cancels),
    ];
    for (key, count, amount) in totals {
        row("totals", key, "", count.to_string(), major(amount, c));
    }
    row("totals", "rounding", "", String::new(), major(r.rounding, c));
    row("totals", "no_sales", "", r.no_sales.to_string(), String::new());
    row("totals", "average_basket", "", String::new(), major(r.average_basket, c));
    row("totals", "items_per_basket", "", r.items_per_basket.to_string(), String::new());
    row("totals", "cash_in", "", String::new(), major(r.cash_in, c));
    row("totals", "cash_out", "", String::new(), major(r.cash_out, c));
    for t in &r.tenders {
        row("tender", t.kind.code(), "received", String::new(), major(t.received, c));
        row("tender", t.kind.code(), "change", String::new(), major(t.change, c));
        row("tender", t.kind.code(), "refunded", String::new(), major(t.refunded, c));
        row("tender", t.kind.code(), "net", String::new(), major(t.net, c));
    }
    for t in &r.taxes {
        let key =
            format!("{} {}bp{}", t.tax_class, t.rate_bp, if t.price_includes_tax { " incl" } else { "" });
        row("tax", &key, "net", String::new(), major(t.net, c));
        row("tax", &key, "tax", String::new(), major(t.tax, c));
        row("tax", &key, "gross", String::new(), major(t.gross, c));
        if let Some(dpp) = t.dpp {
            row("tax", &key, &format!("dpp {}", t.dpp_base), String::new(), major(dpp, c));
        }
    }
    for (section, rows) in [
        ("hour", &r.by_hour),
        ("category", &r.by_category),
        ("cashier", &r.by_cashier),
        ("product", &r.products),
    ] {
        for b in rows {
            row(section, &b.key, &b.name, b.count.to_string(), major(b.amount, c));
        }
    }
    if let Some(cash) = &r.cash {
        row("cash", "expected", "", String::new(), major(cash.expected, c));
        if let (Some(counted), Some(diff)) = (cash.counted, cash.over_short) {
            row("cash", "counted", "", String::new(), major(counted, c));
            row("cash", "over_short", "", String::new(), major(diff, c));
        }
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("CSV of UTF-8 text")
}

/// `{"heading": …, "report": …}` with amounts in minor units as the ledger keeps them.
pub fn json(h: &Heading, r: &Report) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        heading: &'a Heading,
        report: &'a Report,
    }
    serde_json::to_string_pretty(&Out { heading: h, report: r }).expect("reports serialise")
}
