//! Ledger benchmarks (`cargo bench --bench ledger`):
//! - committing a 20-line sale with two tenders, durable (WAL, synchronous=FULL), beside a
//!   baseline that inserts the same number of rows of the same size into plain SQLite with
//!   the same durability, in the same run; target: median within 1.5× of the baseline;
//! - `kasir ledger verify` over 1,000,000 documents: the rate.

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use kasir::app::config::Config;
use kasir::app::setup::{self, Paths};
use kasir::sale::checkout;
use kasir::store::Ledger;
use kasir::store::users::User;
use kasir_core::document::{Body, SaleBody};
use kasir_core::policy::Role;
use kasir_core::{Cart, Money, Quantity, Tender, TenderKind};
use rusqlite::{Connection, params};
use support::{Lcg, Samples, ms, report, scaled, us};

fn shop(dir: &std::path::Path, products: usize) -> (Paths, Config, Ledger) {
    let mut csv = String::from("sku,barcodes,name,category,price,tax_class\n");
    for i in 0..products {
        csv.push_str(&format!(
            "SKU{i:05},{},Produk Contoh Nomor {i} 500 g,Umum,{},PPN\n",
            support::ean13(i as u64),
            1000 + i * 100
        ));
    }
    support::terminal(dir, false, &csv)
}

fn cart_of(ledger: &Ledger, config: &Config, lines: usize, rng: &mut Lcg) -> (Cart, Vec<Tender>) {
    let mut cart = Cart::new(ledger.currency(), config.tax.mode);
    let mut reader = ledger.catalogue().unwrap();
    for i in 0..lines {
        let p = reader.by_sku(&format!("SKU{i:05}")).unwrap().unwrap();
        cart.add(p.snapshot(), Quantity::units(1 + rng.below(3) as i64), None).unwrap();
    }
    let total = cart.totals().total;
    let card = Money::from_minor(total.minor() / 2, total.currency());
    let cash = Money::from_minor(total.minor() - card.minor() + 50_000, total.currency());
    let tenders = vec![
        Tender { kind: TenderKind::Card, amount: card, reference: Some("APPR".into()) },
        Tender { kind: TenderKind::Cash, amount: cash, reference: None },
    ];
    (cart, tenders)
}

