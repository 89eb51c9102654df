//! Report benchmarks (`cargo bench --bench reports`), each beside plain SQL computing the
//! same numbers from the same file in the same run:
//! - the Z report of a day of 5,000 sales × 20 lines: target under 100 ms;
//! - the sales report by product over a year of 2,000,000 sale lines: target under 2 s;
//! - that report (2,000 products, some 40 pages of tables and the charts) as PDF: under 1 s.
//!
//! The data is committed through the real commit path (with synchronous=OFF while
//! generating: durability is not what is measured here).

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use kasir::app::config::Config;
use kasir::sale::checkout;
use kasir::store::Ledger;
use kasir::store::users::User;
use kasir_core::policy::Role;
use kasir_core::{Cart, Money, Quantity, Tender, TenderKind};
use rusqlite::{Connection, params};
use support::{Lcg, Samples, ms, report, scaled};

const PRODUCTS: usize = 2_000;

fn shop(dir: &std::path::Path) -> (Config, Ledger) {
    let mut csv = String::from("sku,barcodes,name,category,price,tax_class\n");
    for i in 0..PRODUCTS {
        csv.push_str(&format!(
            "SKU{i:05},{},Produk Contoh Nomor {i} 500 g,Kategori {},{},{}\n",
            support::ean13(i as u64),
            i % 40,
            1000 + (i % 300) * 100,
            if i % 10 == 0 { "BEBAS" } else { "PPN" }
        ));
    }
    let (_paths, config, ledger) = support::terminal(dir, false, &csv);
    (config, ledger)
}

/// Commits `n` sales of `lines` lines, spread evenly from `start` over `span`.
fn generate(
    ledger: &mut Ledger,
    config: &Config,
    n: usize,
    lines: usize,
    start: DateTime<FixedOffset>,
    span: Duration,
) {
    ledger.set_fsync_for_generated_data(false).unwrap();
    let cashiers: Vec<User> = (1..=4)
        .map(|i| User { code: format!("K0{i}"), name: format!("Kasir {i}"), role: Role::Cashier })
        .collect();
    let mut rng = Lcg(42);
    let mut reader = ledger.catalogue().unwrap();
    let products: Vec<_> =
        (0..PRODUCTS).map(|i| reader.by_sku(&format!("SKU{i:05}")).unwrap().unwrap().snapshot()).collect();
    drop(reader);
    let step = span.as_secs_f64() / n as f64;
    for i in 0..n {
        let mut cart = Cart::new(ledger.currency(), config.tax.mode);
        for _ in 0..lines {
            let p = products[rng.below(PRODUCTS)].clone();
            cart.add_separate(p, Quantity::units(1 + rng.below(3) as i64), None).unwrap();
        }
        let total = cart.totals().total;
        let tenders = if i % 3 == 0 {
            vec![Tender { kind: TenderKind::Qris, amount: total, reference: None }]
        } else {
            let cash = Money::from_minor((total.minor() / 50_000 + 1) * 50_000, total.currency());
            vec![Tender { kind: TenderKind::Cash, amount: cash, reference: None }]
        };
        let at = start + TimeDelta::milliseconds((i as f64 * step * 1000.0) as i64);
        checkout::complete_sale(ledger, config, &cashiers[i % 4], &cart, &tenders, vec![], at).unwrap();
    }
    ledger.set_fsync_for_generated_data(true).unwrap();
}

/// The Z's numbers in plain SQL: totals, tax by rate, tenders, hours, cashiers, categories,
/// top products, over the same sequence range.
fn plain_day(conn: &Connection, first: u64, last: u64) -> i64 {
    let mut check = 0i64;
    let mut add = |sql: &str| {
        let mut stmt = conn.prepare_cached(sql).unwrap();
        let mut rows = stmt.query(params![first, last]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            check = check.wrapping_add(r.get::<_, Option<i64>>(1).unwrap().unwrap_or(0));
        }
    };
    add(
        "SELECT COUNT(*), SUM(total), SUM(rounding), SUM(change), SUM(items_milli) FROM settlements WHERE seq BETWEEN ?1 AND ?2",
    );
    add(
        "SELECT tax_rate_bp, SUM(net), SUM(tax), SUM(gross) FROM sale_lines WHERE seq BETWEEN ?1 AND ?2 GROUP BY tax_class, tax_rate_bp, price_includes_tax",
    );
    add("SELECT kind, SUM(amount) FROM payments WHERE seq BETWEEN ?1 AND ?2 GROUP BY kind");
    add(
        "SELECT substr(created_at, 12, 2), SUM(amount) FROM documents WHERE seq BETWEEN ?1 AND ?2 AND kind = 'sale' GROUP BY 1",
    );
    add(
        "SELECT user_code, SUM(amount) FROM documents WHERE seq BETWEEN ?1 AND ?2 AND kind = 'sale' GROUP BY 1",
    );
    add("SELECT category, SUM(gross) FROM sale_lines WHERE seq BETWEEN ?1 AND ?2 GROUP BY category");
    add(
        "SELECT sku, SUM(gross) AS g FROM sale_lines WHERE seq BETWEEN ?1 AND ?2 GROUP BY sku ORDER BY g DESC LIMIT 10",
    );
    check
}

fn plain_products(conn: &Connection, from: &str, to: &str) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT l.sku, SUM(l.quantity_milli), SUM(l.gross) FROM sale_lines l
             JOIN documents d ON d.seq = l.seq
             WHERE d.created_at >= ?1 AND d.created_at < ?2 AND d.kind = 'sale' GROUP BY l.sku",
        )
        .unwrap();
    stmt.query_map(params![from, to], |r| r.get::<_, i64>(2)).unwrap().count()
}

