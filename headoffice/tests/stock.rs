//! Stock at head office on SQLite and on PostgreSQL: reorder levels and the low-stock list,
//! adjustments that need a reason, and transfers between stores that never create or lose
//! stock, received exactly once, reaching both stores' terminals through the change feed.

mod common;

use common::serve::{cli, database_url, run_cli};
use common::{Chain, TestDb, register, sale};
use kasir_core::wire::ChangeItem;
use kasir_headoffice::Storage;
use kasir_headoffice::StorageError;
use kasir_headoffice::storage::{StockEntry, StockKind, TransferReceipt, TransferState};

const MIE: &str = "MIE-001";
const TEH: &str = "TEH-002";

/// A transfer's lines: (SKU, thousandths).
type Lines = Vec<(String, i64)>;

async fn stores(s: &dyn Storage, codes: &[&str]) {
    for c in codes {
        s.add_store(c, &format!("Toko {c}")).await.unwrap();
    }
}

async fn receive(s: &dyn Storage, store: &str, sku: &str, units: i64) -> i64 {
    let e = StockEntry {
        store: store.into(),
        sku: sku.into(),
        quantity_milli: units * 1000,
        kind: StockKind::Receive,
        note: "supplier delivery".into(),
    };
    s.record_stock(&e).await.unwrap()
}

/// A store's level of a product, in thousandths (0 when it has none).
async fn level(s: &dyn Storage, store: &str, sku: &str) -> i64 {
    s.stock_overview(store).await.unwrap().into_iter().find(|r| r.sku == sku).map_or(0, |r| r.quantity_milli)
}

/// The chain's stock of a product: every store's level plus what is in transit.
async fn chain_stock(s: &dyn Storage, all: &[&str], sku: &str) -> i64 {
    let mut total = 0;
    for store in all {
        total += level(s, store, sku).await;
    }
    for t in s.transfers(None).await.unwrap() {
        if t.state == TransferState::InTransit {
            total += t.lines.iter().filter(|(k, _)| k == sku).map(|(_, q)| q).sum::<i64>();
        }
    }
    total
}

/// The stock levels of a store's change feed from `since`, as (sku, level).
async fn fed_stock(s: &dyn Storage, store: &str, since: u64) -> Vec<(String, i64)> {
    let page = s.changes(store, since, 1000).await.unwrap();
    page.changes
        .into_iter()
        .filter_map(|c| match c.item {
            ChangeItem::Stock { sku, quantity_milli } => Some((sku, quantity_milli)),
            _ => None,
        })
        .collect()
}

both!(a_transfer_moves_stock_and_never_creates_or_loses_any, |db: TestDb| async move {
    let s = db.storage.as_ref();
    let all = ["S01", "S02", "S03"];
    stores(s, &all).await;
    receive(s, "S01", MIE, 40).await;
    receive(s, "S01", TEH, 10).await;
    receive(s, "S02", MIE, 5).await;
    let before = (chain_stock(s, &all, MIE).await, chain_stock(s, &all, TEH).await);
    assert_eq!(before, (45_000, 10_000));

    let lines = vec![(MIE.to_owned(), 12_000), (TEH.to_owned(), 2_500)];
    let id = s.send_transfer("S01", "S02", &lines, "for the weekend", "M01").await.unwrap();
    // Out of S01 at once, not yet in S02: in transit, shown with S02's levels.
    assert_eq!(level(s, "S01", MIE).await, 28_000);
    assert_eq!(level(s, "S01", TEH).await, 7_500);
    assert_eq!(level(s, "S02", MIE).await, 5_000);
    let s02 = s.stock_overview("S02").await.unwrap();
    let teh = s02.iter().find(|r| r.sku == TEH).expect("a product on its way in is listed");
    assert_eq!((teh.quantity_milli, teh.in_transit_in_milli), (0, 2_500));
    assert_eq!((chain_stock(s, &all, MIE).await, chain_stock(s, &all, TEH).await), before);

    let t = s.transfer(id).await.unwrap().unwrap();
    assert_eq!((t.from.as_str(), t.to.as_str(), t.state), ("S01", "S02", TransferState::InTransit));
    assert_eq!(t.lines, vec![(MIE.to_owned(), 12_000), (TEH.to_owned(), 2_500)]);
    assert_eq!((t.sent_by.as_str(), t.note.as_str()), ("M01", "for the weekend"));

    assert_eq!(s.receive_transfer(id, "M02").await.unwrap(), TransferReceipt::Received);
    assert_eq!(level(s, "S02", MIE).await, 17_000);
    assert_eq!(level(s, "S02", TEH).await, 2_500);
    assert_eq!(s.stock_overview("S02").await.unwrap().iter().map(|r| r.in_transit_in_milli).sum::<i64>(), 0);
    assert_eq!((chain_stock(s, &all, MIE).await, chain_stock(s, &all, TEH).await), before);

    // The receive delivered again (the answer was lost and it was retried): nothing doubles.
    match s.receive_transfer(id, "M02").await.unwrap() {
        TransferReceipt::AlreadyReceived { by, .. } => assert_eq!(by, "M02"),
        other => panic!("a second receive must say it was already received: {other:?}"),
    }
    assert_eq!(level(s, "S02", MIE).await, 17_000);
    assert_eq!((chain_stock(s, &all, MIE).await, chain_stock(s, &all, TEH).await), before);
    let t = s.transfer(id).await.unwrap().unwrap();
    assert_eq!((t.state, t.received_by.as_deref()), (TransferState::Received, Some("M02")));
    assert_eq!(s.transfers(Some(&["S03".to_owned()])).await.unwrap(), vec![]);
    assert_eq!(s.transfers(Some(&["S02".to_owned()])).await.unwrap().len(), 1);
});

