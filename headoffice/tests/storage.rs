//! The storage suite: every test runs on SQLite and on PostgreSQL (127.0.0.1:5432).

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use common::{Chain, TestDb, register, sale, void};
use kasir_core::wire::{ChangeItem, ProductRecord, QuickKeyRecord, TaxClassRecord};
use kasir_headoffice::Storage;
use kasir_headoffice::storage::{RefusalKind, ReportBy, ReportQuery, StockEntry, StockKind};

fn day(d: &str) -> NaiveDate {
    d.parse().unwrap()
}

async fn report(s: &dyn Storage, by: ReportBy) -> Vec<(String, i64, i64)> {
    let q = ReportQuery { from: day("2026-11-01"), to: day("2026-11-30"), by, store: None };
    s.sales_report(&q).await.unwrap().into_iter().map(|r| (r.key, r.quantity_milli, r.gross)).collect()
}

async fn stock_of(s: &dyn Storage, store: &str) -> HashMap<String, i64> {
    s.stock(store).await.unwrap().into_iter().collect()
}

fn product(sku: &str, price: i64) -> ProductRecord {
    ProductRecord {
        sku: sku.into(),
        name: format!("Product {sku}"),
        category: "Umum".into(),
        unit: "pcs".into(),
        price,
        tax_class: "PPN".into(),
        price_includes_tax: true,
        sold_by_weight: false,
        active: true,
        barcodes: vec![format!("899{price}")],
    }
}

both!(a_resent_batch_is_stored_once, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let mut c = Chain::new("S01", "T01");
    for i in 0..5 {
        c.add(sale(&[("A", 1 + i, 1000), ("B", 2, 500)]));
    }
    let o = s.ingest(&c.origin, c.range(1, 3), Some(5)).await.unwrap();
    assert_eq!((o.acknowledged, o.stored, o.already_stored), (3, 3, 0));
    // The answer was lost: the terminal sends all five again.
    let o = s.ingest(&c.origin, c.range(1, 5), Some(5)).await.unwrap();
    assert_eq!((o.acknowledged, o.stored, o.already_stored), (5, 2, 3));
    let o = s.ingest(&c.origin, c.range(1, 5), Some(5)).await.unwrap();
    assert_eq!((o.acknowledged, o.stored, o.already_stored), (5, 0, 5));
    // 1+2+3+4+5 = 15 A at 1000, 10 B at 500: counted once.
    assert_eq!(
        report(s, ReportBy::Product).await,
        vec![("A Product A".into(), 15_000, 15_000), ("B Product B".into(), 10_000, 5_000)]
    );
    assert_eq!(stock_of(s, "S01").await, HashMap::from([("A".into(), -15_000), ("B".into(), -10_000)]));
    let t = &s.terminals().await.unwrap()[0];
    assert_eq!((t.last_seq, t.ledger_seq, t.grand_total), (5, Some(5), 20_000));
});

both!(another_document_under_a_used_sequence_is_kept_aside, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let mut real = Chain::new("S01", "T01");
    let mut clone = Chain::new("S01", "T01");
    real.add(sale(&[("A", 1, 1000)]));
    clone.add(sale(&[("A", 1, 1000)]));
    real.add(sale(&[("A", 2, 1000)]));
    clone.add(sale(&[("A", 9, 1000)]));
    s.ingest(&real.origin, real.range(1, 2), None).await.unwrap();
    let before = report(s, ReportBy::Store).await;
    let o = s.ingest(&clone.origin, clone.range(1, 2), None).await.unwrap();
    let r = o.refusal.unwrap();
    assert_eq!(
        (r.seq, r.kind, o.acknowledged, o.stored, o.already_stored),
        (2, RefusalKind::Conflict, 2, 0, 1)
    );
    assert!(r.reason.contains("S01-T01-000002") && r.reason.contains("kept aside"), "{}", r.reason);
    assert_eq!(report(s, ReportBy::Store).await, before, "the clone's sale is not counted");
    let rejected = s.rejected().await.unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(s.terminals().await.unwrap()[0].rejected, 1, "the terminal list says so too");
    assert_eq!((rejected[0].seq, rejected[0].kind.as_str()), (2, "conflict"));
    // Sent again, it is still refused and kept aside once.
    s.ingest(&clone.origin, clone.range(2, 2), None).await.unwrap();
    assert_eq!(s.rejected().await.unwrap().len(), 1);
});

