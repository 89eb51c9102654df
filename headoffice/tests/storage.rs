//! The storage suite: every test runs on SQLite and on PostgreSQL (127.0.0.1:5432).

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use common::{Chain, TestDb, register, sale, void};
use kasir_core::policy::Role;
use kasir_core::wire::UserRecord;
use kasir_core::wire::{ChangeItem, ProductRecord, QuickKeyRecord, TaxClassRecord};
use kasir_headoffice::Storage;
use kasir_headoffice::StorageError;
use kasir_headoffice::auth::hash_pin;
use kasir_headoffice::storage::{
    EnrolRefusal, NewUser, RefusalKind, ReportBy, ReportQuery, StockEntry, StockKind, StoreChange,
};

fn day(d: &str) -> NaiveDate {
    d.parse().unwrap()
}

async fn report(s: &dyn Storage, by: ReportBy) -> Vec<(String, i128, i128)> {
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
    s.put_tax_class(&TaxClassRecord { code: "PPN".into(), rate_bp: 1100, dpp: Default::default() })
        .await
        .unwrap();
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
            ChangeItem::User(u) => format!("user {}", u.code),
            ChangeItem::ReceiptLines { header, .. } => format!("receipt {}", header.join("|")),
        })
        .collect();
    assert_eq!(
        kinds,
        ["PPN", "P1@2000", "P2@3000", "P3@4000", "P4@5000", "keys1", "stock P1 10000", "P0@1500"]
    );
    // Nothing new: an empty page at the same cursor. Then one change, and only it.
    let page = s.changes("S01", since, 3).await.unwrap();
    assert!(page.changes.is_empty() && !page.more && page.next == since);
    s.record_stock(&StockEntry {
        kind: StockKind::Adjust,
        quantity_milli: -1000,
        note: "count".into(),
        ..entry("S01", 0)
    })
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

fn new_user(code: &str, role: Role, pin: &str, stores: &[&str]) -> NewUser {
    NewUser {
        code: code.into(),
        name: format!("User {code}"),
        role,
        pin_hash: hash_pin(code, pin).unwrap(),
        stores: stores.iter().map(|s| s.to_string()).collect(),
    }
}

/// The users a store's terminals hear of after `since`, in order, and the next cursor.
async fn users_fed(s: &dyn Storage, store: &str, since: u64) -> (Vec<UserRecord>, u64) {
    let page = s.changes(store, since, 1000).await.unwrap();
    let users = page
        .changes
        .into_iter()
        .filter_map(|c| match c.item {
            ChangeItem::User(u) => Some(u),
            _ => None,
        })
        .collect();
    (users, page.next)
}

both!(users_reach_the_stores_they_work_in_and_leave_them_inactive, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_store("S02", "Toko Dua").await.unwrap();
    s.add_user(&new_user("K03", Role::Cashier, "3333", &["S01", "S02"])).await.unwrap();
    s.add_user(&new_user("K04", Role::Cashier, "4444", &["S02"])).await.unwrap();
    s.add_user(&new_user("M02", Role::Manager, "5555", &["S01"])).await.unwrap();

    let (fed, s01) = users_fed(s, "S01", 0).await;
    let seen: Vec<(&str, Role, bool)> = fed.iter().map(|u| (u.code.as_str(), u.role, u.active)).collect();
    assert_eq!(seen, [("K03", Role::Cashier, true), ("M02", Role::Manager, true)], "K04 works only in S02");
    assert!(fed[0].pin_hash.starts_with("$argon2id$") && !fed[0].pin_hash.contains("3333"));
    let (fed, s02) = users_fed(s, "S02", 0).await;
    assert_eq!(fed.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(), ["K03", "K04"]);

    // K03 leaves S01: S01 hears of K03 as inactive, S02 still has K03 active.
    s.set_user_stores("K03", &["S02".into()]).await.unwrap();
    let (fed, s01) = users_fed(s, "S01", s01).await;
    assert_eq!(fed.iter().map(|u| (u.code.as_str(), u.active)).collect::<Vec<_>>(), [("K03", false)]);
    let (fed, s02) = users_fed(s, "S02", s02).await;
    assert_eq!(fed.iter().map(|u| (u.code.as_str(), u.active)).collect::<Vec<_>>(), [("K03", true)]);

    // A new PIN travels as a new hash; a deactivated user is inactive everywhere they worked.
    let old = fed[0].pin_hash.clone();
    s.set_user_pin("K03", &hash_pin("K03", "9999").unwrap()).await.unwrap();
    let (fed, s02) = users_fed(s, "S02", s02).await;
    assert!(fed.len() == 1 && fed[0].pin_hash != old && fed[0].active);
    s.deactivate_user("M02").await.unwrap();
    // S01 hears of K03's new PIN too, still as inactive: a store K03 left never has them back.
    let (fed, _) = users_fed(s, "S01", s01).await;
    assert_eq!(
        fed.iter().map(|u| (u.code.as_str(), u.active)).collect::<Vec<_>>(),
        [("K03", false), ("M02", false)]
    );
    let (fed, _) = users_fed(s, "S02", s02).await;
    assert!(fed.is_empty(), "M02 never worked in S02: {fed:?}");

    let all = s.users(None).await.unwrap();
    let listed: Vec<(&str, bool, Vec<String>)> =
        all.iter().map(|u| (u.code.as_str(), u.active, u.stores.clone())).collect();
    assert_eq!(
        listed,
        [
            ("K03", true, vec!["S02".to_string()]),
            ("K04", true, vec!["S02".to_string()]),
            ("M02", false, vec!["S01".to_string()])
        ]
    );
    let in_s02: Vec<String> = s.users(Some("S02")).await.unwrap().into_iter().map(|u| u.code).collect();
    assert_eq!(in_s02, ["K03", "K04"]);
});