both!(two_receives_at_once_put_the_stock_in_once, |db: TestDb| async move {
    let storage = db.storage.clone();
    let s = storage.as_ref();
    stores(s, &["S01", "S02"]).await;
    receive(s, "S01", MIE, 30).await;
    for round in 0..5 {
        let id = s.send_transfer("S01", "S02", &[(MIE.to_owned(), 1_000)], "", "M01").await.unwrap();
        let (a, b) = (storage.clone(), storage.clone());
        let one = tokio::spawn(async move { a.receive_transfer(id, "A").await.unwrap() });
        let two = tokio::spawn(async move { b.receive_transfer(id, "B").await.unwrap() });
        let answers = [one.await.unwrap(), two.await.unwrap()];
        let received = answers.iter().filter(|r| **r == TransferReceipt::Received).count();
        assert_eq!(received, 1, "round {round}: {answers:?}");
        assert_eq!(level(s, "S02", MIE).await, (round + 1) * 1_000);
    }
    assert_eq!(level(s, "S01", MIE).await + level(s, "S02", MIE).await, 30_000);
});

both!(a_transfer_that_makes_no_sense_is_refused_with_nothing_written, |db: TestDb| async move {
    let s = db.storage.as_ref();
    stores(s, &["S01", "S02"]).await;
    receive(s, "S01", MIE, 10).await;
    let one = |q: i64| vec![(MIE.to_owned(), q)];
    // (from, to, lines, what the refusal says)
    let cases: Vec<(&str, &str, Lines, &str)> = vec![
        ("S01", "S01", one(1_000), "itself"),
        ("S01", "S09", one(1_000), "S09"),
        ("S09", "S01", one(1_000), "S09"),
        ("S01", "S02", one(0), "more than zero"),
        ("S01", "S02", one(-1_000), "more than zero"),
        ("S01", "S02", vec![(MIE.to_owned(), 1_000), (MIE.to_owned(), 2_000)], "twice"),
        ("S01", "S02", vec![], "at least one"),
    ];
    for (from, to, lines, says) in cases {
        let e = s.send_transfer(from, to, &lines, "", "M01").await.unwrap_err();
        assert!(e.to_string().contains(says), "{from}->{to} {lines:?}: {e}");
        assert!(matches!(e, StorageError::Invalid(_) | StorageError::UnknownStore(_)), "{e:?}");
    }
    assert_eq!(s.transfers(None).await.unwrap(), vec![]);
    assert_eq!(level(s, "S01", MIE).await, 10_000);
    assert_eq!(level(s, "S02", MIE).await, 0);
    let e = s.receive_transfer(77, "M01").await.unwrap_err();
    assert!(e.to_string().contains("transfer 77 is not known"), "{e}");
});

