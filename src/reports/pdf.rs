//! Reports as PDF on A4: the heading, a summary table, the charts the screen shows (sales by
//! hour, by category, by tender) as vector bars, then a table per breakdown (tenders, tax,
//! hours, categories, cashiers, products) and the cash drawer, with amounts right-aligned in
//! their columns. Long reports (a month's sales by product) run onto as many pages as they
//! need, each table's headings repeated. The pages themselves are `page.rs`'s.

use kasir_core::format::{format_decimal, format_quantity};
use kasir_core::report::{Breakdown, Report};
use kasir_core::{Locale, Money};
use rust_decimal::Decimal;

use super::page::{Align, Chart, Column, Pages, Row, Table};
use super::render::Heading;
use crate::messages::reports::{ReportText as T, page_of};
use crate::sale::receipt::tender_name;

fn column(heading: T, share: f32, align: Align, l: Locale) -> Column {
    Column { heading: heading.get(l).to_owned(), share, align }
}

fn row(cells: Vec<String>) -> Row {
    Row { cells, total: false }
}

fn total(cells: Vec<String>) -> Row {
    Row { cells, total: true }
}

/// The report as a PDF document.
pub fn pdf(h: &Heading, r: &Report, l: Locale) -> Vec<u8> {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    let continued = T::Continued.get(l);
    let mut pages = Pages::new(format!("{} · {} · {}", h.title, h.store, h.terminal));
    pages.title_block(
        &h.title,
        &[
            format!("{} · {}", h.store, h.terminal),
            h.period.clone(),
            format!("{} {}", T::PrintedAt.get(l), h.printed_at),
        ],
    );
    pages.table(&summary(r, l), continued);

    let chart = |title: T, rows: Vec<(String, i64)>| Chart {
        title: title.get(l).to_owned(),
        rows: rows.into_iter().map(|(label, v)| (label, v, m(v))).collect(),
    };
    let by_hour = r.by_hour.iter().map(|b| (format!("{}:00", b.key), b.amount)).collect();
    pages.chart(&chart(T::ChartByHour, by_hour), continued);
    let by_category = r.by_category.iter().map(|b| (label(b), b.amount)).collect();
    pages.chart(&chart(T::ChartByCategory, by_category), continued);
    let by_tender = r.tenders.iter().map(|t| (tender_name(t.kind, l).to_owned(), t.net)).collect();
    pages.chart(&chart(T::ChartByTender, by_tender), continued);

    for table in [tenders(r, l), taxes(r, l)] {
        pages.table(&table, continued);
    }
    let breakdowns = [
        (T::ByHourSection, T::Hour, T::Transactions, &r.by_hour),
        (T::ByCategorySection, T::Category, T::Quantity, &r.by_category),
        (T::ByCashierSection, T::Cashier, T::Transactions, &r.by_cashier),
    ];
    for (title, what, count, rows) in breakdowns {
        let table = Table {
            title: title.get(l).to_owned(),
            columns: vec![
                column(what, 5.0, Align::Left, l),
                column(count, 1.5, Align::Right, l),
                column(T::Amount, 2.0, Align::Right, l),
            ],
            rows: rows
                .iter()
                .map(|b| row(vec![label(b), format_quantity(b.count, l), m(b.amount)]))
                .collect(),
        };
        pages.table(&table, continued);
    }
    pages.table(&products(r, l), continued);
    if let Some(table) = cash(r, l) {
        pages.table(&table, continued);
    }
    pages.finish(&h.title, |page, count| page_of(page, count, l))
}

/// A breakdown row's name: a product's or cashier's name, else its key.
fn label(b: &Breakdown) -> String {
    if b.name.is_empty() { b.key.clone() } else { b.name.clone() }
}

fn summary(r: &Report, l: Locale) -> Table {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    let n = |v: u64| v.to_string();
    let figure = |label: T, count: String, amount: String| row(vec![label.get(l).to_owned(), count, amount]);
    let none = String::new;
    let mut rows = vec![
        figure(T::Transactions, n(r.transactions), none()),
        figure(T::GrossSales, none(), m(r.gross_sales)),
        figure(T::Discounts, none(), m(-r.discounts)),
        figure(T::Sales, n(r.transactions), m(r.sales)),
        figure(T::Returns, n(r.returns_count), m(-r.returns)),
        total(vec![T::NetSales.get(l).to_owned(), none(), m(r.net_sales)]),
        figure(T::OfWhichTax, none(), m(r.tax)),
        figure(T::CashRounding, none(), m(r.rounding)),
        figure(T::Voids, n(r.voids_count), m(r.voids)),
        figure(T::Cancels, n(r.cancels_count), m(r.cancels)),
        figure(T::NoSales, n(r.no_sales), none()),
        figure(T::AverageBasket, none(), m(r.average_basket)),
        figure(T::ItemsPerBasket, format_quantity(r.items_per_basket, l), none()),
        figure(T::CashIn, none(), m(r.cash_in)),
        figure(T::CashOut, none(), m(-r.cash_out)),
    ];
    // "of which tax" belongs under net sales, set in as in the text report.
    rows[6].cells[0] = format!("    {}", rows[6].cells[0]);
    Table {
        title: T::Summary.get(l).to_owned(),
        columns: vec![
            column(T::Figure, 5.0, Align::Left, l),
            column(T::Count, 1.5, Align::Right, l),
            column(T::Amount, 2.0, Align::Right, l),
        ],
        rows,
    }
}

