//! Catalogue benchmarks (`cargo bench --bench catalogue`) on a 100,000-product catalogue:
//! - importing the 100,000-row CSV: under 5 s;
//! - barcode lookup (as a scan: check digit, index lookup, product row): p99 under 50 µs;
//! - name search (parts of words, one to three words): p99 under 5 ms, on a terminal that
//!   has sold nothing yet and on one that has sold 3,000 different products (ranked by what
//!   sells most), and the first search after a sale (the best sellers are read again).

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use support::{Lcg, Samples, ms, report, scaled, us};

const BRANDS: [&str; 40] = [
    "Indomie",
    "Sarimi",
    "Sedaap",
    "Aqua",
    "Le Minerale",
    "Sosro",
    "Ultra",
    "Indomilk",
    "Frisian Flag",
    "Chitato",
    "Qtela",
    "Taro",
    "Beng-Beng",
    "SilverQueen",
    "Good Day",
    "Kapal Api",
    "ABC",
    "Bango",
    "Sasa",
    "Royco",
    "Bimoli",
    "Sania",
    "Filma",
    "Gulaku",
    "Rinso",
    "So Klin",
    "Sunlight",
    "Lifebuoy",
    "Pepsodent",
    "Sunsilk",
    "Pantene",
    "Biore",
    "Wardah",
    "Softex",
    "Sweety",
    "Baygon",
    "Roma",
    "Khong Guan",
    "Nabati",
    "Pocari Sweat",
];
const KINDS: [&str; 25] = [
    "Mi Goreng",
    "Mi Kuah Soto",
    "Air Mineral",
    "Teh Kotak",
    "Susu Coklat",
    "Susu Stroberi",
    "Keripik Kentang",
    "Wafer Coklat",
    "Kopi Susu",
    "Kecap Manis",
    "Saus Sambal",
    "Minyak Goreng",
    "Gula Pasir",
    "Deterjen Bubuk",
    "Sabun Cuci Piring",
    "Sabun Mandi Cair",
    "Pasta Gigi",
    "Sampo Anti Ketombe",
    "Pembalut Wings",
    "Popok Celana",
    "Obat Nyamuk Semprot",
    "Biskuit Kelapa",
    "Kaldu Ayam",
    "Penyedap Rasa",
    "Minuman Isotonik",
];
const SIZES: [&str; 12] = [
    "85 g",
    "250 ml",
    "600 ml",
    "1 L",
    "68 g",
    "135 ml",
    "2 L",
    "800 g",
    "1 kg",
    "30 s",
    "10 x 24 g",
    "4 x 60 g",
];

fn name(i: usize) -> String {
    let b = BRANDS[i % BRANDS.len()];
    let k = KINDS[(i / BRANDS.len()) % KINDS.len()];
    let s = SIZES[(i / (BRANDS.len() * KINDS.len())) % SIZES.len()];
    format!("{b} {k} {s} V{}", i / (BRANDS.len() * KINDS.len() * SIZES.len()))
}