both!(a_broken_chain_is_refused_and_nothing_after_it_taken, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let mut c = Chain::new("S01", "T01");
    for _ in 0..4 {
        c.add(sale(&[("A", 1, 1000)]));
    }
    let mut batch = c.range(1, 4);
    // Document 3 edited after it was sealed: its hash no longer matches.
    batch[2].pushed.canonical = batch[2].pushed.canonical.replace("\"gross\":1000", "\"gross\":10");
    let o = s.ingest(&c.origin, batch, None).await.unwrap();
    let r = o.refusal.unwrap();
    assert_eq!((r.seq, r.kind, o.acknowledged, o.stored), (3, RefusalKind::BrokenChain, 2, 2));
    assert_eq!(report(s, ReportBy::Store).await, vec![("S01".into(), 2_000, 2_000)]);
});

both!(voids_and_returns_take_sales_and_stock_back, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[("A", 3, 1000), ("B", 1, 2500)]));
    c.add(sale(&[("A", 1, 1000)]));
    let receipt = c.docs[1].document.header.receipt_number.clone();
    c.add(void(2, &receipt, 1000));
    // The voided sale and its void in one batch, and in two.
    s.ingest(&c.origin, c.range(1, 2), None).await.unwrap();
    s.ingest(&c.origin, c.range(3, 3), None).await.unwrap();
    assert_eq!(report(s, ReportBy::Store).await, vec![("S01".into(), 4_000, 5_500)]);
    assert_eq!(stock_of(s, "S01").await, HashMap::from([("A".into(), -3_000), ("B".into(), -1_000)]));
    let t = &s.terminals().await.unwrap()[0];
    assert_eq!(t.grand_total, 5_500, "head office's grand total is the terminal's");
    assert_eq!(t.grand_total, c.tip.grand_total);
});

both!(reports_group_by_store_terminal_day_product_and_cashier, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    register(s, "S01", "T02").await;
    register(s, "S02", "T01").await;
    for (store, term, q) in [("S01", "T01", 1), ("S01", "T02", 2), ("S02", "T01", 4)] {
        let mut c = Chain::new(store, term);
        c.add(sale(&[("A", q, 1000)]));
        s.ingest(&c.origin, c.docs.clone(), None).await.unwrap();
    }
    assert_eq!(
        report(s, ReportBy::Store).await,
        vec![("S01".into(), 3_000, 3_000), ("S02".into(), 4_000, 4_000)]
    );
    assert_eq!(report(s, ReportBy::Terminal).await.len(), 3);
    assert_eq!(report(s, ReportBy::Day).await, vec![("2026-11-22".into(), 7_000, 7_000)]);
    assert_eq!(report(s, ReportBy::Cashier).await, vec![("K01".into(), 7_000, 7_000)]);
    let q = ReportQuery { from: day("2026-11-23"), to: day("2026-11-30"), by: ReportBy::Store, store: None };
    assert!(s.sales_report(&q).await.unwrap().is_empty(), "another day's report is empty");
    let q = ReportQuery {
        from: day("2026-11-22"),
        to: day("2026-11-22"),
        by: ReportBy::Terminal,
        store: Some("S02".into()),
    };
    assert_eq!(s.sales_report(&q).await.unwrap().len(), 1);
});