fn bench_commit(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (_paths, config, mut ledger) = shop(dir.path(), 20);
    let cashier = User { code: "K01".into(), name: "Budi".into(), role: Role::Cashier };
    let mut rng = Lcg(7);
    let sales: Vec<_> = (0..n).map(|_| cart_of(&ledger, &config, 20, &mut rng)).collect();
    let now = config.now();
    // Warm-up: the first commits pay for page cache and statement preparation.
    for (cart, tenders) in sales.iter().take(20) {
        checkout::complete_sale(&mut ledger, &config, &cashier, cart, tenders, vec![], now).unwrap();
    }
    let body_len: usize = support::sql(&ledger)
        .query_row("SELECT length(body) FROM documents LIMIT 1", [], |r| r.get(0))
        .unwrap();
    // Baseline: the same rows (1 document of the same size, 20 lines, 2 payments, 20 stock
    // movements, 1 settlement, 1 outbox entry) into plain tables with statements prepared once, same WAL +
    // synchronous=FULL, on the same disk.
    let base = Connection::open(dir.path().join("baseline.sqlite")).unwrap();
    let _: String = base.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
    base.pragma_update(None, "synchronous", "FULL").unwrap();
    base.execute_batch(
        "CREATE TABLE d (seq INTEGER PRIMARY KEY, kind TEXT, receipt TEXT, t TEXT, u TEXT, amount INTEGER,
                         gt INTEGER, prev TEXT, hash TEXT, body TEXT);
         CREATE TABLE l (seq INTEGER, line INTEGER, sku TEXT, name TEXT, cat TEXT, qty INTEGER, a INTEGER,
                         b INTEGER, c INTEGER, d INTEGER, e INTEGER, f INTEGER, g INTEGER, h INTEGER,
                         tc TEXT, r INTEGER, inc INTEGER, PRIMARY KEY (seq, line));
         CREATE TABLE p (seq INTEGER, idx INTEGER, kind TEXT, amount INTEGER, ref TEXT, PRIMARY KEY (seq, idx));
         CREATE TABLE s (id INTEGER PRIMARY KEY, seq INTEGER, sku TEXT, qty INTEGER, reason TEXT);
         CREATE TABLE o (seq INTEGER PRIMARY KEY, delivered TEXT);
         CREATE TABLE m (seq INTEGER PRIMARY KEY, total INTEGER, rounding INTEGER, change INTEGER, items INTEGER);",
    )
    .unwrap();
    let body = "x".repeat(body_len);
    let hash = "f".repeat(64);
    // Every value is bound as a parameter, as any program writing these rows must.
    let mut ins_d = base.prepare("INSERT INTO d VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)").unwrap();
    let mut ins_l = base
        .prepare("INSERT INTO l VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)")
        .unwrap();
    let mut ins_s = base.prepare("INSERT INTO s (seq, sku, qty, reason) VALUES (?1, ?2, ?3, ?4)").unwrap();
    let mut ins_p = base.prepare("INSERT INTO p VALUES (?1, ?2, ?3, ?4, ?5)").unwrap();
    let mut ins_o = base.prepare("INSERT INTO o (seq) VALUES (?1)").unwrap();
    let mut ins_m = base.prepare("INSERT INTO m VALUES (?1, ?2, ?3, ?4, ?5)").unwrap();
    let names: Vec<(String, String)> =
        (0..20).map(|i| (format!("SKU{i:05}"), format!("Produk Contoh Nomor {i} 500 g"))).collect();
    let mut insert_sale = |seq: usize| {
        base.execute_batch("BEGIN").unwrap();
        let receipt = format!("S01-T01-{seq:06}");
        ins_d
            .execute(params![
                seq,
                "sale",
                receipt,
                "2026-11-22T10:00:00.000+07:00",
                "K01",
                100_000,
                100_000,
                hash,
                hash,
                body
            ])
            .unwrap();
        for (line, (sku, name)) in names.iter().enumerate() {
            ins_l
                .execute(params![
                    seq, line, sku, name, "Umum", 2000, 1000, 1000, 2000, 0, 0, 1802, 198, 2000, "PPN", 1100,
                    true
                ])
                .unwrap();
            ins_s.execute(params![seq, sku, -2000, "sale"]).unwrap();
        }
        for idx in 0..2 {
            ins_p.execute(params![seq, idx, "cash", 50_000, Option::<String>::None]).unwrap();
        }
        ins_o.execute(params![seq]).unwrap();
        ins_m.execute(params![seq, 100_000, 0, 50_000, 40_000]).unwrap();
        base.execute_batch("COMMIT").unwrap();
    };
    for seq in 1..=20 {
        insert_sale(seq);
    }

    // Kasir and the baseline alternate sale by sale, so disk hiccups hit both alike.
    let (mut kasir, mut plain) = (Samples(Vec::with_capacity(n)), Samples(Vec::with_capacity(n)));
    for (i, (cart, tenders)) in sales.iter().enumerate() {
        let t = Instant::now();
        checkout::complete_sale(&mut ledger, &config, &cashier, cart, tenders, vec![], now).unwrap();
        kasir.0.push(t.elapsed());
        let t = Instant::now();
        insert_sale(21 + i);
        plain.0.push(t.elapsed());
    }
    assert!(ledger.verify().unwrap().is_ok());

    // Where the time goes: the pure part (totals, settlement, document, canonical JSON, hash)
    // without any database.
    let rounding = config.cash_rounding();
    let tip = ledger.tip().unwrap();
    let pure = Samples::time(n, |i| {
        let (cart, tenders) = &sales[i];
        let totals = cart.totals();
        let settlement = kasir_core::tender::settle(totals.total, tenders, rounding).unwrap();
        let body = SaleBody::from_checkout(cart, &totals, tenders, &settlement, vec![]);
        kasir_core::chain::seal(&tip, ledger.origin(), now, "K01", Body::Sale(body))
    });

    println!("\n== Committing a 20-line sale with two tenders ({n} sales, WAL + synchronous=FULL) ==");
    println!("{:<58} {:>14} {:>14} {:>12}", "", "median", "p99", "sales/s");
    println!(
        "{:<58} {:>14} {:>14} {:>12.0}",
        "kasir: cart totals, settle, seal + hash, commit 45 rows",
        us(kasir.median()),
        us(kasir.p99()),
        kasir.per_second()
    );
    println!(
        "{:<58} {:>14} {:>14} {:>12.0}",
        "baseline: plain SQLite, same 45 rows, same durability",
        us(plain.median()),
        us(plain.p99()),
        plain.per_second()
    );
    println!(
        "{:<58} {:>14} {:>14}",
        "  of which pure work (totals, document, JSON, SHA-256)",
        us(pure.median()),
        us(pure.p99())
    );
    let ratio = kasir.median().as_secs_f64() / plain.median().as_secs_f64();
    report("median kasir / median baseline", &format!("{ratio:.2}×"), "1.5×", ratio <= 1.5);
}

fn bench_verify(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (_paths, config, mut ledger) = shop(dir.path(), 20);
    // Generating a million documents durably would take hours of fsyncs; verify reads the
    // same bytes however they were written.
    ledger.set_fsync_for_generated_data(false).unwrap();
    let cashier = User { code: "K01".into(), name: "Budi".into(), role: Role::Cashier };
    let mut rng = Lcg(11);
    let carts: Vec<_> = (0..64).map(|i| cart_of(&ledger, &config, 1 + i % 5, &mut rng)).collect();
    let now = config.now();
    let started = Instant::now();
    for i in 0..n {
        let (cart, tenders) = &carts[i % carts.len()];
        checkout::complete_sale(&mut ledger, &config, &cashier, cart, tenders, vec![], now).unwrap();
    }
    let generated = started.elapsed();
    let lines: i64 =
        support::sql(&ledger).query_row("SELECT COUNT(*) FROM sale_lines", [], |r| r.get(0)).unwrap();
    drop(ledger);
    let ledger = setup::open(&Paths { data_dir: dir.path().to_owned() }, &config).unwrap();
    let started = Instant::now();
    let result = ledger.verify().unwrap();
    let took = started.elapsed();
    assert!(result.is_ok(), "{:?}", result.problem);
    println!(
        "\n== kasir ledger verify over {n} documents ({lines} sale lines; generated in {:.0} s) ==",
        generated.as_secs_f64()
    );
    report(
        "verify: chain, hashes, grand total and every projection row",
        &format!("{:.0} docs/s", n as f64 / took.as_secs_f64()),
        "report the rate",
        true,
    );
    println!("{:<58} {:>14}", "verify: total time", ms(took));
}

fn main() {
    // `cargo bench` passes --bench; anything else names the benchmarks to run.
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| name.contains(w.as_str()));
    println!("machine: {}", support::machine());
    if run("commit") {
        bench_commit(scaled(1000));
    }
    if run("verify") {
        bench_verify(scaled(1_000_000));
    }
}