both!(an_adjustment_needs_a_reason, |db: TestDb| async move {
    let s = db.storage.as_ref();
    stores(s, &["S01"]).await;
    receive(s, "S01", MIE, 10).await;
    let adjust = |note: &str| StockEntry {
        store: "S01".into(),
        sku: MIE.into(),
        quantity_milli: -2_000,
        kind: StockKind::Adjust,
        note: note.into(),
    };
    let e = s.record_stock(&adjust("  ")).await.unwrap_err();
    assert!(e.to_string().contains("needs a reason"), "{e}");
    assert_eq!(level(s, "S01", MIE).await, 10_000);
    assert_eq!(s.record_stock(&adjust("two packs torn")).await.unwrap(), 8_000);
});

both!(products_at_or_under_their_reorder_level_are_low, |db: TestDb| async move {
    let s = db.storage.as_ref();
    stores(s, &["S01", "S02"]).await;
    receive(s, "S01", MIE, 24).await;
    receive(s, "S01", TEH, 30).await;
    receive(s, "S02", MIE, 3).await;
    s.set_reorder_level("S01", MIE, 24_000).await.unwrap();
    s.set_reorder_level("S01", TEH, 24_000).await.unwrap();
    s.set_reorder_level("S02", MIE, 2_000).await.unwrap();
    // A level set for a product the store has never had: nothing on hand is low.
    s.set_reorder_level("S02", TEH, 1_000).await.unwrap();
    let low: Vec<_> =
        s.low_stock(None).await.unwrap().into_iter().map(|r| (r.store, r.sku, r.quantity_milli)).collect();
    assert_eq!(low, vec![("S01".into(), MIE.into(), 24_000), ("S02".into(), TEH.into(), 0)]);
    let mine = s.low_stock(Some(&["S02".to_owned()])).await.unwrap();
    assert_eq!(mine.iter().map(|r| r.sku.as_str()).collect::<Vec<_>>(), [TEH]);
    assert_eq!(s.low_stock(Some(&[])).await.unwrap(), vec![]);
    let s01 = s.stock_overview("S01").await.unwrap();
    let mie = s01.iter().find(|r| r.sku == MIE).unwrap();
    assert_eq!((mie.reorder_milli, mie.low()), (Some(24_000), true));
    let teh = s01.iter().find(|r| r.sku == TEH).unwrap();
    assert!(!teh.low());
    // Changed, not added twice; a selling day takes MIE above it no more.
    s.set_reorder_level("S01", MIE, 10_000).await.unwrap();
    assert!(s.low_stock(Some(&["S01".to_owned()])).await.unwrap().is_empty());
    assert!(s.set_reorder_level("S01", MIE, -1).await.is_err());
    assert!(matches!(s.set_reorder_level("S09", MIE, 1).await, Err(StorageError::UnknownStore(_))));
});

both!(a_transfer_reaches_both_stores_terminals, |db: TestDb| async move {
    let s = db.storage.as_ref();
    register(s, "S01", "T01").await;
    register(s, "S02", "T01").await;
    receive(s, "S01", MIE, 20).await;
    // A sale pushed by S01's terminal (on PostgreSQL its stock row waits, pending, for the
    // feed to number it) is counted with the transfer, not lost by it.
    let mut c = Chain::new("S01", "T01");
    c.add(sale(&[(MIE, 2, 3_500)]));
    s.ingest(&c.origin, c.range(1, 1), Some(1)).await.unwrap();
    let s01_seen = s.changes("S01", 0, 1000).await.unwrap().next;
    let s02_seen = s.changes("S02", 0, 1000).await.unwrap().next;

    let id = s.send_transfer("S01", "S02", &[(MIE.to_owned(), 12_000)], "", "M01").await.unwrap();
    assert_eq!(fed_stock(s, "S01", s01_seen).await, vec![(MIE.to_owned(), 6_000)]);
    assert_eq!(fed_stock(s, "S02", s02_seen).await, vec![]);
    assert!(fed_stock(s, "S01", 0).await.contains(&(MIE.to_owned(), 6_000)));

    let s01_seen = s.changes("S01", 0, 1000).await.unwrap().next;
    s.receive_transfer(id, "M02").await.unwrap();
    assert_eq!(fed_stock(s, "S02", s02_seen).await, vec![(MIE.to_owned(), 12_000)]);
    assert_eq!(fed_stock(s, "S01", s01_seen).await, vec![], "receiving changes nothing in S01");
    // Another sale after the transfer still reaches S01.
    c.add(sale(&[(MIE, 1, 3_500)]));
    s.ingest(&c.origin, c.range(2, 2), Some(2)).await.unwrap();
    assert_eq!(fed_stock(s, "S01", s01_seen).await, vec![(MIE.to_owned(), 5_000)]);
});