both!(the_feed_pages_catalogue_and_only_this_stores_stock, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_store("S02", "Toko Dua").await.unwrap();
    s.put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1100 }).await.unwrap();
    for i in 0..5 {
        s.put_product(&product(&format!("P{i}"), 1000 * (i + 1))).await.unwrap();
    }
    s.put_quick_keys(&[QuickKeyRecord { sku: "P1".into(), label: "Satu".into() }]).await.unwrap();
    let entry = |store: &str, q| StockEntry {
        store: store.into(),
        sku: "P1".into(),
        quantity_milli: q,
        kind: StockKind::Receive,
        note: String::new(),
    };
    assert_eq!(s.record_stock(&entry("S01", 10_000)).await.unwrap(), 10_000);
    s.record_stock(&entry("S02", 7_000)).await.unwrap();
    // A price change: P0 comes again, after everything else, at its new price.
    s.put_product(&product("P0", 1500)).await.unwrap();

    let mut since = 0;
    let mut seen = Vec::new();
    loop {
        let page = s.changes("S01", since, 3).await.unwrap();
        assert!(page.changes.len() <= 3);
        seen.extend(page.changes);
        since = page.next;
        if !page.more {
            break;
        }
    }
    let numbers: Vec<u64> = seen.iter().map(|c| c.number).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "in order, no repeats: {numbers:?}");
    let kinds: Vec<String> = seen
        .iter()
        .map(|c| match &c.item {
            ChangeItem::Product(p) => format!("{}@{}", p.sku, p.price),
            ChangeItem::TaxClass(t) => t.code.clone(),
            ChangeItem::QuickKeys { keys } => format!("keys{}", keys.len()),
            ChangeItem::Stock { sku, quantity_milli } => format!("stock {sku} {quantity_milli}"),
        })
        .collect();
    assert_eq!(
        kinds,
        ["PPN", "P1@2000", "P2@3000", "P3@4000", "P4@5000", "keys1", "stock P1 10000", "P0@1500"]
    );
    // Nothing new: an empty page at the same cursor. Then one change, and only it.
    let page = s.changes("S01", since, 3).await.unwrap();
    assert!(page.changes.is_empty() && !page.more && page.next == since);
    s.record_stock(&StockEntry { kind: StockKind::Adjust, quantity_milli: -1000, ..entry("S01", 0) })
        .await
        .unwrap();
    let page = s.changes("S01", since, 3).await.unwrap();
    assert_eq!(page.changes.len(), 1);
    assert_eq!(page.changes[0].item, ChangeItem::Stock { sku: "P1".into(), quantity_milli: 9_000 });
    // The other store sees its own stock.
    let other = s.changes("S02", 0, 100).await.unwrap();
    assert!(
        other.changes.iter().any(|c| c.item == ChangeItem::Stock { sku: "P1".into(), quantity_milli: 7_000 })
    );
    assert!(
        !other.changes.iter().any(|c| matches!(&c.item, ChangeItem::Stock { quantity_milli: 9_000, .. }))
    );
});

/// What a change is the latest state of: a product, or a product's stock.
fn key_of(item: &ChangeItem) -> String {
    match item {
        ChangeItem::Product(p) => p.sku.clone(),
        ChangeItem::Stock { sku, .. } => format!("stock {sku}"),
        other => format!("{other:?}"),
    }
}