fn catalogue_csv(n: usize) -> String {
    let mut csv = String::with_capacity(n * 90);
    csv.push_str(
        "sku,barcodes,name,category,unit,price,tax_class,price_includes_tax,sold_by_weight,active\n",
    );
    for i in 0..n {
        csv.push_str(&format!(
            "P{i:06},{},{},Kategori {},pcs,{},{},true,false,true\n",
            support::ean13(i as u64),
            name(i),
            i % 17,
            500 + (i % 400) * 250,
            if i % 10 == 0 { "BEBAS" } else { "PPN" }
        ));
    }
    csv
}

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| name.contains(w.as_str()));
    println!("machine: {}", support::machine());
    let n = scaled(100_000);
    let dir = tempfile::tempdir().unwrap();
    let (_paths, config, ledger) = support::terminal(dir.path(), false, "");
    let csv = catalogue_csv(n);
    let csv_path = dir.path().join("catalogue.csv");
    std::fs::write(&csv_path, &csv).unwrap();

    let started = Instant::now();
    let file = std::fs::File::open(&csv_path).unwrap();
    let summary = ledger.import_catalogue(file, &config.barcode.variable_measure).unwrap();
    let took = started.elapsed();
    assert_eq!(summary.added as usize, n);
    println!("\n== Catalogue of {n} products ==");
    if run("import") {
        report(
            &format!("import {n}-row CSV (validate all, then one transaction)"),
            &ms(took),
            "5 s",
            took < Duration::from_secs(5),
        );
    }

    let mut reader = ledger.catalogue().unwrap();
    let rules = &config.barcode.variable_measure;
    let mut rng = Lcg(3);
    if run("lookup") {
        let codes: Vec<String> = (0..100_000).map(|_| support::ean13(rng.below(n) as u64)).collect();
        for code in codes.iter().take(1000) {
            reader.scan(code, rules).unwrap();
        }
        let s = Samples::time(codes.len(), |i| reader.scan(&codes[i], rules).unwrap());
        report("barcode lookup as a scan, p99", &us(s.p99()), "50 µs", s.p99() < Duration::from_micros(50));
        println!("{:<58} {:>14}", "barcode lookup, median", us(s.median()));
        // The floor: the same indexed lookup of the product's SKU alone in plain SQL.
        let raw = support::sql(&ledger);
        let mut plain = raw.prepare("SELECT sku FROM barcodes WHERE code = ?1").unwrap();
        let p =
            Samples::time(codes.len(), |i| plain.query_row([&codes[i]], |r| r.get::<_, String>(0)).unwrap());
        println!("{:<58} {:>14}", "baseline: plain SQL barcode → SKU, p99", us(p.p99()));
    }
    if run("search") {
        let mut queries: Vec<String> = Vec::new();
        for i in 0..3000 {
            let full = name(rng.below(n));
            let words: Vec<&str> = full.split(' ').collect();
            let w = words[rng.below(words.len())];
            let q = match i % 4 {
                // Part of a word, as typed so far.
                0 => w.chars().take(3 + rng.below(4)).collect(),
                // Two words.
                1 => format!("{} {}", words[0].to_lowercase(), words[1.min(words.len() - 1)]),
                // One or two letters.
                2 => words[0].chars().take(1 + rng.below(2)).collect(),
                // A word from the middle of a name.
                _ => w.to_lowercase(),
            };
            queries.push(q);
        }
        let measure = |label: &str, reader: &mut kasir::store::catalogue::Reader| {
            let s = Samples::time(queries.len(), |i| reader.search(&queries[i], 20).unwrap());
            report(&format!("{label}, p99"), &ms(s.p99()), "5 ms", s.p99() < Duration::from_millis(5));
            println!("{:<58} {:>14}", format!("{label}, median"), ms(s.median()));
            let worst = (0..queries.len()).max_by_key(|&i| s.0[i]).unwrap();
            println!("{:<58} {:>14}", format!("slowest query: {:?}", queries[worst]), ms(s.0[worst]));
        };
        measure("name search (20 results)", &mut reader);
        // A store a year on: 3,000 different products sold here, a few of them a lot. The
        // tally is what the reader folds from the ledger's sales (one row per product sold); written here
        // in one go instead of by 50,000 sales.
        let raw = support::sql(&ledger);
        let tx = raw.unchecked_transaction().unwrap();
        for k in 0..3_000u64 {
            let sku = format!("P{:06}", rng.below(n));
            let sold = 1_000 * (1 + 100_000 / (k + 1)) as i64;
            tx.execute(
                "INSERT INTO product_tally (sku, sold_milli, unsent_milli) VALUES (?1, ?2, 0)
                 ON CONFLICT (sku) DO UPDATE SET sold_milli = sold_milli + excluded.sold_milli",
                rusqlite::params![sku, sold],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        measure("name search, 3,000 products sold here", &mut reader);
        // The first search after each sale reads the best sellers again.
        let mut after_sale = Vec::with_capacity(200);
        for q in queries.iter().take(200) {
            raw.execute("UPDATE product_tally SET sold_milli = sold_milli + 1000 WHERE sku = 'P000001'", [])
                .unwrap();
            let t = Instant::now();
            std::hint::black_box(reader.search(q, 20).unwrap());
            after_sale.push(t.elapsed());
        }
        let s = Samples(after_sale);
        report(
            "first name search after a sale, p99",
            &ms(s.p99()),
            "5 ms",
            s.p99() < Duration::from_millis(5),
        );
    }
}
