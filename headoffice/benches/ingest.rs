//! Ingest rate, on SQLite and on PostgreSQL, over HTTP on loopback:
//! - batch: 20 terminals catching up at once, 100 documents per push, beside a plain bulk
//!   insert of the same rows in the same run (COPY for PostgreSQL; one prepared INSERT
//!   transaction for SQLite);
//! - live: 100 terminals each pushing one document per request, as a terminal does after
//!   every sale: documents/s in all and the p99 of a push, beside pgbench's rate of small
//!   durable transactions on the same server (the physical ceiling here).
//!
//! `cargo bench -p kasir-headoffice --bench ingest [-- batch|live]` (PostgreSQL at
//! 127.0.0.1:5432; pgbench on the PATH for the ceiling).

use std::time::{Duration, Instant};

use futures::SinkExt;
use kasir_core::document::Body;
use kasir_core::wire::{PushAck, PushBatch};
use kasir_headoffice::Database;
use support::{Terminal, drop_pg, fresh_pg};

mod live;
mod support;

const TERMINALS: usize = 20;
const SALES: usize = 300;
const LINES: usize = 5;
const BATCH: usize = 100;

/// Pushes every terminal's documents at once over HTTP; the time until all are acknowledged.
async fn ingest(database: &Database, terms: &[Terminal]) -> Duration {
    let storage = database.open().await.unwrap();
    let tokens = support::register(storage.as_ref(), terms).await;
    let url = support::serve(storage).await;
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
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let runs = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    if runs("batch") {
        rt.block_on(batch());
    }
    if runs("live") {
        rt.block_on(live::run());
    }
}

async fn batch() {
    {
        let terms = support::terminals(TERMINALS, 4, SALES, LINES);
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
    }
}
