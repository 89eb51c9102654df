//! Writes the generated chain ([`super::data`]) into a database that `Database::open` has
//! migrated: PostgreSQL by COPY (the generator on a thread of its own feeding two
//! connections), SQLite by prepared statements in one transaction. Then the summary tables
//! are filled from the rows, as the migration's backfill does it.

use std::fmt::Write as _;
use std::time::Instant;

use futures::SinkExt;
use tokio::sync::mpsc;

use super::data::{Chain, Summed};

/// Bytes sent to COPY at a time.
const CHUNK: usize = 4 << 20;

pub struct Loaded {
    pub documents: u64,
    pub lines: u64,
    pub seconds: f64,
}

fn products_text(chain: &Chain) -> String {
    let mut s = String::new();
    for (i, p) in chain.products.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\tpcs\t{}\t{}\tt\tf\tt\t[]\t{}",
            p.sku,
            p.name,
            p.category,
            p.price,
            p.tax_class,
            i + 1
        );
    }
    s
}

fn summed_text(rows: &Summed, tax: bool) -> String {
    let mut s = String::new();
    for ((day, store, terminal, k), [documents, a, b, c]) in rows {
        // Tenders: documents, quantity 0, net = gross = the amount. Taxes: class and rate,
        // documents, quantity 0, net (the DPP), tax, gross.
        let _ = if tax {
            let (class, rate) = k.split_once(':').unwrap_or((k, "0"));
            writeln!(s, "{day}\t{store}\t{terminal}\t{class}\t{rate}\t{documents}\t0\t{a}\t{b}\t{c}")
        } else {
            writeln!(s, "{day}\t{store}\t{terminal}\t{k}\t{documents}\t0\t{b}\t0\t{c}")
        };
    }
    s
}

async fn copy(client: &tokio_postgres::Client, sql: &str, mut chunks: mpsc::Receiver<Vec<u8>>) {
    let sink = client.copy_in::<_, bytes::Bytes>(sql).await.unwrap();
    futures::pin_mut!(sink);
    while let Some(chunk) = chunks.recv().await {
        sink.send(bytes::Bytes::from(chunk)).await.unwrap();
    }
    sink.finish().await.unwrap();
}

async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(conn);
    // Generation only: sorts of the backfill fit in memory (the machine has 24 GiB).
    client.batch_execute("SET work_mem = '1GB'; SET maintenance_work_mem = '1GB'").await.unwrap();
    client
}

pub async fn postgres(url: &str, lines: u64) -> (Loaded, Chain) {
    let started = Instant::now();
    let (docs_db, lines_db) = (connect(url).await, connect(url).await);
    let (doc_tx, doc_rx) = mpsc::channel::<Vec<u8>>(4);
    let (line_tx, line_rx) = mpsc::channel::<Vec<u8>>(4);
    let generator = std::thread::spawn(move || {
        let mut chain = Chain::new(lines);
        let (mut d, mut l) = (Vec::with_capacity(CHUNK + 4096), Vec::with_capacity(CHUNK + 4096));
        let (mut documents, mut count) = (0u64, 0u64);
        chain.each(true, |doc, place, ls, products| {
            documents += 1;
            let _ = std::io::Write::write_fmt(
                &mut d,
                format_args!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{{}}\t{}\n",
                    doc.store,
                    doc.terminal,
                    doc.seq,
                    doc.kind.code(),
                    doc.receipt,
                    doc.created_at,
                    doc.cashier,
                    doc.refers_to.as_deref().unwrap_or("\\N"),
                    doc.amount,
                    doc.hash,
                    doc.created_at
                ),
            );
            for x in ls {
                count += 1;
                let p = &products[x.product];
                let _ = std::io::Write::write_fmt(
                    &mut l,
                    format_args!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                        doc.store,
                        doc.terminal,
                        doc.seq,
                        x.line_no,
                        place.day,
                        place.hour,
                        doc.cashier,
                        p.sku,
                        p.name,
                        x.quantity_milli,
                        x.net,
                        x.tax,
                        x.gross
                    ),
                );
            }
            if d.len() >= CHUNK {
                doc_tx.blocking_send(std::mem::replace(&mut d, Vec::with_capacity(CHUNK + 4096))).unwrap();
            }
            if l.len() >= CHUNK {
                line_tx.blocking_send(std::mem::replace(&mut l, Vec::with_capacity(CHUNK + 4096))).unwrap();
            }
        });
        doc_tx.blocking_send(d).unwrap();
        line_tx.blocking_send(l).unwrap();
        (chain, documents, count)
    });
    tokio::join!(
        copy(
            &docs_db,
            "COPY documents (store, terminal, seq, kind, receipt_number, created_at, user_code, refers_to, amount, hash, canonical, received_at) FROM STDIN",
            doc_rx
        ),
        copy(
            &lines_db,
            "COPY sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku, name, quantity_milli, net, tax, gross) FROM STDIN",
            line_rx
        )
    );
    let (chain, documents, count) = generator.join().unwrap();
    println!("  documents and sale lines copied in {:.0} s", started.elapsed().as_secs_f64());
    let one = |text: String| {
        let (tx, rx) = mpsc::channel(1);
        tx.try_send(text.into_bytes()).unwrap();
        rx
    };
    copy(
        &docs_db,
        "COPY tax_classes (code, rate_bp, change_no) FROM STDIN",
        one("PPN\t1100\t1\nBEBAS\t0\t2\n".into()),
    )
    .await;
    copy(
        &docs_db,
        "COPY products (sku, name, category, unit, price, tax_class, price_includes_tax, sold_by_weight, active, barcodes, change_no) FROM STDIN",
        one(products_text(&chain)),
    )
    .await;
    copy(&docs_db, "COPY summary_tenders FROM STDIN", one(summed_text(&chain.tenders, false))).await;
    copy(&docs_db, "COPY summary_taxes FROM STDIN", one(summed_text(&chain.taxes, true))).await;
    let at = Instant::now();
    docs_db.batch_execute(BACKFILL_POSTGRES).await.unwrap();
    println!("  summary tables filled from the lines in {:.0} s", at.elapsed().as_secs_f64());
    let at = Instant::now();
    // What autovacuum would have done by the time anyone looks: statistics and the
    // visibility map (index-only scans), then a checkpoint so measuring does not pay for it.
    docs_db.batch_execute("VACUUM ANALYZE").await.unwrap();
    docs_db.batch_execute("CHECKPOINT").await.unwrap();
    println!("  VACUUM ANALYZE and CHECKPOINT in {:.0} s", at.elapsed().as_secs_f64());
    (Loaded { documents, lines: count, seconds: started.elapsed().as_secs_f64() }, chain)
}

