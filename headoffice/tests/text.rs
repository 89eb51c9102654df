//! Text PostgreSQL cannot store never blocks a terminal: a NUL or another control character
//! is refused where people type it (catalogue import, `product set`, store and user names),
//! and a sealed document that carries one anyway (a terminal's older catalogue) still
//! arrives, counts and lets later documents through, on SQLite and on PostgreSQL.

mod common;

use std::net::SocketAddr;

use chrono::NaiveDate;
use common::{Chain, register, sale};
use kasir_core::chain::{ChainTip, seal};
use kasir_core::document::Body;
use kasir_core::wire::{ChangePage, PushAck, PushBatch, PushedDocument, SaleLookup};
use kasir_headoffice::Storage;
use kasir_headoffice::storage::{Incoming, ReportBy, ReportQuery};

async fn serve(storage: std::sync::Arc<dyn Storage>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kasir_headoffice::serve(listener, storage, std::future::pending()));
    addr
}

/// Seals `body` as `user` onto the chain (the shared `Chain::add` always seals as K01).
fn add_as(c: &mut Chain, user: &str, body: Body) {
    c.time += chrono::Duration::minutes(1);
    let s = seal(&c.tip, &c.origin, c.time, user, body);
    c.tip = ChainTip {
        seq: s.document.header.seq,
        hash: s.hash.clone(),
        grand_total: s.document.header.grand_total,
    };
    c.docs.push(Incoming {
        pushed: PushedDocument {
            seq: s.document.header.seq,
            hash: s.hash,
            canonical: String::from_utf8(s.canonical).unwrap(),
        },
        document: s.document,
    });
}

/// A sale of one line whose SKU and name carry what a careless catalogue let through.
fn sale_named(sku: &str, name: &str, price: i64) -> Body {
    let mut body = sale(&[(sku, 2, price)]);
    let Body::Sale(s) = &mut body else { unreachable!() };
    s.lines[0].name = name.to_owned();
    body
}

async fn push(http: &reqwest::Client, addr: SocketAddr, token: &str, docs: &[Incoming]) -> reqwest::Response {
    let batch = PushBatch {
        documents: docs.iter().map(|i| i.pushed.clone()).collect(),
        ledger_seq: docs.last().map(|d| d.pushed.seq),
    };
    http.post(format!("http://{addr}/api/v1/documents")).bearer_auth(token).json(&batch).send().await.unwrap()
}

both!(a_sealed_sale_with_a_nul_in_a_name_arrives_and_later_ones_follow, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let mut c = Chain::new("S01", "T01");
    add_as(&mut c, "K\u{0}1", sale_named("KOPI\u{0}1", "Kopi\u{0}Susu\u{1b}[2J", 5000));
    c.add(sale(&[("TEH", 1, 3000)]));

    let r = push(&http, addr, &token, &c.docs).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let ack: PushAck = r.json().await.unwrap();
    assert_eq!((ack.acknowledged, ack.stored), (2, 2));

    // A later document, alone, as a live terminal sends it after its next sale.
    c.add(sale(&[("TEH", 3, 3000)]));
    let r = push(&http, addr, &token, &c.docs[2..]).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert_eq!(r.json::<PushAck>().await.unwrap().acknowledged, 3);
    let t = s.terminals().await.unwrap();
    assert_eq!((t[0].last_seq, t[0].grand_total), (3, 10_000 + 3000 + 9000));

    // It counts, under the name with its control characters shown as �.
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let query = |by| ReportQuery { from: day, to: day, by, store: None };
    let products = s.sales_report(&query(ReportBy::Product)).await.unwrap();
    let kopi =
        products.iter().find(|r| r.key.contains("Kopi")).expect("the sale with a NUL is in the report");
    assert_eq!(kopi.key, "KOPI\u{fffd}1 Kopi\u{fffd}Susu\u{fffd}[2J");
    assert_eq!((kopi.gross, kopi.quantity_milli), (10_000, 2000));
    let cashiers = s.sales_report(&query(ReportBy::Cashier)).await.unwrap();
    assert!(cashiers.iter().any(|r| r.key == "K\u{fffd}1" && r.gross == 10_000), "{cashiers:?}");
    let stock = s.stock("S01").await.unwrap();
    assert!(stock.contains(&("KOPI\u{fffd}1".to_owned(), -2000)), "{stock:?}");

    // The document itself is kept exactly as sealed: same text, same hash.
    let found: SaleLookup = http
        .get(format!("http://{addr}/api/v1/sales/S01-T01-000001"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found.document, c.docs[0].pushed);
    assert!(found.document.canonical.contains(r"Kopi\u0000Susu"), "{}", found.document.canonical);
});