both!(bad_user_changes_are_refused_and_change_nothing, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_user(&new_user("K03", Role::Cashier, "3333", &["S01"])).await.unwrap();
    let (_, cursor) = users_fed(s, "S01", 0).await;
    let before = s.users(None).await.unwrap();

    let refused = [
        s.add_user(&new_user("K09", Role::Cashier, "1234", &["S01", "S09"])).await,
        s.add_user(&new_user("K03", Role::Manager, "1234", &["S01"])).await,
        s.add_user(&new_user("K-9", Role::Cashier, "1234", &["S01"])).await,
        s.add_user(&new_user("K123456789", Role::Cashier, "1234", &["S01"])).await,
        s.add_user(&new_user("K10", Role::Cashier, "1234", &[])).await,
        s.add_user(&NewUser { pin_hash: "1234".into(), ..new_user("K11", Role::Cashier, "1234", &["S01"]) })
            .await,
        s.deactivate_user("K99").await,
        s.set_user_pin("K99", &hash_pin("K99", "1234").unwrap()).await,
        s.set_user_pin("K03", "not a hash").await,
        s.set_user_stores("K03", &["S09".into()]).await,
        s.set_user_stores("K99", &["S01".into()]).await,
    ];
    let messages: Vec<String> = refused.into_iter().map(|r| r.unwrap_err().to_string()).collect();
    let expected = [
        "store S09 is not known",
        "a user with code K03 already exists",
        "user code \"K-9\" must be 1 to 8 letters or digits",
        "user code \"K123456789\" must be 1 to 8",
        "user K10 must work in at least one store",
        "PIN hash of user K11 is not an argon2 PHC string",
        "user K99 is not known",
        "user K99 is not known",
        "PIN hash of user K03 is not an argon2",
        "store S09 is not known",
        "user K99 is not known",
    ];
    for (m, e) in messages.iter().zip(expected) {
        assert!(m.contains(e), "{m:?} should say {e:?}");
    }
    assert_eq!(s.users(None).await.unwrap(), before, "nothing changed");
    let page = s.changes("S01", cursor, 100).await.unwrap();
    assert!(page.changes.is_empty() && page.next == cursor, "no change reached the feed: {page:?}");
});

fn code_hash(code: &str) -> String {
    use kasir_headoffice::auth::{hash_enrolment_code, normalise_enrolment_code};
    hash_enrolment_code(&normalise_enrolment_code(code).unwrap())
}

fn in_hours(h: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() + chrono::Duration::hours(h)
}