pub fn sqlite(path: &std::path::Path, lines: u64) -> (Loaded, Chain) {
    let started = Instant::now();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    // Generation only; the storage's own connections keep their settings.
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    conn.pragma_update(None, "cache_size", -1_000_000).unwrap();
    let tx = conn.transaction().unwrap();
    let mut chain = Chain::new(lines);
    let (mut documents, mut count) = (0u64, 0u64);
    {
        let mut d = tx
            .prepare(
                "INSERT INTO documents (store, terminal, seq, kind, receipt_number, created_at, user_code, refers_to, amount, hash, canonical, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '{}', ?6)",
            )
            .unwrap();
        let mut l = tx
            .prepare(
                "INSERT INTO sales_lines (store, terminal, seq, line_no, business_date, hour, cashier, sku, name, quantity_milli, net, tax, gross)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .unwrap();
        chain.each(true, |doc, place, ls, products| {
            documents += 1;
            d.execute(rusqlite::params![
                doc.store,
                doc.terminal,
                doc.seq as i64,
                doc.kind.code(),
                doc.receipt,
                doc.created_at,
                doc.cashier,
                doc.refers_to,
                doc.amount,
                doc.hash
            ])
            .unwrap();
            for x in ls {
                count += 1;
                let p = &products[x.product];
                l.execute(rusqlite::params![
                    doc.store,
                    doc.terminal,
                    doc.seq as i64,
                    x.line_no,
                    place.day,
                    place.hour,
                    doc.cashier,
                    p.sku,
                    p.name,
                    x.quantity_milli,
                    x.net,
                    x.tax,
                    x.gross
                ])
                .unwrap();
            }
        });
        tx.execute_batch(
            "INSERT INTO tax_classes (code, rate_bp, change_no) VALUES ('PPN', 1100, 1), ('BEBAS', 0, 2)",
        )
        .unwrap();
        let mut p = tx
            .prepare(
                "INSERT INTO products (sku, name, category, unit, price, tax_class, price_includes_tax, sold_by_weight, active, barcodes, change_no)
                 VALUES (?1, ?2, ?3, 'pcs', ?4, ?5, 1, 0, 1, '[]', ?6)",
            )
            .unwrap();
        for (i, x) in chain.products.iter().enumerate() {
            p.execute(rusqlite::params![x.sku, x.name, x.category, x.price, x.tax_class, i as i64 + 1])
                .unwrap();
        }
        let mut t =
            tx.prepare("INSERT INTO summary_tenders VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, 0, ?7)").unwrap();
        for ((day, store, terminal, k), [n, _, amount, gross]) in &chain.tenders {
            t.execute(rusqlite::params![day, store, terminal, k, n, amount, gross]).unwrap();
        }
        let mut x =
            tx.prepare("INSERT INTO summary_taxes VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9)").unwrap();
        for ((day, store, terminal, k), [n, net, tax, gross]) in &chain.taxes {
            let (class, rate) = k.split_once(':').unwrap_or((k, "0"));
            let rate: i64 = rate.parse().unwrap();
            x.execute(rusqlite::params![day, store, terminal, class, rate, n, net, tax, gross]).unwrap();
        }
    }
    println!("  documents and sale lines inserted in {:.0} s", started.elapsed().as_secs_f64());
    let at = Instant::now();
    tx.execute_batch(BACKFILL_SQLITE).unwrap();
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE").unwrap();
    println!("  summary tables filled from the lines, ANALYZE, in {:.0} s", at.elapsed().as_secs_f64());
    (Loaded { documents, lines: count, seconds: started.elapsed().as_secs_f64() }, chain)
}

/// Mirrors the backfill of `migrations/postgres/0012_summaries.sql` statement for statement
/// (keep them in step): the summaries of hours, products, categories and cashiers summed from
/// `sales_lines`, here with the discounts still 0 as the backfill leaves them.
const BACKFILL_POSTGRES: &str = "
INSERT INTO summary_hours
SELECT l.business_date, l.store, l.terminal, l.hour,
    COUNT(DISTINCT l.seq),
    COUNT(DISTINCT CASE WHEN d.kind = 'sale' THEN l.seq END)
        - COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'return' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross), 0,
    -SUM(CASE WHEN d.kind = 'return' THEN l.gross ELSE 0 END),
    -SUM(CASE WHEN d.kind = 'void' THEN l.gross ELSE 0 END)