both!(concurrent_writers_never_hide_a_change_from_the_feed, |db: TestDb| async move {
    let s: Arc<dyn Storage> = db.storage.clone();
    s.add_store("S01", "Toko Satu").await.unwrap();
    register(s.as_ref(), "S01", "T01").await;
    let writers: Vec<_> = (0..6)
        .map(|w| {
            let s = s.clone();
            tokio::spawn(async move {
                for i in 0..40 {
                    s.put_product(&product(&format!("W{w}-{}", i % 7), 100 * i + w)).await.unwrap();
                    let e = StockEntry {
                        store: "S01".into(),
                        sku: format!("W{w}"),
                        quantity_milli: 1000,
                        kind: StockKind::Receive,
                        note: String::new(),
                    };
                    s.record_stock(&e).await.unwrap();
                }
            })
        })
        .collect();
    // A terminal reading the feed the whole time, as fast as it can.
    let reader = {
        let s = s.clone();
        tokio::spawn(async move {
            let mut since = 0;
            let mut latest: HashMap<String, ChangeItem> = HashMap::new();
            let mut rounds = 0;
            loop {
                let page = s.changes("S01", since, 5).await.unwrap();
                for c in page.changes {
                    let key = key_of(&c.item);
                    latest.insert(key, c.item);
                }
                since = page.next;
                rounds += 1;
                if !page.more && rounds > 400 {
                    break (since, latest);
                }
                if !page.more {
                    tokio::task::yield_now().await;
                }
            }
        })
    };
    for w in writers {
        w.await.unwrap();
    }
    let (mut since, mut latest) = reader.await.unwrap();
    // Catch up on what was written after the reader stopped.
    loop {
        let page = s.changes("S01", since, 100).await.unwrap();
        for c in page.changes {
            let key = key_of(&c.item);
            latest.insert(key, c.item);
        }
        since = page.next;
        if !page.more {
            break;
        }
    }
    // What the terminal pieced together page by page is exactly head office's final state.
    let full = s.changes("S01", 0, 1000).await.unwrap();
    assert!(!full.more);
    assert_eq!(full.changes.len(), latest.len());
    for c in full.changes {
        let key = key_of(&c.item);
        assert_eq!(latest.get(&key), Some(&c.item), "{key}");
    }
    for w in 0..6 {
        assert_eq!(
            latest.get(&format!("stock W{w}")),
            Some(&ChangeItem::Stock { sku: format!("W{w}"), quantity_milli: 40_000 })
        );
    }
});

both!(unknown_stores_and_bad_codes_are_refused, |db: TestDb| async move {
    let s = db.storage.as_ref();
    assert!(s.add_terminal("S09", "T01", "x").await.unwrap_err().to_string().contains("S09"));
    assert!(s.add_store("S 1", "x").await.is_err());
    s.add_store("S01", "x").await.unwrap();
    assert!(s.add_store("S01", "x").await.unwrap_err().to_string().contains("already exists"));
    let e = StockEntry {
        store: "S09".into(),
        sku: "A".into(),
        quantity_milli: 1,
        kind: StockKind::Receive,
        note: String::new(),
    };
    assert!(s.record_stock(&e).await.is_err());
    assert!(s.stock("S09").await.unwrap().is_empty());
});

both!(a_sale_is_found_with_what_every_terminal_returned_from_it, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    register(s, "S01", "T02").await;
    register(s, "S02", "T01").await;
    let mut t1 = Chain::new("S01", "T01");
    t1.add(sale(&[("A", 3, 1000), ("B", 1, 2500)]));
    t1.add(common::return_of(1, "S01-T01-000001", 1, "A", 1, 1000));
    let mut t2 = Chain::new("S01", "T02");
    t2.add(common::return_of(1, "S01-T01-000001", 1, "A", 1, 1000));
    s.ingest(&t1.origin, t1.docs.clone(), None).await.unwrap();
    s.ingest(&t2.origin, t2.docs.clone(), None).await.unwrap();
    let found = s.sale_for_return("S01", "S01-T01-000001").await.unwrap().unwrap();
    assert_eq!(found.document, t1.docs[0].pushed);
    assert!(!found.voided);
    let returned: Vec<(String, u64, u32, i64)> =
        found.returned.iter().map(|r| (r.terminal.clone(), r.seq, r.line_no, r.quantity_milli)).collect();
    assert_eq!(returned, [("T01".into(), 2, 1, 1000), ("T02".into(), 1, 1, 1000)]);
    assert!(s.sale_for_return("S02", "S01-T01-000001").await.unwrap().is_none(), "another store's sale");
    assert!(s.sale_for_return("S01", "S01-T01-000002").await.unwrap().is_none(), "a return is not a sale");
    // Stock came back from both returns.
    assert_eq!(stock_of(s, "S01").await.get("A"), Some(&-1000));
});
