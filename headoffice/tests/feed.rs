//! The change feed under live pushes: terminals of two stores push sales one document at a
//! time while head office receives goods and a terminal reads its store's feed as fast as it
//! can. Every stock row a push moved reaches the reader, with its final quantity, however
//! the commits interleave; the other store's rows never do.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use common::*;
use kasir_core::wire::ChangeItem;
use kasir_headoffice::Storage;
use kasir_headoffice::storage::{StockEntry, StockKind};

const SALES: usize = 30;

/// Reads the store's feed from `since` until it is caught up; the newest quantity by SKU.
async fn drain(s: &dyn Storage, store: &str, since: &mut u64, seen: &mut HashMap<String, i64>) -> bool {
    let page = s.changes(store, *since, 7).await.unwrap();
    for c in page.changes {
        if let ChangeItem::Stock { sku, quantity_milli } = c.item {
            seen.insert(sku, quantity_milli);
        }
    }
    *since = page.next;
    page.more
}

both!(live_pushes_never_hide_a_stock_change_from_the_feed, |db: TestDb| async move {
    let s: Arc<dyn Storage> = db.storage.clone();
    let terminals = [("S01", "T01"), ("S01", "T02"), ("S01", "T03"), ("S02", "T01")];
    for (store, terminal) in terminals {
        register(s.as_ref(), store, terminal).await;
    }
    let pushers: Vec<_> = terminals
        .iter()
        .map(|&(store, terminal)| {
            let s = s.clone();
            tokio::spawn(async move {
                let mut chain = Chain::new(store, terminal);
                for i in 0..SALES {
                    // Each sale sells a product nobody else sells: its stock row changes once,
                    // so a skipped change would never be put right by a later one.
                    let sku = format!("{store}-{terminal}-{i}");
                    let doc = chain.add(sale(&[(&sku, 1 + (i as i64 % 3), 1000)])).clone();
                    let ack = s.ingest(&chain.origin, vec![doc], None).await.unwrap();
                    assert_eq!(ack.acknowledged, i as u64 + 1);
                    assert_eq!((ack.refusal, ack.set_aside), (None, vec![]), "{store}-{terminal} sale {i}");
                }
            })
        })
        .collect();
    // Head office receiving goods meanwhile takes change numbers the classic way.
    let receiving = {
        let s = s.clone();
        tokio::spawn(async move {
            for i in 0..SALES {
                let e = StockEntry {
                    store: "S01".into(),
                    sku: format!("R{}", i % 5),
                    quantity_milli: 1000,
                    kind: StockKind::Receive,
                    note: String::new(),
                };
                s.record_stock(&e).await.unwrap();
            }
        })
    };
    let reader = {
        let s = s.clone();
        tokio::spawn(async move {
            let (mut since, mut seen) = (0, HashMap::new());
            for _ in 0..300 {
                if !drain(s.as_ref(), "S01", &mut since, &mut seen).await {
                    tokio::task::yield_now().await;
                }
            }
            (since, seen)
        })
    };
    for p in pushers {
        p.await.unwrap();
    }
    receiving.await.unwrap();
    let (mut since, mut seen) = reader.await.unwrap();
    while drain(s.as_ref(), "S01", &mut since, &mut seen).await {}

    let stock: HashMap<String, i64> = s.stock("S01").await.unwrap().into_iter().collect();
    assert_eq!(stock.len(), 3 * SALES + 5);
    for (sku, quantity) in &stock {
        assert_eq!(seen.get(sku), Some(quantity), "stock of {sku} as the feed last said it");
    }
    assert!(seen.keys().all(|sku| !sku.starts_with("S02")), "another store's stock reached S01");
    // Read again from where the reader stopped: nothing new, nothing repeated.
    let page = s.changes("S01", since, 100).await.unwrap();
    assert!(page.changes.is_empty(), "{:?}", page.changes);
});