FROM sales_lines l
JOIN documents d ON d.store = l.store AND d.terminal = l.terminal AND d.seq = l.seq
GROUP BY l.business_date, l.store, l.terminal, l.hour;

INSERT INTO summary_products
SELECT l.business_date, l.store, l.terminal, l.sku, (array_agg(l.name ORDER BY l.seq DESC))[1],
    COALESCE((SELECT p.category FROM products p WHERE p.sku = l.sku), ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.sku;

INSERT INTO summary_categories
SELECT l.business_date, l.store, l.terminal, COALESCE(p.category, ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l LEFT JOIN products p ON p.sku = l.sku
GROUP BY l.business_date, l.store, l.terminal, COALESCE(p.category, '');

INSERT INTO summary_cashiers
SELECT l.business_date, l.store, l.terminal, l.cashier,
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.cashier;
";

/// Mirrors the backfill of `migrations/sqlite/0011_summaries.sql` (keep them in step).
const BACKFILL_SQLITE: &str = "
INSERT INTO summary_hours
SELECT l.business_date, l.store, l.terminal, l.hour,
    COUNT(DISTINCT l.seq),
    COUNT(DISTINCT CASE WHEN d.kind = 'sale' THEN l.seq END)
        - COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'return' THEN l.seq END),
    COUNT(DISTINCT CASE WHEN d.kind = 'void' THEN l.seq END),
    SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross), 0,
    -SUM(CASE WHEN d.kind = 'return' THEN l.gross ELSE 0 END),
    -SUM(CASE WHEN d.kind = 'void' THEN l.gross ELSE 0 END)
FROM sales_lines l
JOIN documents d ON d.store = l.store AND d.terminal = l.terminal AND d.seq = l.seq
GROUP BY l.business_date, l.store, l.terminal, l.hour;

INSERT INTO summary_products
SELECT l.business_date, l.store, l.terminal, l.sku, MAX(l.name),
    COALESCE((SELECT p.category FROM products p WHERE p.sku = l.sku), ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.sku;

INSERT INTO summary_categories
SELECT l.business_date, l.store, l.terminal, COALESCE(p.category, ''),
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l LEFT JOIN products p ON p.sku = l.sku
GROUP BY l.business_date, l.store, l.terminal, COALESCE(p.category, '');

INSERT INTO summary_cashiers
SELECT l.business_date, l.store, l.terminal, l.cashier,
    COUNT(DISTINCT l.seq), SUM(l.quantity_milli), SUM(l.net), SUM(l.tax), SUM(l.gross)
FROM sales_lines l
GROUP BY l.business_date, l.store, l.terminal, l.cashier;
";