fn bench_day() {
    let dir = tempfile::tempdir().unwrap();
    let (config, mut ledger) = shop(dir.path());
    let sales = scaled(5_000);
    let start = DateTime::parse_from_rfc3339("2026-11-22T08:00:00+07:00").unwrap();
    let t = Instant::now();
    generate(&mut ledger, &config, sales, 20, start, Duration::from_secs(13 * 3600));
    eprintln!("generated {sales} sales × 20 lines in {:.1} s", t.elapsed().as_secs_f64());
    let last = ledger.tip().unwrap().seq;
    let conn = support::sql(&ledger);
    // Warm the page cache for both, then alternate.
    let _ = ledger.figures().period_report(1, last, Some(10), true).unwrap();
    plain_day(&conn, 1, last);
    let (mut kasir, mut plain) = (Samples(Vec::new()), Samples(Vec::new()));
    for _ in 0..15 {
        let t = Instant::now();
        let r = ledger.figures().period_report(1, last, Some(10), true).unwrap();
        kasir.0.push(t.elapsed());
        assert!(r.balances() && r.transactions == sales as u64);
        let t = Instant::now();
        std::hint::black_box(plain_day(&conn, 1, last));
        plain.0.push(t.elapsed());
    }
    println!("\n== Z report of one day: {sales} sales × 20 lines ({} lines) ==", sales * 20);
    println!("{:<58} {:>14} {:>14}", "", "median", "max");
    let max = |s: &Samples| *s.0.iter().max().unwrap();
    println!(
        "{:<58} {:>14} {:>14}",
        "kasir: period_report (all figures, cash, top 10)",
        ms(kasir.median()),
        ms(max(&kasir))
    );
    println!(
        "{:<58} {:>14} {:>14}",
        "plain SQL: the same sums, 7 GROUP BY queries",
        ms(plain.median()),
        ms(max(&plain))
    );
    report("Z report, median", &ms(kasir.median()), "100 ms", kasir.median() < Duration::from_millis(100));

    // The whole Z as a manager takes it: the report inside the commit's transaction, sealed
    // and written durably (the shift closed first).
    let manager = ledger.user("M01").unwrap();
    let count = vec![kasir_core::shift::DenominationCount { value: 100_000, count: 10 }];
    // (The shift was opened at the real time, which is when the day began.)
    let evening = config.now();
    kasir::sale::shift::close(&mut ledger, &manager, count, evening).unwrap();
    let t = Instant::now();
    let z =
        kasir::reports::close_day(&mut ledger, &kasir_core::policy::Permissions::DEFAULT, &manager, evening)
            .unwrap();
    let took = t.elapsed();
    assert!(matches!(z.document.body, kasir_core::document::Body::DayClose(_)));
    report("Z taken: report + seal + durable commit", &ms(took), "(one run)", true);
}

fn bench_year() {
    let dir = tempfile::tempdir().unwrap();
    let (config, mut ledger) = shop(dir.path());
    let sales = scaled(100_000);
    let start = DateTime::parse_from_rfc3339("2025-01-01T00:00:00+07:00").unwrap();
    let t = Instant::now();
    generate(&mut ledger, &config, sales, 20, start, Duration::from_secs(365 * 86_400 - 3_600));
    eprintln!("generated {sales} sales × 20 lines in {:.1} s", t.elapsed().as_secs_f64());
    let conn = support::sql(&ledger);
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let _ = kasir::reports::sales_report(&ledger, from, to).unwrap();
    let (mut kasir, mut plain) = (Samples(Vec::new()), Samples(Vec::new()));
    for _ in 0..5 {
        let t = Instant::now();
        let r = kasir::reports::sales_report(&ledger, from, to).unwrap();
        kasir.0.push(t.elapsed());
        assert_eq!(r.transactions, sales as u64);
        let t = Instant::now();
        std::hint::black_box(plain_products(&conn, "2025-01-01", "2026-01-01"));
        plain.0.push(t.elapsed());
    }
    println!("\n== Sales report by product over a year: {} sale lines ==", sales * 20);
    println!("{:<58} {:>14} {:>14}", "", "median", "max");
    let max = |s: &Samples| *s.0.iter().max().unwrap();
    println!(
        "{:<58} {:>14} {:>14}",
        "kasir: sales_report (every product and breakdown)",
        ms(kasir.median()),
        ms(max(&kasir))
    );
    println!(
        "{:<58} {:>14} {:>14}",
        "plain SQL: SUM by product over the date range",
        ms(plain.median()),
        ms(max(&plain))
    );
    report(
        "sales report over a year, median",
        &ms(kasir.median()),
        "2 s",
        kasir.median() < Duration::from_secs(2),
    );

    // The same report laid out as A4 pages.
    let r = kasir::reports::sales_report(&ledger, from, to).unwrap();
    let kind = kasir::reports::ReportKind::Sales { from, to };
    let heading = kasir::reports::render::Heading::new(kind, &config, &r, start, config.store.locale);
    let mut size = 0;
    let pdf = Samples::time(5, |_| {
        let bytes = kasir::reports::pdf::pdf(&heading, &r, config.store.locale);
        size = bytes.len();
        bytes
    });
    println!(
        "{:<58} {:>14} {:>14}",
        format!("kasir: that report as PDF ({} kB)", size / 1024),
        ms(pdf.median()),
        ms(max(&pdf))
    );
    report("sales report as PDF, median", &ms(pdf.median()), "1 s", pdf.median() < Duration::from_secs(1));
}

fn main() {
    // `cargo bench` passes --bench; anything else names the benchmarks to run.
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| name.contains(w.as_str()));
    println!("machine: {}", support::machine());
    if run("day") {
        bench_day();
    }
    if run("year") {
        bench_year();
    }
}