both!(a_broken_chain_with_a_nul_in_its_receipt_is_kept_aside_and_says_so, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let addr = serve(db.storage.clone()).await;
    let http = reqwest::Client::new();
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("TEH", 1, 3000)]));
    // A document whose receipt number (part of the refusal's words) holds a NUL.
    let mut odd = c.docs[0].clone();
    let mut doc = odd.document.clone();
    doc.header.receipt_number = "S01-T01-\u{0}01".into();
    let canonical = String::from_utf8(kasir_core::chain::canonical_bytes(&doc)).unwrap();
    odd.pushed =
        PushedDocument { seq: 1, hash: kasir_core::chain::hash_hex(canonical.as_bytes()), canonical };
    odd.document = doc;
    let r = push(&http, addr, &token, std::slice::from_ref(&odd)).await;
    assert_eq!(r.status(), 409, "{}", r.text().await.unwrap());
    assert_eq!(s.rejected().await.unwrap().len(), 1, "kept aside");
    // The terminal's real document still arrives.
    let r = push(&http, addr, &token, &c.docs).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
});

fn url(db: &common::TestDb) -> String {
    common::serve::database_url(&db.database)
}

both!(control_characters_are_refused_where_people_type_them, |db: common::TestDb| async move {
    let s = db.storage.as_ref();
    let token = register(s, "S01", "T01").await;
    let database = url(&db);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("produk.csv");
    std::fs::write(
        &csv,
        "sku,name,price,tax_class\nTEH-1,Teh Manis,3000,PPN\nKOPI-1,\"Kopi\u{0}Susu\",5000,PPN\n",
    )
    .unwrap();
    let csv = csv.display().to_string();
    let said = tokio::task::spawn_blocking(move || {
        let mut said = Vec::new();
        assert!(common::serve::run_cli(&database, &["tax", "set", "PPN", "11"]).0);
        said.push(common::serve::run_cli(&database, &["catalog", "import", &csv]));
        said.push(common::serve::run_cli(
            &database,
            &["product", "set", "--sku", "GULA", "--name", "Gula\u{1b}[2J", "--price", "1"],
        ));
        said.push(common::serve::run_cli(&database, &["store", "add", "S02", "--name", "Toko\tDua"]));
        said.push(common::serve::run_cli(&database, &["store", "set", "S01", "--address", "Jl. Merdeka\n1"]));
        said
    })
    .await
    .unwrap();
    let want = [
        r#"line 3: name "Kopi\0Susu" holds a control character"#,
        r#"--name "Gula\u{1b}[2J": holds a control character"#,
        r#"the name of store S02 ("Toko\tDua") holds a control character"#,
        r#"the address of store S01 ("Jl. Merdeka\n1") holds a control character"#,
    ];
    for ((ok, text), want) in said.iter().zip(want) {
        assert!(!ok, "accepted: {text}");
        assert!(text.contains(want), "{want:?} missing in: {text}");
    }
    // Nothing of it was stored: the feed holds only the tax class, the store is not there
    // and S01 keeps its address.
    let addr = serve(db.storage.clone()).await;
    let page: ChangePage = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/changes"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kinds: Vec<String> =
        page.changes.iter().map(|c| serde_json::to_value(c).unwrap()["kind"].to_string()).collect();
    assert_eq!(kinds, vec!["\"tax_class\""], "{page:?}");
    assert!(s.store("S02").await.unwrap().is_none());
    assert_eq!(s.store("S01").await.unwrap().unwrap().address, "");

    // Under the CLI, the storage refuses such a product too (a program calling it directly).
    let mut p = kasir_core::wire::ProductRecord {
        sku: "X1".into(),
        name: "Kopi\u{0}Susu".into(),
        category: "Umum".into(),
        unit: "pcs".into(),
        price: 1000,
        tax_class: "PPN".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: vec![],
    };
    let e = s.put_product(&p).await.unwrap_err().to_string();
    assert!(e.contains(r#"name "Kopi\0Susu" holds a control character"#), "{e}");
    p.name = "Kopi Susu".into();
    s.put_product(&p).await.unwrap();
});
