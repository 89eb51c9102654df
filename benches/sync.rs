//! Catch-up benchmark (`cargo bench --bench sync`): a terminal that sold 10,000 times while
//! offline pushes everything to head office over HTTP on loopback, on SQLite and on
//! PostgreSQL (127.0.0.1:5432). Printed beside the time the terminal took to commit them.

#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use kasir::sync::{SyncSettings, Syncer};
use kasir_core::chain::Origin;
use kasir_headoffice::Database;
use support::scaled;

const PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

async fn catch_up(database: Database, ledger: &std::path::Path) -> Duration {
    let storage = database.open().await.unwrap();
    storage.add_store("S01", "Toko").await.unwrap();
    let token = kasir_headoffice::auth::new_token(&Origin { store: "S01".into(), terminal: "T01".into() });
    storage.add_terminal("S01", "T01", &kasir_headoffice::auth::hash_token(&token)).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(kasir_headoffice::serve(listener, storage.clone(), std::future::pending()));
    // As if never delivered: the whole ledger goes again.
    rusqlite::Connection::open(ledger)
        .unwrap()
        .execute("UPDATE sync_state SET delivered_seq = 0", [])
        .unwrap();
    let settings = SyncSettings {
        url,
        token,
        interval: Duration::from_secs(10),
        timeout: Duration::from_secs(60),
        ca_file: None,
    };
    let syncer = Syncer::new(settings, ledger).unwrap();
    let started = Instant::now();
    syncer.push().await.unwrap();
    let took = started.elapsed();
    assert_eq!(syncer.status().unwrap().waiting, 0);
    took
}

fn main() {
    println!("machine: {}", support::machine());
    let n = scaled(10_000);
    let dir = tempfile::tempdir().unwrap();
    let (_paths, config, mut ledger) = support::terminal(dir.path(), true, "");
    let script: kasir::sale::checkout::SaleScript = serde_json::from_str(
        r#"{"cashier":"K01","items":[{"barcode":"8997908345093","quantity":3},{"barcode":"8992173167173"},
            {"sku":"MNM-00082","quantity":2}],"tenders":[{"kind":"cash","amount":"1000000"}]}"#,
    )
    .unwrap();
    let started = Instant::now();
    for _ in 0..n {
        kasir::sale::checkout::sell(&mut ledger, &config, &script, config.now()).unwrap();
    }
    let committed = started.elapsed();
    let path = ledger.path().to_owned();
    drop(ledger);
    println!("{n} offline sales committed at the terminal in {:.2} s", committed.as_secs_f64());

    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let sqlite = Database::Sqlite(dir.path().join("headoffice.db"));
        let took = catch_up(sqlite, &path).await;
        println!(
            "catch-up to head office on SQLite:     {:.2} s ({:.0} documents/s) | committing them took {:.2} s",
            took.as_secs_f64(),
            (n + 1) as f64 / took.as_secs_f64(),
            committed.as_secs_f64()
        );
        let (client, conn) = tokio_postgres::connect(PG, tokio_postgres::NoTls).await.expect("PostgreSQL on 127.0.0.1:5432");
        tokio::spawn(conn);
        client.batch_execute("DROP DATABASE IF EXISTS kasir_bench_catchup WITH (FORCE)").await.unwrap();
        client.batch_execute("CREATE DATABASE kasir_bench_catchup").await.unwrap();
        let pg = Database::Postgres("postgres://postgres@127.0.0.1:5432/kasir_bench_catchup".into());
        let took = catch_up(pg, &path).await;
        println!(
            "catch-up to head office on PostgreSQL: {:.2} s ({:.0} documents/s) | committing them took {:.2} s",
            took.as_secs_f64(),
            (n + 1) as f64 / took.as_secs_f64(),
            committed.as_secs_f64()
        );
        client.batch_execute("DROP DATABASE IF EXISTS kasir_bench_catchup WITH (FORCE)").await.unwrap();
    });
}