both!(the_command_line_runs_stock, |db: TestDb| async move {
    let s = db.storage.as_ref();
    stores(s, &["S01", "S02"]).await;
    let d = db.database.clone();
    let url = database_url(&d);
    tokio::task::spawn_blocking(move || {
        cli(&d, &["stock", "receive", "--store", "S01", "--sku", MIE, "--quantity", "40"]);
        cli(&d, &["stock", "receive", "--store", "S01", "--sku", TEH, "--quantity", "6"]);
        let out = cli(&d, &["stock", "reorder", "--store", "S01", "--sku", TEH, "--level", "6"]);
        assert!(out.contains("low at 6 or under"), "{out}");
        let out = cli(&d, &["stock", "low", "--store", "S01"]);
        assert!(out.contains(TEH) && !out.contains(MIE), "{out}");
        let out = cli(
            &d,
            &[
                "stock",
                "transfer",
                "--from",
                "S01",
                "--to",
                "S02",
                "--sku",
                MIE,
                "--quantity",
                "12",
                "--sku",
                TEH,
                "--quantity",
                "1.5",
                "--note",
                "weekend",
            ],
        );
        assert!(out.contains("transfer 1 sent from S01 to S02"), "{out}");
        let out = cli(&d, &["stock", "show", "--store", "S01"]);
        let mie = out.lines().find(|l| l.starts_with(MIE)).unwrap();
        assert_eq!(mie.split_whitespace().nth(1), Some("28"), "{out}");
        let teh = out.lines().find(|l| l.starts_with(TEH)).unwrap();
        assert!(teh.contains("4.5") && teh.ends_with("LOW"), "{out}");
        let out = cli(&d, &["stock", "transfers", "--store", "S02"]);
        assert!(
            out.contains("S01 -> S02") && out.contains("in_transit") && out.contains("TEH-002 1.5"),
            "{out}"
        );
        let out = cli(&d, &["stock", "show", "--store", "S02"]);
        let mie = out.lines().find(|l| l.starts_with(MIE)).unwrap();
        assert_eq!(mie.split_whitespace().collect::<Vec<_>>(), [MIE, "0", "-", "12"], "{out}");
        let out = cli(&d, &["stock", "receive-transfer", "--id", "1"]);
        assert!(out.contains("transfer 1 received"), "{out}");
        let out = cli(&d, &["stock", "receive-transfer", "--id", "1"]);
        assert!(out.contains("already received"), "{out}");
        let out = cli(&d, &["stock", "show", "--store", "S02"]);
        let mie = out.lines().find(|l| l.starts_with(MIE)).unwrap();
        assert_eq!(mie.split_whitespace().collect::<Vec<_>>(), [MIE, "12", "-", "0"], "{out}");
        let (ok, out) = run_cli(
            &url,
            &["stock", "transfer", "--from", "S01", "--to", "S01", "--sku", MIE, "--quantity", "1"],
        );
        assert!(!ok && out.contains("itself"), "{out}");
        let (ok, out) = run_cli(
            &url,
            &[
                "stock",
                "transfer",
                "--from",
                "S01",
                "--to",
                "S02",
                "--sku",
                MIE,
                "--sku",
                TEH,
                "--quantity",
                "1",
            ],
        );
        assert!(!ok && out.contains("one --quantity for each --sku"), "{out}");
        let (ok, out) = run_cli(
            &url,
            &["stock", "adjust", "--store", "S01", "--sku", MIE, "--quantity", "-1", "--reason", " "],
        );
        assert!(!ok && out.contains("reason"), "{out}");
    })
    .await
    .unwrap();
    assert_eq!(level(s, "S01", MIE).await + level(s, "S02", MIE).await, 40_000);
});