both!(a_store_keeps_its_identity_for_the_terminals_that_join_it, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Merdeka").await.unwrap();
    let plain = s.store("S01").await.unwrap().unwrap();
    assert_eq!(
        (plain.name.as_str(), plain.address.as_str(), plain.utc_offset.as_str(), plain.currency.as_str()),
        ("Toko Merdeka", "", "+07:00", "IDR")
    );
    let change = StoreChange {
        address: Some("Jl. Merdeka 1, Bandung".into()),
        npwp: Some("01.234.567.8-901.000".into()),
        utc_offset: Some("+08:00".into()),
        ..Default::default()
    };
    s.set_store("S01", &change).await.unwrap();
    let id = s.store("S01").await.unwrap().unwrap();
    assert_eq!(
        (
            id.name.as_str(),
            id.address.as_str(),
            id.npwp.as_str(),
            id.utc_offset.as_str(),
            id.currency.as_str()
        ),
        ("Toko Merdeka", "Jl. Merdeka 1, Bandung", "01.234.567.8-901.000", "+08:00", "IDR")
    );
    assert!(s.store("S09").await.unwrap().is_none());
    let refused = [
        s.set_store("S09", &StoreChange { name: Some("X".into()), ..Default::default() }).await,
        s.set_store("S01", &StoreChange { utc_offset: Some("WIB".into()), ..Default::default() }).await,
        s.set_store("S01", &StoreChange { currency: Some("XYZ".into()), ..Default::default() }).await,
        s.set_store("S01", &StoreChange { name: Some(" ".into()), ..Default::default() }).await,
    ];
    let expected = ["store S09 is not known", "not an offset like +07:00", "IDR, USD", "needs a name"];
    for (r, e) in refused.into_iter().zip(expected) {
        let m = r.unwrap_err().to_string();
        assert!(m.contains(e), "{m:?} should say {e:?}");
    }
    assert_eq!(s.store("S01").await.unwrap().unwrap(), id, "nothing changed");
});

both!(an_enrolment_code_works_once_before_it_expires_and_replaces_the_token, |db: TestDb| async move {
    let s = db.storage.as_ref();
    let old_token = register(s, "S01", "T02").await;
    let old_hash = s.credentials("S01", "T02").await.unwrap().unwrap().token_hash;
    assert!(!old_token.is_empty());
    let t02 = kasir_core::chain::Origin { store: "S01".into(), terminal: "T02".into() };

    // A code for a terminal head office does not know is refused.
    let e = s.issue_enrolment_code("S01", "T09", &code_hash("AAAA-AAAA-AA"), in_hours(24)).await;
    assert!(e.unwrap_err().to_string().contains("terminal S01-T09 is not known"));

    s.issue_enrolment_code("S01", "T02", &code_hash("K7QX-M2PA-9T"), in_hours(24)).await.unwrap();
    assert_eq!(s.enrolment_terminal(&code_hash("k7qx m2pa 9t")).await.unwrap(), t02);
    let unknown = s.enrolment_terminal(&code_hash("K7QX-M2PA-9U")).await.unwrap_err();
    assert!(matches!(unknown, StorageError::Enrolment(EnrolRefusal::Unknown)), "{unknown}");

    let store = s.enrol(&code_hash("K7QX-M2PA-9T"), &t02, "$argon2id$new").await.unwrap();
    assert_eq!((store.code.as_str(), store.name.as_str()), ("S01", "Toko S01"));
    assert_eq!(s.credentials("S01", "T02").await.unwrap().unwrap().token_hash, "$argon2id$new");
    assert_ne!(old_hash, "$argon2id$new");

    // Used: refused, and the token stays what the enrolment made it.
    for e in [
        s.enrolment_terminal(&code_hash("K7QX-M2PA-9T")).await.unwrap_err(),
        s.enrol(&code_hash("K7QX-M2PA-9T"), &t02, "$argon2id$again").await.unwrap_err(),
    ] {
        assert!(matches!(e, StorageError::Enrolment(EnrolRefusal::Used)), "{e}");
        assert!(e.to_string().contains("already been used"), "{e}");
    }
    assert_eq!(s.credentials("S01", "T02").await.unwrap().unwrap().token_hash, "$argon2id$new");

    // Expired.
    s.issue_enrolment_code("S01", "T02", &code_hash("EXPD-EXPD-EX"), in_hours(-1)).await.unwrap();
    let e = s.enrol(&code_hash("EXPD-EXPD-EX"), &t02, "$argon2id$x").await.unwrap_err();
    assert!(matches!(e, StorageError::Enrolment(EnrolRefusal::Expired)), "{e}");

    // A newer code replaces an unused one.
    s.issue_enrolment_code("S01", "T02", &code_hash("FRST-FRST-FR"), in_hours(24)).await.unwrap();
    s.issue_enrolment_code("S01", "T02", &code_hash("SCND-SCND-SC"), in_hours(24)).await.unwrap();
    let e = s.enrolment_terminal(&code_hash("FRST-FRST-FR")).await.unwrap_err();
    assert!(matches!(e, StorageError::Enrolment(EnrolRefusal::Replaced)), "{e}");
    assert_eq!(
        s.credentials("S01", "T02").await.unwrap().unwrap().token_hash,
        "$argon2id$new",
        "nothing changed"
    );
    assert_eq!(s.enrolment_terminal(&code_hash("SCND-SCND-SC")).await.unwrap(), t02);
});

