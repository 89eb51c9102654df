//! Ingest rate: 20 terminals pushing concurrently over HTTP on loopback, on SQLite and on
//! PostgreSQL, each printed beside a plain bulk insert of the same rows in the same run
//! (COPY for PostgreSQL; one prepared INSERT transaction for SQLite).
//!
//! `cargo bench -p kasir-headoffice --bench ingest` (PostgreSQL at 127.0.0.1:5432).

use std::time::{Duration, Instant};

use futures::SinkExt;
use kasir_core::Quantity;
use kasir_core::TenderKind;
use kasir_core::chain::{ChainTip, Origin, seal};
use kasir_core::document::{Body, SaleBody, SaleLine, TenderLine};
use kasir_core::tax::TaxMode;
use kasir_core::wire::{PushAck, PushBatch, PushedDocument};
use kasir_headoffice::Database;

const TERMINALS: usize = 20;
const SALES: usize = 300;
const LINES: usize = 5;
const BATCH: usize = 100;
const PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

struct Terminal {
    origin: Origin,
    docs: Vec<PushedDocument>,
}

fn sale(i: usize) -> Body {
    let lines: Vec<SaleLine> = (0..LINES)
        .map(|l| {
            let price = 1000 + 500 * ((i + l) % 17) as i64;
            SaleLine {
                line_no: l as u32 + 1,
                sku: format!("SKU-{:05}", (i * 7 + l * 13) % 2000),
                name: format!("Produk {}", (i * 7 + l * 13) % 2000),
                category: "Umum".into(),
                unit: "pcs".into(),
                barcode: None,
                quantity: Quantity::units(1 + (l % 3) as i64),
                list_price: price,
                unit_price: price,
                extended: price * (1 + (l % 3) as i64),
                line_discount: 0,
                order_discount: 0,
                net: price * (1 + (l % 3) as i64),
                tax: 0,
                gross: price * (1 + (l % 3) as i64),
                tax_class: "BEBAS".into(),
                tax_rate_bp: 0,
                price_includes_tax: true,
                dpp_base: Default::default(),
                dpp: None,
            }
        })
        .collect();
    let total = lines.iter().map(|l| l.gross).sum();
    Body::Sale(SaleBody {
        currency: kasir_core::Currency::IDR,
        tax_mode: TaxMode::PerLine,
        items: Quantity::units(LINES as i64),
        lines,
        taxes: vec![],
        subtotal: total,
        line_discounts: 0,
        order_discount: 0,
        net: total,
        tax: 0,
        total,
        rounding: 0,
        tenders: vec![TenderLine { kind: TenderKind::Card, amount: total, reference: None }],
        change: 0,
        approvals: vec![],
        request_id: None,
    })
}

fn terminals() -> Vec<Terminal> {
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-22T08:00:00+07:00").unwrap();
    (0..TERMINALS)
        .map(|t| {
            let origin =
                Origin { store: format!("S{:02}", t / 4 + 1), terminal: format!("T{:02}", t % 4 + 1) };
            let mut tip = ChainTip::genesis();
            let docs = (0..SALES)
                .map(|i| {
                    let s = seal(
                        &tip,
                        &origin,
                        t0 + chrono::Duration::seconds(i as i64 * 30),
                        "K01",
                        sale(i + t),
                    );
                    tip = ChainTip {
                        seq: s.document.header.seq,
                        hash: s.hash.clone(),
                        grand_total: s.document.header.grand_total,
                    };
                    PushedDocument {
                        seq: s.document.header.seq,
                        hash: s.hash,
                        canonical: String::from_utf8(s.canonical).unwrap(),
                    }
                })
                .collect();
            Terminal { origin, docs }
        })
        .collect()
}

async fn fresh_pg(name: &str) -> String {
    let (client, conn) =
        tokio_postgres::connect(PG, tokio_postgres::NoTls).await.expect("PostgreSQL on 127.0.0.1:5432");
    tokio::spawn(conn);
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    format!("postgres://postgres@127.0.0.1:5432/{name}")
}