fn tenders(r: &Report, l: Locale) -> Table {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    let mut rows: Vec<Row> = r
        .tenders
        .iter()
        .map(|t| {
            row(vec![
                tender_name(t.kind, l).to_owned(),
                m(t.received),
                m(-t.change),
                m(-t.refunded),
                m(t.net),
            ])
        })
        .collect();
    if !rows.is_empty() {
        let sum = |f: fn(&kasir_core::report::TenderFigures) -> i64| r.tenders.iter().map(f).sum::<i64>();
        rows.push(total(vec![
            T::Total.get(l).to_owned(),
            m(sum(|t| t.received)),
            m(-sum(|t| t.change)),
            m(-sum(|t| t.refunded)),
            m(sum(|t| t.net)),
        ]));
    }
    Table {
        title: T::TendersSection.get(l).to_owned(),
        columns: vec![
            column(T::Tender, 2.6, Align::Left, l),
            column(T::Received, 1.6, Align::Right, l),
            column(T::Change, 1.6, Align::Right, l),
            column(T::Refunded, 1.6, Align::Right, l),
            column(T::Net, 1.6, Align::Right, l),
        ],
        rows,
    }
}

fn taxes(r: &Report, l: Locale) -> Table {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    let rows = r
        .taxes
        .iter()
        .map(|t| {
            let rate = format_decimal(Decimal::new(i64::from(t.rate_bp), 2), 2, l);
            let base = t.dpp.map_or_else(|| "—".to_owned(), |dpp| format!("{} ({})", m(dpp), t.dpp_base));
            row(vec![t.tax_class.clone(), format!("{rate}%"), base, m(t.net), m(t.tax), m(t.gross)])
        })
        .collect();
    Table {
        title: T::TaxSection.get(l).to_owned(),
        columns: vec![
            column(T::TaxClass, 1.3, Align::Left, l),
            column(T::Rate, 0.9, Align::Right, l),
            column(T::TaxBase, 1.9, Align::Right, l),
            column(T::NetOfTax, 1.5, Align::Right, l),
            column(T::Tax, 1.4, Align::Right, l),
            column(T::WithTax, 1.5, Align::Right, l),
        ],
        rows,
    }
}

fn products(r: &Report, l: Locale) -> Table {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    Table {
        title: T::TopProductsSection.get(l).to_owned(),
        columns: vec![
            column(T::Code, 1.6, Align::Left, l),
            column(T::Product, 4.0, Align::Left, l),
            column(T::Quantity, 1.3, Align::Right, l),
            column(T::Amount, 1.6, Align::Right, l),
        ],
        rows: r
            .products
            .iter()
            .map(|b| row(vec![b.key.clone(), b.name.clone(), format_quantity(b.count, l), m(b.amount)]))
            .collect(),
    }
}

fn cash(r: &Report, l: Locale) -> Option<Table> {
    let m = |v: i64| Money::from_minor(v, r.currency).format(l);
    let cash = r.cash.as_ref()?;
    let f = &cash.flows;
    let line = |label: T, v: String| row(vec![label.get(l).to_owned(), v]);
    let mut rows = vec![
        line(T::OpeningFloat, m(f.float)),
        line(T::CashSales, m(f.cash_sales)),
        line(T::Change, m(-f.change)),
        line(T::CashIn, m(f.cash_in)),
        line(T::CashOut, m(-f.cash_out)),
        line(T::CashRefunds, m(-f.cash_refunds)),
        line(T::VoidedCash, m(-f.voided_cash)),
        total(vec![T::Expected.get(l).to_owned(), m(cash.expected)]),
    ];
    match (cash.counted, cash.over_short) {
        (Some(counted), Some(diff)) => {
            rows.push(line(T::Counted, m(counted)));
            rows.push(total(vec![T::OverShort.get(l).to_owned(), m(diff)]));
        }
        _ => rows.push(line(T::Counted, T::ShiftStillOpen.get(l).to_owned())),
    }
    Some(Table {
        title: T::CashDrawerSection.get(l).to_owned(),
        columns: vec![column(T::Figure, 5.0, Align::Left, l), column(T::Amount, 2.0, Align::Right, l)],
        rows,
    })
}