both!(of_two_enrolments_with_one_code_at_once_exactly_one_wins, |db: TestDb| async move {
    let storage = db.storage.clone();
    register(storage.as_ref(), "S01", "T02").await;
    let t02 = kasir_core::chain::Origin { store: "S01".into(), terminal: "T02".into() };
    for round in 0..5 {
        let code = format!("RACE-RACE-R{}", (b'A' + round) as char);
        storage.issue_enrolment_code("S01", "T02", &code_hash(&code), in_hours(1)).await.unwrap();
        let tries: Vec<_> = (0..4)
            .map(|i| {
                let (s, o, h) = (storage.clone(), t02.clone(), code_hash(&code));
                tokio::spawn(async move { s.enrol(&h, &o, &format!("$argon2id${i}")).await })
            })
            .collect();
        let mut won = Vec::new();
        for (i, t) in tries.into_iter().enumerate() {
            match t.await.unwrap() {
                Ok(_) => won.push(i),
                Err(StorageError::Enrolment(EnrolRefusal::Used)) => {}
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(won.len(), 1, "round {round}: {won:?}");
        let hash = storage.credentials("S01", "T02").await.unwrap().unwrap().token_hash;
        assert_eq!(hash, format!("$argon2id${}", won[0]));
    }
});

both!(receipt_lines_travel_in_the_feed_to_their_store_only, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_store("S02", "Toko Dua").await.unwrap();
    let lines = |page: &kasir_core::wire::ChangePage| -> Vec<(Vec<String>, Vec<String>)> {
        page.changes
            .iter()
            .filter_map(|c| match &c.item {
                ChangeItem::ReceiptLines { header, footer } => Some((header.clone(), footer.clone())),
                _ => None,
            })
            .collect()
    };
    // Never set: nothing in the feed, and the identity says so.
    assert!(lines(&s.changes("S01", 0, 100).await.unwrap()).is_empty());
    assert_eq!(s.store("S01").await.unwrap().unwrap().receipt_lines, None);

    let set = StoreChange {
        receipt_header: Some(vec!["Selamat datang".into()]),
        receipt_footer: Some(vec!["Terima kasih".into(), "Barang tidak dapat ditukar".into()]),
        ..Default::default()
    };
    s.set_store("S01", &set).await.unwrap();
    let page = s.changes("S01", 0, 100).await.unwrap();
    let expected = (
        vec!["Selamat datang".to_owned()],
        vec!["Terima kasih".to_owned(), "Barang tidak dapat ditukar".to_owned()],
    );
    assert_eq!(lines(&page), std::slice::from_ref(&expected));
    let identity = s.store("S01").await.unwrap().unwrap().receipt_lines.unwrap();
    assert_eq!((identity.header, identity.footer), expected);
    // The other store never hears of them.
    assert!(lines(&s.changes("S02", 0, 100).await.unwrap()).is_empty());
    assert_eq!(s.store("S02").await.unwrap().unwrap().receipt_lines, None);

    // A new footer alone keeps the header, under a new change number after the cursor.
    let since = page.next;
    s.set_store("S01", &StoreChange { receipt_footer: Some(vec![]), ..Default::default() }).await.unwrap();
    let page = s.changes("S01", since, 100).await.unwrap();
    assert_eq!(lines(&page), [(vec!["Selamat datang".to_owned()], vec![])]);
    assert!(page.changes.iter().all(|c| c.number > since));
    // Other details of the store are no change for the feed.
    s.set_store("S01", &StoreChange { address: Some("Jl. Baru 2".into()), ..Default::default() })
        .await
        .unwrap();
    assert!(s.changes("S01", page.next, 100).await.unwrap().changes.is_empty());

    // Too long, too many: refused in words, and nothing changes.
    let long = "x".repeat(49);
    for (change, says) in [
        (StoreChange { receipt_header: Some(vec![long]), ..Default::default() }, "49 characters long"),
        (StoreChange { receipt_footer: Some(vec!["a".into(); 6]), ..Default::default() }, "6 lines"),
    ] {
        let e = s.set_store("S01", &change).await.unwrap_err().to_string();
        assert!(e.contains("store S01") && e.contains(says), "{e}");
    }
    let unknown = StoreChange { receipt_header: Some(vec!["Hai".into()]), ..Default::default() };
    assert!(s.set_store("S09", &unknown).await.unwrap_err().to_string().contains("S09 is not known"));
    assert!(s.changes("S01", page.next, 100).await.unwrap().changes.is_empty());
    assert!(s.changes("S09", 0, 100).await.unwrap().changes.is_empty());
});