async fn drop_pg(name: &str) {
    let (client, conn) = tokio_postgres::connect(PG, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
}

/// Pushes every terminal's documents at once over HTTP; the time until all are acknowledged.
async fn ingest(database: &Database, terms: &[Terminal]) -> Duration {
    let storage = database.open().await.unwrap();
    let mut tokens = Vec::new();
    for t in terms {
        let _ = storage.add_store(&t.origin.store, "Toko").await;
        let token = kasir_headoffice::auth::new_token(&t.origin);
        storage
            .add_terminal(&t.origin.store, &t.origin.terminal, &kasir_headoffice::auth::hash_token(&token))
            .await
            .unwrap();
        tokens.push(token);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1/documents", listener.local_addr().unwrap());
    tokio::spawn(kasir_headoffice::serve(listener, storage.clone(), std::future::pending()));
    let http = reqwest::Client::new();
    let started = Instant::now();
    let tasks: Vec<_> = terms
        .iter()
        .zip(tokens)
        .map(|(t, token)| {
            let (http, url, docs) = (http.clone(), url.clone(), t.docs.clone());
            tokio::spawn(async move {
                for chunk in docs.chunks(BATCH) {
                    let batch = PushBatch { documents: chunk.to_vec(), ledger_seq: None };
                    let ack: PushAck = http
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&batch)
                        .send()
                        .await
                        .unwrap()
                        .json()
                        .await
                        .unwrap();
                    assert_eq!(ack.acknowledged, chunk.last().unwrap().seq);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    started.elapsed()
}

/// The rows ingest writes for these documents: documents, sales lines and stock movements.
struct Rows {
    docs: Vec<[String; 11]>,
    lines: Vec<[String; 13]>,
    moves: Vec<[String; 8]>,
}

fn rows(terms: &[Terminal]) -> Rows {
    let mut r = Rows { docs: vec![], lines: vec![], moves: vec![] };
    for t in terms {
        for d in &t.docs {
            let doc: kasir_core::document::Document = serde_json::from_str(&d.canonical).unwrap();
            let h = &doc.header;
            let at = kasir_core::document::canonical_time::format(&h.created_at);
            r.docs.push([
                h.store.clone(),
                h.terminal.clone(),
                h.seq.to_string(),
                "sale".into(),
                h.receipt_number.clone(),
                at.clone(),
                h.user.clone(),
                doc.body.amount().to_string(),
                d.hash.clone(),
                d.canonical.clone(),
                "2026-11-22T08:00:00+00:00".into(),
            ]);
            if let Body::Sale(s) = &doc.body {
                for l in &s.lines {
                    r.lines.push([
                        h.store.clone(),
                        h.terminal.clone(),
                        h.seq.to_string(),
                        l.line_no.to_string(),
                        "2026-11-22".into(),
                        "8".into(),
                        h.user.clone(),
                        l.sku.clone(),
                        l.name.clone(),
                        l.quantity.milli().to_string(),
                        l.net.to_string(),
                        l.tax.to_string(),
                        l.gross.to_string(),
                    ]);
                    r.moves.push([
                        h.store.clone(),
                        l.sku.clone(),
                        (-l.quantity.milli()).to_string(),
                        "sale".into(),
                        h.terminal.clone(),
                        h.seq.to_string(),
                        "sale".into(),
                        "2026-11-22T08:00:00+00:00".into(),
                    ]);
                }
            }
        }
    }
    r
}

fn csv_of<const N: usize>(rows: &[[String; N]]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

const DOC_COLS: &str =
    "store, terminal, seq, kind, receipt_number, created_at, user_code, amount, hash, canonical, received_at";
const LINE_COLS: &str =
    "store, terminal, seq, line_no, business_date, hour, cashier, sku, name, quantity_milli, net, tax, gross";
const MOVE_COLS: &str = "store, sku, quantity_milli, kind, terminal, seq, note, created_at";

async fn copy_baseline(url: &str, r: &Rows) -> Duration {
    let (mut client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    let data = [
        (format!("COPY documents ({DOC_COLS}) FROM STDIN WITH (FORMAT csv)"), csv_of(&r.docs)),
        (format!("COPY sales_lines ({LINE_COLS}) FROM STDIN WITH (FORMAT csv)"), csv_of(&r.lines)),
        (format!("COPY stock_movements ({MOVE_COLS}) FROM STDIN WITH (FORMAT csv)"), csv_of(&r.moves)),
    ];
    let started = Instant::now();
    let tx = client.transaction().await.unwrap();
    for (sql, bytes) in data {
        let sink = tx.copy_in(&sql).await.unwrap();
        futures::pin_mut!(sink);
        sink.send(bytes::Bytes::from(bytes)).await.unwrap();
        sink.finish().await.unwrap();
    }
    tx.commit().await.unwrap();
    started.elapsed()
}

fn insert_baseline(path: &std::path::Path, r: &Rows) -> Duration {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let marks = |n: usize| (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut d =
            tx.prepare(&format!("INSERT INTO documents ({DOC_COLS}) VALUES ({})", marks(11))).unwrap();
        for row in &r.docs {
            d.execute(rusqlite::params_from_iter(row.iter())).unwrap();
        }
        let mut l =
            tx.prepare(&format!("INSERT INTO sales_lines ({LINE_COLS}) VALUES ({})", marks(13))).unwrap();
        for row in &r.lines {
            l.execute(rusqlite::params_from_iter(row.iter())).unwrap();
        }
        let mut m =
            tx.prepare(&format!("INSERT INTO stock_movements ({MOVE_COLS}) VALUES ({})", marks(8))).unwrap();
        for row in &r.moves {
            m.execute(rusqlite::params_from_iter(row.iter())).unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

fn line(label: &str, took: Duration, baseline_label: &str, baseline: Duration, target: Option<f64>) {
    let docs = (TERMINALS * SALES) as f64;
    let lines = docs * LINES as f64;
    let rate = docs / took.as_secs_f64();
    let base = docs / baseline.as_secs_f64();
    let share = rate / base * 100.0;
    println!(
        "{label:<10} {:>7.0} documents/s {:>8.0} sale lines/s ({:.2} s) | {baseline_label}: {base:>7.0} documents/s ({:.2} s) | {share:.0} % of it{}",
        rate,
        lines / took.as_secs_f64(),
        took.as_secs_f64(),
        baseline.as_secs_f64(),
        match target {
            Some(t) => format!(" (target ≥ {t:.0} %: {})", if share >= t { "met" } else { "NOT MET" }),
            None => String::new(),
        }
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let terms = terminals();
        let r = rows(&terms);
        println!(
            "ingest: {TERMINALS} terminals pushing concurrently, {SALES} sales × {LINES} lines each, batches of {BATCH}, HTTP on loopback"
        );
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Database::Sqlite(dir.path().join("ingest.db"));
        let took = ingest(&sqlite, &terms).await;
        let base_db = Database::Sqlite(dir.path().join("baseline.db"));
        drop(base_db.open().await.unwrap());
        let Database::Sqlite(base_path) = &base_db else { unreachable!() };
        let baseline = insert_baseline(base_path, &r);
        line("sqlite", took, "one INSERT transaction", baseline, None);

        let url = fresh_pg("kasir_bench_ingest").await;
        let took = ingest(&Database::Postgres(url.clone()), &terms).await;
        let base_url = fresh_pg("kasir_bench_copy").await;
        drop(Database::Postgres(base_url.clone()).open().await.unwrap());
        let baseline = copy_baseline(&base_url, &r).await;
        line("postgres", took, "COPY", baseline, Some(30.0));
        drop_pg("kasir_bench_ingest").await;
        drop_pg("kasir_bench_copy").await;
    });
}
